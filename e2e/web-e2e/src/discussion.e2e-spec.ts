import { mkdirSync } from 'node:fs';
import { type Browser, type Page } from 'playwright-core';
import { accessToken, artifacts, base, launchBrowser, ok, screenshots, signIn } from './support/browser';
import { createCourse, createProgram, DEMO_PASSWORD, orgUnitId, userId } from './support/seed';

/**
 * Questions and answers under a lesson, end to end: a learner asks from a phone, the lecturer
 * answers from the course's discussion screen and marks the answer accepted, the learner is told
 * by the notification bell and sees the answer highlighted; a classmate's off-topic post that the learner reports is hidden by the lecturer and
 * disappears from the learner's page.
 */
const suffix = Date.now().toString(36).toUpperCase();
const lessonTitle = `Sinh hoạt chi đoàn định kỳ ${suffix}`;
const questionTitle = `Chi đoàn sinh hoạt mấy lần một tháng? ${suffix}`;
const questionBody = 'Thưa thầy, theo Điều lệ Đoàn thì chi đoàn phải sinh hoạt định kỳ bao lâu một lần ạ?';
const answerText = `Theo Điều lệ Đoàn, chi đoàn sinh hoạt mỗi tháng một lần (${suffix}).`;
const spamTitle = `Bán tài liệu ôn thi giá rẻ ${suffix}`;

