import { mkdirSync } from 'node:fs';
import { type Browser, type Page } from 'playwright-core';
import { artifacts, base, launchBrowser, screenshots, signIn } from './support/browser';

/**
 * The question bank in the web app served by the running api, driven in Debian's Chromium on a
 * phone-sized screen: a lecturer authors and submits an item, a province admin approves it, and
 * a GIFT file with one bad entry is previewed and its valid items imported.
 */
/** Unique per run, so a second run against the same database does not hit the duplicate rule. */
const suffix = Date.now().toString(36).toUpperCase();
const stem = `Đoàn TNCS Hồ Chí Minh được thành lập vào ngày nào? (E2E ${suffix})`;
const gift = [
  `$CATEGORY: $course$/top/Nhập thử ${suffix}`,
  '',
  `::e2e-1-${suffix}::Câu nhập thử ${suffix} thứ nhất, Luật Thanh niên 2020 có hiệu lực từ năm 2021? {TRUE}`,
  '',
  `::e2e-2-${suffix}::Câu nhập thử ${suffix} thứ hai, tổ chức nào là đội dự bị của Đảng? {=Đoàn TNCS Hồ Chí Minh ~Hội Liên hiệp Thanh niên Việt Nam}`,
  '',
  `::e2e-3-${suffix}::Câu nhập thử ${suffix} có hai phương án trùng nhau? {=Có ~Có}`,
  '',
].join('\n');

