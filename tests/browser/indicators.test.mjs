// 指标对标 end to end in headless Chromium, on the demo stack's synthetic indicator data (杭州's national
// overall rank 5 in 2025, provincial ranks 1–4): a city leader reads the national overview (示例数据 banner,
// 保五争四冲三 ladder), the provincial league table and an indicator page with its charts and linked tasks;
// a lead unit enters a value the quality check flags; the reform office finds it in its queue, cannot approve
// it without a comment and returns it with one (so the demo data stay as they were).
// Starts its own ephemeral stack (port 18400) unless BASE_URL points at a running one.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { startStack } from './stack.mjs';
import { PHONE, SCREENSHOTS, launchChromium, login, openPage, screenshotPath } from './support.mjs';

const RUN = Date.now().toString(36).slice(-6).toUpperCase();
const SOURCE = `端到端测试 ${RUN}`;
const BANNER = '示例数据：以下为合成演示数据，并非官方公布结果';

let baseUrl = process.env.BASE_URL?.replace(/\/$/, '');
let stack;
let browser;

before(
  async () => {
    if (!baseUrl) {
      stack = await startStack({ port: 18400 });
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

/** Opens 指标对标 from the menu and waits for the national overview of 2025. */
async function openOverview(page) {
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/indicators/v1/frameworks/national/overview?period=2025') && r.status() === 200),
    page.getByRole('menuitem', { name: '指标对标' }).click(),
  ]);
  await page.locator('.overview-table, .overview-list').first().waitFor();
}

/** Picks an option of an antd Select found by its aria-label. */
async function pick(page, label, search, title) {
  const box = page.getByRole('combobox', { name: label });
  await box.click();
  if (search) await box.fill(search);
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${title}"]`).click();
}

describe('indicators', () => {
  test('a leader reads the national overview, the provincial league table and an indicator page', { timeout: 180_000 }, async () => {
    const page = await openPage(browser);
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await login(page, baseUrl, 'leader');

    // Leaders land on the cockpit, whose trend chart loads ECharts; the overview is opened in a fresh document so
    // its resource list shows what the shell and the overview alone load.
    const chartScripts = () => page.evaluate(() => performance.getEntriesByType('resource').filter((e) => /\/echarts-[\w-]+\.js$/.test(e.name)).length);
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/indicators/v1/frameworks/national/overview?period=2025') && r.status() === 200),
      page.goto(`${baseUrl}/indicators`),
    ]);
    await page.locator('.overview-table, .overview-list').first().waitFor();
    await page.getByText(BANNER).waitFor();
    const ladder = page.locator('.tier-ladder');
    assert.equal(await ladder.locator('.ladder-rank-number').getAttribute('data-rank'), '5');
    assert.equal(await ladder.getAttribute('data-tier'), 'floor_held');
    await ladder.getByText('保五守住').first().waitFor();
    await ladder.getByText('总体名次 · 保五争四冲三').waitFor();
    // 保五 reached, 争四 and 冲三 not yet.
    assert.deepEqual(await ladder.locator('.ladder-rung').evaluateAll((rungs) => rungs.map((r) => `${r.dataset.rung}:${r.dataset.reached}`)), [
      'stretch:false',
      'target:false',
      'floor:true',
    ]);
    const headline = await page.locator('.headline-main').innerText();
    assert.match(headline, /^\d+ \/ 18 项进入全国前十$/);
    assert.equal(await page.locator('.advantage-item').count(), 4);
    assert.equal(await page.locator('.overview-table .ant-table-row').count(), 18);
    assert.equal(await chartScripts(), 0, 'the overview needs no charts');
    await page.screenshot({ path: screenshotPath('indicators-overview.png'), fullPage: true });

    // The approved values of the framework and period download as a long-layout workbook.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出数据/ }).click()]);
    assert.match(download.suggestedFilename(), /^national_2025_long\.xlsx$/);

    // The provincial league table: SL-01 in 2026-Q3, the 11 cities, 杭州 highlighted.
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/indicators/v1/indicators/SL-01/leaderboard?period=2026-Q3') && r.status() === 200),
      page.getByRole('tab', { name: '省晾晒排行' }).click(),
    ]);
    await page.getByText('无感监测营商指数 · 2026年第三季度 · 11 市').waitFor();
    const rows = page.locator('.leaderboard-table .ant-table-row');
    assert.equal(await rows.count(), 11);
    const servedRow = page.locator('.leaderboard-table .lb-row-served');
    assert.equal(await servedRow.count(), 1);
    assert.match(await servedRow.innerText(), /杭州市/);
    const servedRank = Number(await servedRow.locator('.lb-rank').getAttribute('data-rank'));
    assert.ok(servedRank >= 1 && servedRank <= 4, `杭州 ranks ${servedRank} in the province`);
    // Competition ranks: never decreasing, the first is 1.
    const ranks = (await rows.locator('.lb-rank').evaluateAll((els) => els.map((el) => Number(el.dataset.rank))));
    assert.equal(ranks[0], 1);
    assert.ok(ranks.every((rank, i) => i === 0 || rank >= ranks[i - 1]), `ranks ${ranks}`);
    await page.locator('.peer-chart canvas').first().waitFor();
    await page.getByText(BANNER).waitFor();
    await page.screenshot({ path: screenshotPath('indicators-provincial.png'), fullPage: true });

    // An indicator page from the overview table: GP-07 获得用水用气.
    await page.getByRole('tab', { name: '体系总览' }).click();
    await page.locator('.overview-table').waitFor();
    await page.locator('.overview-table').getByRole('link', { name: '获得用水用气' }).click();
    await page.waitForURL(/\/indicators\/GP-07\?period=2025$/);
    await page.getByRole('heading', { name: '获得用水用气' }).waitFor();
    await page.locator('.trend-chart canvas').first().waitFor();
    await page.locator('.peer-chart canvas').first().waitFor();
    const canvas = await page.locator('.trend-chart canvas').first().boundingBox();
    assert.ok(canvas && canvas.width > 200 && canvas.height > 200, `trend canvas ${JSON.stringify(canvas)}`);
    await page.locator('.status-card').getByText('冲三达成').waitFor();
    await page.locator('.leaderboard-table .lb-row-served').getByText('杭州市').waitFor();
    const tasks = page.locator('.linked-tasks-card');
    await tasks.locator('.ant-table-row').first().waitFor();
    const taskLink = tasks.locator('.ant-table-row a').first();
    assert.match(await taskLink.getAttribute('href'), /^\/tasks\/\d{4}-[A-Z]{2}-\d{3}$/);
    await page.locator('.class-suggestion').getByText(/建议 [AB] 类/).waitFor();
    assert.equal(await chartScripts(), 1, 'ECharts loaded with the indicator page');
    await page.screenshot({ path: screenshotPath('indicators-gp07.png'), fullPage: true });

    // A linked task opens in the ledger.
    await taskLink.click();
    await page.waitForURL(/\/tasks\/\d{4}-[A-Z]{2}-\d{3}/);
    await page.locator('.task-detail').waitFor();
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('the overview fits a 390 px phone', { timeout: 120_000 }, async () => {
    const page = await openPage(browser, PHONE);
    await login(page, baseUrl, 'leader');
    await page.getByRole('button', { name: '打开菜单' }).click();
    await openOverview(page);
    await page.getByText(BANNER).waitFor();
    await page.locator('.tier-ladder').getByText('保五守住').first().waitFor();
    await page.getByText(/项进入全国前十/).waitFor();
    assert.equal(await page.locator('.overview-list .ov-list-item').count(), 18);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone`);
    await page.screenshot({ path: screenshotPath('indicators-phone.png'), fullPage: true });
    await page.context().close();
  });

  test('a lead unit enters a flagged value; the office cannot approve it without a comment and returns it', { timeout: 180_000 }, async () => {
    // 市发改委 leads GP-05 招标投标: 10 分 is far below the other cities (an outlier).
    const unit = await openPage(browser);
    await login(unit, baseUrl, 'fgw');
    await unit.getByRole('menuitem', { name: '指标对标' }).click();
    await unit.getByRole('tab', { name: '数据录入与审核' }).click();
    await unit.getByRole('tab', { name: '数据录入', exact: true }).waitFor();
    assert.equal(await unit.getByRole('tab', { name: '审核队列' }).count(), 0);
    await pick(unit, '指标', 'GP-05', 'GP-05 招标投标（分）');
    assert.equal(await unit.getByLabel('期间').inputValue(), '2025');
    await unit.getByLabel('数值').fill('10');
    await unit.getByLabel('数据来源').fill(SOURCE);
    const [submitted] = await Promise.all([
      unit.waitForResponse((r) => r.url().endsWith('/api/indicators/v1/observations') && r.request().method() === 'POST'),
      unit.getByRole('button', { name: /提交审核/ }).click(),
    ]);
    assert.equal(submitted.status(), 201, await submitted.text());
    await unit.getByText('已提交 1 条数据，待改革办审核').waitFor();
    await unit.locator('.entry-result').getByText('偏离均值').first().waitFor();
    await unit.context().close();

    const page = await openPage(browser);
    await login(page, baseUrl, 'office');
    await page.goto(`${baseUrl}/indicators/data`);
    await page.getByText(/待审核数据（\d+）/).waitFor();
    const row = page.locator('.queue-table .ant-table-row', { hasText: SOURCE });
    await row.waitFor();
    await row.getByText('偏离均值').waitFor();
    await page.screenshot({ path: screenshotPath('indicators-queue.png'), fullPage: true });

    await row.getByRole('checkbox').check();
    await page.getByRole('button', { name: /通过所选（1）/ }).click();
    let dialog = page.getByRole('dialog');
    await dialog.getByText('所选数据中有 1 条存在质量提示，须填写审核意见后才能通过。').waitFor();
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/indicators/v1/observations/review')),
      dialog.getByRole('button', { name: /通\s*过/ }).click(),
    ]);
    assert.equal(refused.status(), 422);
    await dialog.getByText(/请核实并填写审核意见后再通过/).waitFor();
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    await dialog.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: /退回所选（1）/ }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: /退\s*回/ }).click();
    await dialog.getByText('退回须填写意见').waitFor();
    await dialog.getByLabel('审核意见').fill('数值明显偏离其他城市，请核实统计口径后重报');
    const [returned] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/indicators/v1/observations/review')),
      dialog.getByRole('button', { name: /退\s*回/ }).click(),
    ]);
    assert.equal(returned.status(), 200, await returned.text());
    await page.getByText('已退回 1 条数据').waitFor();
    await row.waitFor({ state: 'detached' });
    await page.context().close();
  });
});
