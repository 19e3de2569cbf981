import { mkdirSync } from 'node:fs';
import { type Browser, type Page } from 'playwright-core';
import { accessToken, artifacts, base, launchBrowser, ok, screenshots, signIn } from './support/browser';
import { approvedItem, createCourse, createProgram, DEMO_PASSWORD, orgUnitId } from './support/seed';

/**
 * An organisation admin sets an exam up on a phone: a course of Hà Nội and two approved items of a
 * topic of this run are made through the api, then admin.hanoi drafts the exam in the form, is told
 * the bank is short for a blueprint cell, saves a valid blueprint, changes a setting before the
 * window opens, and finds the exam in the list.
 */
const suffix = Date.now().toString(36).toUpperCase();
const topic = `Quản lý bài kiểm tra ${suffix}`;

const login = (username: string) => accessToken(username, DEMO_PASSWORD);

describe('an organisation admin sets up an exam through the form', () => {
  let browser: Browser;
  let page: Page;
  let admin = '';
  let courseId = '';
  let examId = '';
  const title = `Kiểm tra giữa khóa ${suffix}`;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    admin = await login('admin.hanoi');
    const lecturer = await login('giangvien');
    const hanoi = await orgUnitId(admin, 'HNI');
    const programId = await createProgram(admin, { code: `HNI-QL-${suffix}`, name: `Nghiệp vụ quản lý ${suffix}`, ownerOrgUnitId: hanoi });
    const year = new Date().getFullYear();
    courseId = await createCourse(admin, {
      programId,
      orgUnitId: hanoi,
      name: `Lớp quản lý bài kiểm tra ${suffix}`,
      startsOn: `${year}-01-01`,
      endsOn: `${year + 1}-12-31`,
      status: 'open',
    });
    for (const n of [1, 2]) {
      await approvedItem(lecturer, admin, {
        type: 'true_false',
        stem: `Nhận định ${n} về công tác Đoàn là đúng? (${suffix})`,
        key: true,
        level: 'recognition',
        topic,
        ownerOrgUnitId: hanoi,
        source: { document: 'Điều lệ Đoàn TNCS Hồ Chí Minh' },
      });
    }
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'vi-VN' });
    page = await context.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(() => screenshots(page));

  it('opens the exam form from the menu entry', async () => {
    await signIn(page, 'admin.hanoi', DEMO_PASSWORD);
    await page.locator('a[href="/exam-admin"]').first().waitFor({ state: 'attached' });
    await page.goto(`${base}/exam-admin`);
    await page.getByTestId('exam-admin-create').click();
    await page.getByTestId('exam-form').waitFor();
    expect(await page.locator('h1').textContent()).toContain('Tạo bài kiểm tra');
  });

  it('shows what the bank holds for a cell, and the refusal when the blueprint asks for more', async () => {
    await page.locator(`[data-testid="exam-form-course"] option[value="${courseId}"]`).waitFor({ state: 'attached' });
    await page.getByTestId('exam-form-course').selectOption(courseId);
    await page.getByTestId('exam-form-title').fill(title);
    await page.getByTestId('exam-form-topic').fill(topic);
    await page.getByTestId('exam-form-count').fill('3');
    await page.getByTestId('exam-form-points').fill('2');
    await page.locator('[data-testid="exam-form-available"]', { hasText: 'có 2 câu đã duyệt' }).waitFor();
    await page.getByTestId('exam-form-save').click();
    const short = page.getByTestId('exam-form-short');
    await short.waitFor();
    expect(await short.textContent()).toContain('cần 3, ngân hàng chỉ có 2');
    expect(await page.getByTestId('exam-form-error').textContent()).toContain('Ngân hàng câu hỏi không đủ');
  });

  it('saves a valid blueprint and opens the exam’s page', async () => {
    await page.getByTestId('exam-form-count').fill('2');
    await page.getByTestId('exam-form-release').selectOption('manual');
    await page.getByTestId('exam-form-save').click();
    await page.getByTestId('exam-page-title').waitFor();
    expect(await page.getByTestId('exam-page-title').textContent()).toContain(title);
    examId = page.url().split('/').pop() ?? '';
    const settings = await ok<{ blueprint: unknown[]; passMark: number; resultRelease: string; frozen: boolean }>('GET', `/exams/${examId}`, admin);
    expect(settings).toMatchObject({ blueprint: [{ topic, level: 'recognition', count: 2, points: 2 }], passMark: 50, resultRelease: 'manual', frozen: false });
    expect(await page.getByTestId('exam-page-no-results').textContent()).toContain('Chưa có ai làm bài');
  });

  it('changes a setting before the window opens', async () => {
    await page.getByTestId('exam-page-edit').click();
    const passMark = page.getByTestId('exam-form-pass-mark');
    await page.locator('[data-testid="exam-form-title"]').waitFor();
    await page.waitForFunction((t) => (document.querySelector('[data-testid="exam-form-title"]') as HTMLInputElement | null)?.value === t, title);
    await passMark.fill('70');
    await page.getByTestId('exam-form-save').click();
    await page.getByTestId('exam-page-title').waitFor();
    expect((await ok<{ passMark: number }>('GET', `/exams/${examId}`, admin)).passMark).toBe(70);
  });

  it('finds the exam in the list, filtered by its course and status', async () => {
    await page.getByTestId('exam-page-back').click();
    await page.getByTestId('exam-admin-filter-course').selectOption(courseId);
    await page.getByTestId('exam-admin-status-upcoming').click();
    // Each filter reloads the list (emptied meanwhile): wait for the answer to both, this exam alone.
    await page.waitForFunction((id) => {
      const pressed = document.querySelector('[data-testid="exam-admin-status-upcoming"]')?.getAttribute('aria-pressed') === 'true';
      const loading = document.querySelector('p[role="status"]') !== null;
      const rows = document.querySelectorAll('[data-testid="exam-admin-row"]');
      return pressed && !loading && rows.length === 1 && rows[0].getAttribute('data-exam-id') === id;
    }, examId);
    const row = page.locator(`[data-testid="exam-admin-row"][data-exam-id="${examId}"]`);
    expect(await row.getByTestId('exam-admin-status').textContent()).toContain('Sắp mở');
    expect(await row.getByTestId('exam-admin-release').textContent()).toContain('Công bố thủ công');
    expect(await page.getByTestId('exam-admin-row').count()).toBe(1);
  });
});
