// End-to-end checks of the staff SPA and the public report page in headless Debian Chromium.
// Starts its own ephemeral stack unless BASE_URL points at a running one.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { startStack } from './stack.mjs';
import { PHONE, SCREENSHOTS, launchChromium, login as loginAs, openPage as openPageIn } from './support.mjs';

const STAFF_MENU = ['驾驶舱', '任务台账', '指标对标', '企业诉求', '通报'];

let baseUrl = process.env.BASE_URL?.replace(/\/$/, '');
let stack;
let browser;

before(
  async () => {
    if (!baseUrl) {
      stack = await startStack();
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

const openPage = (viewport) => openPageIn(browser, viewport);

async function fillLogin(page, username, password) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

const login = (page, username) => loginAs(page, baseUrl, username);

const menuLabels = async (page) => (await page.getByRole('menuitem').allInnerTexts()).map((label) => label.trim());

describe('staff SPA', () => {
  test('reform office sees the Chinese shell with its menu, name and unit', { timeout: 60_000 }, async () => {
    const page = await openPage();
    const me = await login(page, 'office');

    const labels = await menuLabels(page);
    for (const label of STAFF_MENU) assert.ok(labels.includes(label), `menu ${JSON.stringify(labels)} lacks ${label}`);
    assert.ok(labels.includes('系统管理'));
    assert.match(page.url(), /\/cockpit$/, 'lands on the first menu entry');
    await page.getByText(me.unit.name, { exact: true }).first().waitFor();
    await page.getByText(me.display_name, { exact: true }).first().waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
    await page.screenshot({ path: new URL('office-shell.png', SCREENSHOTS).pathname, fullPage: true });

    // The admin area lists real users and units from the API.
    await page.getByRole('menuitem', { name: '系统管理' }).click();
    await page.locator('.ant-table-row').first().waitFor();
    await page.getByText(/共 \d+ 条/).first().waitFor();
    await page.locator('.ant-spin-blur').waitFor({ state: 'detached' });
    await page.screenshot({ path: new URL('office-admin.png', SCREENSHOTS).pathname, fullPage: true, animations: 'disabled' });
    await page.context().close();
  });

  test('a wrong password shows the Chinese error from the API', { timeout: 60_000 }, async () => {
    const page = await openPage();
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/auth/v1/login')),
      fillLogin(page, 'office', 'not-the-password'),
    ]);
    assert.equal(response.status(), 401);
    const { detail } = await response.json();
    assert.match(detail, /[\u4e00-\u9fff]/, 'the API detail is Chinese');

    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.equal((await alert.innerText()).trim(), detail);
    assert.match(page.url(), /\/login$/);
    await page.context().close();
  });

  test('a responsible unit lands on its workbench and sees the task ledger but no cockpit', { timeout: 60_000 }, async () => {
    const page = await openPage();
    const me = await login(page, 'scjg');
    assert.ok(me.roles.includes('unit'), `scjg roles: ${me.roles}`);

    const labels = await menuLabels(page);
    assert.equal(labels[0], '我的工作台', `menu ${JSON.stringify(labels)}`);
    assert.ok(labels.includes('任务台账'), `menu ${JSON.stringify(labels)}`);
    assert.ok(!labels.includes('驾驶舱'), `menu ${JSON.stringify(labels)}`);
    assert.match(page.url(), /\/workbench$/);
    await page.getByRole('heading', { name: '我的工作台' }).waitFor();
    await page.getByText(`本单位：${me.unit.name}`).waitFor();
    await page.context().close();
  });

  test('the English switch translates the menu and is remembered', { timeout: 60_000 }, async () => {
    const page = await openPage();
    await login(page, 'office');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('menuitem', { name: 'Cockpit' }).waitFor();
    const labels = await menuLabels(page);
    for (const label of ['Cockpit', 'Task Ledger', 'Indicators', 'Enterprise Feedback', 'Bulletins']) {
      assert.ok(labels.includes(label), `menu ${JSON.stringify(labels)} lacks ${label}`);
    }
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');

    await page.reload();
    await page.getByRole('menuitem', { name: 'Task Ledger' }).waitFor();
    await page.screenshot({ path: new URL('office-shell-en.png', SCREENSHOTS).pathname });
    await page.context().close();
  });

  test('on a phone the menu moves into a drawer', { timeout: 60_000 }, async () => {
    const page = await openPage(PHONE);
    const me = await login(page, 'office');
    await page.getByRole('heading', { name: '驾驶舱' }).waitFor();
    assert.equal(await page.getByRole('menu').count(), 0, 'no side menu on a phone');
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no horizontal scroll');

    await page.getByRole('button', { name: '打开菜单' }).click();
    const drawer = page.locator('.ant-drawer-content');
    await drawer.getByRole('menuitem', { name: '任务台账' }).click();
    await page.getByRole('heading', { name: '任务台账' }).waitFor();
    await page.getByRole('button', { name: '打开菜单' }).click();
    await drawer.getByText(me.unit.name, { exact: true }).waitFor();
    await page.screenshot({ path: new URL('office-phone-drawer.png', SCREENSHOTS).pathname, animations: 'disabled' });
    await page.context().close();
  });
});

describe('public report page', () => {
  test('works on a 390 px phone without the staff libraries', { timeout: 60_000 }, async () => {
    const page = await openPage(PHONE);
    const scripts = [];
    page.on('request', (request) => request.resourceType() === 'script' && scripts.push(request.url()));

    await page.goto(`${baseUrl}/report`);
    await page.getByRole('heading', { name: '企业诉求在线反映' }).waitFor();
    await page.getByRole('button', { name: '提交诉求' }).waitFor();

    const { scrollWidth, innerWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    assert.ok(scrollWidth <= innerWidth, `horizontal scroll: ${scrollWidth}px content in a ${innerWidth}px viewport`);
    assert.deepEqual(
      scripts.filter((url) => /\/assets\/(antd|main)-/.test(url)),
      [],
      'the report page must not load the staff bundle',
    );
    await page.screenshot({ path: new URL('report-390.png', SCREENSHOTS).pathname, fullPage: true });
    await page.context().close();
  });
});