describe('the question bank on a phone', () => {
  let browser: Browser;
  let lecturer: Page;
  let admin: Page;
  let itemUrl = '';

  async function expectNoSideScroll(page: Page): Promise<void> {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  }

  async function signInAs(username: string): Promise<Page> {
    // One context per person, so their sessions do not share storage.
    const context = await browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'vi-VN' });
    const page = await context.newPage();
    await signIn(page, username, 'BoiDuong@2025');
    await page.locator('a[href="/bank"]').first().waitFor({ state: 'attached' });
    return page;
  }

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(() => screenshots({ lecturer, admin }));

  it('lets the lecturer author a single-choice item, refusing it first while it has no correct answer', async () => {
    lecturer = await signInAs('giangvien');
    await lecturer.goto(`${base}/bank`);
    await lecturer.getByTestId('bank-list').waitFor();
    await lecturer.getByTestId('bank-new').click();
    await lecturer.getByTestId('item-form').waitFor();
    await lecturer.getByTestId('item-stem').fill(stem);
    const options = ['26/3/1931', '3/2/1930', '19/5/1941', '2/9/1945'];
    for (const [i, text] of options.entries()) await lecturer.getByTestId('option-text').nth(i).fill(text);
    await lecturer.getByTestId('item-topic').fill('Lịch sử Đoàn');
    await lecturer.getByTestId('item-source-document').fill('Điều lệ Đoàn TNCS Hồ Chí Minh');
    await lecturer.getByTestId('item-save').click();
    await lecturer.locator('[data-testid="editor-problem"][data-field="key"]').waitFor();
    await expectNoSideScroll(lecturer);

    await lecturer.getByTestId('option-correct').first().check();
    await lecturer.getByTestId('item-save').click();
    // A near-duplicate already in the bank keeps the author on the form to check it first.
    const similar = lecturer.getByTestId('editor-similar');
    await lecturer.getByTestId('detail-status').or(similar).waitFor();
    if (await similar.isVisible()) await lecturer.getByTestId('editor-open-saved').click();
    await lecturer.getByTestId('detail-status').waitFor();
    itemUrl = lecturer.url().replace(/\?.*$/, '');
    expect(itemUrl).toMatch(/\/bank\/[0-9a-f-]{36}$/);
    expect(await lecturer.getByTestId('detail-status').getAttribute('data-status')).toBe('draft');
    expect(await lecturer.getByTestId('version-stem').textContent()).toContain(`E2E ${suffix}`);
    expect(await lecturer.locator('[data-testid="version-key"] [data-correct="true"]').textContent()).toContain('26/3/1931');
  });

  it('submits it for review, and may not approve a version of their own', async () => {
    await lecturer.getByTestId('review-comment').fill('Nhờ đồng chí duyệt giúp.');
    await lecturer.getByTestId('review-submit').click();
    await lecturer.getByTestId('review-done').waitFor();
    await lecturer.locator('[data-testid="detail-status"][data-status="in_review"]').waitFor();
    expect(await lecturer.getByTestId('review-approve').isDisabled()).toBe(true);
    await lecturer.getByTestId('review-own').waitFor();
    await lecturer.getByTestId('comment').first().waitFor();
    expect(await lecturer.getByTestId('comment-list').textContent()).toContain('Nhờ đồng chí duyệt giúp.');
  });

  it('lets the Hanoi admin find the item under review and approve it with a comment', async () => {
    admin = await signInAs('admin.hanoi');
    await admin.goto(`${base}/bank`);
    await admin.getByTestId('bank-list').waitFor();
    // A reviewer does not author: no "new item" or import here.
    expect(await admin.getByTestId('bank-new').count()).toBe(0);
    await admin.getByTestId('bank-filter-status').selectOption('in_review');
    await admin.getByTestId('bank-search').fill(`e2e ${suffix.toLowerCase()}`);
    const row = admin.locator(`[data-testid="bank-row"][data-id="${itemUrl.split('/').pop()}"]`);
    await row.waitFor();
    await expectNoSideScroll(admin);
    await row.getByTestId('bank-link').click();
    await admin.getByTestId('review-approve').waitFor();
    await admin.getByTestId('review-comment').fill('Đạt yêu cầu.');
    await admin.getByTestId('review-approve').click();
    await admin.locator('[data-testid="detail-status"][data-status="approved"]').waitFor();
    expect(await admin.getByTestId('version-list').textContent()).toContain('đã duyệt');
    expect(await admin.getByTestId('comment-list').textContent()).toContain('Đạt yêu cầu.');
    await expectNoSideScroll(admin);
  });

  it('previews a GIFT file, showing the bad entry with its line, then imports the two good items', async () => {
    await lecturer.goto(`${base}/bank/import`);
    await lecturer.getByTestId('bank-import-file').setInputFiles({ name: 'cau-hoi.gift', mimeType: 'text/plain', buffer: Buffer.from(gift, 'utf8') });
    expect(await lecturer.getByTestId('bank-import-format').inputValue()).toBe('gift');
    await lecturer.getByTestId('bank-import-preview').click();
    await lecturer.getByTestId('bank-import-summary').waitFor();
    const bad = lecturer.getByTestId('bank-import-error-row');
    expect(await bad.count()).toBe(1);
    expect(await bad.first().getAttribute('data-line')).toBe('7');
    expect(await bad.first().textContent()).toContain('options');
    const items = lecturer.getByTestId('bank-import-item');
    expect(await items.count()).toBe(2);
    expect(await lecturer.locator('[data-testid="bank-import-item"][data-action="create"]').count()).toBe(2);
    await expectNoSideScroll(lecturer);

    // Nothing is written by the preview.
    await lecturer.goto(`${base}/bank`);
    await lecturer.getByTestId('bank-search').fill(`nhap thu ${suffix.toLowerCase()}`);
    await lecturer.getByTestId('bank-list-empty').waitFor();

    await lecturer.goto(`${base}/bank/import`);
    await lecturer.getByTestId('bank-import-file').setInputFiles({ name: 'cau-hoi.gift', mimeType: 'text/plain', buffer: Buffer.from(gift, 'utf8') });
    await lecturer.getByTestId('bank-import-preview').click();
    await lecturer.getByTestId('bank-import-confirm').waitFor();
    expect(await lecturer.getByTestId('bank-import-confirm').textContent()).toContain('Chỉ nhập 2 câu hợp lệ');
    await lecturer.getByTestId('bank-import-confirm').click();
    await lecturer.getByTestId('bank-import-result').waitFor();
    expect(await lecturer.getByTestId('bank-import-result').textContent()).toContain('Đã thêm mới 2');

    await lecturer.getByTestId('bank-import-done').click();
    await lecturer.getByTestId('bank-list').waitFor();
    const searched = lecturer.waitForResponse((res) => res.url().includes('/api/v1/items?q=nhap') && res.ok());
    await lecturer.getByTestId('bank-search').fill(`nhap thu ${suffix.toLowerCase()}`);
    await searched;
    await lecturer.locator('[data-testid="bank-row"]', { hasText: 'thứ hai' }).waitFor();
    await lecturer.locator('[data-testid="bank-row"]', { hasText: 'thứ nhất' }).waitFor();
    expect(await lecturer.getByTestId('bank-row').count()).toBe(2);
  });
});
