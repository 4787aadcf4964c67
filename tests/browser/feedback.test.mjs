// 企业诉求 end to end in headless Chromium: an enterprise files a complaint at /report on a 390 px phone (with a
// photo) and gets a tracking code; the reform office assigns it from its dispatch queue to 市市场监管局; the unit
// accepts and replies from its phone; the enterprise opens /track with the code and phone, reads the reply and
// rates it, which closes the case. The public pages must not scroll sideways at 390 px.
// AI-assisted dispatch (docs/dispatch-suggestions.md): a case arrives, the office opens it, accepts the
// suggested category and unit with one click, and the suggested unit sees the case.
// Starts its own ephemeral stack (port 18800) unless BASE_URL points at a running one.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { startStack } from './stack.mjs';
import { DESKTOP, PASSWORD, PHONE, SCREENSHOTS, launchChromium, login, openPage, screenshotPath } from './support.mjs';

// Unique per run: the case is found by its title, and the per-phone daily limit never trips on a reused stack.
const RUN = Date.now().toString(36).slice(-6).toUpperCase();
const TITLE = `端到端测试 ${RUN}：新厂房用电报装超时`;
const PHONE_NUMBER = `139${String(Date.now()).slice(-8)}`;
const REPLY = `经协调（${RUN}），供电公司已完成外线接入并送电。`;
// A valid unified social credit code (GB 32100-2015 check character M).
const CREDIT_CODE = '91330106MA2CFXX77M';
// The smallest valid PNG: the API recognises attachments by their first bytes.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

let baseUrl = process.env.BASE_URL?.replace(/\/$/, '');
let stack;
let browser;

before(
  async () => {
    if (!baseUrl) {
      stack = await startStack({ port: 18800 });
      baseUrl = stack.baseUrl;
    }
    await mkdir(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
  },
  { timeout: 300_000 },
);

after(
  async () => {
    await browser?.close();
    await stack?.stop();
  },
  { timeout: 60_000 },
);

/** Fails when the page is wider than the 390 px phone. */
async function assertNoSideScroll(page, where) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `${where}: ${width}px content in a 390px viewport`);
}

const isPost = (response, path) => response.url().endsWith(path) && response.request().method() === 'POST';

