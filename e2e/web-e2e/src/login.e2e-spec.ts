import { mkdirSync } from 'node:fs';
import { type Browser, type Page } from 'playwright-core';
import { artifacts, base, launchBrowser, screenshots } from './support/browser';

/** The web app served by the running api, driven in Debian's Chromium. */

describe('signing in from a phone', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 360, height: 640 }, locale: 'vi-VN' });
  });

  afterAll(async () => {
    // playwright gives the browser a fresh temporary profile and removes it on close.
    await browser?.close();
  });

  afterEach(() => screenshots(page, { fullPage: false }));

  it('shows the Vietnamese sign-in page and the API error for a wrong password', async () => {
    await page.goto(`${base}/`);
    await page.getByTestId('login-username').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    await page.getByTestId('login-username').fill('hocvien');
    await page.getByTestId('login-password').fill('sai-mat-khau');
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('login-error').textContent()).resolves.toContain('Tên đăng nhập hoặc mật khẩu không đúng');
  });

  it('signs in, greets the learner by name with the system status, and fits a phone screen', async () => {
    await page.getByTestId('login-password').fill('BoiDuong@2025');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('home-greeting').waitFor();
    expect(await page.getByTestId('home-greeting').textContent()).toContain('Nguyễn Văn Đức');
    await expect(page.getByTestId('system-status').textContent()).resolves.toMatch(/bình thường/i);
    expect(await page.getByTestId('role-list').textContent()).toContain('Đoàn phường Ba Đình');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  it('keeps the session across a reload and switches to English', async () => {
    await page.reload();
    await page.getByTestId('user-name').waitFor();
    await page.getByTestId('lang-switch').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    // The language attribute changes first; the texts follow once the English file has loaded.
    await page.getByTestId('system-status').filter({ hasText: /normal|operational|healthy/i }).waitFor({ timeout: 10_000 });
  });

  it('signs out back to the sign-in page', async () => {
    await page.getByTestId('logout').click();
    await page.getByTestId('login-username').waitFor();
    expect(page.url()).toContain('/login');
  });
});
