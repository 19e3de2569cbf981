import { mkdirSync } from 'node:fs';
import { type Browser, type Page } from 'playwright-core';
import { accessToken, artifacts, base, launchBrowser, screenshots, signIn } from './support/browser';
import { createCourse, createProgram, DEMO_PASSWORD, orgUnitId, userId } from './support/seed';

/**
 * A field-survey assignment (bài thu hoạch) end to end: the lecturer sets it in the course setup,
 * the learner hands it in on a phone, the lecturer grades it with a comment, the learner sees both.
 */
const suffix = Date.now().toString(36).toUpperCase();
const assignmentTitle = `Thu hoạch thực tế chi đoàn ${suffix}`;
const answer = `Báo cáo khảo sát sinh hoạt chi đoàn ${suffix}: 12 đoàn viên tham gia.`;

describe('an assignment handed in and graded', () => {
  let browser: Browser;
  let lecturer: Page;
  let learner: Page;
  let courseId = '';

  async function signInAs(page: Page, username: string): Promise<void> {
    await signIn(page, username, DEMO_PASSWORD);
  }

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    browser = await launchBrowser();
    lecturer = await (await browser.newContext({ viewport: { width: 1024, height: 800 }, locale: 'vi-VN' })).newPage();
    learner = await (await browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'vi-VN', isMobile: true, hasTouch: true })).newPage();

    // The course itself is set up through the API: the admin screens have their own test.
    const admin = await accessToken('admin.hanoi', DEMO_PASSWORD);
    const hanoi = await orgUnitId(admin, 'HNI');
    const programId = await createProgram(admin, { code: `HN-TH-${suffix}`, name: `Công tác chi đoàn ${suffix}`, ownerOrgUnitId: hanoi, targetTitles: ['secretary.branch'] });
    courseId = await createCourse(admin, {
      programId,
      orgUnitId: hanoi,
      name: `Lớp thu hoạch ${suffix}`,
      mode: 'blended',
      status: 'open',
      lecturers: [await userId(admin, 'giangvien')],
      learners: [await userId(admin, 'hocvien')],
    });
    await signInAs(lecturer, 'giangvien');
    await signInAs(learner, 'hocvien');
  });

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(() => screenshots({ learner, lecturer }));

  it('the lecturer sets a required text assignment in the course setup', async () => {
    await lecturer.goto(`${base}/manage/courses/${courseId}`);
    await lecturer.getByTestId('assignments-panel').waitFor();
    await lecturer.getByTestId('assignment-add-toggle').click();
    await lecturer.getByTestId('assignment-title').fill(assignmentTitle);
    await lecturer.getByTestId('assignment-kind').selectOption('text');
    await lecturer.getByTestId('assignment-points').fill('10');
    await lecturer.getByTestId('assignment-instructions').fill('<p>Khảo sát một buổi sinh hoạt chi đoàn.</p>');
    await lecturer.getByTestId('assignment-create').click();
    await lecturer.getByTestId('assignment-created').waitFor();
    const row = lecturer.getByTestId('assignment-row').filter({ hasText: assignmentTitle });
    expect(await row.getByTestId('assignment-counts').textContent()).toContain('0 bài đã nộp');
  });

  it('the learner hands it in from a phone', async () => {
    await learner.goto(`${base}/learning/courses/${courseId}`);
    const card = learner.getByTestId('assignment').filter({ hasText: assignmentTitle });
    await card.waitFor();
    expect(await card.textContent()).toContain('Khảo sát một buổi sinh hoạt chi đoàn.');
    await card.getByTestId('assignment-text').fill(answer);
    await card.getByTestId('assignment-submit').click();
    await card.getByTestId('assignment-notice').waitFor();
    await card.locator('[data-testid="my-submission"][data-status="submitted"]').waitFor();
    const overflow = await learner.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  it('the lecturer opens the ungraded work and grades it with a comment', async () => {
    await lecturer.goto(`${base}/manage/courses/${courseId}`);
    await lecturer.getByTestId('assignment-row').filter({ hasText: assignmentTitle }).getByTestId('assignment-grade').click();
    const row = lecturer.locator('[data-testid="submission-row"][data-username="hocvien"]');
    await row.waitFor();
    await row.getByTestId('submission-open').click();
    expect(await lecturer.getByTestId('submission-text').textContent()).toBe(answer);
    await lecturer.getByTestId('grade-score').fill('8');
    await lecturer.getByTestId('grade-comment').fill('Số liệu cụ thể, đạt yêu cầu.');
    await lecturer.getByTestId('grade-save').click();
    await lecturer.getByTestId('grade-notice').waitFor();
    // Graded work leaves the "awaiting grading" list.
    await lecturer.getByTestId('submissions-empty').waitFor();
  });

  it('the learner sees the grade and the comment, and the course counts as completed', async () => {
    await learner.goto(`${base}/learning/courses/${courseId}`);
    const card = learner.getByTestId('assignment').filter({ hasText: assignmentTitle });
    await card.getByTestId('my-grade').waitFor();
    expect((await card.getByTestId('my-grade').textContent())?.replace(/\s+/g, ' ').trim()).toBe('Điểm 8/10 · Đạt');
    expect(await card.getByTestId('my-comment').textContent()).toBe('Số liệu cụ thể, đạt yêu cầu.');
    expect(await card.getByTestId('assignment-form').count()).toBe(0);
    // No lessons nor sessions: the passed required assignment completes the course.
    await learner.getByTestId('course-completed').waitFor();
  });
});
