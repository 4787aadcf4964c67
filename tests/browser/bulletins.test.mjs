// 晾晒与通报 end to end in headless Chromium: the reform office generates a monthly bulletin for 2026-10, publishes
// it and downloads the official notice (.docx) and its data (.xlsx); a responsible unit finds it in its inbox; a city
// leader opens 通报 on a 390 px phone and lands on the one-screen summary with the period's 优生 and the 文号.
// Generates its own bulletin and finds it by its period and id, so other demo bulletins do not matter.
// Starts its own ephemeral stack (port 18600) unless BASE_URL points at a running one.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { startStack } from './stack.mjs';
import { DESKTOP, PHONE, SCREENSHOTS, launchChromium, login, openPage, screenshotPath } from './support.mjs';

const PERIOD = '2026-10';
const PERIOD_LABEL = '2026年10月';

let baseUrl = process.env.BASE_URL?.replace(/\/$/, '');
let stack;
let browser;
/** The bulletin this run generated and published: { id, number, title }. */
let bulletin;

before(
  async () => {
    if (!baseUrl) {
      stack = await startStack({ port: 18600 });
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

/** Types a month into an antd picker inside a dialog and commits it (no Escape: it would close the dialog). */
async function pickInDialog(dialog, label, value) {
  const input = dialog.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  await dialog.locator('.ant-modal-title').click();
}

/** Saves a download from a button and checks it is a ZIP-based Office file of some size; returns its name. */
async function download(page, buttonName, extension) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: buttonName }).first().click()]);
  const name = file.suggestedFilename();
  assert.ok(name.endsWith(`.${extension}`), `download name: ${name}`);
  const bytes = await readFile(await file.path());
  assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', `${name} is not a ZIP container`);
  assert.ok(bytes.length > 4096, `${name} is only ${bytes.length} bytes`);
  return name;
}

