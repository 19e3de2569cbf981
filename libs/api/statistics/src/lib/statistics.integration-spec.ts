import { randomUUID } from 'node:crypto';
import { QueueName } from '@boiduong/api-core';
import { BootstrapService, DEMO_PASSWORD } from '@boiduong/api-identity';
import { approvedItem, createCourse, createExam as createExamThroughApi, createProgram, createTestApp, orgUnitIds, signInAll, type TestApp } from '@boiduong/api-testing';
import { analyzeCtt, calibrate, distractorAnalysis, normalThetas, randomItems, Rng, simulateResponses } from '@boiduong/psychometrics';
import type { ExamStatisticsSummary, ExamStatisticsView, ItemStatisticsView, StatisticsJobAccepted } from '@boiduong/shared-contracts';
import { getQueueToken } from '@nestjs/bullmq';
import { Worker, type Queue } from 'bullmq';
import { StatisticsService } from './services/statistics.service';
import { StatisticsModule } from './statistics.module';

interface Version {
  itemId: string;
  versionId: string;
}

/** One attempt's items, in position order: the version drawn and the answer (null: not answered). */
type Form = Array<{ v: Version; answer: string | null; points?: number }>;

describe('exam statistics against PostgreSQL and Redis', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  let hanoi: string;
  let courseId: string;
  const recognition: Version[] = [];
  const comprehension: Version[] = [];
  const exams: Record<'sim' | 'hand' | 'drawn', string> = { sim: '', hand: '', drawn: '' };
  /** The simulated exam's forms, kept to recompute its statistics directly with psychometrics. */
  let simForms: Form[] = [];
  let worker: Worker | undefined;

  const day = 86_400_000;

  async function seed(examId: string, label: string, forms: Form[]): Promise<string[]> {
    const users: Array<{ id: string }> = await t.db.query(
      `INSERT INTO users (username, password_hash, full_name, org_unit_id)
       SELECT $1 || '.' || g, 'x', 'Học viên ' || g, $2 FROM generate_series(1, $3) g RETURNING id`,
      [`stat.${label}`, hanoi, forms.length],
    );
    const finished = new Date(Date.now() - 1.5 * day);
    const attempts = forms.map((form, k) => {
      const score = form.reduce((s, e) => s + (e.answer === 'b' ? (e.points ?? 1) : 0), 0);
      return { id: randomUUID(), user_id: users[k].id, score, max_score: form.reduce((s, e) => s + (e.points ?? 1), 0) };
    });
    await t.db.query(
      `INSERT INTO attempts (id, exam_id, user_id, number, status, started_at, deadline, finished_at, score, max_score, needs_manual_grading)
       SELECT x.id, $1, x.user_id, 1, 'submitted', $2, $3, $3, x.score, x.max_score, false
         FROM jsonb_to_recordset($4::jsonb) AS x(id uuid, user_id uuid, score numeric, max_score numeric)`,
      [examId, new Date(finished.getTime() - 600_000), finished, JSON.stringify(attempts)],
    );
    const items = forms.flatMap((form, k) => form.map((e, position) => ({ attempt_id: attempts[k].id, position, item_id: e.v.itemId, item_version_id: e.v.versionId, points: e.points ?? 1 })));
    await t.db.query(
      `INSERT INTO attempt_items (attempt_id, position, item_id, item_version_id, points)
       SELECT x.attempt_id, x.position, x.item_id, x.item_version_id, x.points
         FROM jsonb_to_recordset($1::jsonb) AS x(attempt_id uuid, position int, item_id uuid, item_version_id uuid, points numeric)`,
      [JSON.stringify(items)],
    );
    const responses = forms.flatMap((form, k) =>
      form.filter((e) => e.answer !== null).map((e) => ({ attempt_id: attempts[k].id, item_id: e.v.itemId, answer: e.answer, credit: e.answer === 'b' ? 1 : 0 })),
    );
    await t.db.query(
      `INSERT INTO responses (attempt_id, item_id, answer, seq, saved_at, credit)
       SELECT x.attempt_id, x.item_id, to_jsonb(x.answer), 1, $2, x.credit
         FROM jsonb_to_recordset($1::jsonb) AS x(attempt_id uuid, item_id uuid, answer text, credit numeric)`,
      [JSON.stringify(responses), finished],
    );
    return attempts.map((a) => a.id);
  }

  beforeAll(async () => {
    t = await createTestApp([StatisticsModule], { DEMO_DATA: 'true' });
    await t.app.get(BootstrapService).run();
    Object.assign(tokens, await signInAll(t, ['admin.hanoi', 'giangvien', 'hocvien', 'admin.danang'], DEMO_PASSWORD));
    hanoi = (await orgUnitIds(t))['HNI'];
    const program = await createProgram(t, tokens['admin.hanoi'], { code: 'HNI-TK', name: 'Bồi dưỡng nghiệp vụ công tác Đoàn', ownerOrgUnitId: hanoi, requiredHours: 16 });
    const course = await createCourse(t, tokens['admin.hanoi'], {
      programId: program.id, orgUnitId: hanoi, name: 'Lớp nghiệp vụ 2026', startsOn: '2026-01-05', endsOn: '2026-12-31', status: 'open',
    });
    courseId = course.id;
    const options = ['a', 'b', 'c', 'd'].map((id) => ({ id, text: `Phương án ${id.toUpperCase()}` }));
    for (const [level, list, n] of [['recognition', recognition, 6], ['comprehension', comprehension, 3]] as const) {
      for (let k = 1; k <= n; k++) {
        const itemId = await approvedItem(t, tokens['giangvien'], tokens['admin.hanoi'], {
          type: 'single_choice', stem: `Câu hỏi ${level} số ${k} về công tác Đoàn?`, options, key: 'b', level, topic: 'Công tác Đoàn', ownerOrgUnitId: hanoi,
        });
        const [v] = await t.db.query(`SELECT id FROM qb_item_versions WHERE item_id = $1 ORDER BY version DESC LIMIT 1`, [itemId]);
        list.push({ itemId, versionId: v.id });
      }
    }
    const createExam = (title: string, level: string, count: number) =>
      createExamThroughApi(t, tokens['admin.hanoi'], {
        courseId,
        title,
        blueprint: [{ topic: 'Công tác Đoàn', level, count, points: 1 }],
        timeLimitSeconds: 1200,
        opensAt: new Date(Date.now() - 2 * day),
        closesAt: new Date(Date.now() - day),
        maxAttempts: null,
      });
    exams.sim = await createExam('Kiểm tra mô phỏng', 'recognition', 6);
    exams.hand = await createExam('Kiểm tra nhỏ', 'comprehension', 3);
    exams.drawn = await createExam('Kiểm tra rút đề', 'recognition', 3);

    // 300 learners answering the six items under a 2PL model; wrong answers spread over the distractors, some left blank.
    const rng = new Rng(20261129);
    const truth = randomItems(6, rng);
    const sim = simulateResponses(truth, normalThetas(300, rng), rng);
    simForms = Array.from({ length: 300 }, (_, p) =>
      recognition.map((v, j) => {
        if (sim.responses[p * 6 + j] === 1) return { v, answer: 'b' };
        const u = rng.uniform();
        return { v, answer: u < 0.05 ? null : u < 0.55 ? 'a' : u < 0.85 ? 'c' : 'd' };
      }),
    );
    const simIds = await seed(exams.sim, 'sim', simForms);
    // Row order matters for ties at the 27% boundaries: the job reads attempts by finish time, then
    // id (all finished together here), so the direct computation takes them in id order too.
    simForms = simForms.map((form, k) => ({ form, id: simIds[k] })).sort((x, y) => (x.id < y.id ? -1 : 1)).map((x) => x.form);

    // Five learners, three items: small enough to check by hand (see the test).
    const [c1, c2, c3] = comprehension;
    const row = (a1: string | null, a2: string | null, a3: string | null): Form => [
      { v: c1, answer: a1 },
      { v: c2, answer: a2 },
      { v: c3, answer: a3 },
    ];
    await seed(exams.hand, 'hand', [row('b', 'b', 'b'), row('b', 'b', 'c'), row('b', 'a', 'c'), row('a', 'b', 'd'), row('a', 'c', null)]);

    // Forms drawn from the blueprint: each attempt gets three of the six items.
    const drawRng = new Rng(7);
    const drawn: Form[] = Array.from({ length: 40 }, () => {
      const pool = [...recognition];
      const form: Form = [];
      for (let k = 0; k < 3; k++) {
        const [v] = pool.splice(Math.floor(drawRng.uniform() * pool.length), 1);
        form.push({ v, answer: drawRng.uniform() < 0.6 ? 'b' : 'a' });
      }
      return form;
    });
    await seed(exams.drawn, 'drawn', drawn);
  });

  afterAll(async () => {
    await worker?.close();
    await t.app.get<Queue>(getQueueToken(QueueName.Statistics)).obliterate({ force: true });
    await t.close();
  });

  const get = (examId: string, token = tokens['giangvien']) => t.request<ExamStatisticsView>('GET', `/api/v1/exams/${examId}/statistics`, { token });

  it('queues a computation on demand (202 with the job id) and refuses a second while it waits (409)', async () => {
    const before = await get(exams.sim);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ examId: exams.sim, title: 'Kiểm tra mô phỏng', running: false, snapshot: null });
    const first = await t.request<StatisticsJobAccepted>('POST', `/api/v1/exams/${exams.sim}/statistics`, { token: tokens['giangvien'] });
    expect(first.status).toBe(202);
    expect(first.body).toEqual({ jobId: `exam-statistics-${exams.sim}` });
    const second = await t.request('POST', `/api/v1/exams/${exams.sim}/statistics`, { token: tokens['admin.hanoi'] });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'STATISTICS_RUNNING' });
    expect((await get(exams.sim)).body.running).toBe(true);
  });

  it('refuses learners (403) and other provinces (404), for exams and items', async () => {
    expect((await get(exams.sim, tokens['hocvien'])).status).toBe(403);
    expect((await get(exams.sim, tokens['admin.danang'])).status).toBe(404);
    expect((await t.request('POST', `/api/v1/exams/${exams.sim}/statistics`, { token: tokens['admin.danang'] })).status).toBe(404);
    expect((await t.request('GET', `/api/v1/items/${recognition[0].itemId}/statistics`, { token: tokens['admin.danang'] })).status).toBe(404);
    expect((await t.request('GET', `/api/v1/items/${randomUUID()}/statistics`, { token: tokens['giangvien'] })).status).toBe(404);
    expect((await get(randomUUID())).status).toBe(404);
    const list = await t.request<ExamStatisticsSummary[]>('GET', '/api/v1/statistics/exams', { token: tokens['admin.danang'] });
    expect(list.body.map((e) => e.examId)).not.toContain(exams.sim);
  });

  it('sweeps closed exams into the queue and the job stores one snapshot per exam', async () => {
    const statistics = t.app.get(StatisticsService);
    // The on-demand job for the simulated exam is already queued: the sweep adds the other two.
    expect(await statistics.sweep()).toBe(3);
    const queue = t.app.get<Queue>(getQueueToken(QueueName.Statistics));
    expect(await queue.getJob(`exam-statistics-${exams.hand}`)).toBeDefined();
    worker = new Worker(QueueName.Statistics, (job) => statistics.computeExam(String(job.data.examId)), { connection: queue.opts.connection, prefix: t.env.QUEUE_PREFIX });
    for (let i = 0; i < 300; i++) {
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM exam_statistics`);
      if (n === 3) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const counts: Array<{ exam_id: string; n: number }> = await t.db.query(`SELECT exam_id, count(*)::int AS n FROM exam_statistics GROUP BY exam_id`);
    expect(counts).toHaveLength(3);
    expect(counts.every((c) => c.n === 1)).toBe(true);
    // Nothing new since: the sweep queues nothing.
    expect(await statistics.sweep()).toBe(0);
  });

  it('matches psychometrics computed directly on the same matrix (CTT, distractors, 2PL)', async () => {
    const res = await get(exams.sim);
    expect(res.status).toBe(200);
    const snapshot = res.body.snapshot;
    if (!snapshot) throw new Error('no snapshot');
    expect(snapshot).toMatchObject({ attempts: 300, responses: 1800 });
    expect(snapshot.durationMs).toBeGreaterThanOrEqual(0);
    expect(Date.parse(snapshot.computedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(snapshot.items.map((i) => i.itemVersionId).sort()).toEqual(recognition.map((v) => v.versionId).sort());

    // The same matrix, built here from what was seeded, in the snapshot's item order.
    const order = snapshot.items.map((i) => recognition.findIndex((v) => v.versionId === i.itemVersionId));
    const J = order.length;
    const marks = new Float64Array(300 * J);
    const choices = new Int32Array(300 * J);
    const codes: Record<string, number> = { a: 0, b: 1, c: 2, d: 3 };
    simForms.forEach((form, p) =>
      order.forEach((src, j) => {
        const answer = form[src].answer;
        marks[p * J + j] = answer === 'b' ? 1 : 0;
        choices[p * J + j] = answer === null ? -1 : codes[answer];
      }),
    );
    const direct = analyzeCtt({ persons: 300, items: J, marks, maxMarks: new Float64Array(J).fill(1) });
    expect(snapshot.test.reliabilityBasis).toBe('items');
    expect(snapshot.test.alpha).toBeCloseTo(direct.test.alpha ?? Number.NaN, 10);
    expect(snapshot.test.kr20).toBeCloseTo(direct.test.kr20 ?? Number.NaN, 10);
    expect(snapshot.test.mean).toBeCloseTo(direct.test.mean, 10);
    expect(snapshot.test.sd).toBeCloseTo(direct.test.sd ?? Number.NaN, 10);
    expect(snapshot.test.histogram.reduce((a, b) => a + b, 0)).toBe(300);
    const distractors = distractorAnalysis({ persons: 300, items: J, choices, key: new Array(J).fill(1) });
    snapshot.items.forEach((item, j) => {
      const d = direct.items[j];
      expect(item.responses).toBe(300);
      expect(item.facility).toBeCloseTo(d.facility ?? Number.NaN, 10);
      expect(item.discriminationIndex).toBeCloseTo(d.discriminationIndex ?? Number.NaN, 8);
      expect(item.discriminativeEfficiency).toBeCloseTo(d.discriminativeEfficiency ?? Number.NaN, 8);
      expect(item.effectiveWeight).toBeCloseTo(d.effectiveWeight ?? Number.NaN, 8);
      expect(item.pointBiserial).toBeCloseTo(d.pointBiserial, 10);
      expect(item.pointBiserialRest).toBeCloseTo(d.pointBiserialRest, 10);
      expect(item.upperLowerD).toBeCloseTo(d.upperLowerD, 10);
      for (const option of distractors[j]) {
        const mine = item.distractors?.find((o) => (option.option === -1 ? o.optionId === null : o.optionId === 'abcd'[option.option]));
        expect(mine).toBeDefined();
        expect(mine?.isKey).toBe(option.isKey);
        expect(mine?.proportion).toBeCloseTo(option.proportion, 12);
        expect(mine?.proportionUpper).toBeCloseTo(option.proportionUpper, 12);
        expect(mine?.proportionLower).toBeCloseTo(option.proportionLower, 12);
        expect(mine?.restCorrelation).toBeCloseTo(option.restCorrelation, 10);
      }
    });

    // 2PL: the same calibration on the same responses.
    const responses = new Int8Array(300 * J);
    marks.forEach((m, k) => (responses[k] = m));
    const fit = calibrate({ persons: 300, items: J, responses }, { model: '2pl' });
    expect(snapshot.irt).toMatchObject({ model: '2pl', items: J, persons: 300, converged: true });
    expect(snapshot.irt?.logLik).toBeCloseTo(fit.logLik, 4);
    expect(snapshot.irt?.empiricalReliability).toBeGreaterThan(0.3);
    expect(snapshot.irt?.empiricalReliability).toBeLessThan(1);
    snapshot.items.forEach((item, j) => {
      expect(item.irt?.a).toBeCloseTo(fit.items[j].a, 4);
      expect(item.irt?.b).toBeCloseTo(fit.items[j].b, 4);
    });
  });

  it('gets a five-learner exam right by hand', async () => {
    const snapshot = (await get(exams.hand)).body.snapshot;
    if (!snapshot) throw new Error('no snapshot');
    // Scores: 3, 2, 1, 1, 0 out of 3 (item 1: 1 1 1 0 0; item 2: 1 1 0 1 0; item 3: 1 0 0 0 0).
    expect(snapshot).toMatchObject({ attempts: 5, responses: 15, irt: null, irtSkipped: 'too_few_attempts' });
    expect(snapshot.test.mean).toBeCloseTo(1.4, 12);
    expect(snapshot.test.median).toBe(1);
    // Total variance 5.2 / 4 = 1.3; item variances 0.3 + 0.3 + 0.2 = 0.8; alpha = 3/2 (1 - 0.8 / 1.3).
    expect(snapshot.test.alpha).toBeCloseTo(1.5 * (1 - 0.8 / 1.3), 12);
    expect(snapshot.test.kr20).toBeCloseTo(1.5 * (1 - 0.64 / 1.04), 12);
    expect(snapshot.test.histogram).toEqual([1, 0, 0, 2, 0, 0, 1, 0, 0, 1]);
    const third = snapshot.items.find((i) => i.itemVersionId === comprehension[2].versionId);
    expect(third?.facility).toBeCloseTo(0.2, 12);
    // Item 3 against the rest (2, 2, 1, 1, 0): covariance sum 0.8, sums of squares 0.8 and 2.8.
    expect(third?.discriminationIndex).toBeCloseTo((100 * 0.8) / Math.sqrt(0.8 * 2.8), 10);
    // 27% of 5 rounds to one learner per group: the top scorer chose the key, the bottom one nothing.
    const key = third?.distractors?.find((o) => o.optionId === 'b');
    expect(key).toMatchObject({ isKey: true, count: 1, proportion: 0.2, proportionUpper: 1, proportionLower: 0, d: 1 });
    const blank = third?.distractors?.find((o) => o.optionId === null);
    expect(blank).toMatchObject({ isKey: false, count: 1, proportionLower: 1, flags: [] });
    // Nobody chose A: a distractor chosen by fewer than 5%.
    expect(third?.distractors?.find((o) => o.optionId === 'a')?.flags.map((f) => f.code)).toEqual(['DISTRACTOR_RARE']);
    const first = snapshot.items.find((i) => i.itemVersionId === comprehension[0].versionId);
    expect(first?.facility).toBeCloseTo(0.6, 12);
  });

  it('keeps responses with the version each attempt drew when forms differ', async () => {
    const snapshot = (await get(exams.drawn)).body.snapshot;
    if (!snapshot) throw new Error('no snapshot');
    expect(snapshot).toMatchObject({ attempts: 40, responses: 120 });
    expect(snapshot.test.reliabilityBasis).toBe('slots');
    const drawnCounts: Array<{ item_version_id: string; n: number; correct: number }> = await t.db.query(
      `SELECT ai.item_version_id, count(*)::int AS n, count(*) FILTER (WHERE r.credit = 1)::int AS correct
         FROM attempt_items ai JOIN attempts a ON a.id = ai.attempt_id LEFT JOIN responses r ON r.attempt_id = a.id AND r.item_id = ai.item_id
        WHERE a.exam_id = $1 GROUP BY ai.item_version_id`,
      [exams.drawn],
    );
    for (const c of drawnCounts) {
      const item = snapshot.items.find((i) => i.itemVersionId === c.item_version_id);
      expect(item?.responses).toBe(c.n);
      expect(item?.facility).toBeCloseTo(c.correct / c.n, 12);
      expect(item?.effectiveWeight).toBeNull();
    }
    expect(snapshot.items.reduce((s, i) => s + i.responses, 0)).toBe(120);
  });

  it('answers per item version across exams, and lists exams with their latest snapshot', async () => {
    const item = await t.request<ItemStatisticsView>('GET', `/api/v1/items/${recognition[0].itemId}/statistics`, { token: tokens['giangvien'] });
    expect(item.status).toBe(200);
    expect(item.body.versions).toHaveLength(1);
    expect(item.body.versions[0].itemVersionId).toBe(recognition[0].versionId);
    expect(item.body.versions[0].exams.map((e) => e.examId).sort()).toEqual([exams.sim, exams.drawn].sort());
    const list = await t.request<ExamStatisticsSummary[]>('GET', '/api/v1/statistics/exams', { token: tokens['admin.hanoi'] });
    expect(list.status).toBe(200);
    const hand = list.body.find((e) => e.examId === exams.hand);
    expect(hand).toMatchObject({ title: 'Kiểm tra nhỏ', courseName: 'Lớp nghiệp vụ 2026', attempts: 5 });
    expect(hand?.alpha).toBeCloseTo(1.5 * (1 - 0.8 / 1.3), 12);
  });
});
