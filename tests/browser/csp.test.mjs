// The SPA under the gateway's strict Content-Security-Policy (script-src 'self', no eval, no inline script):
// every main page and the public report page render with no CSP violation and no page error.
// Starts its own ephemeral stack unless BASE_URL points at a running one.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startStack } from './stack.mjs';
import { PHONE, launchChromium, login, openPage } from './support.mjs';

let baseUrl = process.env.BASE_URL?.replace(/\/$/, '');
let stack;
let browser;

before(
  async () => {
    if (!baseUrl) {
      stack = await startStack({ port: 19200 });
      baseUrl = stack.baseUrl;
    }
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

/** Every CSP violation the page reports (console and securitypolicyviolation events), and every page error. */
async function watch(page) {
  const problems = [];
  page.on('console', (msg) => {
    if (/Content Security Policy/i.test(msg.text())) problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return problems;
}

test('staff pages render under the CSP', { timeout: 120_000 }, async () => {
  const page = await openPage(browser);
  const problems = await watch(page);
  const first = await page.goto(`${baseUrl}/login`);
  assert.match(first.headers()['content-security-policy'], /script-src 'self';/);
  await login(page, baseUrl, 'office');
  for (const path of ['/cockpit', '/tasks', '/feedback', '/indicators', '/bulletins']) {
    await page.goto(`${baseUrl}${path}`);
    // Rendered: a table, a card or a chart (each area's lazy chunk and its styles loaded).
    await page.locator('.app-content').locator('.ant-table, .ant-card, canvas').first().waitFor();
    if (path === '/cockpit') await page.locator('.app-content canvas').first().waitFor();
  }
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('the public report page renders under the CSP on a phone', { timeout: 60_000 }, async () => {
  const page = await openPage(browser, PHONE);
  const problems = await watch(page);
  const response = await page.goto(`${baseUrl}/report`);
  assert.match(response.headers()['content-security-policy'], /frame-ancestors 'none'/);
  await page.locator('form').first().waitFor();
  assert.deepEqual(problems, []);
  // The policy is enforced and the watch sees it: an injected inline script is refused and reported.
  await Promise.all([
    page.waitForEvent('console', (msg) => /Content Security Policy/i.test(msg.text())),
    page.addScriptTag({ content: 'window.injected = true;' }).catch(() => {}),
  ]);
  assert.equal(await page.evaluate(() => window.injected), undefined);
  assert.ok(problems.some((p) => /Content Security Policy/.test(p)), problems.join('\n'));
  await page.context().close();
});
