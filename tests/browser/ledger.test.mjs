// The task ledger end to end in headless Chromium: the office imports a workbook through the wizard,
// the ledger shows a red task for the as-of date, a responsible unit reports progress from its phone
// workbench, the lead unit approves it and the task shows the approved progress.
// Starts its own ephemeral stack (port 18200) unless BASE_URL points at a running one.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, startStack } from './stack.mjs';
import { DESKTOP, PHONE, SCREENSHOTS, launchChromium, login, openPage, pickDate, screenshotPath } from './support.mjs';

const AS_OF = '2026-11-22';
const EXAMPLE_PLAN = join(repoRoot, 'examples', '2026年营商环境优化提升重点任务清单.xlsx');
// Codes unique per run: the rows are always new, even against a long-running stack.
const RUN = Date.now().toString(36).slice(-6).toUpperCase();
const RED_CODE = `2026-E2E-${RUN}-1`;
const TITLE = `端到端测试 ${RUN}：健全企业信用修复协同机制`;

let baseUrl = process.env.BASE_URL?.replace(/\/$/, '');
let stack;
let browser;
let workDir;

/**
 * A small workbook in the office's template, written with openpyxl from the backend venv: a task led by
 * 市发改委 with 市市场监管局 responsible, due 2026-06-30 (so red on 2026-11-22), and two others.
 */
function writeWorkbook(path) {
  const script = `
import sys
from datetime import date
from openpyxl import Workbook
path, red_code, run, title = sys.argv[1:5]
wb = Workbook()
ws = wb.active
ws.title = "任务清单"
ws.append(["序号", "任务编号", "环境领域", "任务类别", "改革任务", "牵头单位", "责任单位", "完成时限", "一季度", "二季度", "三季度", "四季度"])
ws.append([1, red_code, "市场环境", "重点事项", title, "市发改委", "市市场监管局", date(2026, 6, 30),
           None, "完成信用修复协同方案（2026-05-15）", None, None])
ws.append([2, f"2026-E2E-{run}-2", "政务环境", "特色事项", f"端到端测试 {run}：政务服务事项清单动态管理", "市政务办",
           "市市场监管局、西湖区", date(2026, 12, 31), None, None, None, "完成年度目标任务"])
ws.append([3, f"2026-E2E-{run}-3", "法治环境", "长板优势", f"端到端测试 {run}：涉企行政合规指导", "市司法局",
           "市市场监管局", "长期坚持", None, None, None, None])
wb.save(path)
`;
  execFileSync(join(repoRoot, '.venv', 'bin', 'python'), ['-c', script, path, RED_CODE, RUN, TITLE]);
}

before(
  async () => {
    if (!baseUrl) {
      stack = await startStack({ port: 18200 });
      baseUrl = stack.baseUrl;
    }
    await mkdir(SCREENSHOTS, { recursive: true });
    workDir = await mkdtemp(join(tmpdir(), 'ledger-e2e-'));
    browser = await launchChromium();
  },
  { timeout: 300_000 },
);

after(
  async () => {
    await browser?.close();
    await stack?.stop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  },
  { timeout: 60_000 },
);

/** Uploads a workbook in the import wizard and returns the preview document the page shows. */
async function uploadForPreview(page, file) {
  await page.locator('input[type=file]').setInputFiles(file);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/tasks/v1/imports') && r.request().method() === 'POST'),
    page.getByRole('button', { name: '上传并预览' }).click(),
  ]);
  assert.equal(response.status(), 201, `preview: ${await response.text()}`);
  const preview = await response.json();
  await page.locator('.import-table .ant-table-row').first().waitFor();
  return preview;
}

/** Opens the ledger from the menu and sets the as-of date; returns once the list for that date is shown. */
async function openLedger(page) {
  await page.getByRole('menuitem', { name: '任务台账' }).click();
  await page.getByRole('heading', { name: '任务台账' }).waitFor();
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/tasks/v1/tasks?') && r.url().includes(`as_of=${AS_OF}`)),
    pickDate(page, '预警基准日', AS_OF),
  ]);
}

async function search(page, text) {
  const box = page.getByPlaceholder('搜索任务名称、举措、目标、编号、标签');
  await box.fill(text);
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/tasks/v1/tasks?') && r.url().includes(`q=${encodeURIComponent(text)}`)),
    box.press('Enter'),
  ]);
  await page.locator('.ant-spin-blur').waitFor({ state: 'detached' });
}

