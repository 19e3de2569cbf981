import { AssessmentResults, EXAM_RESULTS } from '@boiduong/api-catalog';
import { QueueName } from '@boiduong/api-core';
import { BootstrapService, DEMO_PASSWORD } from '@boiduong/api-identity';
import { approvedItem, createCourse, createExam as createExamThroughApi, createProgram, createTestApp, enroll, orgUnitIds, signIn, signInAll, type TestApp } from '@boiduong/api-testing';
import type { NotificationPage } from '@boiduong/shared-contracts';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { AssessmentModule } from './assessment.module';
import { AssessmentClock } from './services/assessment-clock';
import { PROCTOR_EVENTS_PER_MINUTE } from './services/proctor-events.service';
import { RegradeService } from './services/regrade.service';

interface StartBody {
  attemptId: string;
  deadline: string;
  items: Array<{ itemId: string; type: string; points: number }>;
}
interface QueueBody {
  blind: boolean;
  pending: number;
  items: Array<{ itemId: string; points: number; rubric: Array<{ criterion: string; points: number }> }>;
  responses: Array<{ attemptId: string; itemId: string; learner: { fullName: string } | null; label: string; answer: unknown; revision: number; grade: { scores: number[]; comment: string | null } | null }>;
}

describe('essay grading, regrades and proctor events against PostgreSQL and Redis', () => {
  let t: TestApp;
  let clock: AssessmentClock;
  const tokens: Record<string, string> = {};
  const base = new Date('2026-12-01T02:00:00Z');
  let hanoi: string;
  let badinh: string;
  let program: string;
  let essayId: string;
  let choiceId: string;

  const setNow = (d: Date) => jest.spyOn(clock, 'now').mockReturnValue(d);
  const at = (ms: number) => new Date(base.getTime() + ms);
  const userId = async (username: string) => (await t.db.query(`SELECT id FROM users WHERE username = $1`, [username]))[0].id as string;

  const bankItem = (body: Record<string, unknown>) =>
    approvedItem(t, tokens['giangvien'], tokens['admin.hanoi'], { ownerOrgUnitId: hanoi, source: { document: 'Điều lệ Đoàn TNCS Hồ Chí Minh' }, ...body });

  /** A course of its own (so completion depends on its one exam) with both learners enrolled. */
  const course = async (name: string) => {
    const { id } = await createCourse(t, tokens['admin.hanoi'], { programId: program, orgUnitId: hanoi, name, startsOn: '2026-11-01', endsOn: '2026-12-31', status: 'open' });
    await enroll(t, tokens['admin.hanoi'], id, [await userId('hocvien'), await userId('hocvien2')]);
    return id;
  };

  const exam = (courseId: string, overrides: Record<string, unknown> = {}) =>
    createExamThroughApi(t, tokens['admin.hanoi'], {
      courseId,
      title: 'Kiểm tra có tự luận',
      blueprint: [
        { topic: 'Tự luận', level: 'application', count: 1, points: 5 },
        { topic: 'Trắc nghiệm', level: 'recognition', count: 1, points: 1 },
      ],
      opensAt: at(-3_600_000),
      closesAt: at(3_600_000),
      ...overrides,
    });

  const start = async (examId: string, who = 'hocvien', device?: string) => {
    const res = await t.request<StartBody>('POST', `/api/v1/exams/${examId}/attempts`, { token: tokens[who], headers: device ? { 'x-device-id': device } : {} });
    expect(res.status).toBe(201);
    return res.body;
  };

  /** Answers the essay and picks `choice` (the right answer is 'b'), then submits. */
  const answerAndSubmit = async (examId: string, who: string, choice: string) => {
    const attempt = await start(examId, who);
    const saved = await t.request('PUT', `/api/v1/attempts/${attempt.attemptId}/responses`, {
      token: tokens[who],
      body: {
        responses: [
          { itemId: essayId, answer: 'Đoàn viên phải gương mẫu, tham gia sinh hoạt đều đặn và đóng đoàn phí.', seq: 1 },
          { itemId: choiceId, answer: choice, seq: 1 },
        ],
      },
    });
    expect(saved.status).toBe(200);
    const submitted = await t.request<{ pendingManualGrading: boolean; passed: boolean | null }>('POST', `/api/v1/attempts/${attempt.attemptId}/submit`, { token: tokens[who] });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ pendingManualGrading: true, passed: null });
    return attempt.attemptId;
  };

  const queueOf = (examId: string, who = 'giangvien') => t.request<QueueBody>('GET', `/api/v1/exams/${examId}/grading`, { token: tokens[who] });
  const grade = (attemptId: string, body: Record<string, unknown>, who = 'giangvien') =>
    t.request<{ revision: number; result: Record<string, unknown> }>('PUT', `/api/v1/attempts/${attemptId}/grades/${essayId}`, { token: tokens[who], body });

  beforeAll(async () => {
    t = await createTestApp([AssessmentModule], { DEMO_DATA: 'true' });
    await t.app.get(BootstrapService).run();
    clock = t.app.get(AssessmentClock);
    setNow(base);
    Object.assign(tokens, await signInAll(t, ['admin.hanoi', 'giangvien', 'hocvien', 'admin.danang'], DEMO_PASSWORD));
    const units = await orgUnitIds(t);
    hanoi = units['HNI'];
    badinh = units['HNI-BADINH'];
    const users = [
      { username: 'hocvien2', password: 'Another-learner-1', fullName: 'Lê Thị Hoa', roles: [{ role: 'learner', orgUnitId: badinh }] },
      // A lecturer with no examiner role: grades only the courses they teach.
      { username: 'giangvien2', password: 'Another-lecturer-1', fullName: 'Vũ Thu Trang', roles: [{ role: 'lecturer', orgUnitId: badinh }] },
    ];
    for (const u of users) {
      const res = await t.request('POST', '/api/v1/users', { token: tokens['admin.hanoi'], body: { ...u, orgUnitId: badinh } });
      expect(res.status).toBe(201);
      tokens[u.username] = await signIn(t, u.username, u.password);
    }
    program = (
      await createProgram(t, tokens['admin.hanoi'], {
        code: 'HNI-TL', name: 'Bồi dưỡng kỹ năng viết', family: 'title', ownerOrgUnitId: hanoi, targetTitles: ['secretary.branch'], requiredHours: 24,
      })
    ).id;
    essayId = await bankItem({
      type: 'essay',
      stem: 'Trình bày nhiệm vụ của đoàn viên theo Điều lệ Đoàn.',
      key: null,
      scoring: {
        rubric: [
          { criterion: 'Nêu đủ các nhiệm vụ', points: 4 },
          { criterion: 'Liên hệ thực tiễn', points: 6 },
        ],
      },
      topic: 'Tự luận',
      level: 'application',
    });
    // The key is wrong on purpose ('a'; the right answer is 'b'): the regrade corrects it.
    choiceId = await bankItem({
      type: 'single_choice',
      stem: 'Đại hội Đoàn toàn quốc họp mấy năm một lần?',
      options: [
        { id: 'a', text: '3 năm' },
        { id: 'b', text: '5 năm' },
      ],
      key: 'a',
      topic: 'Trắc nghiệm',
      level: 'recognition',
    });
  });
  afterAll(() => t.close());

  describe('grading an essay to the final result', () => {
    let courseId: string;
    let examId: string;
    let attemptId: string;

    beforeAll(async () => {
      courseId = await course('Lớp kỹ năng viết 1');
      examId = await exam(courseId);
      attemptId = await answerAndSubmit(examId, 'hocvien', 'b');
    });

    it('queues the answered essay with its rubric for the course lecturers and proctors of the subtree only', async () => {
      const res = await queueOf(examId);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ blind: false, pending: 1, items: [{ itemId: essayId, points: 5, rubric: [{ points: 4 }, { points: 6 }] }] });
      expect(res.body.responses).toEqual([
        expect.objectContaining({ attemptId, itemId: essayId, learner: expect.objectContaining({ fullName: 'Nguyễn Văn Đức' }), revision: 0, grade: null }),
      ]);
      expect(res.body.responses[0].answer).toContain('gương mẫu');
      expect((await queueOf(examId, 'hocvien')).status).toBe(403);
      expect((await queueOf(examId, 'admin.danang')).status).toBe(404);
      // A lecturer who does not teach the course does not see it; once assigned, they do.
      expect((await queueOf(examId, 'giangvien2')).status).toBe(404);
      const assigned = await t.request('POST', `/api/v1/courses/${courseId}/lecturers`, { token: tokens['admin.hanoi'], body: { userIds: [await userId('giangvien2')] } });
      expect(assigned.status).toBeLessThan(300);
      expect((await queueOf(examId, 'giangvien2')).status).toBe(200);
      // Their list of exams to grade names it, with the one essay waiting; Đà Nẵng's admin sees none of it.
      const listed = await t.request<Array<{ examId: string; pending: number; graded: number; courseName: string }>>('GET', '/api/v1/grading/exams', { token: tokens['giangvien2'] });
      expect(listed.body).toEqual([expect.objectContaining({ examId, pending: 1, graded: 0, courseName: 'Lớp kỹ năng viết 1' })]);
      const elsewhere = await t.request<Array<{ examId: string }>>('GET', '/api/v1/grading/exams', { token: tokens['admin.danang'] });
      expect(elsewhere.body.map((e) => e.examId)).not.toContain(examId);
      expect((await t.request('GET', '/api/v1/grading/exams', { token: tokens['hocvien'] })).status).toBe(403);
    });

    it('refuses scores outside the rubric with stable codes, and stores nothing', async () => {
      const over = await grade(attemptId, { scores: [4.5, 6], revision: 0 });
      expect(over.status).toBe(422);
      expect(over.body).toMatchObject({ code: 'GRADE_SCORE_OUT_OF_RANGE', details: { criterion: 0, min: 0, max: 4, given: 4.5 } });
      const short = await grade(attemptId, { scores: [4], revision: 0 });
      expect(short.body).toMatchObject({ code: 'GRADE_CRITERIA_MISMATCH', details: { expected: 2, given: 1 } });
      expect((await grade(attemptId, { scores: [-1, 0], revision: 0 })).body).toMatchObject({ code: 'GRADE_SCORE_OUT_OF_RANGE' });
      expect((await grade(attemptId, { scores: ['4', 0], revision: 0 })).body).toMatchObject({ code: 'VALIDATION_FAILED' });
      // Not an essay of this attempt.
      const choice = await t.request('PUT', `/api/v1/attempts/${attemptId}/grades/${choiceId}`, { token: tokens['giangvien'], body: { scores: [1], revision: 0 } });
      expect(choice.status).toBe(409);
      expect(choice.body).toMatchObject({ code: 'GRADE_NOT_GRADABLE' });
      expect((await grade(attemptId, { scores: [1, 1], revision: 0 }, 'admin.danang')).status).toBe(404);
      expect((await grade(attemptId, { scores: [1, 1], revision: 0 }, 'hocvien')).status).toBe(403);
      expect(await t.db.query(`SELECT 1 FROM response_grades WHERE attempt_id = $1`, [attemptId])).toHaveLength(0);
    });

    it('lets one of two graders on the same response win and tells the other (409), then finalises the result and completion', async () => {
      const [learner] = await t.db.query(`SELECT id FROM users WHERE username = 'hocvien'`);
      const completedAt = async () => (await t.db.query(`SELECT completed_at FROM enrollments WHERE course_id = $1 AND user_id = $2`, [courseId, learner.id]))[0].completed_at;
      const results = () => t.app.get<AssessmentResults>(EXAM_RESULTS).resultsFor(courseId, [learner.id], 50).then((m) => m.get(learner.id));
      expect(await results()).toEqual({ required: 1, passed: 0 });
      expect(await completedAt()).toBeNull();
      setNow(at(300_000));
      const [a, b] = await Promise.all([
        grade(attemptId, { scores: [4, 6], comment: 'Đầy đủ, có liên hệ thực tế.', revision: 0 }),
        grade(attemptId, { scores: [1, 1], comment: 'Còn sơ sài.', revision: 0 }, 'giangvien2'),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const lost = a.status === 409 ? a : b;
      expect(lost.body).toMatchObject({ code: 'GRADE_CONFLICT', details: { revision: 1 } });
      const won = a.status === 200 ? a : b;
      const wonScores = won === a ? [4, 6] : [1, 1];
      expect(won.body).toMatchObject({ revision: 1, result: { pendingManualGrading: false } });
      const [stored] = await t.db.query(`SELECT criteria, revision, graded_at FROM response_grades WHERE attempt_id = $1`, [attemptId]);
      expect(stored).toEqual({ criteria: wonScores, revision: 1, graded_at: at(300_000) });

      // The grader who lost reloads, sees the grade, and sets it to full marks at revision 1.
      const queued = await queueOf(examId);
      expect(queued.body.pending).toBe(0);
      expect(queued.body.responses[0]).toMatchObject({ revision: 1, grade: { scores: wonScores } });
      const fixed = await grade(attemptId, { scores: [4, 6], comment: 'Đầy đủ, có liên hệ thực tế.', revision: 1 });
      expect(fixed.status).toBe(200);
      // Essay 5 of 5, the choice 1 of 1 (the key is 'a' but the learner answered 'b': 0 for now).
      expect(fixed.body).toMatchObject({ revision: 2, result: { score: 5, maxScore: 6, scaled10: 8.33, passed: true, pendingManualGrading: false } });
      const seen = await t.request<Record<string, unknown>>('GET', `/api/v1/attempts/${attemptId}`, { token: tokens['hocvien'] });
      expect(seen.body).toMatchObject({ status: 'submitted', score: 5, maxScore: 6, passed: true, pendingManualGrading: false });
      expect(await results()).toEqual({ required: 1, passed: 1 });
      expect(await completedAt()).not.toBeNull();
    });

    it('regrades after a key fix in a background job, once, with old and new scores, an audit entry and a notice to the learner', async () => {
      // The key is corrected in the bank: a new approved version says 'b'.
      const patched = await t.request('PATCH', `/api/v1/items/${choiceId}`, { token: tokens['giangvien'], body: { key: 'b' } });
      expect(patched.status).toBeLessThan(300);
      expect((await t.request('POST', `/api/v1/items/${choiceId}/submit-review`, { token: tokens['giangvien'] })).status).toBeLessThan(300);
      expect((await t.request('POST', `/api/v1/items/${choiceId}/approve`, { token: tokens['admin.hanoi'] })).status).toBeLessThan(300);

      expect((await t.request('POST', `/api/v1/exams/${examId}/regrades`, { token: tokens['hocvien'], body: { itemId: choiceId } })).status).toBe(403);
      expect((await t.request('POST', `/api/v1/exams/${examId}/regrades`, { token: tokens['admin.danang'], body: { itemId: choiceId } })).status).toBe(404);
      const essay = await t.request('POST', `/api/v1/exams/${examId}/regrades`, { token: tokens['giangvien'], body: { itemId: essayId } });
      expect(essay.body).toMatchObject({ code: 'REGRADE_ITEM_NOT_OBJECTIVE' });
      const stranger = await t.request('POST', `/api/v1/exams/${examId}/regrades`, { token: tokens['giangvien'], body: { itemId: badinh } });
      expect(stranger.body).toMatchObject({ code: 'REGRADE_ITEM_NOT_IN_EXAM' });

      setNow(at(400_000));
      const asked = await t.request<{ regradeId: string; status: string }>('POST', `/api/v1/exams/${examId}/regrades`, {
        token: tokens['giangvien'],
        body: { itemId: choiceId, reason: 'Đáp án đúng là 5 năm' },
      });
      expect(asked.status).toBe(202);
      expect(asked.body.status).toBe('queued');
      const job = await t.app.get<Queue>(getQueueToken(QueueName.Assessment)).getJob(`regrade-${asked.body.regradeId}`);
      expect(job?.data).toEqual({ regradeId: asked.body.regradeId });
      const [audit] = await t.db.query(`SELECT actor_username, after FROM audit_log WHERE action = 'exam.regrade' AND entity_id = $1`, [examId]);
      expect(audit).toMatchObject({ actor_username: 'giangvien', after: { regradeId: asked.body.regradeId, itemId: choiceId, reason: 'Đáp án đúng là 5 năm' } });

      const regrades = t.app.get(RegradeService);
      expect(await regrades.run(asked.body.regradeId)).toEqual({ rescored: 1, changed: 1 });
      // A retried or duplicated job changes nothing twice.
      expect(await regrades.run(asked.body.regradeId)).toBe('already');
      await t.db.query(`UPDATE regrades SET status = 'queued' WHERE id = $1`, [asked.body.regradeId]);
      expect(await regrades.run(asked.body.regradeId)).toEqual({ rescored: 0, changed: 1 });

      const listed = await t.request<Array<Record<string, unknown>>>('GET', `/api/v1/exams/${examId}/regrades`, { token: tokens['giangvien'] });
      expect(listed.body).toEqual([
        expect.objectContaining({ regradeId: asked.body.regradeId, status: 'done', cause: 'request', changed: 1, requestedBy: 'Lê Minh Đức', attempts: [{ attemptId, oldScore: 5, newScore: 6 }] }),
      ]);
      const seen = await t.request<Record<string, unknown>>('GET', `/api/v1/attempts/${attemptId}`, { token: tokens['hocvien'] });
      expect(seen.body).toMatchObject({ score: 6, maxScore: 6, scaled10: 10, passed: true });
      const notices = await t.request<NotificationPage>('GET', '/api/v1/me/notifications', { token: tokens['hocvien'] });
      expect(notices.status).toBe(200);
      expect(notices.body.items).toEqual([
        expect.objectContaining({ kind: 'exam.regraded', createdAt: at(400_000).toISOString(), params: expect.objectContaining({ attemptId, oldScore: 5, newScore: 6, oldScaled10: 8.33, newScaled10: 10 }) }),
      ]);
      expect((await t.request<NotificationPage>('GET', '/api/v1/me/notifications', { token: tokens['hocvien2'] })).body.items).toEqual([]);
    });

    it('drops the essay grade when the attempt is reopened, so the essay is graded afresh after the new submit', async () => {
      setNow(at(500_000));
      const reopened = await t.request('POST', `/api/v1/attempts/${attemptId}/reopen`, {
        token: tokens['giangvien'],
        body: { deadline: at(1_100_000).toISOString(), reason: 'Mất điện' },
      });
      expect(reopened.status).toBe(200);
      expect(await t.db.query(`SELECT 1 FROM response_grades WHERE attempt_id = $1`, [attemptId])).toHaveLength(0);
      // Not in the queue while it runs; a grade sent now is refused.
      expect((await queueOf(examId)).body.responses).toEqual([]);
      expect((await grade(attemptId, { scores: [4, 6], revision: 2 })).body).toMatchObject({ code: 'GRADE_NOT_GRADABLE' });
      setNow(at(600_000));
      const again = await t.request<Record<string, unknown>>('POST', `/api/v1/attempts/${attemptId}/submit`, { token: tokens['hocvien'] });
      expect(again.body).toMatchObject({ pendingManualGrading: true, passed: null });
      const queued = await queueOf(examId);
      expect(queued.body.responses).toEqual([expect.objectContaining({ attemptId, revision: 0, grade: null })]);
      expect((await grade(attemptId, { scores: [2, 3], revision: 0 })).body).toMatchObject({ revision: 1, result: { score: 3.5, pendingManualGrading: false, passed: true } });
    });
  });

  describe('a key corrected in the bank', () => {
    it('is found by the sweeper, which queues one audited regrade per exam and item and none twice', async () => {
      setNow(base);
      // An item of its own, with a wrong key ('a'; the answer is 'b').
      const itemId = await bankItem({
        type: 'single_choice',
        stem: 'Ngày thành lập Đoàn TNCS Hồ Chí Minh?',
        options: [
          { id: 'a', text: '19/5/1941' },
          { id: 'b', text: '26/3/1931' },
        ],
        key: 'a',
        topic: 'Sửa đáp án',
        level: 'recognition',
      });
      const examId = await exam(await course('Lớp kỹ năng viết 4'), { blueprint: [{ topic: 'Sửa đáp án', level: 'recognition', count: 1, points: 2 }] });
      const attempt = await start(examId);
      await t.request('PUT', `/api/v1/attempts/${attempt.attemptId}/responses`, { token: tokens['hocvien'], body: { responses: [{ itemId, answer: 'b', seq: 1 }] } });
      const submitted = await t.request<{ score: number; passed: boolean }>('POST', `/api/v1/attempts/${attempt.attemptId}/submit`, { token: tokens['hocvien'] });
      expect(submitted.body).toMatchObject({ score: 0, passed: false });
      const regrades = t.app.get(RegradeService);
      // Nothing to fix yet.
      expect(await regrades.sweepKeyFixes()).toBe(0);

      expect((await t.request('PATCH', `/api/v1/items/${itemId}`, { token: tokens['giangvien'], body: { key: 'b' } })).status).toBeLessThan(300);
      // A draft is not a fix: only the approved version counts.
      expect(await regrades.sweepKeyFixes()).toBe(0);
      expect((await t.request('POST', `/api/v1/items/${itemId}/submit-review`, { token: tokens['giangvien'] })).status).toBeLessThan(300);
      expect((await t.request('POST', `/api/v1/items/${itemId}/approve`, { token: tokens['admin.hanoi'] })).status).toBeLessThan(300);

      setNow(at(120_000));
      expect(await regrades.sweepKeyFixes()).toBe(1);
      // Queued already: the next sweep does not queue it again.
      expect(await regrades.sweepKeyFixes()).toBe(0);
      const [regrade] = await t.db.query(`SELECT id, cause, requested_by, status FROM regrades WHERE exam_id = $1`, [examId]);
      expect(regrade).toMatchObject({ cause: 'key_fix', requested_by: null, status: 'queued' });
      expect(await t.app.get<Queue>(getQueueToken(QueueName.Assessment)).getJob(`regrade-${regrade.id}`)).toBeTruthy();
      const [audit] = await t.db.query(`SELECT actor_id, after FROM audit_log WHERE action = 'exam.regrade' AND entity_id = $1`, [examId]);
      expect(audit).toMatchObject({ actor_id: null, after: { regradeId: regrade.id, itemId, cause: 'key_fix' } });

      expect(await regrades.run(regrade.id)).toEqual({ rescored: 1, changed: 1 });
      expect((await t.request('GET', `/api/v1/attempts/${attempt.attemptId}`, { token: tokens['hocvien'] })).body).toMatchObject({ score: 2, scaled10: 10, passed: true });
      const notices = await t.request<NotificationPage>('GET', '/api/v1/me/notifications', { token: tokens['hocvien'] });
      const regraded = notices.body.items.flatMap((n) => (n.kind === 'exam.regraded' ? [n.params] : []));
      expect(regraded.find((p) => p.attemptId === attempt.attemptId)).toMatchObject({ oldScore: 0, newScore: 2 });
      // Regraded with that version: never again.
      expect(await regrades.sweepKeyFixes()).toBe(0);

      // A version whose options differ cannot regrade old answers: refused on request, skipped by the sweep.
      const changed = await t.request('PATCH', `/api/v1/items/${itemId}`, {
        token: tokens['giangvien'],
        body: { options: [{ id: 'x', text: '26/3/1931' }, { id: 'y', text: '15/10/1956' }], key: 'x' },
      });
      expect(changed.status).toBeLessThan(300);
      expect((await t.request('POST', `/api/v1/items/${itemId}/submit-review`, { token: tokens['giangvien'] })).status).toBeLessThan(300);
      expect((await t.request('POST', `/api/v1/items/${itemId}/approve`, { token: tokens['admin.hanoi'] })).status).toBeLessThan(300);
      expect(await regrades.sweepKeyFixes()).toBe(0);
      const refused = await t.request('POST', `/api/v1/exams/${examId}/regrades`, { token: tokens['giangvien'], body: { itemId } });
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ code: 'REGRADE_OPTIONS_CHANGED', details: { itemId, answeredVersion: 2, approvedVersion: 3 } });
    });
  });

  describe('blind grading', () => {
    it('hides the learner from graders until the exam has closed and every essay is graded', async () => {
      setNow(base);
      const courseId = await course('Lớp kỹ năng viết 2');
      const examId = await exam(courseId, { blindGrading: true, closesAt: at(1_800_000).toISOString() });
      const first = await answerAndSubmit(examId, 'hocvien', 'a');
      const second = await answerAndSubmit(examId, 'hocvien2', 'a');
      const open = await queueOf(examId);
      expect(open.body.blind).toBe(true);
      expect(open.body.responses.map((r) => r.learner)).toEqual([null, null]);
      expect(JSON.stringify(open.body)).not.toContain('Nguyễn Văn Đức');
      expect(open.body.responses.map((r) => r.label)).toEqual(expect.arrayContaining([first.slice(0, 8).toUpperCase(), second.slice(0, 8).toUpperCase()]));
      expect((await grade(first, { scores: [2, 3], revision: 0 })).status).toBe(200);
      // Closed, but one essay still waits: still blind.
      setNow(at(1_800_000));
      expect((await queueOf(examId)).body.blind).toBe(true);
      // The corrected key ('b') is in the bank by now: 'a' earns nothing.
      expect((await grade(second, { scores: [0, 0], revision: 0 })).body).toMatchObject({ result: { score: 0, passed: false } });
      const done = await queueOf(examId);
      expect(done.body.blind).toBe(false);
      expect(done.body.responses.map((r) => r.learner?.fullName).sort()).toEqual(['Lê Thị Hoa', 'Nguyễn Văn Đức']);
    });
  });

  describe('proctor events', () => {
    let examId: string;
    let attemptId: string;
    const post = (events: unknown[], who = 'hocvien', device = 'device-one') =>
      t.request<{ recorded: string[]; duplicates: string[] }>('POST', `/api/v1/attempts/${attemptId}/events`, { token: tokens[who], headers: { 'x-device-id': device }, body: { events } });
    const event = (n: number, kind = 'focus_lost') => ({ id: `evt-${String(n).padStart(6, '0')}`, kind, at: at(60_000 + n).toISOString() });

    beforeAll(async () => {
      setNow(base);
      examId = await exam(await course('Lớp kỹ năng viết 3'));
      attemptId = (await start(examId, 'hocvien', 'device-one')).attemptId;
    });

    it('records a batch once however often it is resent, for the owner only', async () => {
      const batch = [event(1), event(2, 'focus_regained'), { ...event(3, 'reconnected'), details: { offlineMs: 4200 } }];
      const first = await post(batch);
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ recorded: ['evt-000001', 'evt-000002', 'evt-000003'], duplicates: [] });
      expect((await post(batch)).body).toEqual({ recorded: [], duplicates: ['evt-000001', 'evt-000002', 'evt-000003'] });
      expect((await post(batch, 'hocvien2')).status).toBe(404);
      expect((await post(batch, 'giangvien')).status).toBe(403);
      const rows = await t.db.query(`SELECT kind, source, device_id, details FROM proctor_events WHERE attempt_id = $1 ORDER BY occurred_at`, [attemptId]);
      expect(rows).toEqual([
        { kind: 'focus_lost', source: 'client', device_id: 'device-one', details: null },
        { kind: 'focus_regained', source: 'client', device_id: 'device-one', details: null },
        { kind: 'reconnected', source: 'client', device_id: 'device-one', details: { offlineMs: 4200 } },
      ]);
    });

    it('refuses malformed, oversized and too many events with clear codes', async () => {
      // Only the server records takeovers; ids are 8-64 characters; 1 to 50 events a request.
      for (const events of [[{ ...event(10), kind: 'takeover' }], [{ ...event(10), id: 'short' }], [], Array.from({ length: 51 }, (_, i) => event(100 + i))]) {
        const res = await post(events);
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      }
      const big = await post([{ ...event(11), details: { note: 'x'.repeat(1100) } }]);
      expect(big.status).toBe(422);
      expect(big.body).toMatchObject({ code: 'PROCTOR_EVENT_TOO_LARGE', details: { id: 'evt-000011' } });
      // The per-minute budget: 3 already sent in this minute.
      setNow(at(10_000));
      let n = 1000;
      for (let sent = 3; sent + 50 <= PROCTOR_EVENTS_PER_MINUTE; sent += 50) expect((await post(Array.from({ length: 50 }, () => event(n++)))).status).toBe(200);
      const limited = await post(Array.from({ length: 50 }, () => event(n++)));
      expect(limited.status).toBe(429);
      expect(limited.body).toMatchObject({ code: 'PROCTOR_EVENTS_RATE_LIMITED', details: { perMinute: PROCTOR_EVENTS_PER_MINUTE } });
      // A minute later the budget is back.
      setNow(at(71_000));
      expect((await post([event(n++)])).status).toBe(200);
    });

    it('records a takeover itself, refuses the old device, and closes with the attempt', async () => {
      setNow(at(80_000));
      await start(examId, 'hocvien', 'device-two');
      const old = await post([event(5000)]);
      expect(old.status).toBe(409);
      expect(old.body).toMatchObject({ code: 'ATTEMPT_TAKEN_OVER' });
      expect((await post([event(5001)], 'hocvien', 'device-two')).status).toBe(200);

      const ofAttempt = await t.request<{ events: Array<{ kind: string; source: string; deviceId: string; details: unknown; occurredAt: string }> }>(
        'GET',
        `/api/v1/attempts/${attemptId}/events`,
        { token: tokens['giangvien'] },
      );
      expect(ofAttempt.status).toBe(200);
      expect(ofAttempt.body.events.find((e) => e.kind === 'takeover')).toEqual(
        expect.objectContaining({ source: 'server', deviceId: 'device-two', details: { fromDevice: 'device-one' }, occurredAt: at(80_000).toISOString() }),
      );
      expect((await t.request('GET', `/api/v1/attempts/${attemptId}/events`, { token: tokens['admin.danang'] })).status).toBe(404);
      expect((await t.request('GET', `/api/v1/attempts/${attemptId}/events`, { token: tokens['hocvien'] })).status).toBe(403);
      const ofExam = await t.request<{ events: Array<{ kind: string; learner: { fullName: string } }> }>('GET', `/api/v1/exams/${examId}/events?kind=takeover`, {
        token: tokens['giangvien'],
      });
      expect(ofExam.body.events).toEqual([expect.objectContaining({ kind: 'takeover', learner: expect.objectContaining({ fullName: 'Nguyễn Văn Đức' }) })]);
      expect((await t.request('GET', `/api/v1/exams/${examId}/events`, { token: tokens['admin.danang'] })).status).toBe(404);

      // After the deadline and the server grace, the attempt no longer takes events.
      setNow(at(600_000 + 61_000));
      const late = await post([event(6000)], 'hocvien', 'device-two');
      expect(late.status).toBe(409);
      expect(late.body).toMatchObject({ code: 'ATTEMPT_CLOSED' });
    });
  });
});
