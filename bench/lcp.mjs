// Largest contentful paint of one SPA route in headless Chromium (bench/suites/spa.py).
// Usage: node bench/lcp.mjs <base-url> <path> --ready <css> [--runs 5]; tokens in LCP_ACCESS / LCP_REFRESH.
// Each run opens the route in a fresh browser context (nothing cached), signed in by putting the tokens where the
// SPA keeps them (src/auth/tokens.ts), waits for the page's own element (--ready), no spinner left and no request
// in flight for 500 ms (a bare 'networkidle' can come before the app has even asked for /me), then reads the last
// 'largest-contentful-paint' entry (buffered). Prints JSON: every run's LCP, its element, when the last API answer
// arrived (data_ms) and the slowest API calls, and the median LCP.
import { launchChromium, DESKTOP } from '../tests/browser/support.mjs';

const [baseUrl, path, ...rest] = process.argv.slice(2);
const option = (name, fallback) => {
  const at = rest.indexOf(`--${name}`);
  return at >= 0 ? rest[at + 1] : fallback;
};
const runs = Number(option('runs', '5'));
const ready = option('ready');
// From the environment, not the command line, where every process listing would show them.
const access = process.env.LCP_ACCESS;
const refresh = process.env.LCP_REFRESH;
if (!baseUrl || !path || !ready) {
  console.error('usage: node bench/lcp.mjs <base-url> <path> --ready <css> [--runs 5]');
  process.exit(2);
}

function readLcp() {
  return new Promise((resolve) => {
    // A page that painted nothing has no entry: give up after a second rather than hang.
    const timer = setTimeout(() => resolve(null), 1000);
    new PerformanceObserver((list) => {
      const entries = list.getEntries();
      const last = entries[entries.length - 1];
      clearTimeout(timer);
      const el = last.element;
      resolve({
        ms: last.startTime,
        element: el ? `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''}` : null,
        text: el?.textContent?.slice(0, 60) ?? null,
      });
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  });
}

const browser = await launchChromium();
const samples = [];
try {
  for (let i = 0; i < runs; i += 1) {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
    if (access) {
      await context.addInitScript(([a, r]) => {
        localStorage.setItem('reform.access_token', a);
        if (r) localStorage.setItem('reform.refresh_token', r);
      }, [access, refresh]);
    }
    const page = await context.newPage();
    let inFlight = 0;
    let quietSince = Date.now();
    page.on('request', () => { inFlight += 1; });
    const settled = () => { inFlight -= 1; quietSince = Date.now(); };
    page.on('requestfinished', settled);
    page.on('requestfailed', settled);
    await page.goto(new URL(path, baseUrl).href, { timeout: 60_000 });
    await page.locator(ready).first().waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-skeleton'), null, { timeout: 60_000 });
    while (inFlight > 0 || Date.now() - quietSince < 500) await page.waitForTimeout(100);
    const finalPath = new URL(page.url()).pathname;
    const lcp = await page.evaluate(readLcp);
    // When the last API answer arrived, and the slowest ones: what a slow LCP waited for.
    const api = await page.evaluate(() =>
      performance.getEntriesByType('resource')
        .filter((r) => new URL(r.name).pathname.startsWith('/api/'))
        .map((r) => ({ path: new URL(r.name).pathname, start: r.startTime, end: r.responseEnd })),
    );
    const slowest = [...api].sort((a, b) => b.end - b.start - (a.end - a.start)).slice(0, 3)
      .map((r) => `${r.path} ${Math.round(r.end - r.start)} ms`);
    samples.push({ ...lcp, path: finalPath, data_ms: Math.max(0, ...api.map((r) => r.end)), slowest });
    await context.close();
  }
} finally {
  await browser.close();
}

const values = samples.map((s) => s?.ms).filter((v) => typeof v === 'number').sort((a, b) => a - b);
const median = values.length ? values[Math.floor(values.length / 2)] : null;
console.log(JSON.stringify({ path, runs: samples, median_ms: median }));
