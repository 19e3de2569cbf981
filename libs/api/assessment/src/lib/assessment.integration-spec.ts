import { AssessmentResults, EXAM_RESULTS } from '@boiduong/api-catalog';
import { JobName, QueueName } from '@boiduong/api-core';
import { BootstrapService, DEMO_PASSWORD } from '@boiduong/api-identity';
import { approvedItem, createCourse, createProgram, createTestApp, enroll, orgUnitIds, signIn, signInAll, type TestApp } from '@boiduong/api-testing';
import type { NotificationPage } from '@boiduong/shared-contracts';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { AssessmentModule } from './assessment.module';
import { AssessmentClock } from './services/assessment-clock';
import { AttemptsService } from './services/attempts.service';
import { ExamsService } from './services/exams.service';

interface StartBody {
  attemptId: string;
  deadline: string;
  serverNow: string;
  items: Array<{ itemId: string; type: string; stem: string; options: Array<{ id: string; text: string }>; points: number }>;
}

describe('timed exams against PostgreSQL and Redis', () => {
  let t: TestApp;
  let clock: AssessmentClock;
  const tokens: Record<string, string> = {};
  const base = new Date('2026-12-01T02:00:00Z');
  let hanoi: string;
  let courseId: string;
  /** itemId -> the correct answer, from the bank (never from the attempt). */
  const correct = new Map<string, unknown>();

  const login = (username: string, password = DEMO_PASSWORD) => signIn(t, username, password);
  const setNow = (d: Date) => jest.spyOn(clock, 'now').mockReturnValue(d);
  const at = (ms: number) => new Date(base.getTime() + ms);

  beforeAll(async () => {
    t = await createTestApp([AssessmentModule], { DEMO_DATA: 'true' });
    await t.app.get(BootstrapService).run();
    clock = t.app.get(AssessmentClock);
    setNow(base);
    Object.assign(tokens, await signInAll(t, ['admin.hanoi', 'giangvien', 'hocvien', 'admin.danang'], DEMO_PASSWORD));
    const units = await orgUnitIds(t);
    hanoi = units['HNI'];
    const badinh = units['HNI-BADINH'];
    // A second learner, to show attempts are private.
    const other = await t.request('POST', '/api/v1/users', {
      token: tokens['admin.hanoi'],
      body: { username: 'hocvien2', password: 'Another-learner-1', fullName: 'Lê Thị Hoa', orgUnitId: badinh, roles: [{ role: 'learner', orgUnitId: badinh }] },
    });
    expect(other.status).toBe(201);
    tokens['hocvien2'] = await login('hocvien2', 'Another-learner-1');

    const program = await createProgram(t, tokens['admin.hanoi'], {
      code: 'HNI-BTCD', name: 'Bồi dưỡng Bí thư chi đoàn', family: 'title', ownerOrgUnitId: hanoi, targetTitles: ['secretary.branch'], requiredHours: 24,
    });
    const course = await createCourse(t, tokens['admin.hanoi'], {
      programId: program.id, orgUnitId: hanoi, name: 'Lớp Bí thư chi đoàn 2026', startsOn: '2026-11-01', endsOn: '2026-12-31', status: 'open',
    });
    courseId = course.id;
    const learners: Array<{ id: string }> = await t.db.query(`SELECT id FROM users WHERE username IN ('hocvien', 'hocvien2')`);
    await enroll(t, tokens['admin.hanoi'], courseId, learners.map((l) => l.id));

    const options = [
      { id: 'a', text: 'Phương án A' },
      { id: 'b', text: 'Phương án B' },
      { id: 'c', text: 'Phương án C' },
      { id: 'd', text: 'Phương án D' },
    ];
    const items = [
      ...[1, 2, 3, 4].map((n) => ({ type: 'single_choice', stem: `Câu hỏi nhận biết số ${n} về Điều lệ Đoàn?`, options, key: 'b', level: 'recognition' })),
      { type: 'true_false', stem: 'Đoàn viên có quyền ứng cử vào cơ quan lãnh đạo của Đoàn.', key: true, level: 'comprehension' },
      { type: 'multiple_response', stem: 'Chọn các nhiệm vụ của đoàn viên trong tình huống sau.', options, key: ['a', 'c'], level: 'application' },
    ];
    for (const item of items) {
      const id = await approvedItem(t, tokens['giangvien'], tokens['admin.hanoi'], { ...item, topic: 'Điều lệ Đoàn', ownerOrgUnitId: hanoi, source: { document: 'Điều lệ Đoàn TNCS Hồ Chí Minh' } });
      correct.set(id, item.key);
    }
  });
  afterAll(() => t.close());

  const createExam = (overrides: Record<string, unknown> = {}) => createCourseExam(overrides);
  const createCourseExam = (overrides: Record<string, unknown> = {}) =>
    t.request<{ id: string }>('POST', '/api/v1/exams', {
      token: tokens['admin.hanoi'],
      body: {
        courseId,
        title: 'Kiểm tra cuối khóa',
        blueprint: [
          { topic: 'Điều lệ Đoàn', level: 'recognition', count: 2, points: 1 },
          { topic: 'Điều lệ Đoàn', level: 'comprehension', count: 1, points: 1 },
          { topic: 'Điều lệ Đoàn', level: 'application', count: 1, points: 2 },
        ],
        timeLimitSeconds: 600,
        opensAt: at(-3_600_000).toISOString(),
        closesAt: at(3_600_000).toISOString(),
        maxAttempts: 2,
        passMark: 50,
        ...overrides,
      },
    });

  it('refuses a blueprint the bank cannot fill, naming the short cells (422)', async () => {
    const res = await createExam({ blueprint: [{ topic: 'Điều lệ Đoàn', level: 'high_application', count: 1, points: 1 }] });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'EXAM_BLUEPRINT_SHORT', details: { cells: [{ level: 'high_application', needed: 1, available: 0 }] } });
  });

  it('lets only exam managers of the subtree create exams and read results', async () => {
    expect((await t.request('POST', '/api/v1/exams', { token: tokens['hocvien'], body: {} })).status).toBe(403);
    const exam = await createExam();
    expect((await t.request('GET', `/api/v1/exams/${exam.body.id}/results`, { token: tokens['admin.danang'] })).status).toBe(404);
    expect((await t.request('GET', `/api/v1/exams/${exam.body.id}/results`, { token: tokens['admin.hanoi'] })).status).toBe(200);
  });

  describe('delivery settings: editing before the window, supervised rooms, result release and review', () => {
    const future = () => ({ opensAt: at(3_600_000).toISOString(), closesAt: at(3 * 3_600_000).toISOString() });
    const start = (examId: string, token: string, body?: unknown, device?: string) =>
      t.request<StartBody>('POST', `/api/v1/exams/${examId}/attempts`, { token, body, headers: device ? { 'x-device-id': device } : undefined });
    const submit = (attemptId: string, token = tokens['hocvien'], device?: string) =>
      t.request<{ status: string; score: number | null; released: boolean; releaseExpectedAt: string | null; passed: boolean | null; reviewAvailable: boolean }>(
        'POST',
        `/api/v1/attempts/${attemptId}/submit`,
        { token, headers: device ? { 'x-device-id': device } : undefined },
      );
    /** Exams of a course of their own, so they change nothing the other tests count. */
    let roomCourseId: string;
    const createExam = (overrides: Record<string, unknown> = {}) => createCourseExam({ courseId: roomCourseId, ...overrides });
    beforeAll(async () => {
      const [program]: Array<{ id: string }> = await t.db.query(`SELECT program_id AS id FROM courses WHERE id = $1`, [courseId]);
      const course = await createCourse(t, tokens['admin.hanoi'], {
        programId: program.id, orgUnitId: hanoi, name: 'Lớp thi tập trung 2026', mode: 'in_person', startsOn: '2026-11-01', endsOn: '2026-12-31', capacity: 40, status: 'open',
      });
      roomCourseId = course.id;
      const learners: Array<{ id: string }> = await t.db.query(`SELECT id FROM users WHERE username IN ('hocvien', 'hocvien2')`);
      await enroll(t, tokens['admin.hanoi'], roomCourseId, learners.map((l) => l.id));
    });
    afterEach(() => setNow(base));

    it('gives form assembly the latest 2PL difficulty of each calibrated item version', async () => {
      const exam = await createExam();
      const versions: Array<{ id: string; item_id: string }> = await t.db.query(
        `SELECT v.id, v.item_id FROM qb_item_versions v JOIN qb_items i ON i.id = v.item_id AND v.version = i.approved_version WHERE v.level = 'recognition' ORDER BY v.id LIMIT 2`,
      );
      const snapshot = async (computedAt: Date, b: number) => {
        const [{ id }] = await t.db.query(
          `INSERT INTO exam_statistics (exam_id, computed_at, duration_ms, attempts, responses, test) VALUES ($1, $2, 1, 200, 800, '{}') RETURNING id`,
          [exam.body.id, computedAt],
        );
        await t.db.query(
          `INSERT INTO item_version_statistics (snapshot_id, item_version_id, item_id, exam_id, responses, flags, details) VALUES ($1, $2, $3, $4, 200, '[]', $5)`,
          [id, versions[0].id, versions[0].item_id, exam.body.id, JSON.stringify({ irt: { a: 1.2, b } })],
        );
      };
      await snapshot(at(-86_400_000), 0.4);
      await snapshot(at(-3_600_000), -0.7);
      const pool = await t.app.get(ExamsService).pool(t.db.manager, hanoi, [{ topic: 'Điều lệ Đoàn', level: 'recognition', count: 1, points: 1 }]);
      expect(pool.find((p) => p.versionId === versions[0].id)?.difficulty).toBe(-0.7);
      expect(pool.find((p) => p.versionId === versions[1].id)).not.toHaveProperty('difficulty');
    });

    it('shows managers every setting, with safe defaults', async () => {
      const exam = await createExam();
      const res = await t.request<Record<string, unknown>>('GET', `/api/v1/exams/${exam.body.id}`, { token: tokens['admin.hanoi'] });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ resultRelease: 'immediate', reviewPolicy: 'responses', accessCode: null, allowedNetworks: [], frozen: true, passMark: 50 });
      expect((await t.request('GET', `/api/v1/exams/${exam.body.id}`, { token: tokens['admin.danang'] })).status).toBe(404);
      expect((await t.request('GET', `/api/v1/exams/${exam.body.id}`, { token: tokens['hocvien'] })).status).toBe(403);
    });

    it('edits settings until the window opens, then freezes them', async () => {
      const exam = await createExam(future());
      const url = `/api/v1/exams/${exam.body.id}`;
      const edited = await t.request<Record<string, unknown>>('PATCH', url, {
        token: tokens['admin.hanoi'],
        body: { title: 'Kiểm tra giữa khóa', accessCode: ' PHONG-3 ', allowedNetworks: ['10.1.2.3', '10.1.0.0/16', '10.1.0.0/16'], resultRelease: 'manual', reviewPolicy: 'full', passMark: 60 },
      });
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({ title: 'Kiểm tra giữa khóa', accessCode: 'PHONG-3', allowedNetworks: ['10.1.2.3/32', '10.1.0.0/16'], resultRelease: 'manual', reviewPolicy: 'full', passMark: 60, frozen: false });

      const badNetwork = await t.request<{ code: string }>('PATCH', url, { token: tokens['admin.hanoi'], body: { allowedNetworks: ['10.1.0.0/33'] } });
      expect(badNetwork.status).toBe(400);
      const backwards = await t.request<{ code: string }>('PATCH', url, { token: tokens['admin.hanoi'], body: { closesAt: at(60_000).toISOString() } });
      expect(backwards.status).toBe(400);
      expect(backwards.body.code).toBe('EXAM_SETTINGS_INVALID');
      const short = await t.request<{ code: string }>('PATCH', url, {
        token: tokens['admin.hanoi'],
        body: { blueprint: [{ topic: 'Điều lệ Đoàn', level: 'recognition', count: 40, points: 1 }] },
      });
      expect(short.status).toBe(422);
      expect(short.body.code).toBe('EXAM_BLUEPRINT_SHORT');
      expect((await t.request('PATCH', url, { token: tokens['admin.danang'], body: { title: 'X' } })).status).toBe(404);
      // Refused edits changed nothing.
      expect((await t.request<{ title: string; blueprint: unknown[] }>('GET', url, { token: tokens['admin.hanoi'] })).body).toMatchObject({ title: 'Kiểm tra giữa khóa', blueprint: expect.any(Array) });

      setNow(at(3_600_000));
      const frozen = await t.request<{ code: string }>('PATCH', url, { token: tokens['admin.hanoi'], body: { title: 'Muộn' } });
      expect(frozen.status).toBe(409);
      expect(frozen.body.code).toBe('EXAM_CONFIG_FROZEN');
      expect((await t.request<{ frozen: boolean }>('GET', url, { token: tokens['admin.hanoi'] })).body.frozen).toBe(true);
    });

    it('admits a supervised room only from its network and with the access code', async () => {
      const elsewhere = await createExam({ allowedNetworks: ['10.0.0.0/8'] });
      const refused = await start(elsewhere.body.id, tokens['hocvien2']);
      expect(refused.status).toBe(403);
      expect((refused.body as unknown as { code: string }).code).toBe('EXAM_NETWORK_REFUSED');

      const room = await createExam({ allowedNetworks: ['127.0.0.0/8', '::1/128'], accessCode: 'PHONG-3' });
      const listed = await t.request<{ accessCodeRequired: boolean }>('GET', `/api/v1/me/exams/${room.body.id}`, { token: tokens['hocvien2'] });
      expect(listed.body.accessCodeRequired).toBe(true);
      expect(JSON.stringify(listed.body)).not.toContain('PHONG-3');
      const none = await start(room.body.id, tokens['hocvien2'], undefined, 'device-aaaa');
      expect(none.status).toBe(403);
      expect((none.body as unknown as { code: string }).code).toBe('EXAM_ACCESS_CODE_REQUIRED');
      const wrong = await start(room.body.id, tokens['hocvien2'], { accessCode: 'PHONG-4' }, 'device-aaaa');
      expect((wrong.body as unknown as { code: string }).code).toBe('EXAM_ACCESS_CODE_WRONG');
      // Refused starts used no attempt.
      expect((await t.db.query(`SELECT count(*)::int AS n FROM attempts WHERE exam_id = $1`, [room.body.id]))[0].n).toBe(0);
      const admitted = await start(room.body.id, tokens['hocvien2'], { accessCode: 'PHONG-3' }, 'device-aaaa');
      expect(admitted.status).toBe(201);
      // Resuming on the same device asks nothing; moving to another machine is a new entry.
      expect((await start(room.body.id, tokens['hocvien2'], undefined, 'device-aaaa')).status).toBe(201);
      expect((await start(room.body.id, tokens['hocvien2'], undefined, 'device-bbbb')).status).toBe(403);
      const moved = await start(room.body.id, tokens['hocvien2'], { accessCode: 'PHONG-3' }, 'device-bbbb');
      expect(moved.status).toBe(201);
      expect(moved.body.attemptId).toBe(admitted.body.attemptId);
      expect((await submit(admitted.body.attemptId, tokens['hocvien2'], 'device-bbbb')).status).toBe(200);
    });

    it('withholds scores until the window closes (after_close), then shows them and the review without keys', async () => {
      const exam = await createExam({ resultRelease: 'after_close', reviewPolicy: 'responses', closesAt: at(1_800_000).toISOString() });
      const started = await start(exam.body.id, tokens['hocvien']);
      expect(started.status).toBe(201);
      const answers = started.body.items.map((item, i) => ({ itemId: item.itemId, answer: correct.get(item.itemId), seq: i + 1 }));
      expect((await t.request('PUT', `/api/v1/attempts/${started.body.attemptId}/responses`, { token: tokens['hocvien'], body: { responses: answers } })).status).toBe(200);
      const submitted = await submit(started.body.attemptId);
      expect(submitted.status).toBe(200);
      expect(submitted.body).toMatchObject({ status: 'submitted', score: null, passed: null, released: false, releaseExpectedAt: at(1_800_000).toISOString(), reviewAvailable: false });
      const early = await t.request<{ code: string }>('GET', `/api/v1/attempts/${started.body.attemptId}/review`, { token: tokens['hocvien'] });
      expect(early.status).toBe(409);
      expect(early.body.code).toBe('RESULTS_NOT_RELEASED');
      const mine = await t.request<{ lastResult: { score: number | null; released: boolean } }>('GET', `/api/v1/me/exams/${exam.body.id}`, { token: tokens['hocvien'] });
      expect(mine.body.lastResult).toMatchObject({ score: null, released: false });
      // Lecturers see the score at once.
      const results = await t.request<Array<{ attemptId: string; score: number }>>('GET', `/api/v1/exams/${exam.body.id}/results`, { token: tokens['admin.hanoi'] });
      expect(results.body.find((r) => r.attemptId === started.body.attemptId)?.score).toBe(5);

      setNow(at(1_800_000));
      const after = await t.request<{ score: number; passed: boolean; released: boolean; reviewAvailable: boolean }>('GET', `/api/v1/attempts/${started.body.attemptId}`, { token: tokens['hocvien'] });
      expect(after.body).toMatchObject({ score: 5, passed: true, released: true, reviewAvailable: true });
      const review = await t.request<{ items: Array<{ itemId: string; answer: unknown; credit: number; key?: unknown; explanation?: unknown }> }>(
        'GET',
        `/api/v1/attempts/${started.body.attemptId}/review`,
        { token: tokens['hocvien'] },
      );
      expect(review.status).toBe(200);
      expect(review.body.items).toHaveLength(4);
      for (const item of review.body.items) {
        expect(item.answer).toEqual(correct.get(item.itemId));
        expect(item.credit).toBe(1);
        expect(item).not.toHaveProperty('key');
        expect(item).not.toHaveProperty('explanation');
      }
      expect((await t.request('GET', `/api/v1/attempts/${started.body.attemptId}/review`, { token: tokens['hocvien2'] })).status).toBe(404);
    });

    it('releases results by hand once (manual), and a full review then shows keys', async () => {
      const exam = await createExam({ resultRelease: 'manual', reviewPolicy: 'full' });
      const started = await start(exam.body.id, tokens['hocvien']);
      const open = await t.request<{ code: string }>('GET', `/api/v1/attempts/${started.body.attemptId}/review`, { token: tokens['hocvien'] });
      expect(open.status).toBe(409);
      expect(open.body.code).toBe('ATTEMPT_NOT_FINISHED');
      const submitted = await submit(started.body.attemptId);
      expect(submitted.body).toMatchObject({ score: null, released: false, releaseExpectedAt: null });

      expect((await t.request('POST', `/api/v1/exams/${exam.body.id}/release-results`, { token: tokens['hocvien'] })).status).toBe(403);
      expect((await t.request('POST', `/api/v1/exams/${exam.body.id}/release-results`, { token: tokens['admin.danang'] })).status).toBe(404);
      const told = async () =>
        (await t.request<NotificationPage>('GET', '/api/v1/me/notifications', { token: tokens['hocvien'] })).body.items.filter(
          (n) => n.kind === 'exam.resultsReleased' && n.params.examId === exam.body.id,
        );
      expect(await told()).toEqual([]);
      const released = await t.request<{ resultsReleasedAt: string }>('POST', `/api/v1/exams/${exam.body.id}/release-results`, { token: tokens['admin.hanoi'] });
      expect(released.status).toBe(200);
      expect(released.body.resultsReleasedAt).toBe(base.toISOString());
      // The learner who finished is told once, linked to the attempt.
      expect((await told()).map((n) => n.params)).toEqual([{ examId: exam.body.id, examTitle: 'Kiểm tra cuối khóa', attemptId: started.body.attemptId }]);
      const again = await t.request<{ code: string }>('POST', `/api/v1/exams/${exam.body.id}/release-results`, { token: tokens['admin.hanoi'] });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('RESULTS_ALREADY_RELEASED');
      expect(await told()).toHaveLength(1);

      const result = await t.request<{ score: number; released: boolean }>('GET', `/api/v1/attempts/${started.body.attemptId}`, { token: tokens['hocvien'] });
      expect(result.body).toMatchObject({ score: 0, released: true });
      const review = await t.request<{ items: Array<{ itemId: string; answer: unknown; credit: number | null; key: unknown }> }>(
        'GET',
        `/api/v1/attempts/${started.body.attemptId}/review`,
        { token: tokens['hocvien'] },
      );
      expect(review.status).toBe(200);
      for (const item of review.body.items) {
        expect(item.answer).toBeNull();
        expect(item.credit).toBeNull();
        expect(item.key).toEqual(correct.get(item.itemId));
      }
      // Immediate results need no release.
      const immediate = await createExam();
      expect((await t.request<{ code: string }>('POST', `/api/v1/exams/${immediate.body.id}/release-results`, { token: tokens['admin.hanoi'] })).body.code).toBe(
        'RESULTS_ALREADY_RELEASED',
      );
    });

    it('refuses the review when the exam allows none', async () => {
      const exam = await createExam({ reviewPolicy: 'none' });
      const started = await start(exam.body.id, tokens['hocvien']);
      expect((await submit(started.body.attemptId)).body).toMatchObject({ released: true, reviewAvailable: false });
      const res = await t.request<{ code: string }>('GET', `/api/v1/attempts/${started.body.attemptId}/review`, { token: tokens['hocvien'] });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('REVIEW_NOT_ALLOWED');
    });
  });

  describe('an attempt from start to result', () => {
    let examId: string;
    let attempt: StartBody;

    beforeAll(async () => {
      examId = (await createExam()).body.id;
    });

    it('starts with a form that meets the blueprint, a deadline, and no keys', async () => {
      const res = await t.request<StartBody>('POST', `/api/v1/exams/${examId}/attempts`, { token: tokens['hocvien'] });
      expect(res.status).toBe(201);
      attempt = res.body;
      expect(attempt.items).toHaveLength(4);
      expect(attempt.items.reduce((s, i) => s + i.points, 0)).toBe(5);
      expect(new Date(attempt.deadline)).toEqual(at(600_000));
      expect(JSON.stringify(res.body)).not.toMatch(/"key"|answer_key|explanation|scoring/);
      const job = await t.app.get<Queue>(getQueueToken(QueueName.Assessment)).getJob(`attempt-deadline:${attempt.attemptId}:${at(660_000).getTime()}`);
      expect(job?.name).toBe(JobName.AttemptDeadline);
    });

    it('resumes the same attempt instead of opening a second one', async () => {
      const again = await t.request<StartBody>('POST', `/api/v1/exams/${examId}/attempts`, { token: tokens['hocvien'] });
      expect(again.body.attemptId).toBe(attempt.attemptId);
    });

    it('saves idempotently by sequence number and reports what it ignored', async () => {
      const url = `/api/v1/attempts/${attempt.attemptId}/responses`;
      const answers = attempt.items.map((i) => ({ itemId: i.itemId, answer: correct.get(i.itemId), seq: 2 }));
      const first = await t.request<{ saved: string[]; ignored: unknown[]; timeLeftMs: number }>('PUT', url, { token: tokens['hocvien'], body: { responses: answers } });
      expect(first.status).toBe(200);
      expect(first.body.saved).toHaveLength(4);
      expect(first.body.timeLeftMs).toBe(600_000);
      const resend = await t.request<{ saved: string[]; ignored: unknown[] }>('PUT', url, { token: tokens['hocvien'], body: { responses: answers } });
      expect(resend.body.saved).toEqual([]);
      expect(resend.body.ignored).toHaveLength(4);
      // An older change arriving late must not overwrite the newer answer.
      const choice = attempt.items.find((i) => i.type === 'single_choice');
      const stale = await t.request<{ saved: string[] }>('PUT', url, { token: tokens['hocvien'], body: { responses: [{ itemId: choice?.itemId, answer: 'a', seq: 1 }] } });
      expect(stale.status).toBe(200);
      expect(stale.body.saved).toEqual([]);
      const [row] = await t.db.query(`SELECT answer, seq FROM responses WHERE attempt_id = $1 AND item_id = $2`, [attempt.attemptId, choice?.itemId]);
      expect(row).toEqual({ answer: 'b', seq: 2 });
    });

    it('refuses items outside the attempt and malformed answers (422), and other people’s attempts (404)', async () => {
      const url = `/api/v1/attempts/${attempt.attemptId}/responses`;
      const outside = await t.request('PUT', url, { token: tokens['hocvien'], body: { responses: [{ itemId: '00000000-0000-4000-8000-000000000000', answer: 'a', seq: 9 }] } });
      expect(outside.status).toBe(422);
      expect(outside.body).toMatchObject({ code: 'ITEM_NOT_IN_ATTEMPT' });
      const tf = attempt.items.find((i) => i.type === 'true_false');
      const malformed = await t.request('PUT', url, { token: tokens['hocvien'], body: { responses: [{ itemId: tf?.itemId, answer: 'yes', seq: 9 }] } });
      expect(malformed.status).toBe(422);
      expect(malformed.body).toMatchObject({ code: 'ANSWER_MALFORMED' });
      const choice = attempt.items.find((i) => i.type === 'single_choice');
      const unknownOption = await t.request('PUT', url, { token: tokens['hocvien'], body: { responses: [{ itemId: choice?.itemId, answer: 'z', seq: 9 }] } });
      expect(unknownOption.status).toBe(422);
      expect((await t.request('PUT', url, { token: tokens['hocvien2'], body: { responses: [{ itemId: choice?.itemId, answer: 'a', seq: 9 }] } })).status).toBe(404);
      expect((await t.request('GET', `/api/v1/attempts/${attempt.attemptId}`, { token: tokens['hocvien2'] })).status).toBe(404);
    });

    it('keeps the newest answer per item when many saves race (group commit), and reports each save truthfully', async () => {
      const url = `/api/v1/attempts/${attempt.attemptId}/responses`;
      const sends = Array.from({ length: 40 }, (_, k) => {
        const item = attempt.items[k % attempt.items.length];
        // Same answers as before (still correct), higher sequences, sent in a scrambled order.
        return { itemId: item.itemId, answer: correct.get(item.itemId), seq: 100 + ((k * 7) % 40) };
      });
      const results = await Promise.all(sends.map((r) => t.request<{ saved: string[] }>('PUT', url, { token: tokens['hocvien'], body: { responses: [r] } })));
      expect(results.every((r) => r.status === 200)).toBe(true);
      const stored: Array<{ item_id: string; seq: number }> = await t.db.query(`SELECT item_id, seq FROM responses WHERE attempt_id = $1`, [attempt.attemptId]);
      for (const item of attempt.items) {
        const highest = Math.max(...sends.filter((r) => r.itemId === item.itemId).map((r) => r.seq));
        expect(stored.find((row) => row.item_id === item.itemId)?.seq).toBe(highest);
        // The request that carried the highest sequence was told it was saved.
        const winner = sends.findIndex((r) => r.itemId === item.itemId && r.seq === highest);
        expect(results[winner].body.saved).toEqual([item.itemId]);
      }
    });

    it('grades on submit, on the 10-point scale, and submitting again changes nothing', async () => {
      const [learner] = await t.db.query(`SELECT id FROM users WHERE username = 'hocvien'`);
      const examResults = () => t.app.get<AssessmentResults>(EXAM_RESULTS).resultsFor(courseId, [learner.id], 50).then((m) => m.get(learner.id));
      const completedAt = async () =>
        (await t.db.query(`SELECT completed_at FROM enrollments WHERE course_id = $1 AND user_id = $2`, [courseId, learner.id]))[0].completed_at;
      // Two exams of the course count (one made by the previous test); none passed yet, so not complete.
      expect(await examResults()).toEqual({ required: 2, passed: 0 });
      expect(await completedAt()).toBeNull();
      setNow(at(120_000));
      const res = await t.request<{ status: string; score: number; maxScore: number; scaled10: number; passed: boolean }>(
        'POST',
        `/api/v1/attempts/${attempt.attemptId}/submit`,
        { token: tokens['hocvien'] },
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'submitted', score: 5, maxScore: 5, scaled10: 10, passed: true });
      const again = await t.request('POST', `/api/v1/attempts/${attempt.attemptId}/submit`, { token: tokens['hocvien'] });
      expect(again.body).toEqual(res.body);
      // Completion sees the pass at once; the other exam is still required.
      expect(await examResults()).toEqual({ required: 2, passed: 1 });
      expect(await completedAt()).toBeNull();
      const [row] = await t.db.query(`SELECT finished_at FROM attempts WHERE id = $1`, [attempt.attemptId]);
      expect(row.finished_at).toEqual(at(120_000));
      const late = await t.request('PUT', `/api/v1/attempts/${attempt.attemptId}/responses`, {
        token: tokens['hocvien'],
        body: { responses: [{ itemId: attempt.items[0].itemId, answer: correct.get(attempt.items[0].itemId), seq: 500 }] },
      });
      expect(late.status).toBe(409);
      expect(late.body).toMatchObject({ code: 'ATTEMPT_CLOSED' });
    });
  });

  describe('deadlines enforced by the server', () => {
    it('refuses saves after deadline + 60 s and the sweeper finishes the attempt at its deadline', async () => {
      setNow(base);
      const examId = (await createExam({ title: 'Kiểm tra có hạn giờ' })).body.id;
      const start = await t.request<StartBody>('POST', `/api/v1/exams/${examId}/attempts`, { token: tokens['hocvien2'] });
      expect(start.status).toBe(201);
      const first = start.body.items[0];
      const url = `/api/v1/attempts/${start.body.attemptId}/responses`;
      setNow(at(600_000 + 60_000));
      const inGrace = await t.request('PUT', url, { token: tokens['hocvien2'], body: { responses: [{ itemId: first.itemId, answer: correct.get(first.itemId), seq: 1 }] } });
      expect(inGrace.status).toBe(200);
      setNow(at(600_000 + 60_001));
      const tooLate = await t.request('PUT', url, { token: tokens['hocvien2'], body: { responses: [{ itemId: first.itemId, answer: correct.get(first.itemId), seq: 2 }] } });
      expect(tooLate.status).toBe(409);
      // The deadline job was lost: the sweeper runs much later and still records the deadline.
      setNow(at(3 * 3_600_000));
      expect(await t.app.get(AttemptsService).finishOverdue()).toBe(1);
      const [row] = await t.db.query(`SELECT status, finished_at, score FROM attempts WHERE id = $1`, [start.body.attemptId]);
      expect(row.status).toBe('submitted');
      expect(row.finished_at).toEqual(at(600_000));
      expect(Number(row.score)).toBe(first.points);
      expect(await t.app.get(AttemptsService).finishOverdue()).toBe(0);
    });

    it('has the deadline job reschedule itself when it runs before deadline + grace', async () => {
      setNow(base);
      const examId = (await createExam({ title: 'Kiểm tra lần hai' })).body.id;
      const start = await t.request<StartBody>('POST', `/api/v1/exams/${examId}/attempts`, { token: tokens['hocvien'] });
      expect(await t.app.get(AttemptsService).finish(start.body.attemptId, 'deadline')).toBe('rescheduled');
      setNow(at(600_000 + 60_001));
      expect(await t.app.get(AttemptsService).finish(start.body.attemptId, 'deadline')).toBe('submitted');
    });

    it('abandons overdue attempts when the exam says so, and refuses starts outside the window or attempts', async () => {
      setNow(base);
      const examId = (await createExam({ title: 'Kiểm tra không tính bài quá giờ', overdueHandling: 'autoabandon', maxAttempts: 1 })).body.id;
      const start = await t.request<StartBody>('POST', `/api/v1/exams/${examId}/attempts`, { token: tokens['hocvien'] });
      setNow(at(3_000_000));
      expect(await t.app.get(AttemptsService).finish(start.body.attemptId, 'deadline')).toBe('abandoned');
      const noMore = await t.request('POST', `/api/v1/exams/${examId}/attempts`, { token: tokens['hocvien'] });
      expect(noMore.status).toBe(409);
      expect(noMore.body).toMatchObject({ code: 'EXAM_NO_ATTEMPTS_LEFT' });
      setNow(base);
      const future = (await createExam({ title: 'Kiểm tra tuần sau', opensAt: at(86_400_000).toISOString(), closesAt: at(90_000_000).toISOString() })).body.id;
      const early = await t.request('POST', `/api/v1/exams/${future}/attempts`, { token: tokens['hocvien'] });
      expect(early.status).toBe(409);
      expect(early.body).toMatchObject({ code: 'EXAM_NOT_OPEN_YET' });
      const notEnrolled = await t.request('POST', `/api/v1/exams/${future}/attempts`, { token: await login('giangvien') });
      expect(notEnrolled.status).toBe(403);
    });
  });

  describe('proctors adding time and reopening attempts (audited)', () => {
    const attemptsService = () => t.app.get(AttemptsService);
    const queue = () => t.app.get<Queue>(getQueueToken(QueueName.Assessment));
    const jobAt = (attemptId: string, ms: number) => queue().getJob(`attempt-deadline:${attemptId}:${ms}`);
    const userId = async (username: string) => (await t.db.query(`SELECT id FROM users WHERE username = $1`, [username]))[0].id as string;
    const auditOf = (entityId: string, action: string) =>
      t.db.query(`SELECT actor_username, before, after FROM audit_log WHERE entity_id = $1 AND action = $2 ORDER BY at`, [entityId, action]);

    it('adds minutes to an open attempt: only proctors of the subtree, the deadline job follows, saves count until the new deadline', async () => {
      setNow(base);
      const examId = (await createExam({ title: 'Kiểm tra cộng giờ', maxAttempts: 3 })).body.id;
      const start = await t.request<StartBody>('POST', `/api/v1/exams/${examId}/attempts`, { token: tokens['hocvien'] });
      const id = start.body.attemptId;
      const url = `/api/v1/attempts/${id}/extra-time`;
      expect((await t.request('POST', url, { token: tokens['hocvien'], body: { minutes: 10 } })).status).toBe(403);
      expect((await t.request('POST', url, { token: tokens['admin.danang'], body: { minutes: 10 } })).status).toBe(404);
      const bad = await t.request('POST', url, { token: tokens['giangvien'], body: { minutes: 0 } });
      expect(bad.status).toBe(400);
      setNow(at(300_000));
      // giangvien is an examiner of Hà Nội: proctors may add time.
      const res = await t.request<{ deadline: string; timeLeftMs: number }>('POST', url, { token: tokens['giangvien'], body: { minutes: 10, reason: 'Mất điện 10 phút' } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ deadline: at(1_200_000).toISOString(), timeLeftMs: 900_000 });
      expect((await jobAt(id, at(1_260_000).getTime()))?.name).toBe(JobName.AttemptDeadline);
      const [entry] = await auditOf(id, 'attempt.extra_time');
      expect(entry).toMatchObject({ actor_username: 'giangvien', before: { deadline: at(600_000).toISOString() }, after: { deadline: at(1_200_000).toISOString(), minutes: 10, reason: 'Mất điện 10 phút' } });
      // Past the old deadline and its grace, the learner still saves; the old job only reschedules.
      setNow(at(700_000));
      const item = start.body.items[0];
      const save = await t.request<{ saved: string[]; timeLeftMs: number }>('PUT', `/api/v1/attempts/${id}/responses`, {
        token: tokens['hocvien'],
        body: { responses: [{ itemId: item.itemId, answer: correct.get(item.itemId), seq: 1 }] },
      });
      expect(save.status).toBe(200);
      expect(save.body).toMatchObject({ saved: [item.itemId], timeLeftMs: 500_000 });
      expect(await attemptsService().finish(id, 'deadline')).toBe('rescheduled');
      expect(await attemptsService().finishOverdue()).toBe(0);
      // Then the new deadline holds like any other: finished at it, never later.
      setNow(at(1_260_001));
      expect(await attemptsService().finish(id, 'deadline')).toBe('submitted');
      const [row] = await t.db.query(`SELECT status, finished_at, score FROM attempts WHERE id = $1`, [id]);
      expect(row).toMatchObject({ status: 'submitted', finished_at: at(1_200_000) });
      expect(Number(row.score)).toBe(item.points);
      // A finished attempt gets no more time: it is reopened instead.
      const late = await t.request('POST', url, { token: tokens['admin.hanoi'], body: { minutes: 5 } });
      expect(late.status).toBe(409);
      expect(late.body).toMatchObject({ code: 'ATTEMPT_NOT_OPEN' });
    });

    it('gives a learner extra time before they start (minutes and a multiplier), for enrolled learners only', async () => {
      setNow(base);
      const examId = (await createExam({ title: 'Kiểm tra có hỗ trợ thời gian' })).body.id;
      const learner = await userId('hocvien2');
      const url = `/api/v1/exams/${examId}/extra-time/${learner}`;
      expect((await t.request('PUT', url, { token: tokens['admin.danang'], body: { minutes: 5 } })).status).toBe(404);
      const empty = await t.request('PUT', url, { token: tokens['admin.hanoi'], body: {} });
      expect(empty.status).toBe(422);
      expect(empty.body).toMatchObject({ code: 'EXTRA_TIME_EMPTY' });
      const stranger = await t.request('PUT', `/api/v1/exams/${examId}/extra-time/${await userId('giangvien')}`, { token: tokens['admin.hanoi'], body: { minutes: 5 } });
      expect(stranger.status).toBe(404);
      expect(stranger.body).toMatchObject({ code: 'LEARNER_NOT_ENROLLED' });
      const granted = await t.request('PUT', url, { token: tokens['admin.hanoi'], body: { minutes: 5, multiplier: 1.5, reason: 'Khiếm thị' } });
      expect(granted.status).toBe(200);
      expect(granted.body).toEqual({ examId, userId: learner, minutes: 5, multiplier: 1.5 });
      const start = await t.request<StartBody>('POST', `/api/v1/exams/${examId}/attempts`, { token: tokens['hocvien2'] });
      // 600 s x 1.5 + 5 min.
      expect(new Date(start.body.deadline)).toEqual(at(1_200_000));
      expect((await jobAt(start.body.attemptId, at(1_260_000).getTime()))?.name).toBe(JobName.AttemptDeadline);
      // Other learners keep the plain limit.
      const other = await t.request<StartBody>('POST', `/api/v1/exams/${examId}/attempts`, { token: tokens['hocvien'] });
      expect(new Date(other.body.deadline)).toEqual(at(600_000));
      const [entry] = await auditOf(examId, 'exam.extra_time');
      expect(entry).toMatchObject({ actor_username: 'admin.hanoi', before: null, after: { userId: learner, minutes: 5, multiplier: 1.5, reason: 'Khiếm thị' } });
      // Submitted, so later sweeps in this file count only their own attempts.
      for (const [token, attempt] of [[tokens['hocvien2'], start.body], [tokens['hocvien'], other.body]] as const) {
        expect((await t.request('POST', `/api/v1/attempts/${attempt.attemptId}/submit`, { token })).status).toBe(200);
      }
    });

    it('reopens a submitted attempt with a new deadline: score withdrawn, answers kept, finished again at the new deadline', async () => {
      setNow(base);
      const examId = (await createExam({ title: 'Kiểm tra mở lại', maxAttempts: 1 })).body.id;
      const start = await t.request<StartBody>('POST', `/api/v1/exams/${examId}/attempts`, { token: tokens['hocvien'] });
      const id = start.body.attemptId;
      const [first, second] = start.body.items;
      await t.request('PUT', `/api/v1/attempts/${id}/responses`, { token: tokens['hocvien'], body: { responses: [{ itemId: first.itemId, answer: correct.get(first.itemId), seq: 1 }] } });
      const url = `/api/v1/attempts/${id}/reopen`;
      const stillOpen = await t.request('POST', url, { token: tokens['admin.hanoi'], body: { deadline: at(3_000_000).toISOString() } });
      expect(stillOpen.status).toBe(409);
      expect(stillOpen.body).toMatchObject({ code: 'ATTEMPT_STILL_OPEN' });
      setNow(at(60_000));
      const submitted = await t.request<{ score: number }>('POST', `/api/v1/attempts/${id}/submit`, { token: tokens['hocvien'] });
      expect(submitted.body.score).toBe(first.points);
      setNow(at(1_800_000));
      expect((await t.request('POST', url, { token: tokens['hocvien'], body: { deadline: at(3_000_000).toISOString() } })).status).toBe(403);
      expect((await t.request('POST', url, { token: tokens['admin.danang'], body: { deadline: at(3_000_000).toISOString() } })).status).toBe(404);
      for (const deadline of [at(1_799_999), at(1_800_000 + 8 * 86_400_000)]) {
        const bad = await t.request('POST', url, { token: tokens['admin.hanoi'], body: { deadline: deadline.toISOString() } });
        expect(bad.status).toBe(422);
        expect(bad.body).toMatchObject({ code: 'REOPEN_DEADLINE_INVALID' });
      }
      const reopened = await t.request<{ status: string; deadline: string; timeLeftMs: number }>('POST', url, {
        token: tokens['admin.hanoi'],
        body: { deadline: at(2_400_000).toISOString(), reason: 'Lỗi đường truyền' },
      });
      expect(reopened.status).toBe(200);
      expect(reopened.body).toEqual({ attemptId: id, status: 'in_progress', deadline: at(2_400_000).toISOString(), timeLeftMs: 600_000 });
      expect((await jobAt(id, at(2_460_000).getTime()))?.name).toBe(JobName.AttemptDeadline);
      const [entry] = await auditOf(id, 'attempt.reopen');
      expect(entry).toMatchObject({
        actor_username: 'admin.hanoi',
        before: { status: 'submitted', deadline: at(600_000).toISOString(), finishedAt: at(60_000).toISOString(), score: first.points },
        after: { status: 'in_progress', deadline: at(2_400_000).toISOString(), reason: 'Lỗi đường truyền' },
      });
      // The learner resumes where they were (even with no attempts left) and carries on.
      const resumed = await t.request<StartBody & { responses: Array<{ itemId: string; seq: number }> }>('POST', `/api/v1/exams/${examId}/attempts`, { token: tokens['hocvien'] });
      expect(resumed.status).toBe(201);
      expect(resumed.body.attemptId).toBe(id);
      expect(resumed.body.responses).toEqual([{ itemId: first.itemId, answer: correct.get(first.itemId), seq: 1 }]);
      const result = await t.request<{ score: number | null }>('GET', `/api/v1/attempts/${id}`, { token: tokens['hocvien'] });
      expect(result.body).not.toHaveProperty('score');
      const save = await t.request('PUT', `/api/v1/attempts/${id}/responses`, { token: tokens['hocvien'], body: { responses: [{ itemId: second.itemId, answer: correct.get(second.itemId), seq: 1 }] } });
      expect(save.status).toBe(200);
      // The sweeper finds it overdue long after and records the new deadline, with both answers graded.
      setNow(at(7_200_000));
      expect(await attemptsService().finishOverdue()).toBe(1);
      const [row] = await t.db.query(`SELECT status, finished_at, score FROM attempts WHERE id = $1`, [id]);
      expect(row).toMatchObject({ status: 'submitted', finished_at: at(2_400_000) });
      expect(Number(row.score)).toBe(first.points + second.points);
    });

    it('reopens an overdue or abandoned attempt, but not while the learner has another one open', async () => {
      setNow(base);
      const examId = (await createExam({ title: 'Kiểm tra quá hạn', overdueHandling: 'autoabandon', maxAttempts: 3 })).body.id;
      const first = (await t.request<StartBody>('POST', `/api/v1/exams/${examId}/attempts`, { token: tokens['hocvien2'] })).body.attemptId;
      // Overdue, not yet swept: a reopen needs no sweep first.
      setNow(at(700_000));
      const overdue = await t.request('POST', `/api/v1/attempts/${first}/extra-time`, { token: tokens['admin.hanoi'], body: { minutes: 5 } });
      expect(overdue.status).toBe(409);
      expect(overdue.body).toMatchObject({ code: 'ATTEMPT_NOT_OPEN' });
      const reopened = await t.request('POST', `/api/v1/attempts/${first}/reopen`, { token: tokens['admin.hanoi'], body: { deadline: at(1_000_000).toISOString() } });
      expect(reopened.status).toBe(200);
      setNow(at(1_060_001));
      expect(await attemptsService().finish(first, 'deadline')).toBe('abandoned');
      const [row] = await t.db.query(`SELECT status, finished_at FROM attempts WHERE id = $1`, [first]);
      expect(row).toEqual({ status: 'abandoned', finished_at: at(1_000_000) });
      // A second attempt is open: reopening the first would give the learner two.
      const second = await t.request<StartBody>('POST', `/api/v1/exams/${examId}/attempts`, { token: tokens['hocvien2'] });
      expect(second.status).toBe(201);
      const clash = await t.request('POST', `/api/v1/attempts/${first}/reopen`, { token: tokens['admin.hanoi'], body: { deadline: at(2_000_000).toISOString() } });
      expect(clash.status).toBe(409);
      expect(clash.body).toMatchObject({ code: 'ATTEMPT_OPEN_EXISTS', details: { attemptId: second.body.attemptId } });
      expect((await t.request('POST', `/api/v1/attempts/${second.body.attemptId}/submit`, { token: tokens['hocvien2'] })).status).toBe(200);
    });
  });

  describe('an exam grace period (submit only, then not counted)', () => {
    it('lets the learner submit during the grace period; the deadline job waits for it, then abandons at its end', async () => {
      setNow(base);
      const examId = (await createExam({ title: 'Kiểm tra có thời gian nộp bài', overdueHandling: 'graceperiod', gracePeriodSeconds: 300 })).body.id;
      const a = (await t.request<StartBody>('POST', `/api/v1/exams/${examId}/attempts`, { token: tokens['hocvien'] })).body;
      const b = (await t.request<StartBody>('POST', `/api/v1/exams/${examId}/attempts`, { token: tokens['hocvien2'] })).body;
      const service = t.app.get(AttemptsService);
      setNow(at(600_000 + 120_000));
      // Answers are closed after deadline + 60 s, the grace period is for submitting.
      const item = a.items[0];
      const save = await t.request('PUT', `/api/v1/attempts/${a.attemptId}/responses`, { token: tokens['hocvien'], body: { responses: [{ itemId: item.itemId, answer: correct.get(item.itemId), seq: 1 }] } });
      expect(save.status).toBe(409);
      expect(await service.finish(a.attemptId, 'deadline')).toBe('rescheduled');
      expect(await service.finishOverdue()).toBe(0);
      setNow(at(600_000 + 200_000));
      const submit = await t.request<{ status: string }>('POST', `/api/v1/attempts/${a.attemptId}/submit`, { token: tokens['hocvien'] });
      expect(submit.body.status).toBe('submitted');
      setNow(at(600_000 + 300_001));
      expect(await service.finish(b.attemptId, 'deadline')).toBe('abandoned');
      const rows: Array<{ id: string; status: string; finished_at: Date }> = await t.db.query(`SELECT id, status, finished_at FROM attempts WHERE exam_id = $1`, [examId]);
      expect(rows.find((r) => r.id === a.attemptId)).toMatchObject({ status: 'submitted', finished_at: at(800_000) });
      expect(rows.find((r) => r.id === b.attemptId)).toMatchObject({ status: 'abandoned', finished_at: at(900_000) });
    });
  });

  describe('grading every item type', () => {
    const keys = new Map<string, { type: string; key: unknown }>();

    beforeAll(async () => {
      const lettered = (texts: string[]) => texts.map((text, i) => ({ id: String.fromCharCode(97 + i), text }));
      const items = [
        { type: 'short_answer', stem: 'Tổ chức Đoàn được thành lập năm nào (ghi bằng chữ)?', key: ['Một nghìn chín trăm ba mươi mốt'], scoring: { ignoreDiacritics: true } },
        { type: 'numeric', stem: 'Tuổi kết nạp Đoàn thấp nhất là bao nhiêu?', key: { value: 16, tolerance: 0.5 } },
        {
          type: 'matching',
          stem: 'Ghép cấp bộ Đoàn với nhiệm kỳ đại hội.',
          options: lettered(['Đại hội toàn quốc', 'Đại hội chi đoàn']),
          key: [
            ['a', '5 năm'],
            ['b', '2 năm rưỡi'],
          ],
        },
        { type: 'ordering', stem: 'Xếp các bước kết nạp đoàn viên theo thứ tự.', options: lettered(['Học Điều lệ', 'Viết đơn', 'Xét kết nạp']), key: ['b', 'a', 'c'] },
        { type: 'essay', stem: 'Trình bày vai trò của chi đoàn cơ sở.', scoring: { rubric: [{ criterion: 'Nêu đủ vai trò', points: 1 }] } },
      ];
      for (const item of items) {
        const id = await approvedItem(t, tokens['giangvien'], tokens['admin.hanoi'], {
          ...item, topic: 'Chấm điểm', level: 'recognition', ownerOrgUnitId: hanoi, source: { document: 'Điều lệ Đoàn TNCS Hồ Chí Minh' },
        });
        keys.set(id, { type: item.type, key: item.key });
      }
    });

    const answerAll = async (token: string, examId: string, answers: Record<string, unknown>) => {
      const start = await t.request<StartBody & { items: Array<{ itemId: string; type: string; matches?: string[] }> }>('POST', `/api/v1/exams/${examId}/attempts`, { token });
      expect(start.status).toBe(201);
      const responses = start.body.items.filter((i) => i.type in answers).map((i) => ({ itemId: i.itemId, answer: answers[i.type], seq: 1 }));
      const saved = await t.request<{ saved: string[] }>('PUT', `/api/v1/attempts/${start.body.attemptId}/responses`, { token, body: { responses } });
      expect(saved.status).toBe(200);
      expect(saved.body.saved).toHaveLength(responses.length);
      return start.body;
    };

    it('grades short answer, numeric, matching and ordering at submit, and leaves essays to lecturers', async () => {
      setNow(base);
      const examId = (await createExam({ title: 'Kiểm tra các dạng câu hỏi', blueprint: [{ topic: 'Chấm điểm', level: 'recognition', count: 5, points: 2 }] })).body.id;
      const right = await answerAll(tokens['hocvien'], examId, {
        // Diacritics and case ignored, as the item says.
        short_answer: 'mot nghin chin tram ba muoi MOT',
        numeric: 16.4,
        matching: { a: '5 năm', b: '2 năm rưỡi' },
        ordering: ['b', 'a', 'c'],
        essay: 'Chi đoàn là hạt nhân tập hợp thanh niên.',
      });
      // The right-hand column of a matching item is shown; the pairs are not.
      const matching = right.items.find((i) => i.type === 'matching');
      expect(matching?.matches).toEqual(['2 năm rưỡi', '5 năm']);
      expect(JSON.stringify(right)).not.toContain('"a","5 năm"');
      const wrong = await answerAll(tokens['hocvien2'], examId, {
        short_answer: 'Một nghìn chín trăm ba mươi',
        numeric: '15,4',
        matching: { a: '5 năm', b: '5 năm' },
        ordering: ['a', 'b', 'c'],
      });
      setNow(at(60_000));
      const r1 = await t.request('POST', `/api/v1/attempts/${right.attemptId}/submit`, { token: tokens['hocvien'] });
      expect(r1.body).toMatchObject({ status: 'submitted', score: 8, maxScore: 10, passed: null, pendingManualGrading: true });
      const r2 = await t.request('POST', `/api/v1/attempts/${wrong.attemptId}/submit`, { token: tokens['hocvien2'] });
      // Half the matching pairs right: half its points; no essay answered, nothing pending.
      expect(r2.body).toMatchObject({ status: 'submitted', score: 1, maxScore: 10, scaled10: 1, passed: false, pendingManualGrading: false });
      const credits: Array<{ attempt_id: string; item_id: string; credit: string | null }> = await t.db.query(
        `SELECT attempt_id, item_id, credit FROM responses WHERE attempt_id = ANY($1::uuid[])`,
        [[right.attemptId, wrong.attemptId]],
      );
      const creditOf = (attemptId: string, type: string) => {
        const row = credits.find((c) => c.attempt_id === attemptId && keys.get(c.item_id)?.type === type);
        return row?.credit === null ? null : Number(row?.credit);
      };
      expect(['short_answer', 'numeric', 'matching', 'ordering', 'essay'].map((type) => creditOf(right.attemptId, type))).toEqual([1, 1, 1, 1, null]);
      expect(['short_answer', 'numeric', 'matching', 'ordering'].map((type) => creditOf(wrong.attemptId, type))).toEqual([0, 0, 0.5, 0]);
    });
  });

  describe('one device at a time', () => {
    it('lets a second device take the attempt over; the first is told on its next save or submit', async () => {
      setNow(base);
      const examId = (await createExam({ title: 'Kiểm tra một thiết bị' })).body.id;
      const phone = { 'x-device-id': 'phone-1a2b3c4d' };
      const laptop = { 'x-device-id': 'laptop-9f8e7d6c' };
      const bad = await t.request('POST', `/api/v1/exams/${examId}/attempts`, { token: tokens['hocvien'], headers: { 'x-device-id': 'x y' } });
      expect(bad.status).toBe(422);
      expect(bad.body).toMatchObject({ code: 'DEVICE_ID_INVALID' });
      const first = await t.request<StartBody>('POST', `/api/v1/exams/${examId}/attempts`, { token: tokens['hocvien'], headers: phone });
      expect(first.status).toBe(201);
      const id = first.body.attemptId;
      const [a, b] = first.body.items;
      const url = `/api/v1/attempts/${id}/responses`;
      const put = (headers: Record<string, string>, itemId: string, seq: number, token = tokens['hocvien']) =>
        t.request<{ saved: string[]; code?: string; message?: { vi: string; en: string } }>('PUT', url, { token, headers, body: { responses: [{ itemId, answer: correct.get(itemId), seq }] } });
      expect((await put(phone, a.itemId, 1)).status).toBe(200);
      // Without its device id a client is another device too.
      expect((await put({}, a.itemId, 2)).status).toBe(409);
      // The learner opens the exam on the laptop: same attempt, with what the phone saved.
      const second = await t.request<StartBody & { responses: Array<{ itemId: string; seq: number }> }>('POST', `/api/v1/exams/${examId}/attempts`, { token: tokens['hocvien'], headers: laptop });
      expect(second.body.attemptId).toBe(id);
      expect(second.body.responses).toEqual([{ itemId: a.itemId, answer: correct.get(a.itemId), seq: 1 }]);
      const [row] = await t.db.query(`SELECT device_id FROM attempts WHERE id = $1`, [id]);
      expect(row.device_id).toBe('laptop-9f8e7d6c');
      const stale = await put(phone, b.itemId, 5);
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({
        code: 'ATTEMPT_TAKEN_OVER',
        message: { vi: expect.stringContaining('thiết bị khác'), en: expect.stringContaining('another device') },
      });
      expect((await t.db.query(`SELECT 1 FROM responses WHERE attempt_id = $1 AND item_id = $2`, [id, b.itemId])).length).toBe(0);
      // The phone and the laptop saving at the same moment: only the laptop's answer is written.
      const [fromPhone, fromLaptop] = await Promise.all([put(phone, b.itemId, 9), put(laptop, b.itemId, 3)]);
      expect(fromPhone.status).toBe(409);
      expect(fromLaptop.status).toBe(200);
      expect(fromLaptop.body.saved).toEqual([b.itemId]);
      expect((await t.db.query(`SELECT seq FROM responses WHERE attempt_id = $1 AND item_id = $2`, [id, b.itemId]))[0].seq).toBe(3);
      const submitFromPhone = await t.request('POST', `/api/v1/attempts/${id}/submit`, { token: tokens['hocvien'], headers: phone });
      expect(submitFromPhone.status).toBe(409);
      expect(submitFromPhone.body).toMatchObject({ code: 'ATTEMPT_TAKEN_OVER' });
      const submitted = await t.request<{ status: string; score: number }>('POST', `/api/v1/attempts/${id}/submit`, { token: tokens['hocvien'], headers: laptop });
      expect(submitted.body).toMatchObject({ status: 'submitted', score: a.points + b.points });
      // A finished attempt's result reads the same from any device.
      expect((await t.request('POST', `/api/v1/attempts/${id}/submit`, { token: tokens['hocvien'], headers: phone })).status).toBe(200);
    });
  });
});