describe('discussion under a lesson', () => {
  let browser: Browser;
  let lecturer: Page;
  let learner: Page;
  let courseId = '';
  let lessonId = '';

  const lessonUrl = () => `${base}/learning/courses/${courseId}/lessons/${lessonId}`;
  const questionRow = (page: Page, title: string) => page.getByTestId('discussion-question').filter({ hasText: title });

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    browser = await launchBrowser();
    lecturer = await (await browser.newContext({ viewport: { width: 1024, height: 800 }, locale: 'vi-VN' })).newPage();
    learner = await (await browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'vi-VN', isMobile: true, hasTouch: true })).newPage();

    // The course and a classmate's off-topic question are set up through the API: the admin screens have their own tests.
    const admin = await accessToken('admin.hanoi', DEMO_PASSWORD);
    const hanoi = await orgUnitId(admin, 'HNI');
    const classmateName = `hoidap.${suffix.toLowerCase()}`;
    const classmate = await ok<{ id: string }>('POST', '/users', admin, {
      username: classmateName,
      password: DEMO_PASSWORD,
      fullName: 'Phạm Văn Bình',
      orgUnitId: hanoi,
      roles: [{ role: 'learner', orgUnitId: hanoi }],
    });
    const programId = await createProgram(admin, { code: `HN-HD-${suffix}`, name: `Công tác chi đoàn ${suffix}`, ownerOrgUnitId: hanoi, targetTitles: ['secretary.branch'] });
    const mod = await ok<{ id: string }>('POST', `/programs/${programId}/modules`, admin, { title: 'Chuyên đề 1: Sinh hoạt chi đoàn' });
    lessonId = (await ok<{ id: string }>('POST', `/modules/${mod.id}/lessons`, admin, { title: lessonTitle, kind: 'text', bodyHtml: '<p>Nội dung, hình thức sinh hoạt chi đoàn.</p>' })).id;
    courseId = await createCourse(admin, {
      programId,
      orgUnitId: hanoi,
      name: `Lớp hỏi đáp ${suffix}`,
      status: 'open',
      lecturers: [await userId(admin, 'giangvien')],
      learners: [await userId(admin, 'hocvien'), classmate.id],
    });
    await ok('POST', `/courses/${courseId}/lessons/${lessonId}/questions`, await accessToken(classmateName, DEMO_PASSWORD), {
      title: spamTitle,
      bodyHtml: '<p>Liên hệ mua bộ đề ôn thi, giá chỉ 50.000 đồng.</p>',
    });
    await signIn(lecturer, 'giangvien', DEMO_PASSWORD);
    await signIn(learner, 'hocvien', DEMO_PASSWORD);
  });

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(() => screenshots({ learner, lecturer }));

  it('the learner asks a question under the lesson from a phone', async () => {
    await learner.goto(lessonUrl());
    await learner.getByTestId('lesson-title').waitFor();
    await questionRow(learner, spamTitle).waitFor();
    await learner.getByTestId('discussion-ask-toggle').click();
    await learner.getByTestId('discussion-ask-title').fill(questionTitle);
    await learner.getByTestId('discussion-ask-body').fill(questionBody);
    await learner.getByTestId('discussion-ask-submit').click();
    await learner.getByTestId('discussion-notice').waitFor();
    // Newest first.
    expect(await learner.getByTestId('discussion-question-title').first().textContent()).toBe(questionTitle);
    const overflow = await learner.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  it('the lecturer answers from the course discussion screen and marks the answer accepted', async () => {
    await lecturer.goto(`${base}/manage/courses/${courseId}`);
    await lecturer.getByTestId('discussion-link').click();
    const lesson = lecturer.locator(`[data-testid="moderation-lesson"][data-lesson-id="${lessonId}"]`);
    await lesson.waitFor();
    expect(await lesson.getByTestId('moderation-lesson-counts').textContent()).toContain('2 câu hỏi');
    await lesson.getByTestId('moderation-lesson-open').click();
    const row = questionRow(lecturer, questionTitle);
    await row.getByTestId('discussion-question-toggle').click();
    await row.getByTestId('discussion-thread').waitFor();
    expect(await row.locator('[data-kind="question"] [data-testid="post-body"]').textContent()).toBe(questionBody);
    await row.getByTestId('discussion-answer-body').fill(answerText);
    await row.getByTestId('discussion-answer-submit').click();
    const answer = row.getByTestId('discussion-answer').filter({ hasText: answerText });
    await answer.getByTestId('post-accept').click();
    const accepted = row.getByTestId('discussion-accepted');
    await accepted.waitFor();
    expect(await accepted.getByTestId('post-body').textContent()).toBe(answerText);
    await row.getByTestId('discussion-has-accepted').waitFor();
  });

  it('the learner is told by the bell, and the notification leads to the lesson', async () => {
    // Any page: the count is refreshed on navigation.
    await learner.goto(`${base}/`);
    const badge = learner.getByTestId('notifications-badge');
    await badge.waitFor();
    expect(Number((await badge.textContent())?.trim())).toBeGreaterThanOrEqual(1);
    await learner.getByTestId('notifications-link').click();
    const item = learner.getByTestId('notification').filter({ hasText: questionTitle });
    await item.waitFor();
    expect((await item.getByTestId('notification-text').textContent())?.trim()).toBe(`Lê Minh Đức đã trả lời câu hỏi «${questionTitle}» của bạn`);
    expect(await item.getAttribute('data-read')).toBe('false');
    await item.locator('a').click();
    // The lesson, with the question opened on its answer.
    await learner.waitForURL((url) => `${url.origin}${url.pathname}` === lessonUrl() && url.searchParams.has('question'));
    const opened = questionRow(learner, questionTitle);
    expect(await opened.getByTestId('discussion-question-toggle').getAttribute('aria-expanded')).toBe('true');
    expect(await opened.getByTestId('discussion-accepted').getByTestId('post-body').textContent()).toBe(answerText);
    await learner.goto(`${base}/notifications`);
    await learner.getByTestId('notification').filter({ hasText: questionTitle }).and(learner.locator('[data-read="true"]')).waitFor();
    const overflow = await learner.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  it('the learner sees the lecturer’s answer highlighted as accepted, and reports the off-topic post', async () => {
    await learner.goto(lessonUrl());
    const mine = questionRow(learner, questionTitle);
    await mine.getByTestId('discussion-has-accepted').waitFor();
    expect(await mine.getByTestId('discussion-answer-count').textContent()).toBe('1 câu trả lời');
    await mine.getByTestId('discussion-question-toggle').click();
    const accepted = mine.getByTestId('discussion-accepted');
    await accepted.waitFor();
    expect(await accepted.getByTestId('post-body').textContent()).toBe(answerText);
    expect((await accepted.getByTestId('post-accepted').textContent())?.replace(/\s+/g, ' ').trim()).toBe('✓ Câu trả lời được chấp nhận · Lê Minh Đức chấp nhận');
    expect(await accepted.getByTestId('post-role').textContent()).toContain('Giảng viên');
    // The highlight is the accepted style, not only a label.
    const background = await accepted.locator('.post.accepted').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(background).not.toBe('rgba(0, 0, 0, 0)');

    const spam = questionRow(learner, spamTitle);
    await spam.getByTestId('discussion-question-toggle').click();
    const post = spam.locator('[data-kind="question"]');
    await post.getByTestId('post-report').click();
    await post.getByTestId('post-report-form-reason').fill('Quảng cáo bán tài liệu, không liên quan bài học');
    await post.getByTestId('post-report-form-send').click();
    await spam.locator('[data-kind="question"] [data-testid="post-reported"]').waitFor();
    const overflow = await learner.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  it('the lecturer hides the reported post with a reason', async () => {
    await lecturer.goto(`${base}/manage/courses/${courseId}/discussion`);
    const item = lecturer.getByTestId('moderation-item').filter({ hasText: 'Liên hệ mua bộ đề ôn thi' });
    await item.waitFor();
    expect(await item.getByTestId('moderation-reports').textContent()).toContain('Quảng cáo bán tài liệu, không liên quan bài học');
    await item.getByTestId('moderation-hide').click();
    await item.getByTestId('moderation-hide-form-reason').fill('Quảng cáo, không liên quan bài giảng');
    await item.getByTestId('moderation-hide-form-send').click();
    await lecturer.getByTestId('moderation-notice').waitFor();
    await lecturer.getByTestId('moderation-filter-hidden').click();
    const hidden = lecturer.getByTestId('moderation-item').filter({ hasText: 'Liên hệ mua bộ đề ôn thi' });
    expect(await hidden.getByTestId('moderation-hidden').textContent()).toContain('Quảng cáo, không liên quan bài giảng');
  });

  it('the hidden post is gone from the learner’s lesson page, the rest stays', async () => {
    await learner.goto(lessonUrl());
    await questionRow(learner, questionTitle).waitFor();
    expect(await questionRow(learner, spamTitle).count()).toBe(0);
    expect(await learner.getByTestId('discussion-question').count()).toBe(1);
  });
});