const rowOf = (page, text) => page.locator('.ledger-table .ant-table-row', { hasText: text });

describe('task ledger', () => {
  test('the office imports the example plan and the ledger shows its red tasks', { timeout: 180_000 }, async () => {
    const page = await openPage(browser);
    await login(page, baseUrl, 'office');
    await page.getByRole('menuitem', { name: '任务台账' }).click();
    await page.getByRole('button', { name: /导入任务清单/ }).click();
    await page.getByRole('heading', { name: '导入任务清单' }).waitFor();

    const preview = await uploadForPreview(page, EXAMPLE_PLAN);
    assert.equal(preview.summary.invalid, 0, `example plan errors: ${JSON.stringify(preview.errors.slice(0, 5))}`);
    assert.ok(preview.summary.rows >= 250, `only ${preview.summary.rows} rows`);
    await page.getByText(`全部 ${preview.summary.rows} 行核对无误，可以确认导入。`).waitFor();

    const [commit] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/commit')),
      page.getByRole('button', { name: '确认导入' }).click(),
    ]);
    // A stack whose demo plan is already published and differs would refuse with adjustment_required.
    const result = await commit.json();
    assert.equal(commit.status(), 200, `commit: ${JSON.stringify(result)}`);
    assert.equal(result.created + result.updated + result.unchanged, preview.summary.rows);
    await page.getByText('导入完成').waitFor();
    await page.getByRole('button', { name: '返回任务台账' }).click();

    await page.getByRole('heading', { name: '任务台账' }).waitFor();
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/tasks/v1/tasks?') && r.url().includes(`as_of=${AS_OF}`)),
      pickDate(page, '预警基准日', AS_OF),
    ]);
    const redTag = page.locator('.count-tag[data-warning=red]');
    // The counts re-render after the response: wait for a non-zero red count rather than read a stale one.
    await redTag.filter({ hasText: /[1-9]/ }).waitFor({ timeout: 15_000 });
    const redCount = Number((await redTag.innerText()).match(/\d+/)[0]);
    assert.ok(redCount > 0, 'the example plan has red tasks on the as-of date');
    await Promise.all([page.waitForResponse((r) => r.url().includes('warning=red')), redTag.click()]);
    await page.locator('.ant-spin-blur').waitFor({ state: 'detached' });
    const rows = page.locator('.ledger-table .ant-table-row');
    assert.ok((await rows.count()) > 0);
    for (const tag of await rows.locator('.warning-tag').all()) assert.equal((await tag.innerText()).trim(), '红牌');
    await page.getByText(`共 ${redCount} 项`).waitFor();
    await page.screenshot({ path: screenshotPath('ledger-red.png'), animations: 'disabled' });
    await page.context().close();
  });

  test('import → red task → a unit reports from its phone → the lead unit approves', { timeout: 240_000 }, async () => {
    const workbook = join(workDir, `e2e-${RUN}.xlsx`);
    writeWorkbook(workbook);

    // 1. The office imports the workbook through the wizard.
    const office = await openPage(browser);
    await login(office, baseUrl, 'office');
    await office.getByRole('menuitem', { name: '任务台账' }).click();
    await office.getByRole('button', { name: /导入任务清单/ }).click();
    const preview = await uploadForPreview(office, workbook);
    assert.deepEqual(
      { rows: preview.summary.rows, invalid: preview.summary.invalid, create: preview.summary.create },
      { rows: 3, invalid: 0, create: 3 },
      JSON.stringify(preview.errors),
    );
    assert.equal(await office.locator('.import-table [data-action=create]').count(), 3);
    await office.screenshot({ path: screenshotPath('import-preview.png'), animations: 'disabled' });
    await office.getByRole('button', { name: '确认导入' }).click();
    await office.getByText('2026 年任务清单：新增 3 项，更新 0 项，无变化 0 项。').waitFor();
    await office.getByRole('button', { name: '返回任务台账' }).click();

    // 2. The ledger shows the new tasks; on the as-of date the one due 2026-06-30 carries a red tag.
    await office.getByRole('heading', { name: '任务台账' }).waitFor();
    await Promise.all([
      office.waitForResponse((r) => r.url().includes('/api/tasks/v1/tasks?') && r.url().includes(`as_of=${AS_OF}`)),
      pickDate(office, '预警基准日', AS_OF),
    ]);
    await search(office, `端到端测试 ${RUN}`);
    assert.equal(await office.locator('.ledger-table .ant-table-row').count(), 3);
    const red = rowOf(office, TITLE);
    assert.equal((await red.locator('.warning-tag').innerText()).trim(), '红牌');
    assert.match((await red.getAttribute('class')) ?? '', /ledger-row-red/);
    assert.equal((await office.locator('.count-tag[data-warning=red]').innerText()).trim(), '红牌 1');
    await office.screenshot({ path: screenshotPath('ledger.png'), animations: 'disabled' });
    await office.context().close();

    // 3. 市市场监管局 (scjg) opens its workbench on a phone and reports progress on the red task.
    const unit = await openPage(browser, PHONE);
    const me = await login(unit, baseUrl, 'scjg');
    assert.ok(me.roles.includes('unit'), `scjg roles: ${me.roles}`);
    assert.match(unit.url(), /\/workbench$/, 'a unit lands on its workbench');
    await Promise.all([
      unit.waitForResponse((r) => r.url().includes(`/api/tasks/v1/workbench?as_of=${AS_OF}`) && r.ok()),
      unit.goto(`${baseUrl}/workbench?as_of=${AS_OF}`),
    ]);
    const toReport = unit.locator('.wb-section', { hasText: '本期待报送' });
    await toReport.locator('.wb-card').first().waitFor();
    // Long lists start folded on a phone; the new task may be further down.
    const card = toReport.locator('.wb-card', { hasText: RED_CODE });
    if (!(await card.count())) await toReport.getByRole('button', { name: /展开全部/ }).click();
    await card.waitFor();
    assert.equal(await card.getAttribute('data-warning'), 'red');
    assert.equal(await unit.locator('.workbench table').count(), 0, 'no wide table on a phone');
    const { scrollWidth, innerWidth } = await unit.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
    assert.ok(scrollWidth <= innerWidth, `horizontal scroll: ${scrollWidth}px content in a ${innerWidth}px viewport`);
    await unit.evaluate(() => window.scrollTo(0, 0));
    await unit.screenshot({ path: screenshotPath('workbench-phone.png'), animations: 'disabled' });

    await card.getByRole('button', { name: /报送进展/ }).click();
    await unit.getByRole('heading', { name: TITLE }).waitFor();
    const form = unit.locator('form', { hasText: '本期进展' });
    await form.getByLabel('本期进展').fill('已完成信用修复协同方案起草，正在征求责任单位意见。');
    await form.getByLabel('完成进度（%）').fill('60');
    const [submitted] = await Promise.all([
      unit.waitForResponse((r) => r.url().includes(`/tasks/${RED_CODE}/reports`) && r.request().method() === 'POST'),
      form.getByRole('button', { name: /提\s*交/ }).click(),
    ]);
    assert.equal(submitted.status(), 201, await submitted.text());
    const mine = unit.locator('.report-item', { hasText: '已完成信用修复协同方案起草' });
    await mine.getByText('待审核').waitFor();
    await unit.locator('.ant-message-notice').waitFor({ state: 'detached' });
    await unit.evaluate(() => window.scrollTo(0, 0));
    await unit.screenshot({ path: screenshotPath('detail-phone.png'), fullPage: true, animations: 'disabled' });
    await unit.context().close();

    // 4. 市发改委 (fgw), the lead unit, approves the report from the task's page.
    const lead = await openPage(browser, DESKTOP);
    await login(lead, baseUrl, 'fgw');
    await openLedger(lead);
    await search(lead, RED_CODE);
    await rowOf(lead, TITLE).locator('.ledger-title-cell').click();
    await lead.getByRole('heading', { name: TITLE }).waitFor();
    assert.match(lead.url(), new RegExp(`/tasks/${RED_CODE}\\?as_of=${AS_OF}$`));
    await lead.getByRole('tab', { name: '进展报送' }).click();
    const report = lead.locator('.report-item', { hasText: '已完成信用修复协同方案起草' });
    await report.getByRole('button', { name: /通\s*过/ }).click();
    const dialog = lead.getByRole('dialog');
    const [reviewed] = await Promise.all([
      lead.waitForResponse((r) => r.url().includes('/review') && r.request().method() === 'POST'),
      dialog.getByRole('button', { name: /通\s*过/ }).click(),
    ]);
    assert.equal(reviewed.status(), 200, await reviewed.text());
    await report.getByText('已通过').waitFor();

    // 5. The task now carries the approved progress, in the detail and in the ledger.
    await lead.locator('.progress-card .ant-progress-text', { hasText: '60%' }).first().waitFor();
    await lead.getByRole('tab', { name: '时间轴' }).click();
    await lead.locator('.history-item[data-action="report.approved"]').waitFor();
    await lead.locator('.history-item[data-action="report.submit"]').waitFor();
    await lead.getByRole('tab', { name: '进展报送' }).click();
    await lead.locator('.ant-message-notice').waitFor({ state: 'detached' });
    await lead.screenshot({ path: screenshotPath('task-detail.png'), fullPage: true, animations: 'disabled' });

    await lead.getByRole('button', { name: '返回' }).click();
    await lead.getByRole('heading', { name: '任务台账' }).waitFor();
    await rowOf(lead, TITLE).locator('.ant-progress-text', { hasText: '60%' }).waitFor();
    await lead.context().close();
  });

  test('the office reads 报送情况 and, after issuing reminder notices, the notice overview', { timeout: 180_000 }, async () => {
    const page = await openPage(browser);
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await login(page, baseUrl, 'office');
    await openLedger(page);

    // 报送情况 for the as-of date: the last closed period and every unit, most missing reports first.
    const [statusResponse] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/tasks/v1/reporting-status?') && r.url().includes(`as_of=${AS_OF}`)),
      page.getByRole('button', { name: /报送情况/ }).click(),
    ]);
    assert.equal(statusResponse.status(), 200, await statusResponse.text());
    const status = await statusResponse.json();
    await page.getByRole('heading', { name: '报送情况' }).waitFor();
    assert.match(page.url(), new RegExp(`/tasks/reporting\\?year=\\d{4}&as_of=${AS_OF}$`));
    await page.locator('.rs-period', { hasText: `上一报送期 ${status.period_start} 至 ${status.period_end}` }).waitFor();
    const rows = page.locator('.rs-table .rs-row');
    await rows.first().waitFor();
    assert.equal(await rows.count(), status.units.length);
    assert.ok(status.units.length > 0, 'the published plan expects reports from some units');
    const missing = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.querySelector('[data-kind=missing]').textContent)));
    assert.ok(missing.every((n, i) => i === 0 || n <= missing[i - 1]), `missing counts not sorted: ${missing}`);
    if (missing[0] > 0) {
      assert.match((await rows.first().getAttribute('class')) ?? '', /rs-row-missing/);
      const firstMissing = rows.first().locator('.rs-missing-task').first();
      assert.match(await firstMissing.getAttribute('href'), new RegExp(`^/tasks/[^?]+\\?as_of=${AS_OF}$`));
    }
    await page.screenshot({ path: screenshotPath('reporting-status.png'), animations: 'disabled' });

    // Back in the ledger: issue the day's notices (the demo plan is published), then follow the link to them.
    await page.getByRole('button', { name: '返回任务台账' }).click();
    await page.getByRole('heading', { name: '任务台账' }).waitFor();
    await page.getByRole('button', { name: /发出提示单/ }).click();
    const [run] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/tasks/v1/reminder-notices/run')),
      page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定|OK/ }).click(),
    ]);
    assert.equal(run.status(), 200, await run.text());
    await page.locator('.notices-run').getByRole('link', { name: '查看当天提示单' }).click();
    await page.waitForURL(new RegExp(`/tasks/notices\\?issued_on=${AS_OF}$`));
    await page.getByRole('heading', { name: '提示单' }).waitFor();
    await page.locator('.nt-counts .nt-count-row').first().waitFor();
    const notices = page.locator('.nt-table .nt-row');
    await notices.first().waitFor();
    assert.ok((await notices.count()) > 0, 'notices were issued for the red and yellow tasks');
    for (const cell of await notices.locator('td:nth-child(3)').all()) assert.equal((await cell.innerText()).trim(), AS_OF);
    await notices.first().locator('.ant-table-row-expand-icon').click();
    await page.locator('.nt-body .nt-content').first().waitFor();
    await page.screenshot({ path: screenshotPath('notices.png'), animations: 'disabled' });
    assert.deepEqual(errors, []);
    await page.context().close();
  });
});
