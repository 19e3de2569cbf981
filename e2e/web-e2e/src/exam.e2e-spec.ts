import { mkdirSync } from 'node:fs';
import { type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { accessToken, artifacts, base, launchBrowser, ok, screenshots, signIn } from './support/browser';
import { approvedItem, createCourse, createProgram, DEMO_PASSWORD, orgUnitId, userId } from './support/seed';

/**
 * The learner's exam journey on a phone over a weak connection: the exam is set up through the
 * API by the Hanoi admin and lecturer, then the demo learner takes it in Chromium, loses the
 * connection mid-exam, reloads, and every answer still reaches the server.
 */
const suffix = Date.now().toString(36).toUpperCase();
const topic = `Kỹ năng công tác Đoàn ${suffix}`;

const login = (username: string) => accessToken(username, DEMO_PASSWORD);

/** The bank items of this run, by stem marker, with the answer the learner gives (all correct). */
const ITEMS = [
  {
    type: 'single_choice',
    stem: `Đại hội đại biểu toàn quốc của Đoàn họp mấy năm một lần? (${suffix})`,
    options: [
      { id: 'a', text: '3 năm' },
      { id: 'b', text: '5 năm' },
      { id: 'c', text: '7 năm' },
    ],
    key: 'b',
  },
  { type: 'true_false', stem: `Đoàn viên có quyền ứng cử vào cơ quan lãnh đạo của Đoàn. (${suffix})`, key: true },
  {
    type: 'multiple_response',
    stem: `Chọn các phong trào hành động cách mạng của Đoàn. (${suffix})`,
    options: [
      { id: 'a', text: 'Thanh niên tình nguyện' },
      { id: 'b', text: 'Phong trào thi đua sản xuất hàng hóa' },
      { id: 'c', text: 'Tuổi trẻ xung kích bảo vệ Tổ quốc' },
    ],
    key: ['a', 'c'],
  },
  { type: 'short_answer', stem: `Đoàn TNCS mang tên vị lãnh tụ nào? (${suffix})`, options: [], key: ['Hồ Chí Minh'] },
  {
    type: 'ordering',
    stem: `Sắp xếp các bước tổ chức đại hội chi đoàn theo thứ tự. (${suffix})`,
    options: [
      { id: 'o1', text: 'Chuẩn bị văn kiện' },
      { id: 'o2', text: 'Khai mạc đại hội' },
      { id: 'o3', text: 'Bầu ban chấp hành' },
    ],
    key: ['o1', 'o2', 'o3'],
  },
  {
    type: 'matching',
    stem: `Ghép mỗi chức danh với nhiệm vụ của nó. (${suffix})`,
    options: [
      { id: 'a', text: 'Bí thư chi đoàn' },
      { id: 'b', text: 'Phó Bí thư chi đoàn' },
    ],
    key: [
      ['a', 'Chủ trì công việc của chi đoàn'],
      ['b', 'Giúp Bí thư điều hành'],
    ],
  },
] as const;

describe('a learner takes a timed exam on a phone, offline for a while', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const tokens: Record<string, string> = {};
  let examId = '';
  let attemptId = '';
  /** itemId -> the answer given. */
  const given = new Map<string, unknown>();
  const multiple = new Map<string, boolean>();
  const comparable = (itemId: string, answer: unknown) => (multiple.get(itemId) && Array.isArray(answer) ? [...answer].sort() : answer);

  const sync = () => page.getByTestId('exam-sync');
  const syncState = async (state: string) => page.locator(`[data-testid="exam-sync"][data-state="${state}"]`).waitFor({ timeout: 20_000 });

  /** Answers the question on screen correctly, whatever its type; returns its item id. */
  async function answerCurrent(): Promise<string> {
    const question = page.getByTestId('exam-question');
    await question.waitFor();
    const itemId = (await question.getAttribute('data-item-id')) ?? '';
    const stem = (await question.locator('.stem').textContent()) ?? '';
    const item = ITEMS.find((i) => stem.includes(i.stem));
    if (!item) throw new Error(`unknown question on screen: ${stem}`);
    switch (item.type) {
      case 'single_choice':
        await question.locator(`input[value="${item.key}"]`).check();
        break;
      case 'true_false':
        await question.locator(`input[value="${String(item.key)}"]`).check();
        break;
      case 'multiple_response':
        for (const id of item.key) await question.locator(`input[value="${id}"]`).check();
        break;
      case 'short_answer':
        await question.getByTestId('exam-text').fill(item.key[0]);
        break;
      case 'matching':
        // Picked from the attempt's list of right-hand texts.
        for (const [optionId, text] of item.key) {
          await question.locator('[data-testid="exam-match-select"]').nth(item.options.findIndex((o) => o.id === optionId)).selectOption({ label: text });
        }
        break;
      case 'ordering': {
        // Bubble the shown (shuffled) rows into the key's order with the up buttons.
        for (let guard = 0; guard < 10; guard++) {
          const shown = await question.getByTestId('exam-order-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-option-id') ?? ''));
          const wrong = shown.findIndex((id, i) => id !== item.key[i]);
          if (wrong < 0) break;
          const at = shown.indexOf(item.key[wrong]);
          await question.getByTestId('exam-order-up').nth(at).click();
          // The click returns before the rows are redrawn: wait for the new order before reading it again.
          await page.waitForFunction(
            (before) =>
              [...document.querySelectorAll('[data-testid="exam-question"] [data-testid="exam-order-row"]')].map((r) => r.getAttribute('data-option-id') ?? '').join() !== before,
            shown.join(),
          );
        }
        if (!given.has(itemId) && (await question.getByTestId('exam-order-keep').count())) await question.getByTestId('exam-order-keep').click();
        break;
      }
    }
    // A multiple-response answer lists the choices in the order they were shown (shuffled).
    given.set(
      itemId,
      item.type === 'short_answer'
        ? item.key[0]
        : item.type === 'multiple_response'
          ? [...item.key].sort()
          : item.type === 'matching'
            ? Object.fromEntries(item.key)
            : item.key,
    );
    multiple.set(itemId, item.type === 'multiple_response');
    return itemId;
  }

  /**
   * Moves to another question and waits until it is on screen: the click returns before the
   * player renders, and reading the question too early would answer the previous one.
   */
  async function moveTo(control: Locator): Promise<void> {
    const before = await page.getByTestId('exam-question').getAttribute('data-item-id');
    await control.click();
    await page.waitForFunction((id) => document.querySelector('[data-testid="exam-question"]')?.getAttribute('data-item-id') !== id, before);
  }

  async function serverAnswers(): Promise<Map<string, unknown>> {
    const view = await ok<{ responses: Array<{ itemId: string; answer: unknown }> }>('GET', `/attempts/${attemptId}`, tokens['hocvien']);
    return new Map(view.responses.map((r) => [r.itemId, r.answer]));
  }

  /** The save is debounced and asynchronous: poll the server until it holds `count` answers. */
  async function waitForServerAnswers(count: number): Promise<Map<string, unknown>> {
    const until = Date.now() + 20_000;
    for (;;) {
      const answers = await serverAnswers();
      if (answers.size >= count || Date.now() > until) return answers;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    for (const u of ['admin.hanoi', 'giangvien', 'hocvien']) tokens[u] = await login(u);
    const hanoi = await orgUnitId(tokens['admin.hanoi'], 'HNI');
    const programId = await createProgram(tokens['admin.hanoi'], { code: `HNI-KN-${suffix}`, name: `Kỹ năng công tác Đoàn ${suffix}`, ownerOrgUnitId: hanoi });
    const courseId = await createCourse(tokens['admin.hanoi'], {
      programId,
      orgUnitId: hanoi,
      name: `Lớp kỹ năng ${suffix}`,
      status: 'open',
      learners: [await userId(tokens['admin.hanoi'], 'hocvien', 'nguyen van duc')],
    });
    for (const item of ITEMS) {
      await approvedItem(tokens['giangvien'], tokens['admin.hanoi'], { ...item, level: 'recognition', topic, ownerOrgUnitId: hanoi, source: { document: 'Điều lệ Đoàn TNCS Hồ Chí Minh' } });
    }
    const now = Date.now();
    examId = (
      await ok<{ id: string }>('POST', '/exams', tokens['admin.hanoi'], {
        courseId,
        title: `Kiểm tra kỹ năng ${suffix}`,
        blueprint: [{ topic, level: 'recognition', count: ITEMS.length, points: 2 }],
        timeLimitSeconds: 1800,
        opensAt: new Date(now - 3_600_000).toISOString(),
        closesAt: new Date(now + 7_200_000).toISOString(),
        maxAttempts: 1,
        passMark: 50,
      })
    ).id;

    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'vi-VN' });
    page = await context.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(() => screenshots(page));

  it('finds the exam in the menu and reads its intro: time limit and attempts left', async () => {
    await signIn(page, 'hocvien', DEMO_PASSWORD);
    await page.locator('a[href="/exams"]').first().waitFor({ state: 'attached' });
    await page.goto(`${base}/exams`);
    const card = page.locator(`[data-testid="exam-card"][data-exam-id="${examId}"]`);
    await card.waitFor();
    expect(await card.getAttribute('data-status')).toBe('open');
    await card.getByTestId('exam-open-link').click();
    await page.getByTestId('exam-intro').waitFor();
    expect(await page.getByTestId('exam-intro-time-limit').textContent()).toContain('30 phút');
    expect(await page.getByTestId('exam-intro-attempts-left').textContent()).toContain('1 / 1');
  });

  it('starts, answers two questions online, and sees them saved on the server', async () => {
    await page.getByTestId('exam-start').click();
    await page.getByTestId('exam-player').waitFor();
    attemptId = /\/exams\/attempts\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? '';
    expect(attemptId).not.toBe('');
    const countdown = (await page.getByTestId('exam-countdown').textContent()) ?? '';
    expect(countdown.trim()).toMatch(/^(30:00|29:[0-5]\d)$/);
    expect(await page.getByTestId('exam-nav-item').count()).toBe(ITEMS.length);

    await answerCurrent();
    await moveTo(page.getByTestId('exam-next'));
    await answerCurrent();
    expect((await waitForServerAnswers(2)).size).toBe(2);
    await syncState('saved');
  });

  it('keeps answering offline, says how many answers wait, and restores them after a reload', async () => {
    await context.setOffline(true);
    await page.getByTestId('exam-flag').click();
    await moveTo(page.getByTestId('exam-next'));
    await answerCurrent();
    await moveTo(page.getByTestId('exam-next'));
    await answerCurrent();
    await page.locator('[data-testid="exam-sync"][data-state="offline"][data-waiting="2"]').waitFor({ timeout: 20_000 });
    expect(await sync().textContent()).toContain('2 câu trả lời đang chờ');
    expect((await serverAnswers()).size).toBe(2);

    // Back on a connection that still drops the saves, the learner reloads: the journal restores the answers.
    await page.route('**/api/v1/attempts/*/responses', (route) => route.abort('internetdisconnected'));
    await context.setOffline(false);
    await page.reload();
    await page.getByTestId('exam-player').waitFor();
    await page.locator('[data-testid="exam-sync"][data-waiting="2"]').waitFor({ timeout: 20_000 });
    const navs = page.getByTestId('exam-nav-item');
    for (let i = 0; i < 4; i++) expect(await navs.nth(i).getAttribute('data-answered')).toBe('true');
    expect(await navs.nth(1).getAttribute('data-flagged')).toBe('true');

    await page.unroute('**/api/v1/attempts/*/responses');
    await page.getByTestId('exam-retry').click();
    await syncState('saved');
    const onServer = await waitForServerAnswers(4);
    expect(onServer.size).toBe(4);
    for (const [itemId, answer] of onServer) expect(comparable(itemId, answer)).toEqual(given.get(itemId));
  });

  it('answers the last question, submits while offline, and gets the result once back online', async () => {
    for (let i = 4; i < ITEMS.length; i++) {
      await moveTo(page.getByTestId('exam-nav-item').nth(i));
      await answerCurrent();
    }
    const onServer = await waitForServerAnswers(ITEMS.length);
    expect(onServer.size).toBe(ITEMS.length);
    await syncState('saved');
    for (const [itemId, answer] of onServer) expect(comparable(itemId, answer)).toEqual(given.get(itemId));

    await context.setOffline(true);
    await page.getByTestId('exam-submit-open').click();
    await page.getByTestId('exam-review').waitFor();
    expect(await page.getByTestId('exam-review-answered').textContent()).toContain(`${ITEMS.length}/${ITEMS.length}`);
    await page.getByTestId('exam-submit-confirm').click();
    await page.getByTestId('exam-submit-queued').waitFor();
    await context.setOffline(false);

    await page.getByTestId('exam-result').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('exam-result-score').textContent()).toContain('10/10');
    expect(await page.getByTestId('exam-result-passed').getAttribute('data-passed')).toBe('true');
    const result = await ok<{ status: string; score: number; maxScore: number }>('GET', `/attempts/${attemptId}`, tokens['hocvien']);
    expect(result).toMatchObject({ status: 'submitted', score: ITEMS.length * 2, maxScore: ITEMS.length * 2 });
  });
});
