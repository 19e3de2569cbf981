import { AssessmentModule } from '@boiduong/api-assessment';
import { CompletionService } from '@boiduong/api-catalog';
import { AutoIssuance, CertificationModule } from '@boiduong/api-certification';
import { QueueName } from '@boiduong/api-core';
import { BootstrapService, DEMO_PASSWORD } from '@boiduong/api-identity';
import { createCourse, createExam, createProgram, createTestApp, enroll, type TestApp } from '@boiduong/api-testing';
import type { CandidateDecisionResult, CertificateCandidateView, LoginResponse, OrgUnitSummary } from '@boiduong/shared-contracts';
import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { WorkerModule } from './worker.module';

interface StartBody {
  attemptId: string;
  items: Array<{ itemId: string }>;
}

/**
 * Certificates that follow completion, end to end: the api (catalog, assessment, certification)
 * and a real worker process context share one database and one queue prefix; learners pass or
 * fail real exams through the api, and the worker's BullMQ processor issues.
 */
describe('automatic certificate issuance (api + worker, PostgreSQL + Redis)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let hanoi: string;
  const tokens: Record<string, string> = {};
  const userIds: Record<string, string> = {};
  const correct = new Map<string, unknown>();

  const login = async (username: string, password = DEMO_PASSWORD) =>
    (await t.request<LoginResponse>('POST', '/api/v1/auth/login', { body: { username, password } })).body.accessToken;
  const admin = () => tokens['admin.hanoi'];

  const certificatesOf = (courseId: string): Promise<Array<{ user_id: string; serial_number: string; pdf_sha256: string | null }>> =>
    t.db.query(`SELECT user_id, serial_number, pdf_sha256 FROM certificates WHERE course_id = $1 ORDER BY user_id`, [courseId]);
  const candidateOf = async (courseId: string, username: string) =>
    (await t.db.query(`SELECT id, status, reason FROM certificate_candidates WHERE course_id = $1 AND user_id = $2`, [courseId, userIds[username]]))[0];

  /** Polls until `done` holds (the worker is another process context), up to `ms`. */
  async function waitFor(done: () => Promise<boolean>, ms = 20_000): Promise<boolean> {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (await done()) return true;
      await new Promise((r) => setTimeout(r, 150));
    }
    return done();
  }
  /** Lets the queue settle: what would be issued by mistake has had time to be. */
  const settle = () => new Promise((r) => setTimeout(r, 2_500));

  async function course(name: string, mode?: 'on_grade' | 'at_course_close' | 'after_approval'): Promise<{ courseId: string; examId: string }> {
    const code = `AUTO-${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
    const program = await createProgram(t, admin(), { code, name: `Bồi dưỡng ${name}`, family: 'title', ownerOrgUnitId: hanoi, targetTitles: ['secretary.branch'], requiredHours: 24 });
    if (mode) {
      const set = await t.request('PUT', `/api/v1/certificates/programs/${program.id}/policy`, { token: admin(), body: { issuanceMode: mode } });
      expect(set.status).toBe(200);
    }
    const created = await createCourse(t, admin(), { programId: program.id, orgUnitId: hanoi, name, startsOn: '2026-01-05', endsOn: '2026-12-31', status: 'open' });
    const examId = await createExam(t, admin(), {
      courseId: created.id,
      opensAt: new Date(Date.now() - 3_600_000),
      closesAt: new Date(Date.now() + 3_600_000),
      maxAttempts: 1,
    });
    await enroll(t, admin(), created.id, ['hocvien', 'hv.hai', 'hv.ba'].map((u) => userIds[u]));
    return { courseId: created.id, examId };
  }

  /** The learner takes the exam through the api, answering every item right (or wrong). */
  async function takeExam(username: string, examId: string, right = true): Promise<void> {
    const start = await t.request<StartBody>('POST', `/api/v1/exams/${examId}/attempts`, { token: tokens[username] });
    expect(start.status).toBe(201);
    const responses = start.body.items.map((i) => ({ itemId: i.itemId, answer: right ? correct.get(i.itemId) : 'a', seq: 1 }));
    expect((await t.request('PUT', `/api/v1/attempts/${start.body.attemptId}/responses`, { token: tokens[username], body: { responses } })).status).toBe(200);
    const submitted = await t.request<{ passed: boolean }>('POST', `/api/v1/attempts/${start.body.attemptId}/submit`, { token: tokens[username] });
    expect(submitted.status).toBe(200);
    expect(submitted.body.passed).toBe(right);
  }

  beforeAll(async () => {
    t = await createTestApp([AssessmentModule, CertificationModule], { DEMO_DATA: 'true', DATABASE_POOL_SIZE: '10' });
    await t.app.get(BootstrapService).run();
    worker = await NestFactory.createApplicationContext(WorkerModule.register(t.env), { logger: false });
    await worker.init();
    tokens['admin.hanoi'] = await login('admin.hanoi');
    tokens['giangvien'] = await login('giangvien');
    tokens['hocvien'] = await login('hocvien');
    const units = (await t.request<OrgUnitSummary[]>('GET', '/api/v1/org-units', { token: admin() })).body;
    hanoi = units.find((u) => u.code === 'HNI')?.id ?? '';
    const badinh = units.find((u) => u.code === 'HNI-BADINH')?.id ?? '';
    for (const [username, fullName] of [
      ['hv.hai', 'Lê Thị Hoa'],
      ['hv.ba', 'Phạm Văn Đức'],
    ]) {
      const created = await t.request('POST', '/api/v1/users', {
        token: admin(),
        body: { username, password: 'Another-learner-1', fullName, orgUnitId: badinh, roles: [{ role: 'learner', orgUnitId: badinh }] },
      });
      expect(created.status).toBe(201);
      tokens[username] = await login(username, 'Another-learner-1');
    }
    for (const row of await t.db.query(`SELECT id, username FROM users WHERE username IN ('hocvien', 'hv.hai', 'hv.ba')`)) userIds[row.username] = row.id;
    const options = ['a', 'b', 'c', 'd'].map((id) => ({ id, text: `Phương án ${id.toUpperCase()}` }));
    for (const n of [1, 2, 3, 4]) {
      const item = { type: 'single_choice', stem: `Câu hỏi nhận biết số ${n} về Điều lệ Đoàn?`, options, key: 'b', level: 'recognition' };
      const created = await t.request<{ id: string }>('POST', '/api/v1/items', {
        token: tokens['giangvien'],
        body: { ...item, topic: 'Điều lệ Đoàn', ownerOrgUnitId: hanoi, source: { document: 'Điều lệ Đoàn TNCS Hồ Chí Minh' } },
      });
      expect(created.status).toBe(201);
      expect((await t.request('POST', `/api/v1/items/${created.body.id}/submit-review`, { token: tokens['giangvien'] })).status).toBeLessThan(300);
      expect((await t.request('POST', `/api/v1/items/${created.body.id}/approve`, { token: admin() })).status).toBeLessThan(300);
      correct.set(created.body.id, item.key);
    }
  }, 60_000);
  afterAll(async () => {
    await worker?.close();
    await t.app.get<Queue>(getQueueToken(QueueName.Certification)).obliterate({ force: true });
    await t.close();
  });

  it('records a failure instead of issuing while the issuing unit has no signer, and issues once one is set and approved', async () => {
    const { courseId, examId } = await course('Lớp chưa có người ký');
    await takeExam('hocvien', examId);
    expect(await waitFor(async () => (await candidateOf(courseId, 'hocvien'))?.status === 'failed')).toBe(true);
    expect((await candidateOf(courseId, 'hocvien')).reason).toMatch(/^issuer_not_configured/);
    expect(await certificatesOf(courseId)).toEqual([]);

    const settings = { signerName: 'Trần Quốc Việt', signerTitle: 'PHÓ BÍ THƯ THÀNH ĐOÀN', issuedPlace: 'Hà Nội' };
    expect((await t.request('PUT', `/api/v1/certificates/issuers/${hanoi}`, { token: tokens['hocvien'], body: settings })).status).toBe(403);
    const set = await t.request('PUT', `/api/v1/certificates/issuers/${hanoi}`, { token: admin(), body: settings });
    expect(set.status).toBe(200);
    expect((await t.request('GET', `/api/v1/certificates/issuers/${hanoi}`, { token: admin() })).body).toEqual({ unitId: hanoi, ...settings });
    const { id } = await candidateOf(courseId, 'hocvien');
    const approved = await t.request<CandidateDecisionResult>('POST', '/api/v1/certificates/candidates/approve', { token: admin(), body: { ids: [id] } });
    expect(approved.body).toEqual({ done: [id], skipped: [] });
    expect(await waitFor(async () => (await certificatesOf(courseId)).length === 1)).toBe(true);
  });

  it('on_grade (default): passing the deciding exam issues within seconds, with its numbers and PDF hash', async () => {
    const { courseId, examId } = await course('Lớp cấp ngay khi có điểm');
    await takeExam('hv.ba', examId, false);
    const passedAt = Date.now();
    await takeExam('hocvien', examId);
    expect(await waitFor(async () => (await certificatesOf(courseId)).some((c) => c.pdf_sha256 !== null))).toBe(true);
    expect(Date.now() - passedAt).toBeLessThan(60_000);
    const [issued] = await certificatesOf(courseId);
    expect(issued).toMatchObject({ user_id: userIds['hocvien'], serial_number: expect.stringMatching(/^HNI-\d{4}-\d{6}$/), pdf_sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(await candidateOf(courseId, 'hocvien')).toMatchObject({ status: 'issued' });
    // A failed learner has no candidate at all.
    expect(await candidateOf(courseId, 'hv.ba')).toBeUndefined();
    const [entry] = await t.db.query(`SELECT holder_name, program_name, result, signer_name, titles FROM certificates WHERE course_id = $1`, [courseId]);
    expect(entry).toEqual({ holder_name: 'Nguyễn Văn Đức', program_name: expect.stringMatching(/^Bồi dưỡng/), result: 'Đạt', signer_name: 'Trần Quốc Việt', titles: ['secretary.branch'] });
  });

  it('recomputing completion many times, concurrently, issues once', async () => {
    const { courseId, examId } = await course('Lớp tính lại nhiều lần');
    const completion = t.app.get(CompletionService);
    const recomputeInTransactions = () => Promise.all([1, 2, 3, 4, 5].map(() => t.db.transaction((m) => completion.recompute(m, courseId))));
    await Promise.all([takeExam('hv.hai', examId), recomputeInTransactions()]);
    await recomputeInTransactions();
    expect(await waitFor(async () => (await certificatesOf(courseId)).length === 1)).toBe(true);
    // Completion flips off and on again (a stale counter repaired twice): still the one certificate.
    for (let i = 0; i < 2; i++) {
      await t.db.query(`UPDATE enrollments SET completed_at = NULL WHERE course_id = $1`, [courseId]);
      await recomputeInTransactions();
    }
    await t.app.get(AutoIssuance).sweep();
    await settle();
    expect(await certificatesOf(courseId)).toHaveLength(1);
    expect(await t.db.query(`SELECT status FROM certificate_candidates WHERE course_id = $1`, [courseId])).toEqual([{ status: 'issued' }]);
  });

  it('after_approval: completed learners wait in the approval list; admins approve and refuse in bulk with reasons', async () => {
    const { courseId, examId } = await course('Lớp cấp sau khi duyệt', 'after_approval');
    for (const u of ['hocvien', 'hv.hai', 'hv.ba']) await takeExam(u, examId);
    await settle();
    expect(await certificatesOf(courseId)).toEqual([]);
    const list = await t.request<CertificateCandidateView[]>('GET', `/api/v1/certificates/candidates?courseId=${courseId}&status=pending`, { token: admin() });
    expect(list.status).toBe(200);
    expect(list.body.map((c) => c.username).sort()).toEqual(['hocvien', 'hv.ba', 'hv.hai']);
    expect(list.body[0]).toMatchObject({ courseId, status: 'pending', completedAt: expect.any(String) });
    // Learners and admins of other provinces see no candidates of Hà Nội.
    expect((await t.request('GET', '/api/v1/certificates/candidates', { token: tokens['hocvien'] })).status).toBe(403);
    const danang = await login('admin.danang');
    expect((await t.request('GET', `/api/v1/certificates/candidates?courseId=${courseId}`, { token: danang })).status).toBe(404);
    expect((await t.request<CertificateCandidateView[]>('GET', '/api/v1/certificates/candidates', { token: danang })).body).toEqual([]);
    const id = (u: string) => list.body.find((c) => c.username === u)?.id ?? '';

    expect((await t.request('POST', '/api/v1/certificates/candidates/refuse', { token: admin(), body: { ids: [id('hv.ba')] } })).status).toBe(400);
    const refused = await t.request<CandidateDecisionResult>('POST', '/api/v1/certificates/candidates/refuse', {
      token: admin(),
      body: { ids: [id('hv.ba')], reason: 'Chưa nộp bài thu hoạch cuối khóa' },
    });
    expect(refused.body).toEqual({ done: [id('hv.ba')], skipped: [] });
    const unknown = '00000000-0000-4000-8000-000000000000';
    const approved = await t.request<CandidateDecisionResult>('POST', '/api/v1/certificates/candidates/approve', {
      token: admin(),
      body: { ids: [id('hocvien'), id('hv.hai'), unknown] },
    });
    expect(approved.body).toEqual({ done: [id('hocvien'), id('hv.hai')], skipped: [{ id: unknown, reason: 'not_found' }] });
    expect(await waitFor(async () => (await certificatesOf(courseId)).length === 2)).toBe(true);
    expect((await certificatesOf(courseId)).map((c) => c.user_id).sort()).toEqual([userIds['hocvien'], userIds['hv.hai']].sort());
    const again = await t.request<CandidateDecisionResult>('POST', '/api/v1/certificates/candidates/approve', { token: admin(), body: { ids: [id('hocvien')] } });
    expect(again.body.skipped).toEqual([{ id: id('hocvien'), reason: 'already_issued' }]);

    // The refused learner's completion is recomputed (and even re-established): still no certificate.
    await t.db.query(`UPDATE enrollments SET completed_at = NULL WHERE course_id = $1 AND user_id = $2`, [courseId, userIds['hv.ba']]);
    await t.db.transaction((m) => t.app.get(CompletionService).recompute(m, courseId));
    await t.app.get(AutoIssuance).sweep();
    await settle();
    expect(await candidateOf(courseId, 'hv.ba')).toMatchObject({ status: 'refused', reason: 'Chưa nộp bài thu hoạch cuối khóa' });
    expect(await certificatesOf(courseId)).toHaveLength(2);
    // Until an admin reverses the refusal.
    const reversed = await t.request<CandidateDecisionResult>('POST', '/api/v1/certificates/candidates/approve', { token: admin(), body: { ids: [id('hv.ba')] } });
    expect(reversed.body.done).toEqual([id('hv.ba')]);
    expect(await waitFor(async () => (await certificatesOf(courseId)).length === 3)).toBe(true);
  });

  it('a refused on_grade learner (refused before the grade) is not issued when the grade comes', async () => {
    const { courseId, examId } = await course('Lớp có học viên bị từ chối', 'after_approval');
    await takeExam('hv.ba', examId);
    const { id } = await candidateOf(courseId, 'hv.ba');
    await t.request('POST', '/api/v1/certificates/candidates/refuse', { token: admin(), body: { ids: [id], reason: 'Vi phạm quy chế lớp học' } });
    // The program switches to issuing on grade; the refused learner stays refused.
    const [{ program_id }] = await t.db.query(`SELECT program_id FROM courses WHERE id = $1`, [courseId]);
    await t.request('PUT', `/api/v1/certificates/programs/${program_id}/policy`, { token: admin(), body: { issuanceMode: 'on_grade' } });
    await takeExam('hocvien', examId);
    expect(await waitFor(async () => (await certificatesOf(courseId)).length === 1)).toBe(true);
    await t.db.query(`UPDATE enrollments SET completed_at = NULL WHERE course_id = $1`, [courseId]);
    await t.db.transaction((m) => t.app.get(CompletionService).recompute(m, courseId));
    await settle();
    expect((await certificatesOf(courseId)).map((c) => c.user_id)).toEqual([userIds['hocvien']]);
    expect(await candidateOf(courseId, 'hv.ba')).toMatchObject({ status: 'refused' });
  });

  it('at_course_close: nothing until the course closes, then every completed learner (and only them)', async () => {
    const { courseId, examId } = await course('Lớp cấp khi kết thúc', 'at_course_close');
    await takeExam('hocvien', examId);
    await takeExam('hv.hai', examId);
    await takeExam('hv.ba', examId, false);
    await settle();
    expect(await certificatesOf(courseId)).toEqual([]);
    expect(await candidateOf(courseId, 'hocvien')).toMatchObject({ status: 'awaiting_close' });
    // An admin may still refuse before the close.
    const { id } = await candidateOf(courseId, 'hv.hai');
    await t.request('POST', '/api/v1/certificates/candidates/refuse', { token: admin(), body: { ids: [id], reason: 'Hồ sơ chưa đầy đủ' } });
    const closed = await t.request('POST', `/api/v1/courses/${courseId}/status`, { token: admin(), body: { status: 'closed' } });
    expect(closed.status).toBe(200);
    expect(await waitFor(async () => (await certificatesOf(courseId)).length === 1)).toBe(true);
    await settle();
    expect((await certificatesOf(courseId)).map((c) => c.user_id)).toEqual([userIds['hocvien']]);
    expect(await candidateOf(courseId, 'hv.hai')).toMatchObject({ status: 'refused' });
  });

  it('checks the settings routes: unknown programs and units are 404, a bad mode is 400', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await t.request('GET', `/api/v1/certificates/programs/${unknown}/policy`, { token: admin() })).status).toBe(404);
    expect((await t.request('PUT', `/api/v1/certificates/issuers/${unknown}`, { token: admin(), body: { signerName: 'A B', signerTitle: 'BÍ THƯ', issuedPlace: 'Hà Nội' } })).status).toBe(404);
    const [{ id }] = await t.db.query(`SELECT id FROM programs LIMIT 1`);
    expect((await t.request('PUT', `/api/v1/certificates/programs/${id}/policy`, { token: admin(), body: { issuanceMode: 'whenever' } })).status).toBe(400);
  });
});