describe('enterprise feedback', () => {
  test('file at /report → office assigns → unit accepts and replies → enterprise rates at /track', { timeout: 240_000 }, async () => {
    // 1. The enterprise files a complaint from its phone, with a photo.
    const enterprise = await openPage(browser, PHONE);
    const scripts = [];
    enterprise.on('request', (request) => request.resourceType() === 'script' && scripts.push(request.url()));
    await enterprise.goto(`${baseUrl}/report`);
    await enterprise.getByRole('heading', { name: '企业诉求在线反映' }).waitFor();
    await enterprise.getByRole('radio', { name: '投诉' }).check();
    await enterprise.getByText('投诉：5 个工作日内答复').waitFor();
    await enterprise.getByLabel(/诉求分类/).selectOption('utilities.power');
    await enterprise.getByLabel(/^标题/).fill(TITLE);
    await enterprise.getByLabel(/具体情况/).fill('我司新厂房用电报装已提交 20 个工作日，仍未完成外线接入，影响投产。');
    await enterprise.getByLabel(/期望的解决结果/).fill('尽快完成外线接入');
    await enterprise.getByLabel(/所在区县/).selectOption({ label: '西湖区' });
    await enterprise.getByLabel(/^地址/).fill('西湖区文三路 90 号');
    await enterprise.getByLabel(/企业名称/).fill('杭州云栖数智科技有限公司');
    // A wrong check character is caught in the browser, before anything is sent.
    await enterprise.getByLabel(/统一社会信用代码/).fill('91330106MA2CFXX77A');
    await enterprise.getByLabel(/^联系人/).fill('王先生');
    await enterprise.getByLabel(/^联系电话/).fill(PHONE_NUMBER);
    await enterprise.getByText('统一社会信用代码校验位不正确，请对照营业执照核对').waitFor();
    await enterprise.getByLabel(/统一社会信用代码/).fill(CREDIT_CODE);
    await enterprise.getByLabel('选择文件').setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: PNG });
    await enterprise.getByText('现场照片.png').waitFor();
    await assertNoSideScroll(enterprise, '/report form');
    await enterprise.screenshot({ path: screenshotPath('feedback-report-form.png'), fullPage: true });

    const [filed] = await Promise.all([
      enterprise.waitForResponse((r) => isPost(r, '/api/feedback/v1/public/cases')),
      enterprise.getByRole('button', { name: '提交诉求' }).click(),
    ]);
    assert.equal(filed.status(), 201, await filed.text());
    const created = await filed.json();
    const code = (await enterprise.getByTestId('tracking-code').innerText()).trim();
    assert.equal(code, created.tracking_code);
    assert.match(code, /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    await enterprise.getByText('附件已上传 1 个').waitFor();
    await assertNoSideScroll(enterprise, '/report success');
    await enterprise.screenshot({ path: screenshotPath('feedback-report-created.png'), fullPage: true });
    assert.deepEqual(scripts.filter((url) => /\/assets\/(antd|echarts|main)-/.test(url)), [], 'the light entry loads no staff bundle');
    await enterprise.context().close();

    // 2. The reform office finds it in its dispatch queue and assigns it to 市市场监管局.
    const office = await openPage(browser, DESKTOP);
    await login(office, baseUrl, 'office');
    await office.getByRole('menuitem', { name: '企业诉求' }).click();
    await office.getByRole('heading', { name: '企业诉求' }).waitFor();
    const search = office.getByPlaceholder('搜索编号、标题、企业名称、12345 工单号');
    await search.fill(created.case_no);
    await Promise.all([
      office.waitForResponse((r) => r.url().includes('/api/feedback/v1/cases?') && r.url().includes(`q=${created.case_no}`)),
      search.press('Enter'),
    ]);
    const row = office.locator('.fb-table .fb-row', { hasText: created.case_no });
    await row.waitFor();
    assert.ok((await row.innerText()).includes(TITLE));
    await row.getByRole('button', { name: /交\s*办/ }).click();
    const dialog = office.getByRole('dialog');
    await dialog.getByRole('combobox', { name: '主办单位' }).click();
    await dialog.getByRole('combobox', { name: '主办单位' }).fill('市场监管');
    await office.locator('.ant-select-item-option[title="市市场监管局"]').click();
    await dialog.getByLabel('交办说明（单位可见，企业不可见）').fill('请尽快协调供电公司');
    const [assigned] = await Promise.all([
      office.waitForResponse((r) => isPost(r, `/cases/${created.case_no}/assign`)),
      dialog.getByRole('button', { name: /交\s*办/ }).click(),
    ]);
    assert.equal(assigned.status(), 200, await assigned.text());
    assert.equal((await assigned.json()).main_unit.short_name, '市市场监管局');
    await office.screenshot({ path: screenshotPath('feedback-dispatch.png'), animations: 'disabled' });
    await office.context().close();

    // 3. 市市场监管局 accepts and replies from its phone.
    const unit = await openPage(browser, PHONE);
    await login(unit, baseUrl, 'scjg');
    await unit.goto(`${baseUrl}/feedback`);
    const card = unit.locator('.fb-card', { hasText: created.case_no });
    await card.waitFor();
    assert.equal(await card.getAttribute('data-deadline'), 'normal');
    assert.equal(await unit.locator('.feedback-page table').count(), 0, 'cards, not a wide table, on a phone');
    await assertNoSideScroll(unit, 'unit queue');
    await unit.screenshot({ path: screenshotPath('feedback-queue-phone.png'), fullPage: true, animations: 'disabled' });
    await card.getByRole('button', { name: /查\s*看/ }).click();
    await unit.getByRole('heading', { name: TITLE }).waitFor();
    // The phone is masked for everyone; the full number only through the audited reveal.
    await unit.getByText(`${PHONE_NUMBER.slice(0, 3)}****${PHONE_NUMBER.slice(-4)}`).waitFor();

    await unit.getByRole('button', { name: /签\s*收/ }).click();
    const [accepted] = await Promise.all([
      unit.waitForResponse((r) => isPost(r, `/cases/${created.case_no}/accept`)),
      unit.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定/ }).click(),
    ]);
    assert.equal(accepted.status(), 200, await accepted.text());

    await unit.getByRole('button', { name: /答复企业/ }).click();
    const replyForm = unit.getByRole('dialog', { name: '答复企业' });
    await replyForm.getByLabel('答复内容（企业可见）').fill(REPLY);
    await replyForm.getByRole('button', { name: '提交答复' }).click();
    const [replied] = await Promise.all([
      unit.waitForResponse((r) => isPost(r, `/cases/${created.case_no}/reply`)),
      unit.locator('.ant-modal-confirm').getByRole('button', { name: /确\s*定/ }).click(),
    ]);
    assert.equal(replied.status(), 200, await replied.text());
    await unit.locator('.fb-reply').getByText(REPLY).waitFor();
    await assertNoSideScroll(unit, 'case page (unit)');
    await unit.screenshot({ path: screenshotPath('feedback-case-phone.png'), fullPage: true, animations: 'disabled' });
    await unit.context().close();

    // 4. The enterprise tracks the case with code and phone, reads the reply and rates it.
    const tracker = await openPage(browser, PHONE);
    await tracker.goto(`${baseUrl}/track`);
    await tracker.getByRole('heading', { name: '诉求办理进度查询' }).waitFor();
    await tracker.getByLabel(/查询码/).fill(code.toLowerCase().replaceAll('-', ''));
    await tracker.getByLabel(/联系电话/).fill(PHONE_NUMBER);
    const [found] = await Promise.all([
      tracker.waitForResponse((r) => isPost(r, '/api/feedback/v1/public/track')),
      tracker.getByRole('button', { name: '查询' }).click(),
    ]);
    assert.equal(found.status(), 200, await found.text());
    await tracker.getByRole('heading', { name: TITLE }).waitFor();
    await tracker.locator('section.reply').getByText(REPLY).waitFor();
    assert.equal(await tracker.locator('[data-status]').first().getAttribute('data-status'), 'replied');
    await tracker.getByText('市市场监督管理局').first().waitFor();
    // No staff comment or internal note reaches the enterprise.
    assert.equal(await tracker.getByText('请尽快协调供电公司').count(), 0);
    await assertNoSideScroll(tracker, '/track');

    await tracker.getByRole('radio', { name: '满意', exact: true }).check();
    await tracker.getByLabel(/评价意见/).fill('办理及时，感谢');
    await tracker.getByRole('button', { name: '提交评价' }).click();
    const [rated] = await Promise.all([
      tracker.waitForResponse((r) => isPost(r, '/api/feedback/v1/public/track/rating')),
      tracker.getByRole('button', { name: '确认提交' }).click(),
    ]);
    assert.equal(rated.status(), 200, await rated.text());
    assert.equal((await rated.json()).status, 'closed');
    await tracker.getByText('感谢您的评价，诉求已办结。').waitFor();
    await tracker.getByText('您的评价：满意').waitFor();
    await assertNoSideScroll(tracker, '/track after rating');
    await tracker.screenshot({ path: screenshotPath('feedback-track-rated.png'), fullPage: true });
    await tracker.context().close();
  });

  test('a case arrives → the office accepts the suggested unit and category → the unit sees the case', { timeout: 180_000 }, async () => {
    // Demo users of the units the demo's keyword rules suggest (the usual unit of a category).
    const DEMO_USER = { 市发改委: 'fgw', 市市场监管局: 'scjg' };
    const api = async (path, { token, body } = {}) => {
      const response = await fetch(`${baseUrl}${path}`, {
        method: body ? 'POST' : 'GET',
        headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await response.text();
      assert.ok(response.ok, `${path}: ${response.status} ${text}`);
      return JSON.parse(text);
    };

    // 1. An enterprise files it through the public API, under 其他: the words say 用电报装.
    const form = await api('/api/feedback/v1/public/form-token', { body: {} });
    await new Promise((resolve) => setTimeout(resolve, form.min_fill_seconds * 1000 + 200));
    const title = `端到端分派 ${RUN}：新厂房用电报装迟迟不能接电`;
    const created = await api('/api/feedback/v1/public/cases', {
      body: {
        form_token: form.token, type: 'complaint', category_code: 'other', title,
        description: '我司申请用电报装后，外线工程一直未完成，新厂房无法投产。',
        enterprise_name: '杭州之江新材料有限公司', contact_name: '李女士', contact_phone: `137${String(Date.now()).slice(-8)}`,
        district: '西湖区',
      },
    });

    const { access_token: officeToken } = await api('/api/auth/v1/login', { body: { username: 'office', password: PASSWORD } });
    const suggestionsPath = `/api/feedback/v1/cases/${created.case_no}/suggestions`;
    const suggested = await api(suggestionsPath, { token: officeToken });
    const [topCategory] = suggested.categories;
    const [topUnit] = suggested.units;
    assert.equal(topCategory?.category.code, 'utilities.power', JSON.stringify(suggested.categories));
    const username = DEMO_USER[topUnit?.unit.short_name];
    assert.ok(username, `the suggested unit has a demo user: ${JSON.stringify(suggested.units)}`);

    // 2. The office opens the case, sees the suggestions in the assign dialog and accepts them.
    const office = await openPage(browser, DESKTOP);
    await login(office, baseUrl, 'office');
    await office.goto(`${baseUrl}/feedback/cases/${created.case_no}`);
    await office.getByRole('heading', { name: title }).waitFor();
    await office.getByRole('button', { name: /交\s*办/ }).click();
    const dialog = office.getByRole('dialog');
    const panel = dialog.getByRole('region', { name: '分派建议' });
    await panel.getByText('关键词规则').waitFor();
    await panel.getByText('水电气网 / 用电报装').first().waitFor();
    await panel.getByRole('button', { name: topUnit.unit.name }).waitFor();
    await panel.getByRole('button', { name: /采纳建议/ }).click();
    await panel.getByText('已采纳建议').waitFor();
    await dialog.locator('.ant-select-selection-item[title="市发改委"], .ant-select-selection-item[title="市市场监管局"]').first().waitFor();
    await office.screenshot({ path: screenshotPath('feedback-dispatch-suggestions.png'), animations: 'disabled' });
    const [assigned] = await Promise.all([
      office.waitForResponse((r) => isPost(r, `/cases/${created.case_no}/assign`)),
      dialog.getByRole('button', { name: /交\s*办/ }).click(),
    ]);
    assert.equal(assigned.status(), 200, await assigned.text());
    const after = await assigned.json();
    assert.equal(after.main_unit.id, topUnit.unit.id);
    assert.equal(after.category.code, 'utilities.power');
    await office.context().close();

    // The choice is recorded next to the suggestion, as accepted by a click.
    const [decision] = (await api(suggestionsPath, { token: officeToken })).decisions;
    assert.equal(decision.accepted_explicitly, true);
    assert.equal(decision.accepted, true);
    assert.equal(decision.chosen_unit.id, topUnit.unit.id);
    assert.equal(decision.suggested_category, 'utilities.power');
    assert.equal(decision.chosen_category, 'utilities.power');

    // 3. The suggested unit finds the case in its queue and opens it.
    const unit = await openPage(browser, PHONE);
    await login(unit, baseUrl, username);
    await unit.goto(`${baseUrl}/feedback`);
    const card = unit.locator('.fb-card', { hasText: created.case_no });
    await card.waitFor();
    await card.getByRole('button', { name: /查\s*看/ }).click();
    await unit.getByRole('heading', { name: title }).waitFor();
    await unit.getByRole('button', { name: /签\s*收/ }).waitFor();
    await unit.context().close();
  });
});
