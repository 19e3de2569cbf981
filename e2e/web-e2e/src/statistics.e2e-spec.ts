import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { ExamStatisticsView } from '@boiduong/shared-contracts';
import { Client } from 'pg';
import { type Browser, type Page } from 'playwright-core';
import { accessToken, artifacts, base, call, launchBrowser, screenshots, signIn } from './support/browser';
import { approvedItem, createCourse, createProgram, DEMO_PASSWORD, orgUnitId } from './support/seed';

/**
 * A lecturer's item statistics: an exam built through the api (program, course, approved items,
 * exam), one learner sitting it through the api, and 119 more graded attempts written straight to
 * PostgreSQL (enough for the 2PL model); the lecturer recomputes from the screen and reads the numbers.
 */
const databaseUrl = process.env['E2E_DATABASE_URL'] ?? '';
const suffix = Date.now().toString(36).toUpperCase();

const login = (username: string) => accessToken(username, DEMO_PASSWORD);

/** What the screens print: fixed decimals with the Vietnamese decimal comma. */
const vi = (x: number | null | undefined, digits: number) =>
  x === null || x === undefined ? '–' : new Intl.NumberFormat('vi-VN', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x);

describe('a lecturer reading item statistics', () => {
  let browser: Browser;
  let page: Page;
  let examId = '';
  let lecturer = '';

  beforeAll(async () => {
    if (!base || !databaseUrl) throw new Error('E2E_BASE_URL / E2E_DATABASE_URL are not set: run through npm test');
    mkdirSync(artifacts, { recursive: true });
    const admin = await login('admin.hanoi');
    lecturer = await login('giangvien');
    const hanoi = await orgUnitId(admin, 'HNI');
    const programId = await createProgram(admin, { code: `HNI-TK-${suffix}`, name: 'Nghiệp vụ công tác Đoàn', ownerOrgUnitId: hanoi });
    const courseId = await createCourse(admin, { programId, orgUnitId: hanoi, name: `Lớp nghiệp vụ ${suffix}`, startsOn: '2026-01-05', endsOn: '2027-12-31', status: 'open' });
    const topic = `Thống kê ${suffix}`;
    const options = ['a', 'b', 'c', 'd'].map((id) => ({ id, text: `Phương án ${id.toUpperCase()}` }));
    const items: string[] = [];
    for (let k = 1; k <= 5; k++) {
      items.push(
        await approvedItem(lecturer, admin, { type: 'single_choice', stem: `Câu ${k}: nhiệm vụ nào thuộc về chi đoàn (${suffix})?`, options, key: 'b', level: 'recognition', topic, ownerOrgUnitId: hanoi }),
      );
    }
    const exam = await call<{ id: string }>(
      'POST',
      '/exams',
      admin,
      {
        courseId,
        title: `Kiểm tra thống kê ${suffix}`,
        blueprint: [{ topic, level: 'recognition', count: 5, points: 1 }],
        timeLimitSeconds: 1800,
        opensAt: new Date(Date.now() - 3_600_000).toISOString(),
        closesAt: new Date(Date.now() + 3_600_000).toISOString(),
        passMark: 50,
      },
    );
    expect(exam.status).toBe(201);
    examId = exam.body.id;

    // One real attempt through the api: hocvien answers the first three right.
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const [learner] = (await db.query(`SELECT id FROM users WHERE username = 'hocvien'`)).rows;
      expect((await call('POST', `/courses/${courseId}/enrollments`, admin, { userIds: [learner.id] })).status).toBe(201);
      const learnerToken = await login('hocvien');
      const attempt = await call<{ attemptId: string; items: Array<{ itemId: string }> }>('POST', `/exams/${examId}/attempts`, learnerToken, {});
      expect(attempt.status).toBe(201);
      const answers = attempt.body.items.map((i) => ({ itemId: i.itemId, answer: items.indexOf(i.itemId) < 3 ? 'b' : 'c', seq: 1 }));
      expect((await call('PUT', `/attempts/${attempt.body.attemptId}/responses`, learnerToken, { responses: answers })).status).toBe(200);
      expect((await call('POST', `/attempts/${attempt.body.attemptId}/submit`, learnerToken, {})).status).toBe(200);

      // 119 more graded attempts: item k is answered right by learners above a threshold that rises with k.
      const [{ id: hanoiUnit }] = (await db.query(`SELECT id FROM org_units WHERE code = 'HNI'`)).rows;
      const versions = (await db.query(`SELECT DISTINCT ON (item_id) item_id, id FROM qb_item_versions WHERE item_id = ANY($1::uuid[]) ORDER BY item_id, version DESC`, [items])).rows as Array<{ item_id: string; id: string }>;
      const versionOf = new Map(versions.map((v) => [v.item_id, v.id]));
      const users = (
        await db.query(
          `INSERT INTO users (username, password_hash, full_name, org_unit_id) SELECT $1 || g, 'x', 'Học viên thống kê ' || g, $2 FROM generate_series(1, 119) g RETURNING id`,
          [`e2e.stat.${suffix.toLowerCase()}.`, hanoiUnit],
        )
      ).rows as Array<{ id: string }>;
      const attempts = users.map((u, p) => {
        // A deterministic spread of abilities and answers, with some noise so every item varies.
        const ability = ((p * 37) % 119) / 119;
        const answersOf = items.map((_, k) => (ability + (((p * 13 + k * 7) % 10) - 5) / 25 > 0.15 + k * 0.15 ? 'b' : ['a', 'c', 'd'][(p + k) % 3]));
        return { id: randomUUID(), user_id: u.id, answers: answersOf, score: answersOf.filter((a) => a === 'b').length };
      });
      const finished = new Date(Date.now() - 60_000);
      await db.query(
        `INSERT INTO attempts (id, exam_id, user_id, number, status, started_at, deadline, finished_at, score, max_score, needs_manual_grading)
         SELECT x.id, $1, x.user_id, 1, 'submitted', $2, $3, $3, x.score, 5, false FROM jsonb_to_recordset($4::jsonb) AS x(id uuid, user_id uuid, score numeric)`,
        [examId, new Date(finished.getTime() - 900_000), finished, JSON.stringify(attempts)],
      );
      const rows = attempts.flatMap((a) => items.map((itemId, k) => ({ attempt_id: a.id, position: k, item_id: itemId, item_version_id: versionOf.get(itemId), answer: a.answers[k] })));
      await db.query(
        `INSERT INTO attempt_items (attempt_id, position, item_id, item_version_id, points)
         SELECT x.attempt_id, x.position, x.item_id, x.item_version_id, 1 FROM jsonb_to_recordset($1::jsonb) AS x(attempt_id uuid, position int, item_id uuid, item_version_id uuid)`,
        [JSON.stringify(rows)],
      );
      await db.query(
        `INSERT INTO responses (attempt_id, item_id, answer, seq, saved_at, credit)
         SELECT x.attempt_id, x.item_id, to_jsonb(x.answer), 1, $2, CASE WHEN x.answer = 'b' THEN 1 ELSE 0 END FROM jsonb_to_recordset($1::jsonb) AS x(attempt_id uuid, item_id uuid, answer text)`,
        [JSON.stringify(rows), finished],
      );
    } finally {
      await db.end();
    }

    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(() => screenshots(page));

  it('finds the exam from the menu, recomputes its statistics and sees the numbers of the api', async () => {
    await signIn(page, 'giangvien', DEMO_PASSWORD);
    await page.locator('a[href="/statistics"]').first().click();
    const row = page.locator(`[data-testid="stats-exam-row"][data-exam-id="${examId}"]`);
    await row.waitFor();
    await row.getByTestId('stats-exam-link').click();
    await page.getByTestId('stats-exam-title').waitFor();
    expect(await page.getByTestId('stats-exam-title').textContent()).toContain(`Kiểm tra thống kê ${suffix}`);

    await page.getByTestId('stats-recompute').click();
    // The worker computes; the page follows until the snapshot is there.
    await page.getByTestId('stats-item-row').first().waitFor({ timeout: 45_000 });
    await page.locator('[data-testid="stats-histogram"] svg').first().waitFor();

    const api = await call<ExamStatisticsView>('GET', `/exams/${examId}/statistics`, lecturer);
    const snapshot = api.body.snapshot;
    if (!snapshot) throw new Error('no snapshot from the api');
    expect(snapshot.attempts).toBe(120);
    expect(await page.getByTestId('stats-attempts').textContent()).toBe('120');
    expect((await page.getByTestId('stats-alpha').textContent())?.trim()).toBe(vi(snapshot.test.alpha, 3));
    expect(snapshot.irt).not.toBeNull();
    const rows = page.getByTestId('stats-item-row');
    expect(await rows.count()).toBe(5);
    for (const item of snapshot.items) {
      const r = page.locator(`[data-testid="stats-item-row"][data-version-id="${item.itemVersionId}"]`);
      expect((await r.getByTestId('stats-facility').textContent())?.trim()).toBe(vi(item.facility, 2));
      expect((await r.getByTestId('stats-discrimination').textContent())?.trim()).toBe(vi(item.discriminationIndex, 1));
      expect((await r.getByTestId('stats-pbis').textContent())?.trim()).toBe(vi(item.pointBiserial, 2));
      expect((await r.getByTestId('stats-irt-a').textContent())?.trim()).toBe(vi(item.irt?.a, 2));
    }

    // Sorting by facility puts the hardest item first.
    await page.getByTestId('stats-sort-facility').click();
    // Any item of the lowest facility may come first (ties keep no particular order); the click
    // returns before the table is redrawn, so wait for one of them to lead.
    const lowest = Math.min(...snapshot.items.map((i) => i.facility ?? 2));
    const hardest = snapshot.items.filter((i) => (i.facility ?? 2) === lowest).map((i) => i.itemVersionId);
    await page.waitForFunction(
      (ids) => ids.includes(document.querySelector('[data-testid="stats-item-row"]')?.getAttribute('data-version-id') ?? ''),
      hardest,
      { timeout: 10_000 },
    );
    expect(hardest).toContain(await rows.first().getAttribute('data-version-id'));
  });

  it('opens an item and sees its characteristic curve and distractor chart', async () => {
    const api = (await call<ExamStatisticsView>('GET', `/exams/${examId}/statistics`, lecturer)).body.snapshot;
    const item = api?.items[0];
    if (!item) throw new Error('no item');
    await page.locator(`[data-testid="stats-item-row"][data-version-id="${item.itemVersionId}"]`).getByTestId('stats-item-link').click();
    await page.getByTestId('stats-item-stem').waitFor();
    expect(await page.getByTestId('stats-item-stem').textContent()).toBe(item.stem);
    expect((await page.getByTestId('stats-item-facility').textContent())?.trim()).toBe(vi(item.facility, 2));
    expect((await page.getByTestId('stats-item-irt-b').textContent())?.trim()).toBe(vi(item.irt?.b, 2));
    // The curve is drawn: a smooth path of many Bézier segments in the chart's SVG.
    await page.locator('[data-testid="stats-icc"] svg').first().waitFor();
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="stats-icc"] svg path')].some((p) => (p.getAttribute('d')?.match(/C/g)?.length ?? 0) > 20),
    );
    await page.locator('[data-testid="stats-distractor-chart"] svg').first().waitFor();
    // One bar per option and group (everyone, upper, lower), each a filled path.
    await page.waitForFunction(
      (bars) => document.querySelectorAll('[data-testid="stats-distractor-chart"] svg path[fill]:not([fill="none"])').length >= bars,
      (item.distractors?.length ?? 0) * 3,
    );
    const distractorRows = page.getByTestId('stats-distractor-row');
    expect(await distractorRows.count()).toBe(item.distractors?.length);
    const key = page.locator('[data-testid="stats-distractor-row"][data-option-id="b"]');
    expect(await key.textContent()).toContain('(đáp án)');
    const share = item.distractors?.find((d) => d.optionId === 'b')?.proportion ?? Number.NaN;
    expect((await key.getByTestId('stats-distractor-share').textContent())?.trim()).toBe(`${vi(share * 100, 1)}%`);
  });
});
