// 驾驶舱 in headless Chromium against the demo data: a city leader opens the cockpit on a desktop and on a 390×844
// phone and sees the four panel groups (任务推进, 指标对标, 企业诉求, 最新通报) filled from the three services; then
// feedback-api is stopped (the devstack's `--control-stdin` hook, see stack.mjs) and, on reload, the three feedback
// panels say 企业诉求服务暂不可用 while the task, indicator and bulletin panels still show their data. The service is
// started again and 重试 brings its panel back.
// Always starts its own ephemeral stack (port 19000): stopping a service needs the stack's control channel.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { startStack } from './stack.mjs';
import { DESKTOP, PHONE, launchChromium, login, openPage, screenshotPath, SCREENSHOTS } from './support.mjs';

const PANELS = ['tasks', 'worst', 'national', 'provincial', 'strengths', 'rates', 'clusters', 'trend', 'bulletin'];
const FEEDBACK_PANELS = ['rates', 'clusters', 'trend'];
const OTHER_PANELS = PANELS.filter((name) => !FEEDBACK_PANELS.includes(name));
const GROUPS = { tasks: '任务推进', indicators: '指标对标', feedback: '企业诉求', bulletin: '最新通报' };

let stack;
let baseUrl;
let browser;

before(
  async () => {
    stack = await startStack({ port: 19000, control: true });
    baseUrl = stack.baseUrl;
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

/** data-state of each named panel: loading, ready, down (its service unavailable) or error. */
const panelStates = (page, names) =>
  page.evaluate((list) => list.map((name) => document.querySelector(`.ck-panel.ck-${name}`)?.dataset.state ?? 'missing'), names);

/** Waits until every named panel is in the given state. */
async function waitForPanels(page, names, state) {
  await page.waitForFunction(
    ([list, wanted]) => list.every((name) => document.querySelector(`.ck-panel.ck-${name}`)?.dataset.state === wanted),
    [names, state],
    { timeout: 30_000 },
  );
}

/** The leader's cockpit, every panel loaded. */
async function openCockpit(viewport) {
  const page = await openPage(browser, viewport);
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await login(page, baseUrl, 'leader');
  assert.match(page.url(), /\/cockpit$/, 'a leader lands on the cockpit');
  await page.getByRole('heading', { name: '驾驶舱' }).waitFor();
  return { page, errors };
}

/** Checks the task, indicator and bulletin panels show real figures from the demo data. */
async function assertTasksIndicatorsBulletin(page) {
  const tasks = page.locator('.ck-tasks');
  const total = Number(await tasks.locator('[data-figure=total] .ck-figure-value').innerText().then((text) => text.replace(/\D/g, '')));
  assert.ok(total > 0, `tasks total ${total}`);
  const red = Number(await tasks.locator('[data-figure=red] .ck-figure-value').innerText());
  assert.ok(Number.isInteger(red), 'red count shown');
  assert.equal(await tasks.locator('.ck-status-legend li').count(), 4, 'four statuses');
  assert.ok((await page.locator('.ck-worst .ck-row').count()) > 0, 'the quarter names 差生');

  assert.match(await page.locator('.ck-national .ladder-rank-number').getAttribute('data-rank'), /^\d+$/, 'national rank');
  await page.locator('.ck-national').getByText('总体名次 · 保五争四冲三').waitFor();
  assert.match(await page.locator('.ck-provincial .ck-headline').innerText(), /项位列全省前三/);
  assert.ok((await page.locator('.ck-strengths [data-class=strength] .ck-row').count()) > 0, 'strengths listed');
  assert.ok((await page.locator('.ck-strengths [data-class=weakness] .ck-row').count()) > 0, 'weaknesses listed');

  assert.match(await page.locator('.ck-bulletin .ck-bulletin-number').innerText(), /〔\d{4}〕\d+号/, 'the latest bulletin 文号');
  assert.ok((await page.locator('.ck-bulletin .ck-bulletin-title').getAttribute('href')).startsWith('/bulletins/'));
}

async function assertFeedback(page) {
  assert.match(await page.locator('.ck-rates [data-rate=one_time_resolution] .ck-figure-value').innerText(), /%|—/);
  await page.locator('.ck-trend .ck-headline').getByText(/全年受理 \d+ 件，办结 \d+ 件/).waitFor();
  await page.locator('.ck-trend canvas').first().waitFor();
  assert.ok((await page.locator('.ck-clusters .ck-row').count()) > 0, 'open clusters listed');
}

describe('cockpit', () => {
  test('the leader sees all four panel groups with data on a desktop', { timeout: 120_000 }, async () => {
    const { page, errors } = await openCockpit(DESKTOP);
    await waitForPanels(page, PANELS, 'ready');
    for (const [group, title] of Object.entries(GROUPS)) {
      assert.equal(await page.locator(`.ck-group[data-group=${group}] .ck-group-title`).innerText(), title);
    }
    await assertTasksIndicatorsBulletin(page);
    await assertFeedback(page);
    // Each link leads where the figure came from: the red count opens the ledger filtered to red cards.
    assert.match(await page.locator('.ck-tasks [data-figure=red] a').getAttribute('href'), /^\/tasks\?year=\d{4}&warning=red$/);
    await page.screenshot({ path: screenshotPath('cockpit-desktop.png'), fullPage: true, animations: 'disabled' });
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('on a 390×844 phone the panels stack and nothing scrolls sideways', { timeout: 120_000 }, async () => {
    const { page, errors } = await openCockpit(PHONE);
    await waitForPanels(page, PANELS, 'ready');
    await assertTasksIndicatorsBulletin(page);
    await assertFeedback(page);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no horizontal scroll');
    // One column: every panel starts at the same left edge, each below the previous, within the screen.
    const boxes = await page.evaluate((names) =>
      names.map((name) => {
        const rect = document.querySelector(`.ck-panel.ck-${name}`).getBoundingClientRect();
        return { name, left: Math.round(rect.left), right: Math.round(rect.right), top: Math.round(rect.top) };
      }), PANELS);
    for (const box of boxes) {
      assert.equal(box.left, boxes[0].left, `${box.name} is not in the single column`);
      assert.ok(box.right <= PHONE.width, `${box.name} ends at ${box.right} px`);
    }
    const tops = boxes.map((box) => box.top);
    assert.deepEqual([...tops].sort((a, b) => a - b), tops, 'panels stack in order');
    await page.screenshot({ path: screenshotPath('cockpit-phone.png'), fullPage: true, animations: 'disabled' });
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('with feedback-api stopped the feedback panels say so and the rest still show data', { timeout: 240_000 }, async () => {
    const { page, errors } = await openCockpit(DESKTOP);
    await waitForPanels(page, PANELS, 'ready');
    const phone = await openCockpit(PHONE);
    await waitForPanels(phone.page, PANELS, 'ready');

    await stack.stopService('feedback');
    try {
      // The gateway now answers 502 for /api/feedback: on reload only the feedback panels are affected.
      for (const current of [page, phone.page]) {
        await current.reload();
        await waitForPanels(current, FEEDBACK_PANELS, 'down');
        await waitForPanels(current, OTHER_PANELS, 'ready');
        const feedback = current.locator('.ck-group[data-group=feedback]');
        assert.equal(await feedback.getByText('企业诉求服务暂不可用', { exact: true }).count(), 3);
        assert.equal(await current.getByText('任务台账服务暂不可用').count(), 0);
        assert.equal(await current.getByText('指标对标服务暂不可用').count(), 0);
        await assertTasksIndicatorsBulletin(current);
        assert.equal(await current.locator('.ck-rates .ck-figure').count(), 0, 'no stale rates shown');
      }
      assert.ok(await phone.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no horizontal scroll');
      await page.screenshot({ path: screenshotPath('cockpit-feedback-down.png'), fullPage: true, animations: 'disabled' });
      await phone.page.screenshot({ path: screenshotPath('cockpit-feedback-down-phone.png'), fullPage: true, animations: 'disabled' });
    } finally {
      await stack.startService('feedback');
    }

    // Back up: 重试 on a panel reloads it from the service.
    await page.locator('.ck-rates').getByRole('button', { name: /重\s*试/ }).click();
    await waitForPanels(page, ['rates'], 'ready');
    assert.match(await page.locator('.ck-rates [data-rate=satisfaction] .ck-figure-value').innerText(), /%|—/);
    assert.deepEqual(await panelStates(page, OTHER_PANELS), OTHER_PANELS.map(() => 'ready'));
    assert.deepEqual(errors, []);
    assert.deepEqual(phone.errors, []);
    await page.context().close();
    await phone.page.context().close();
  });
});
