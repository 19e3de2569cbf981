import { AssessmentResults, EXAM_RESULTS } from '@boiduong/api-catalog';
import { JobName, QueueName } from '@boiduong/api-core';
import { BootstrapService, DEMO_PASSWORD } from '@boiduong/api-identity';
import { createTestApp, type TestApp } from '@boiduong/api-testing';
import type { LoginResponse, OrgUnitSummary } from '@boiduong/shared-contracts';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { AssessmentModule } from './assessment.module';
import { AssessmentClock } from './services/assessment-clock';
import { AttemptsService } from './services/attempts.service';

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

  const login = async (username: string, password = DEMO_PASSWORD) =>
    (await t.request<LoginResponse>('POST', '/api/v1/auth/login', { body: { username, password } })).body.accessToken;
  const setNow = (d: Date) => jest.spyOn(clock, 'now').mockReturnValue(d);
  const at = (ms: number) => new Date(base.getTime() + ms);

  beforeAll(async () => {
    t = await createTestApp([AssessmentModule], { DEMO_DATA: 'true' });
    await t.app.get(BootstrapService).run();
    clock = t.app.get(AssessmentClock);
    setNow(base);
    for (const u of ['admin.hanoi', 'giangvien', 'hocvien', 'admin.danang']) tokens[u] = await login(u);
    const units = (await t.request<OrgUnitSummary[]>('GET', '/api/v1/org-units', { token: tokens['admin.hanoi'] })).body;
    hanoi = units.find((u) => u.code === 'HNI')?.id ?? '';
    const badinh = units.find((u) => u.code === 'HNI-BADINH')?.id ?? '';
    // A second learner, to show attempts are private.
    const other = await t.request('POST', '/api/v1/users', {
      token: tokens['admin.hanoi'],
      body: { username: 'hocvien2', password: 'Another-learner-1', fullName: 'Lê Thị Hoa', orgUnitId: badinh, roles: [{ role: 'learner', orgUnitId: badinh }] },
    });
    expect(other.status).toBe(201);
    tokens['hocvien2'] = await login('hocvien2', 'Another-learner-1');

    const program = await t.request<{ id: string }>('POST', '/api/v1/programs', {
      token: tokens['admin.hanoi'],
      body: { code: 'HNI-BTCD', name: 'Bồi dưỡng Bí thư chi đoàn', family: 'title', ownerOrgUnitId: hanoi, targetTitles: ['secretary.branch'], requiredHours: 24 },
    });
    expect(program.status).toBe(201);
    const course = await t.request<{ id: string }>('POST', '/api/v1/courses', {
      token: tokens['admin.hanoi'],
      body: { programId: program.body.id, orgUnitId: hanoi, name: 'Lớp Bí thư chi đoàn 2026', mode: 'online', startsOn: '2026-11-01', endsOn: '2026-12-31', capacity: null, status: 'open' },
    });
    expect(course.status).toBe(201);
    courseId = course.body.id;
    const learners: Array<{ id: string }> = await t.db.query(`SELECT id FROM users WHERE username IN ('hocvien', 'hocvien2')`);
    const enrolled = await t.request<{ enrolled: string[] }>('POST', `/api/v1/courses/${courseId}/enrollments`, {
      token: tokens['admin.hanoi'],
      body: { userIds: learners.map((l) => l.id) },
    });
    expect(enrolled.status).toBe(201);

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
      const created = await t.request<{ id: string }>('POST', '/api/v1/items', {
        token: tokens['giangvien'],
        body: { ...item, topic: 'Điều lệ Đoàn', ownerOrgUnitId: hanoi, source: { document: 'Điều lệ Đoàn TNCS Hồ Chí Minh' } },
      });
      expect(created.status).toBe(201);
      expect((await t.request('POST', `/api/v1/items/${created.body.id}/submit-review`, { token: tokens['giangvien'] })).status).toBeLessThan(300);
      expect((await t.request('POST', `/api/v1/items/${created.body.id}/approve`, { token: tokens['admin.hanoi'] })).status).toBeLessThan(300);
      correct.set(created.body.id, item.key);
    }
  });
  afterAll(() => t.close());

  const createExam = (overrides: Record<string, unknown> = {}) =>
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
});
