// Shared by the browser tests: Chromium launch options, fresh pages, demo logins, antd helpers.
import { chromium } from 'playwright-core';

export const PASSWORD = process.env.DEMO_PASSWORD ?? 'Demo@2026!';
export const SCREENSHOTS = new URL('./screenshots/', import.meta.url);

/** Debian's Chromium, headless, with nothing phoning home. */
export function launchChromium() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const DESKTOP = { width: 1366, height: 800 };
export const PHONE = { width: 390, height: 844 };

/**
 * A fresh context per user, so tokens and the language choice never leak between steps. The system asks for
 * reduced motion, which the app honours: a dialog is where a click lands as soon as it shows, not mid-zoom.
 */
export async function openPage(browser, viewport = DESKTOP) {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', reducedMotion: 'reduce' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

/** Logs in through the form and waits for the shell; returns the /me document. */
export async function login(page, baseUrl, username) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  const [meResponse] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/auth/v1/me') && r.status() === 200),
    page.getByRole('button', { name: /登\s*录/ }).click(),
  ]);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.locator('.app-content').waitFor();
  return meResponse.json();
}

/** Types a date into an antd DatePicker (found by its aria-label) and commits it with Enter. */
export async function pickDate(page, label, value) {
  const input = page.getByLabel(label);
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  await page.keyboard.press('Escape');
}

export const screenshotPath = (name) => new URL(name, SCREENSHOTS).pathname;