describe('bulletins', () => {
  test('the office generates, publishes and downloads a monthly bulletin', { timeout: 240_000 }, async () => {
    const page = await openPage(browser, DESKTOP);
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await login(page, baseUrl, 'office');
    await page.getByRole('menuitem', { name: '通报' }).click();
    await page.getByRole('tab', { name: '历次通报' }).waitFor();

    // 生成通报: monthly, 2026-10, default date and title.
    await page.getByRole('button', { name: /生成通报/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('生成通报草稿').waitFor();
    await pickInDialog(dialog, '统计期间', PERIOD);
    await dialog.getByText(`${PERIOD_LABEL}：2026-10-01 至 2026-10-31`).waitFor();
    const [created] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/tasks/v1/bulletins') && r.request().method() === 'POST'),
      dialog.getByRole('button', { name: /生成草稿/ }).click(),
    ]);
    const draft = await created.json();
    assert.equal(created.status(), 201, JSON.stringify(draft));
    assert.deepEqual([draft.kind, draft.period, draft.status, draft.number], ['monthly', PERIOD, 'draft', null]);
    await page.waitForURL(new RegExp(`/bulletins/${draft.id}$`));

    // The draft as an official notice: issuing unit, 文号 pending, title, the league table.
    const paper = page.locator('.bl-paper');
    await paper.waitFor();
    assert.equal((await paper.locator('.bl-doc-number').innerText()).trim(), '（发布时编号）');
    await paper.getByRole('heading', { name: draft.title }).waitFor();
    assert.equal(await paper.locator('.bl-league .bl-league-row').count(), draft.content.league.rows.length);
    const issuerColor = await paper.locator('.bl-issuer').evaluate((el) => getComputedStyle(el).color);
    assert.equal(issuerColor, 'rgb(230, 0, 18)', 'the issuing unit is printed in red');

    // Publish after confirmation: numbered, dated, delivered.
    await page.getByRole('button', { name: /发\s*布$/ }).click();
    const confirm = page.getByRole('dialog');
    await confirm.getByText('发布后将编制文号').waitFor();
    const [publishResponse] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/bulletins/${draft.id}/publish`)),
      confirm.getByRole('button', { name: /确认发布/ }).click(),
    ]);
    const published = await publishResponse.json();
    assert.equal(publishResponse.status(), 200, JSON.stringify(published));
    assert.match(published.number, /〔2026〕\d+号$/);
    assert.ok(published.delivered > 0, 'delivered to the units');
    await page.locator('.bl-published', { hasText: `文号 ${published.number}` }).waitFor();
    assert.equal((await paper.locator('.bl-doc-number').innerText()).trim(), published.number);
    assert.equal(await page.getByRole('button', { name: /删除草稿/ }).count(), 0, 'a published bulletin cannot be deleted');
    bulletin = { id: draft.id, number: published.number, title: draft.title };
    await page.waitForFunction(() => !document.querySelector('.ant-message-notice'));
    await page.screenshot({ path: screenshotPath('bulletin.png'), animations: 'disabled' });

    // The Word notice and the Excel data, through the authenticated client, under the server's file names.
    const docx = await download(page, '下载公文（Word）', 'docx');
    assert.ok(docx.startsWith(published.number), `docx name: ${docx}`);
    await download(page, '下载数据（Excel）', 'xlsx');

    // The list finds it by its period, with its 文号 and delivery.
    await page.getByRole('tab', { name: '历次通报' }).click();
    await page.waitForURL(/\/bulletins$/);
    const row = page.locator('.bl-table .bl-row', { hasText: published.number });
    await row.waitFor();
    assert.match(await row.innerText(), new RegExp(PERIOD_LABEL));
    await row.getByText(`送达 ${published.delivered} 个单位`).waitFor();
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('a responsible unit finds the bulletin in its inbox', { timeout: 120_000 }, async () => {
    assert.ok(bulletin, 'the office test published a bulletin');
    const page = await openPage(browser, DESKTOP);
    await login(page, baseUrl, 'scjg');
    const bell = page.getByRole('button', { name: /收件箱：\d+ 条未读/ });
    await bell.click();
    await page.getByRole('heading', { name: '收件箱' }).waitFor();
    const item = page.locator('.inbox-item', { hasText: bulletin.number });
    await item.waitFor();
    assert.equal(await item.getAttribute('data-read'), 'no');
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/tasks/v1/inbox/') && r.url().endsWith('/read') && r.status() === 200),
      item.getByRole('button', { name: bulletin.title }).click(),
    ]);
    await page.waitForURL(new RegExp(`/bulletins/${bulletin.id}$`));
    assert.equal((await page.locator('.bl-doc-number').innerText()).trim(), bulletin.number);
    await page.context().close();
  });

  test('a leader on a phone lands on the summary with 优生 and the 文号, nothing scrolls sideways', { timeout: 120_000 }, async () => {
    assert.ok(bulletin, 'the office test published a bulletin');
    const page = await openPage(browser, PHONE);
    await login(page, baseUrl, 'leader');
    const [leagueResponse] = await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/api/tasks/v1/league-table?period=${PERIOD}`) && r.status() === 200),
      page.goto(`${baseUrl}/bulletins?period=${PERIOD}`),
    ]);
    await page.waitForURL(new RegExp(`/bulletins/summary\\?period=${PERIOD}$`));
    const league = await leagueResponse.json();
    assert.ok(league.best.length > 0, `no 优生 in ${PERIOD}: ${JSON.stringify(league.rows.slice(0, 3))}`);
    await page.getByText(`${PERIOD_LABEL}单位晾晒`).waitFor();
    for (const unit of league.best) {
      await page.locator('.sum-honours[data-honour=best] .sum-card-name', { hasText: unit.short_name || unit.name }).waitFor();
    }
    await page.locator('.sum-bulletin-number', { hasText: bulletin.number }).waitFor();
    await page.locator('.sum-list .sum-row').first().waitFor();
    assert.equal(await page.locator('.summary-page table').count(), 0, 'no wide table on the summary');

    const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
    assert.equal(innerWidth, 390);
    assert.ok(scrollWidth <= 390, `horizontal scroll: ${scrollWidth}px content in a 390px viewport`);
    await page.screenshot({ path: screenshotPath('bulletins-summary-phone.png'), fullPage: true, animations: 'disabled' });
    await page.context().close();
  });
});
