import { mkdirSync } from 'node:fs';
import { type Browser, type Page } from 'playwright-core';
import { artifacts, base, launchBrowser, screenshots } from './support/browser';

/** The admin screens of the web app served by the running api, driven in Debian's Chromium on a phone-sized screen. */
/** Unique per run, so a second run against the same database does not hit the duplicate-code rule. */
const suffix = Date.now().toString(36).toUpperCase();
const newCode = `HNI-E2E-${suffix}`;
const newName = `Đoàn phường Thử nghiệm ${suffix}`;

describe('a province admin on a phone', () => {
  let browser: Browser;
  let page: Page;

  const node = (code: string) => page.locator(`[data-testid="org-node"][data-code="${code}"]`);

  async function expectNoSideScroll(): Promise<void> {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  }

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 360, height: 640 }, locale: 'vi-VN' });
  });

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(() => screenshots(page));

  it('signs in as the Hanoi admin and sees the admin entries in the menu', async () => {
    await page.goto(`${base}/login`);
    await page.getByTestId('login-username').waitFor();
    await page.getByTestId('login-username').fill('admin.hanoi');
    await page.getByTestId('login-password').fill('BoiDuong@2025');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('home-greeting').waitFor();
    await page.locator('a[href="/admin/units"]').first().waitFor({ state: 'attached' });
    await page.locator('a[href="/admin/users"]').first().waitFor({ state: 'attached' });
  });

  it('shows its own subtree opened at Hanoi, with Ba Đình and without Đà Nẵng', async () => {
    await page.goto(`${base}/admin/units`);
    await node('HNI').waitFor();
    // The single visible root opens by itself; its children arrive in a second request.
    await node('HNI-BADINH').waitFor();
    const tree = (await page.getByTestId('org-tree').textContent()) ?? '';
    expect(tree).toContain('Đoàn phường Ba Đình');
    expect(tree).toContain('Xã/Phường/Đặc khu');
    expect(tree).not.toContain('Đà Nẵng');
    await expectNoSideScroll();

    // A search reaches only the same subtree.
    await page.getByTestId('org-search').fill('da nang');
    await page.getByTestId('org-search-empty').waitFor();
    await page.getByTestId('org-search').fill('ba dinh');
    await page.locator('[data-testid="org-search-result"][data-code="HNI-BADINH"]').waitFor();
    await page.getByTestId('org-search').fill('');
    await node('HNI').waitFor();
  });

  it('adds a commune unit under Hanoi with a unique code', async () => {
    await node('HNI').getByTestId('org-add-child').first().click();
    await page.getByTestId('org-unit-form').waitFor();
    expect(await page.getByTestId('org-unit-type').inputValue()).toBe('commune');
    await page.getByTestId('org-unit-name').fill(newName);
    await page.getByTestId('org-unit-code').fill(newCode);
    await page.getByTestId('org-unit-submit').click();
    await page.getByTestId('org-unit-created').waitFor();
    expect(await page.getByTestId('org-unit-created').textContent()).toContain(newCode);
    await node(newCode).waitFor();
    expect(await node(newCode).textContent()).toContain(newName);
    await expectNoSideScroll();
  });

  it('finds Nguyễn Văn Đức by typing "nguyen van duc" and opens his details', async () => {
    await page.goto(`${base}/admin/users`);
    await page.getByTestId('user-search').waitFor();
    await page.getByTestId('user-list').waitFor();
    const searched = page.waitForResponse((res) => res.url().includes('/api/v1/users?q=nguyen') && res.ok());
    await page.getByTestId('user-search').fill('nguyen van duc');
    await searched;
    // The unfiltered list also held the admin; wait until the filtered one replaced it.
    await page.locator('[data-testid="user-row"][data-username="admin.hanoi"]').waitFor({ state: 'detached' });
    const row = page.locator('[data-testid="user-row"][data-username="hocvien"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('Nguyễn Văn Đức');
    await expectNoSideScroll();

    await row.getByTestId('user-link').click();
    await page.getByTestId('user-detail-name').waitFor();
    expect(page.url()).toMatch(/\/admin\/users\/[0-9a-f-]{36}$/);
    expect(await page.getByTestId('user-detail-name').textContent()).toContain('Nguyễn Văn Đức');
    expect(await page.getByTestId('user-detail-username').textContent()).toContain('hocvien');
    await page.getByTestId('user-detail-roles').getByText('Đoàn phường Ba Đình', { exact: false }).first().waitFor();
    expect(await page.getByTestId('user-detail-roles').textContent()).toContain('Học viên');
    await expectNoSideScroll();
  });

  it('shows the admin their own profile', async () => {
    await page.goto(`${base}/profile`);
    await page.getByTestId('profile-name').waitFor();
    expect(await page.getByTestId('profile-name').textContent()).toContain('Trần Thị Hà');
    expect(await page.getByTestId('profile-roles').textContent()).toContain('Quản trị đơn vị');
    await page.getByTestId('password-form').waitFor();
    await expectNoSideScroll();
  });
});
