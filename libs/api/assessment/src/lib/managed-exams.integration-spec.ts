import { DEMO_PASSWORD, BootstrapService } from '@boiduong/api-identity';
import { approvedItem, createCourse, createExam as createExamThroughApi, createProgram, createTestApp, enroll, orgUnitIds, signInAll, type TestApp } from '@boiduong/api-testing';
import { AssessmentModule } from './assessment.module';
import { Exam } from './entities';
import { AssessmentClock } from './services/assessment-clock';
import type { BankCell, ManagedCourse, ManagedExamSummary } from './services/managed-exams.service';

describe('the exam administration lists (GET /exams, /exams/courses, /exams/bank-availability)', () => {
  let t: TestApp;
  let clock: AssessmentClock;
  const tokens: Record<string, string> = {};
  const base = new Date('2026-12-01T02:00:00Z');
  const hour = 3_600_000;
  let courseId: string;
  let danangCourseId: string;
  const at = (ms: number) => new Date(base.getTime() + ms);
  const setNow = (d: Date) => jest.spyOn(clock, 'now').mockReturnValue(d);
  const list = (query = '', user = 'admin.hanoi') => t.request<ManagedExamSummary[]>('GET', `/api/v1/exams${query}`, { token: tokens[user] });
  const createExam = (title: string, overrides: Record<string, unknown> = {}, user = 'admin.hanoi', course = courseId) =>
    createExamThroughApi(t, tokens[user], { courseId: course, title, opensAt: at(-hour), closesAt: at(hour), ...overrides });
  const makeCourse = async (user: string, unitId: string, code: string, name: string) => {
    const program = await createProgram(t, tokens[user], { code, name: `Chương trình ${code}`, ownerOrgUnitId: unitId });
    return (await createCourse(t, tokens[user], { programId: program.id, orgUnitId: unitId, name, startsOn: '2026-11-01', endsOn: '2026-12-31', status: 'open' })).id;
  };
  const bankItem = (n: number, ownerOrgUnitId: string, topic: string, level: string, admin: string) =>
    approvedItem(t, tokens['giangvien'], tokens[admin], {
      type: 'true_false', stem: `Nhận định số ${n} về ${topic}?`, key: true, level, topic, ownerOrgUnitId, source: { document: 'Điều lệ Đoàn TNCS Hồ Chí Minh' },
    });

  let openId: string;
  let upcomingId: string;
  let closedId: string;
  let danangExamId: string;

  beforeAll(async () => {
    t = await createTestApp([AssessmentModule], { DEMO_DATA: 'true' });
    await t.app.get(BootstrapService).run();
    clock = t.app.get(AssessmentClock);
    setNow(base);
    Object.assign(tokens, await signInAll(t, ['admin.hanoi', 'admin.danang', 'giangvien', 'hocvien'], DEMO_PASSWORD));
    const units = await orgUnitIds(t);
    const hanoi = units['HNI'];
    const danang = units['DNG'];
    courseId = await makeCourse('admin.hanoi', hanoi, 'HNI-QLBT', 'Lớp quản lý bài thi 2026');
    danangCourseId = await makeCourse('admin.danang', danang, 'DNG-QLBT', 'Lớp Đà Nẵng 2026');
    let n = 0;
    for (let i = 0; i < 3; i++) await bankItem(++n, hanoi, 'Điều lệ Đoàn', 'recognition', 'admin.hanoi');
    await bankItem(++n, hanoi, 'Điều lệ Đoàn', 'application', 'admin.hanoi');
    await bankItem(++n, hanoi, 'Lịch sử Đoàn', 'comprehension', 'admin.hanoi');
    // A draft is not available to exams.
    const draft = await t.request('POST', '/api/v1/items', {
      token: tokens['giangvien'],
      body: { type: 'true_false', stem: 'Một nhận định còn nháp?', key: true, level: 'recognition', topic: 'Lịch sử Đoàn', ownerOrgUnitId: hanoi, source: { document: 'Tài liệu' } },
    });
    expect(draft.status).toBe(201);

    const [learner]: Array<{ id: string }> = await t.db.query(`SELECT id FROM users WHERE username = 'hocvien'`);
    await enroll(t, tokens['admin.hanoi'], courseId, [learner.id]);

    closedId = await createExam('Bài đã đóng', { opensAt: at(-2 * hour).toISOString(), closesAt: at(-hour).toISOString() });
    upcomingId = await createExam('Bài sắp mở', { opensAt: at(hour).toISOString(), closesAt: at(2 * hour).toISOString(), resultRelease: 'manual' });
    openId = await createExam('Bài đang mở', { resultRelease: 'after_close' });
    // Đà Nẵng's bank has none of Hà Nội's items: its exam is stored directly (the list only reads it).
    const [danangUnit]: Array<{ org_unit_id: string }> = await t.db.query(`SELECT org_unit_id FROM courses WHERE id = $1`, [danangCourseId]);
    const [danangAdmin]: Array<{ id: string }> = await t.db.query(`SELECT id FROM users WHERE username = 'admin.danang'`);
    const repo = t.db.getRepository(Exam);
    danangExamId = (
      await repo.save(
        repo.create({
          courseId: danangCourseId,
          orgUnitId: danangUnit.org_unit_id,
          title: 'Bài Đà Nẵng',
          blueprint: [],
          timeLimitSeconds: null,
          opensAt: at(-hour),
          closesAt: at(hour),
          maxAttempts: null,
          attemptsPolicy: 'highest',
          passMark: 50,
          overdueHandling: 'autosubmit',
          gracePeriodSeconds: 0,
          shuffleItems: true,
          shuffleOptions: true,
          resultRelease: 'immediate',
          resultsReleasedAt: null,
          reviewPolicy: 'responses',
          accessCode: null,
          allowedNetworks: [],
          createdBy: danangAdmin.id,
        }),
      )
    ).id;
  });
  afterAll(() => t.close());

  it('lists the exams of the caller’s subtree with course, window, status by the server clock and release rule', async () => {
    const res = await list();
    expect(res.status).toBe(200);
    // Latest opening first.
    expect(res.body.map((e) => [e.title, e.status])).toEqual([
      ['Bài sắp mở', 'upcoming'],
      ['Bài đang mở', 'open'],
      ['Bài đã đóng', 'closed'],
    ]);
    expect(res.body.find((e) => e.id === upcomingId)).toEqual({
      id: upcomingId,
      title: 'Bài sắp mở',
      courseId,
      courseName: 'Lớp quản lý bài thi 2026',
      opensAt: at(hour).toISOString(),
      closesAt: at(2 * hour).toISOString(),
      status: 'upcoming',
      attempts: { started: 0, finished: 0, awaitingGrading: 0 },
      resultRelease: 'manual',
      resultsReleasedAt: null,
    });
    const danang = await list('', 'admin.danang');
    expect(danang.body.map((e) => e.id)).toEqual([danangExamId]);
  });

  afterEach(() => setNow(base));

  it('computes the status from the assessment clock, at the exact boundaries of the window', async () => {
    setNow(at(hour));
    const statuses = Object.fromEntries((await list()).body.map((e) => [e.id, e.status]));
    expect(statuses).toEqual({ [upcomingId]: 'open', [openId]: 'closed', [closedId]: 'closed' });
    setNow(at(2 * hour));
    expect((await list('?status=closed')).body.map((e) => e.id).sort()).toEqual([closedId, openId, upcomingId].sort());
    setNow(base);
    expect((await list('?status=open')).body.map((e) => e.id)).toEqual([openId]);
    expect((await list('?status=upcoming')).body.map((e) => e.id)).toEqual([upcomingId]);
  });

  it('counts attempts started, finished and awaiting manual grading', async () => {
    const started = await t.request<{ attemptId: string }>('POST', `/api/v1/exams/${openId}/attempts`, { token: tokens['hocvien'] });
    expect(started.status).toBe(201);
    expect((await list()).body.find((e) => e.id === openId)?.attempts).toEqual({ started: 1, finished: 0, awaitingGrading: 0 });
    expect((await t.request('POST', `/api/v1/attempts/${started.body.attemptId}/submit`, { token: tokens['hocvien'] })).status).toBe(200);
    await t.request('POST', `/api/v1/exams/${openId}/attempts`, { token: tokens['hocvien'] });
    // Essays leave an attempt pending manual grading; mark one so without an essay item in the bank.
    await t.db.query(`UPDATE attempts SET needs_manual_grading = true WHERE id = $1`, [started.body.attemptId]);
    expect((await list()).body.find((e) => e.id === openId)?.attempts).toEqual({ started: 2, finished: 1, awaitingGrading: 1 });
  });

  it('shows the release once results are released', async () => {
    expect((await t.request('POST', `/api/v1/exams/${upcomingId}/release-results`, { token: tokens['admin.hanoi'] })).status).toBe(200);
    expect((await list()).body.find((e) => e.id === upcomingId)?.resultsReleasedAt).toBe(base.toISOString());
  });

  it('filters by course and by title, and pages with limit and offset', async () => {
    expect((await list(`?courseId=${courseId}`)).body).toHaveLength(3);
    expect((await list('?q=%C4%90ANG%20m%E1%BB%9F')).body.map((e) => e.id)).toEqual([openId]);
    // LIKE wildcards are taken literally.
    expect((await list('?q=%25')).body).toEqual([]);
    const first = (await list('?limit=2')).body.map((e) => e.id);
    const rest = (await list('?limit=2&offset=2')).body.map((e) => e.id);
    expect(first).toEqual([upcomingId, openId]);
    expect(rest).toEqual([closedId]);
    for (const bad of ['?limit=0', '?limit=501', '?offset=-1', '?status=later', '?courseId=42']) {
      const res = await list(bad);
      expect([bad, res.status, (res.body as unknown as { code: string }).code]).toEqual([bad, 400, 'VALIDATION_FAILED']);
    }
  });

  it('answers 404 for a course outside the subtree, 403 without exam.manage and 401 signed out', async () => {
    const outside = await list(`?courseId=${courseId}`, 'admin.danang');
    expect(outside.status).toBe(404);
    expect(outside.body).toMatchObject({ code: 'COURSE_NOT_FOUND' });
    expect((await list(`?courseId=${danangCourseId}`)).status).toBe(404);
    expect((await list('?courseId=00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await list('', 'hocvien')).status).toBe(403);
    expect((await t.request('GET', '/api/v1/exams')).status).toBe(401);
  });

  it('lists the courses whose exams the caller manages', async () => {
    const mine = await t.request<ManagedCourse[]>('GET', '/api/v1/exams/courses', { token: tokens['admin.hanoi'] });
    expect(mine.status).toBe(200);
    expect(mine.body.map((c) => c.id)).toContain(courseId);
    expect(mine.body.map((c) => c.id)).not.toContain(danangCourseId);
    expect(mine.body.find((c) => c.id === courseId)).toMatchObject({ name: 'Lớp quản lý bài thi 2026', status: 'open' });
    const named = await t.request<ManagedCourse[]>('GET', `/api/v1/exams/courses?q=${encodeURIComponent('quản lý')}`, { token: tokens['admin.hanoi'] });
    expect(named.body.map((c) => c.id)).toEqual([courseId]);
    const theirs = await t.request<ManagedCourse[]>('GET', '/api/v1/exams/courses', { token: tokens['admin.danang'] });
    expect(theirs.body.map((c) => c.id)).toContain(danangCourseId);
    expect(theirs.body.map((c) => c.id)).not.toContain(courseId);
  });

  it('gives the approved items per topic and level a blueprint of the course may draw', async () => {
    const res = await t.request<BankCell[]>('GET', `/api/v1/exams/bank-availability?courseId=${courseId}`, { token: tokens['admin.hanoi'] });
    expect(res.status).toBe(200);
    const demoFree = res.body.filter((c) => c.topic === 'Điều lệ Đoàn' || c.topic === 'Lịch sử Đoàn');
    expect(demoFree).toEqual(
      expect.arrayContaining([
        { topic: 'Điều lệ Đoàn', level: 'recognition', approved: expect.any(Number) },
        { topic: 'Điều lệ Đoàn', level: 'application', approved: expect.any(Number) },
        { topic: 'Lịch sử Đoàn', level: 'comprehension', approved: expect.any(Number) },
      ]),
    );
    // The counts are exactly what the blueprint check allows: one more than available is refused.
    const cell = res.body.find((c) => c.topic === 'Điều lệ Đoàn' && c.level === 'recognition');
    const refused = await t.request<{ details: { cells: unknown[] } }>('POST', '/api/v1/exams', {
      token: tokens['admin.hanoi'],
      body: {
        courseId,
        title: 'Quá ma trận',
        blueprint: [{ topic: 'Điều lệ Đoàn', level: 'recognition', count: (cell?.approved ?? 0) + 1, points: 1 }],
        opensAt: at(hour).toISOString(),
        closesAt: at(2 * hour).toISOString(),
        passMark: 50,
      },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.details.cells).toEqual([{ topic: 'Điều lệ Đoàn', level: 'recognition', needed: (cell?.approved ?? 0) + 1, available: cell?.approved }]);
    // Danang sees none of Hanoi's own items, and Hanoi's course is not theirs.
    const danang = await t.request<BankCell[]>('GET', `/api/v1/exams/bank-availability?courseId=${danangCourseId}`, { token: tokens['admin.danang'] });
    expect(danang.status).toBe(200);
    expect(danang.body.find((c) => c.topic === 'Lịch sử Đoàn')?.approved ?? 0).toBeLessThan(
      res.body.find((c) => c.topic === 'Lịch sử Đoàn' && c.level === 'comprehension')?.approved ?? 0,
    );
    expect((await t.request('GET', `/api/v1/exams/bank-availability?courseId=${courseId}`, { token: tokens['admin.danang'] })).status).toBe(404);
    expect((await t.request('GET', '/api/v1/exams/bank-availability', { token: tokens['admin.hanoi'] })).status).toBe(400);
  });
});
