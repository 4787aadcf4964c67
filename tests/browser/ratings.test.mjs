// 营商环境我来评 end to end in headless Chromium: an anonymous visitor on a 390×844 phone opens /report, follows the
// header link to /report/rate, finds 用水报装, gives 2 stars with a comment and gets a tracking code (the low rating
// became a case); the public league table reads on the same phone; then the reform office finds the case in its
// dispatch queue, and its 举一反三, 晾晒 and 我来评 pages load real data. No page scrolls sideways at 390 px.
// Starts its own ephemeral stack (port 18900) unless BASE_URL points at a running one.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { startStack } from './stack.mjs';
import { DESKTOP, PHONE, SCREENSHOTS, launchChromium, login, openPage, screenshotPath } from './support.mjs';

// Unique per run: the case is found by its number, the comment by this tag.
const RUN = Date.now().toString(36).slice(-6).toUpperCase();
const COMMENT = `增容审批跑了三次还没办好（${RUN}）`;

let baseUrl = process.env.BASE_URL?.replace(/\/$/, '');
let stack;
let browser;

before(
  async () => {
    if (!baseUrl) {
      stack = await startStack({ port: 18900 });
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

async function assertNoSideScroll(page, where) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `${where}: ${width}px content in a 390px viewport`);
}

const isPost = (response, path) => response.url().endsWith(path) && response.request().method() === 'POST';

describe('营商环境我来评', () => {
  test('a 2-star rating with a comment becomes a case the office dispatches', { timeout: 240_000 }, async () => {
    // 1. An anonymous visitor rates 用水报装 from a phone.
    const visitor = await openPage(browser, PHONE);
    const scripts = [];
    visitor.on('request', (request) => request.resourceType() === 'script' && scripts.push(request.url()));
    await visitor.goto(`${baseUrl}/report`);
    await visitor.getByRole('heading', { name: '企业诉求在线反映' }).waitFor();
    await visitor.getByRole('link', { name: '我来评' }).click();
    await visitor.waitForURL(`${baseUrl}/report/rate`);
    await visitor.getByRole('heading', { name: '营商环境我来评' }).waitFor();
    await visitor.getByLabel('搜索事项或部门').fill('用水');
    // Picking a service folds the list away to one line (so click, not check).
    await visitor.getByRole('radio', { name: /用水报装/ }).click();
    await visitor.getByTestId('chosen-service').getByText(/已选：用水报装/).waitFor();
    await visitor.getByRole('radio', { name: '2 星：不满意' }).check();
    await visitor.getByText('填写意见后，本次评价将转为诉求办理，承办部门会答复。').waitFor();
    await visitor.getByLabel(/评价意见/).fill(COMMENT);
    await assertNoSideScroll(visitor, '/report/rate form');
    await visitor.screenshot({ path: screenshotPath('ratings-rate-form.png'), fullPage: true });

    const [rated] = await Promise.all([
      visitor.waitForResponse((r) => isPost(r, '/api/feedback/v1/public/ratings')),
      visitor.getByRole('button', { name: '提交评价' }).click(),
    ]);
    assert.equal(rated.status(), 201, await rated.text());
    const created = await rated.json();
    assert.equal(created.stars, 2);
    assert.match(created.case_no, /^FK\d{8}-\d{6}$/);
    const code = (await visitor.getByTestId('tracking-code').innerText()).trim();
    assert.equal(code, created.tracking_code);
    assert.match(code, /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    await visitor.getByText('已转为诉求，查询码').waitFor();
    await assertNoSideScroll(visitor, '/report/rate thanks');
    await visitor.screenshot({ path: screenshotPath('ratings-rate-thanks.png'), fullPage: true });

    // 2. The public league table on the same phone: names and numbers, no staff bundle.
    await visitor.getByRole('link', { name: '晾晒榜' }).click();
    await visitor.getByRole('heading', { name: '诉求办理晾晒榜' }).waitFor();
    await visitor.locator('.league-row').first().waitFor();
    await assertNoSideScroll(visitor, '/report/league');
    await visitor.screenshot({ path: screenshotPath('ratings-league-public.png'), fullPage: true });
    assert.deepEqual(scripts.filter((url) => /\/assets\/(antd|echarts|main)-/.test(url)), [], 'the light entry loads no staff bundle');
    await visitor.context().close();

    // 3. The reform office finds the case waiting in its dispatch queue.
    const office = await openPage(browser, DESKTOP);
    await login(office, baseUrl, 'office');
    await office.goto(`${baseUrl}/feedback`);
    await office.getByRole('heading', { name: '企业诉求' }).waitFor();
    const search = office.getByPlaceholder('搜索编号、标题、企业名称、12345 工单号');
    await search.fill(created.case_no);
    await Promise.all([
      office.waitForResponse((r) => r.url().includes('/api/feedback/v1/cases?') && r.url().includes(`q=${created.case_no}`)),
      search.press('Enter'),
    ]);
    const row = office.locator('.fb-table .fb-row', { hasText: created.case_no });
    await row.waitFor();
    const text = await row.innerText();
    assert.ok(text.includes('「用水报装」2 星评价'), text);
    assert.ok(text.includes('已受理'), text);
    await row.getByRole('button', { name: /交\s*办/ }).waitFor();
    await office.screenshot({ path: screenshotPath('ratings-dispatch.png'), animations: 'disabled' });

    // 4. The office's 我来评 page lists the rating with a link to the case.
    await office.getByRole('tab', { name: '营商环境我来评' }).click();
    await office.getByText(/各事项（\d+）/).waitFor();
    await office.getByRole('tab', { name: '评价记录' }).click();
    const rating = office.locator('.fb2-ratings tr', { hasText: COMMENT });
    await rating.getByRole('link', { name: created.case_no }).waitFor();

    // 5. 举一反三 and 晾晒 load the demo data.
    await office.getByRole('tab', { name: '举一反三' }).click();
    const cluster = office.locator('.fb2-table .fb2-row').first();
    await cluster.waitFor();
    await office.locator('.fb2-spark').first().waitFor();
    await office.screenshot({ path: screenshotPath('ratings-clusters.png'), animations: 'disabled' });
    await cluster.click();
    await office.getByText(/类案诉求（\d+）/).waitFor();
    await office.goto(`${baseUrl}/feedback/league?period=2026-Q3`);
    await office.getByText(/^参与排名（\d+）$/).waitFor();
    await office.locator('.fb2-league-ranked .fb2-rank').first().waitFor();
    await office.screenshot({ path: screenshotPath('ratings-league-staff.png'), animations: 'disabled' });
    await office.context().close();
  });
});
