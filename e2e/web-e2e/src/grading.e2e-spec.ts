import { mkdirSync } from 'node:fs';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { accessToken, artifacts, base, launchBrowser, ok, screenshots, signIn } from './support/browser';
import { approvedItem, createCourse, createProgram, DEMO_PASSWORD, orgUnitId, userId } from './support/seed';

/**
 * An essay from answer to result: the learner writes it on a phone and submits (the result waits
 * for grading), the lecturer grades it against its rubric in the grading screen, and the learner
 * then sees the final score.
 */
const suffix = `G${Date.now().toString(36).toUpperCase()}`;
const topic = `Viết tự luận ${suffix}`;
const essayText = 'Đoàn viên phải gương mẫu, học tập và làm theo Bác, tham gia sinh hoạt chi đoàn đều đặn.';

const login = (username: string) => accessToken(username, DEMO_PASSWORD);

describe('an essay is answered, graded by the lecturer, and its result reaches the learner', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let learner: Page;
  let lecturer: Page;
  const tokens: Record<string, string> = {};
  let examId = '';
  let attemptId = '';

  async function signInAs(page: Page, username: string): Promise<void> {
    await signIn(page, username, DEMO_PASSWORD);
  }

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    for (const u of ['admin.hanoi', 'giangvien', 'hocvien']) tokens[u] = await login(u);
    const hanoi = await orgUnitId(tokens['admin.hanoi'], 'HNI');
    const programId = await createProgram(tokens['admin.hanoi'], { code: `HNI-TL-${suffix}`, name: `Kỹ năng viết ${suffix}`, ownerOrgUnitId: hanoi });
    const courseId = await createCourse(tokens['admin.hanoi'], {
      programId,
      orgUnitId: hanoi,
      name: `Lớp kỹ năng viết ${suffix}`,
      status: 'open',
      learners: [await userId(tokens['admin.hanoi'], 'hocvien', 'nguyen van duc')],
    });
    await approvedItem(tokens['giangvien'], tokens['admin.hanoi'], {
      type: 'essay',
      stem: `Trình bày nhiệm vụ của đoàn viên. (${suffix})`,
      key: null,
      scoring: {
        rubric: [
          { criterion: 'Nêu đủ các nhiệm vụ', points: 4 },
          { criterion: 'Liên hệ bản thân', points: 6 },
        ],
      },
      level: 'application',
      topic,
      ownerOrgUnitId: hanoi,
      source: { document: 'Điều lệ Đoàn TNCS Hồ Chí Minh' },
    });
    const now = Date.now();
    examId = (
      await ok<{ id: string }>('POST', '/exams', tokens['admin.hanoi'], {
        courseId,
        title: `Bài viết ${suffix}`,
        blueprint: [{ topic, level: 'application', count: 1, points: 5 }],
        timeLimitSeconds: 1800,
        opensAt: new Date(now - 3_600_000).toISOString(),
        closesAt: new Date(now + 7_200_000).toISOString(),
        maxAttempts: 1,
        passMark: 50,
      })
    ).id;

    browser = await launchBrowser();
    for (let i = 0; i < 2; i++) contexts.push(await browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'vi-VN' }));
    learner = await contexts[0].newPage();
    lecturer = await contexts[1].newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(() => screenshots({ learner, lecturer }));

  it('the learner writes the essay, submits, and is told it waits for grading', async () => {
    await signInAs(learner, 'hocvien');
    await learner.goto(`${base}/exams/${examId}`);
    await learner.getByTestId('exam-start').click();
    await learner.getByTestId('exam-player').waitFor();
    attemptId = /\/exams\/attempts\/([0-9a-f-]{36})/.exec(learner.url())?.[1] ?? '';
    expect(attemptId).not.toBe('');
    await learner.getByTestId('exam-question').getByTestId('exam-text').fill(essayText);
    await learner.locator('[data-testid="exam-sync"][data-state="saved"][data-waiting="0"]').waitFor({ timeout: 20_000 });
    await learner.getByTestId('exam-submit-open').click();
    await learner.getByTestId('exam-submit-confirm').click();
    await learner.getByTestId('exam-result').waitFor({ timeout: 30_000 });
    await learner.getByTestId('exam-result-pending').waitFor();
    expect(await learner.getByTestId('exam-result-passed').count()).toBe(0);
  });

  it('the lecturer finds the exam in the grading menu and grades the essay against its rubric', async () => {
    await signInAs(lecturer, 'giangvien');
    await lecturer.locator('a[href="/grading"]').first().waitFor({ state: 'attached' });
    await lecturer.goto(`${base}/grading`);
    const card = lecturer.locator(`[data-testid="grading-exam"][data-exam-id="${examId}"]`);
    await card.waitFor();
    expect(await card.getByTestId('grading-exam-pending').textContent()).toContain('1');
    await card.getByTestId('grading-exam-open').click();
    const form = lecturer.getByTestId('grading-form');
    await form.waitFor();
    expect(await form.getAttribute('data-attempt-id')).toBe(attemptId);
    expect(await lecturer.getByTestId('grading-answer').textContent()).toContain('gương mẫu');
    expect(await lecturer.getByTestId('grading-response').first().textContent()).toContain('Nguyễn Văn Đức');
    const scores = lecturer.getByTestId('grading-score');
    expect(await scores.count()).toBe(2);
    // Out of bounds is caught on the screen before anything is sent.
    await scores.nth(0).fill('5');
    expect(await lecturer.getByTestId('grading-save').isDisabled()).toBe(true);
    await scores.nth(0).fill('4');
    await scores.nth(1).fill('5');
    await lecturer.getByTestId('grading-comment').fill('Đủ ý, liên hệ bản thân còn ngắn.');
    expect(await lecturer.getByTestId('grading-total').textContent()).toContain('9 / 10');
    await lecturer.getByTestId('grading-save').click();
    await lecturer.getByTestId('grading-saved').waitFor();
    await lecturer.locator('[data-testid="grading-pending"][data-pending="0"]').waitFor();
  });

  it('the learner sees the final result', async () => {
    await learner.reload();
    await learner.getByTestId('exam-result').waitFor();
    // 9 of the rubric's 10 points: 4.5 of the item's 5, 9 on the 10-point scale.
    expect(await learner.getByTestId('exam-result-score').textContent()).toContain('9/10');
    expect(await learner.getByTestId('exam-result-passed').getAttribute('data-passed')).toBe('true');
    expect(await learner.getByTestId('exam-result-pending').count()).toBe(0);
  });
});
