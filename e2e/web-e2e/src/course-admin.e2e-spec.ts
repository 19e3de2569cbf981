import { mkdirSync } from 'node:fs';
import { type Browser, type Page } from 'playwright-core';
import { artifacts, base, launchBrowser, screenshots, signIn } from './support/browser';

/** The Hanoi admin builds a program with a lesson, opens a course, enrols hocvien and records attendance. */
/** Unique per run, so a second run against the same database does not hit the taken-code rule. */
const suffix = Date.now().toString(36).toUpperCase();
const programCode = `HN-E2E-${suffix}`;
const programName = `Kỹ năng tổ chức sinh hoạt chi đoàn ${suffix}`;
const courseName = `Lớp sinh hoạt chi đoàn ${suffix}`;

describe('a province admin running a course', () => {
  let browser: Browser;
  let page: Page;

  async function expectNoSideScroll(): Promise<void> {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  }

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'vi-VN' });
  });

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(() => screenshots(page));

  it('signs in as admin.hanoi and finds programs and courses in the menu', async () => {
    await signIn(page, 'admin.hanoi', 'BoiDuong@2025');
    await page.locator('a[href="/manage/programs"]').first().waitFor({ state: 'attached' });
    await page.locator('a[href="/manage/courses"]').first().waitFor({ state: 'attached' });
  });

  it('creates a Hanoi program with a module and a rich-text lesson', async () => {
    await page.goto(`${base}/manage/programs`);
    await page.getByTestId('program-list').waitFor();
    await page.getByTestId('program-create-toggle').click();
    await page.getByTestId('program-code').fill(programCode);
    await page.getByTestId('program-name').fill(programName);
    await page.getByTestId('program-family').selectOption('basic');
    await page.getByTestId('program-hours').fill('8');
    await page.getByTestId('program-submit').click();
    await page.getByTestId('program-title').waitFor();
    expect(await page.getByTestId('program-title').textContent()).toBe(programName);
    expect(await page.getByTestId('program-meta').textContent()).toContain(programCode);

    await page.getByTestId('module-title').fill('Chuyên đề 1: Sinh hoạt chi đoàn');
    await page.getByTestId('module-submit').click();
    const mod = page.locator('[data-testid="module"][data-title="Chuyên đề 1: Sinh hoạt chi đoàn"]');
    await mod.waitFor();
    await mod.getByTestId('lesson-add-toggle').click();
    await page.getByTestId('lesson-title').fill('Bài 1: Chuẩn bị buổi sinh hoạt');
    await page.getByTestId('lesson-body').fill('Các bước chuẩn bị<script>alert(1)</script>');
    await page.getByTestId('lesson-body').selectText();
    await page.getByTestId('editor-paragraph').click();
    await page.getByTestId('editor-preview').waitFor();
    await page.getByTestId('lesson-submit').click();
    await page.getByTestId('lesson-added').waitFor();
    await mod.getByTestId('lesson-row').filter({ hasText: 'Bài 1: Chuẩn bị buổi sinh hoạt' }).waitFor();
    await expectNoSideScroll();
  });

  it('opens an in-person course of that program with a session', async () => {
    await page.getByTestId('program-new-course').click();
    await page.getByTestId('course-form').waitFor();
    await page.getByTestId('course-name').fill(courseName);
    await page.getByTestId('course-mode').selectOption('in_person');
    await page.getByTestId('course-starts').fill('2026-12-01');
    await page.getByTestId('course-ends').fill('2026-12-10');
    await page.getByTestId('course-capacity').fill('30');
    await page.getByTestId('course-status').selectOption('open');
    await page.getByTestId('course-submit').click();
    await page.getByTestId('setup-name').waitFor();
    expect(await page.getByTestId('setup-name').textContent()).toBe(courseName);
    expect(await page.getByTestId('setup-status-value').textContent()).toContain('Đang mở ghi danh');

    await page.getByTestId('session-title').fill('Buổi 1: Thực hành');
    await page.getByTestId('session-place').fill('Hội trường Thành đoàn');
    await page.getByTestId('session-starts').fill('2026-12-02T08:00');
    await page.getByTestId('session-ends').fill('2026-12-02T11:00');
    await page.getByTestId('session-submit').click();
    await page.locator('[data-testid="session-row"][data-title="Buổi 1: Thực hành"]').waitFor();
    await expectNoSideScroll();
  });

  it('enrols hocvien found by name', async () => {
    await page.getByTestId('enroll-toggle').click();
    await page.getByTestId('people-search').fill('nguyen van duc');
    await page.getByTestId('people-search-submit').click();
    const person = page.locator('[data-testid="person"][data-username="hocvien"]');
    await person.waitFor();
    await person.locator('input[type="checkbox"]').check();
    await page.getByTestId('people-confirm').click();
    await page.locator('[data-testid="roster-row"][data-username="hocvien"]').waitFor();
    expect(await page.getByTestId('setup-notice').textContent()).toContain('Đã ghi danh 1');
  });

  it('records hocvien present at the session, and the roster counts it', async () => {
    const session = page.locator('[data-testid="session-row"][data-title="Buổi 1: Thực hành"]');
    await session.getByTestId('attendance-toggle').click();
    const box = page.locator('[data-testid="attendance-person"][data-username="hocvien"] input');
    await box.waitFor();
    expect(await box.isChecked()).toBe(false);
    await box.check();
    await page.getByTestId('attendance-save').click();
    await page.getByTestId('setup-notice').filter({ hasText: '1 người có mặt' }).waitFor();
    await page.locator('[data-testid="roster-row"][data-username="hocvien"]').filter({ hasText: 'buổi học 1/1' }).waitFor();

    // Reopening the sheet reads the attendance back from the server.
    await session.getByTestId('attendance-toggle').click();
    await page.locator('[data-testid="attendance-person"][data-username="hocvien"] input:checked').waitFor();
    await expectNoSideScroll();
  });
});
