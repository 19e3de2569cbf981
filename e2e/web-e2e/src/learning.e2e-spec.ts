import { mkdirSync } from 'node:fs';
import { type Browser, type Locator, type Page } from 'playwright-core';
import { artifacts, base, launchBrowser, screenshots, signIn } from './support/browser';

/** A learner on a phone: joins the open national course, opens a lesson, completes it and sees the progress move. */
/** Loaded by the demo data (CatalogDemoData): open, national, self-enrollment, no capacity. */
const DEMO_COURSE = 'Lớp bồi dưỡng trực tuyến Bí thư Đoàn xã, phường, đặc khu toàn quốc';

describe('a learner on a phone', () => {
  let browser: Browser;
  let page: Page;
  let courseId = '';

  async function expectNoSideScroll(): Promise<void> {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  }

  /** "Đã học 1/8 bài (13%)" → [1, 8]. */
  async function lessonsDone(testId: string, within: Page | Locator = page): Promise<[number, number]> {
    const text = (await within.getByTestId(testId).textContent()) ?? '';
    const m = /(\d+)\/(\d+)/.exec(text);
    if (!m) throw new Error(`no progress in "${text}"`);
    return [Number(m[1]), Number(m[2])];
  }

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'vi-VN', isMobile: true, hasTouch: true });
  });

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(() => screenshots(page));

  it('signs in as hocvien and finds the learning entry in the menu', async () => {
    await signIn(page, 'hocvien', 'BoiDuong@2025');
    await page.locator('a[href="/learning"]').first().waitFor({ state: 'attached' });
  });

  it('joins the open national course from the catalog', async () => {
    await page.goto(`${base}/learning/catalog`);
    await page.getByTestId('catalog-list').waitFor();
    const card = page.getByTestId('catalog-course').filter({ hasText: DEMO_COURSE });
    await card.waitFor();
    courseId = (await card.getAttribute('data-course-id')) ?? '';
    expect(courseId).toMatch(/^[0-9a-f-]{36}$/);
    // A second run against the same database finds the learner already enrolled.
    if (await card.getByTestId('catalog-enroll').count()) {
      await card.getByTestId('catalog-enroll').click();
      await page.getByTestId('catalog-notice').waitFor();
      expect(await page.getByTestId('catalog-notice').textContent()).toContain('Đã ghi danh');
    }
    await card.getByTestId('catalog-open').waitFor();
    await expectNoSideScroll();
  });

  it('sees the course among their courses with its progress', async () => {
    await page.goto(`${base}/learning`);
    const card = page.locator(`[data-testid="my-course"][data-course-id="${courseId}"]`);
    await card.waitFor();
    expect(await card.textContent()).toContain(DEMO_COURSE);
    const [, total] = await lessonsDone('my-course-progress', card);
    expect(total).toBeGreaterThan(0);
    await expectNoSideScroll();
  });

  it('opens a lesson, marks it complete and sees the progress move', async () => {
    await page.locator(`[data-testid="my-course"][data-course-id="${courseId}"]`).getByTestId('my-course-link').click();
    await page.getByTestId('course-name').waitFor();
    const [before, total] = await lessonsDone('course-progress');
    const lesson = page.locator('[data-testid="course-lesson"]:not([data-state="completed"])').first();
    const title = ((await lesson.textContent()) ?? '').replace(/[○◐✓]/g, '').trim();
    await lesson.click();

    await page.getByTestId('lesson-title').waitFor();
    expect(await page.getByTestId('lesson-title').textContent()).toBe(title);
    await page.getByTestId('lesson-body').waitFor();
    await expectNoSideScroll();
    // The button is reachable with a thumb: at least 44 px high and inside the screen's width.
    const box = await page.getByTestId('lesson-complete').boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390);

    const completed = page.waitForResponse((res) => /\/api\/v1\/lessons\/[0-9a-f-]+\/complete$/.test(res.url()) && res.status() === 200);
    await page.getByTestId('lesson-complete').click();
    await completed;
    await page.getByTestId('lesson-done').waitFor();
    await page.getByTestId('lesson-completed-notice').waitFor();
    expect(await lessonsDone('lesson-course-progress')).toEqual([before + 1, total]);

    // The course page and the list read the new progress from the server.
    await page.goto(`${base}/learning/courses/${courseId}`);
    await page.getByTestId('course-name').waitFor();
    expect(await lessonsDone('course-progress')).toEqual([before + 1, total]);
    await page.goto(`${base}/learning`);
    // Other tests may have enrolled hocvien elsewhere: read this course's card only.
    const card = page.locator(`[data-testid="my-course"][data-course-id="${courseId}"]`);
    await card.waitFor();
    expect(await lessonsDone('my-course-progress', card)).toEqual([before + 1, total]);
  });
});
