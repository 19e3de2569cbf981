import { DEMO_PASSWORD, BootstrapService } from '@boiduong/api-identity';
import { approvedItem, createCourse, createExam as createExamThroughApi, createProgram, createTestApp, enroll, orgUnitIds, signIn, signInAll, type TestApp } from '@boiduong/api-testing';
import { AssessmentModule } from './assessment.module';
import { AssessmentClock } from './services/assessment-clock';
import type { MyExamView } from './services/my-exams.service';

describe('the learner’s own exams (GET /me/exams)', () => {
  let t: TestApp;
  let clock: AssessmentClock;
  const tokens: Record<string, string> = {};
  const base = new Date('2026-12-01T02:00:00Z');
  let courseId: string;
  const at = (ms: number) => new Date(base.getTime() + ms);
  const setNow = (d: Date) => jest.spyOn(clock, 'now').mockReturnValue(d);
  const login = (username: string, password = DEMO_PASSWORD) => signIn(t, username, password);
  const mine = async (user = 'hocvien') => t.request<{ serverNow: string; exams: MyExamView[] }>('GET', '/api/v1/me/exams', { token: tokens[user] });
  const createExam = (title: string, overrides: Record<string, unknown> = {}) =>
    createExamThroughApi(t, tokens['admin.hanoi'], { courseId, title, opensAt: at(-3_600_000), closesAt: at(3_600_000), ...overrides });

  beforeAll(async () => {
    t = await createTestApp([AssessmentModule], { DEMO_DATA: 'true' });
    await t.app.get(BootstrapService).run();
    clock = t.app.get(AssessmentClock);
    setNow(base);
    Object.assign(tokens, await signInAll(t, ['admin.hanoi', 'giangvien', 'hocvien'], DEMO_PASSWORD));
    const units = await orgUnitIds(t);
    const hanoi = units['HNI'];
    const badinh = units['HNI-BADINH'];
    const other = await t.request('POST', '/api/v1/users', {
      token: tokens['admin.hanoi'],
      body: { username: 'hocvien3', password: 'Another-learner-1', fullName: 'Phạm Văn Nam', orgUnitId: badinh, roles: [{ role: 'learner', orgUnitId: badinh }] },
    });
    expect(other.status).toBe(201);
    tokens['hocvien3'] = await login('hocvien3', 'Another-learner-1');

    const program = await createProgram(t, tokens['admin.hanoi'], { code: 'HNI-NVCB', name: 'Nghiệp vụ công tác Đoàn', ownerOrgUnitId: hanoi });
    const course = await createCourse(t, tokens['admin.hanoi'], {
      programId: program.id, orgUnitId: hanoi, name: 'Lớp nghiệp vụ 2026', startsOn: '2026-11-01', endsOn: '2026-12-31', status: 'open',
    });
    courseId = course.id;

    for (const n of [1, 2, 3]) {
      await approvedItem(t, tokens['giangvien'], tokens['admin.hanoi'], {
        type: 'true_false',
        stem: `Nhận định số ${n} về Điều lệ Đoàn là đúng?`,
        key: true,
        level: 'recognition',
        topic: 'Điều lệ Đoàn',
        ownerOrgUnitId: hanoi,
        source: { document: 'Điều lệ Đoàn TNCS Hồ Chí Minh' },
      });
    }
  });
  afterAll(() => t.close());

  it('is empty before the learner is enrolled, and refused to those who do not take exams (403)', async () => {
    await createExam('Bài trước khi ghi danh');
    const res = await mine();
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ serverNow: base.toISOString(), exams: [] });
    expect((await t.request('GET', '/api/v1/me/exams', { token: tokens['admin.hanoi'] })).status).toBe(403);
    expect((await t.request('GET', '/api/v1/me/exams')).status).toBe(401);
  });

  describe('once enrolled', () => {
    let openId: string;
    let upcomingId: string;
    let closedId: string;

    beforeAll(async () => {
      const [learner]: Array<{ id: string }> = await t.db.query(`SELECT id FROM users WHERE username = 'hocvien'`);
      await enroll(t, tokens['admin.hanoi'], courseId, [learner.id]);
      upcomingId = await createExam('Bài sắp mở', { opensAt: at(3_600_000).toISOString(), closesAt: at(7_200_000).toISOString() });
      closedId = await createExam('Bài đã đóng', { opensAt: at(-7_200_000).toISOString(), closesAt: at(-3_600_000).toISOString(), maxAttempts: null });
      openId = await createExam('Bài đang mở', { closesAt: at(1_800_000).toISOString() });
    });

    it('lists every exam of the course with its window, attempts and status, soonest close first', async () => {
      const res = await mine();
      expect(res.status).toBe(200);
      expect(res.body.exams.map((e) => [e.title, e.status])).toEqual([
        ['Bài đã đóng', 'closed'],
        ['Bài đang mở', 'open'],
        ['Bài trước khi ghi danh', 'open'],
        ['Bài sắp mở', 'upcoming'],
      ]);
      const open = res.body.exams.find((e) => e.examId === openId);
      expect(open).toEqual({
        examId: openId,
        title: 'Bài đang mở',
        courseId,
        courseName: 'Lớp nghiệp vụ 2026',
        opensAt: at(-3_600_000).toISOString(),
        closesAt: at(1_800_000).toISOString(),
        timeLimitSeconds: 600,
        maxAttempts: 2,
        attemptsUsed: 0,
        attemptsLeft: 2,
        passMark: 50,
        accessCodeRequired: false,
        status: 'open',
        openAttemptId: null,
        lastResult: null,
      });
      expect(res.body.exams.find((e) => e.examId === closedId)).toMatchObject({ maxAttempts: null, attemptsLeft: null });
      expect((await t.request<MyExamView>('GET', `/api/v1/me/exams/${upcomingId}`, { token: tokens['hocvien'] })).body).toMatchObject({
        status: 'upcoming',
        serverNow: base.toISOString(),
      });
    });

    it('shows the attempt to resume, then the result and the attempts left after submitting', async () => {
      const started = await t.request<{ attemptId: string; items: Array<{ itemId: string }> }>('POST', `/api/v1/exams/${openId}/attempts`, { token: tokens['hocvien'] });
      expect(started.status).toBe(201);
      let one = (await t.request<MyExamView>('GET', `/api/v1/me/exams/${openId}`, { token: tokens['hocvien'] })).body;
      expect(one).toMatchObject({ status: 'in_progress', openAttemptId: started.body.attemptId, attemptsUsed: 1, attemptsLeft: 1, lastResult: null });

      const saved = await t.request('PUT', `/api/v1/attempts/${started.body.attemptId}/responses`, {
        token: tokens['hocvien'],
        body: { responses: started.body.items.map((i) => ({ itemId: i.itemId, answer: true, seq: 1 })) },
      });
      expect(saved.status).toBe(200);
      expect((await t.request('POST', `/api/v1/attempts/${started.body.attemptId}/submit`, { token: tokens['hocvien'] })).status).toBe(200);
      one = (await t.request<MyExamView>('GET', `/api/v1/me/exams/${openId}`, { token: tokens['hocvien'] })).body;
      expect(one).toMatchObject({
        status: 'open',
        openAttemptId: null,
        attemptsLeft: 1,
        lastResult: { attemptId: started.body.attemptId, status: 'submitted', score: 2, maxScore: 2, scaled10: 10, percent: 100, passed: true, released: true },
      });

      const second = await t.request<{ attemptId: string }>('POST', `/api/v1/exams/${openId}/attempts`, { token: tokens['hocvien'] });
      expect(second.status).toBe(201);
      expect((await t.request('POST', `/api/v1/attempts/${second.body.attemptId}/submit`, { token: tokens['hocvien'] })).status).toBe(200);
      one = (await t.request<MyExamView>('GET', `/api/v1/me/exams/${openId}`, { token: tokens['hocvien'] })).body;
      expect(one).toMatchObject({ status: 'no_attempts_left', attemptsUsed: 2, attemptsLeft: 0, lastResult: { attemptId: second.body.attemptId, score: 0 } });
    });

    it('stops offering to resume once the deadline and the server grace have passed', async () => {
      const id = await createExam('Bài hết giờ', { maxAttempts: 1 });
      const started = await t.request<{ attemptId: string }>('POST', `/api/v1/exams/${id}/attempts`, { token: tokens['hocvien'] });
      expect(started.status).toBe(201);
      setNow(at(600_000 + 60_000));
      expect((await t.request<MyExamView>('GET', `/api/v1/me/exams/${id}`, { token: tokens['hocvien'] })).body).toMatchObject({ status: 'in_progress' });
      setNow(at(600_000 + 60_001));
      expect((await t.request<MyExamView>('GET', `/api/v1/me/exams/${id}`, { token: tokens['hocvien'] })).body).toMatchObject({
        status: 'no_attempts_left',
        openAttemptId: null,
      });
      setNow(base);
    });

    it('gives the right-hand texts of matching items to pick from, never the pairing, to the attempt’s owner only', async () => {
      const itemId = await approvedItem(t, tokens['giangvien'], tokens['admin.hanoi'], {
        type: 'matching',
        stem: 'Ghép chức danh với nhiệm vụ.',
        options: [
          { id: 'a', text: 'Bí thư chi đoàn' },
          { id: 'b', text: 'Phó Bí thư chi đoàn' },
          { id: 'c', text: 'Ủy viên Ban Chấp hành' },
        ],
        key: [
          ['a', 'Chủ trì công việc của chi đoàn'],
          ['b', 'Giúp Bí thư điều hành'],
          ['c', 'Phụ trách một mảng công tác'],
        ],
        level: 'comprehension',
        topic: 'Điều lệ Đoàn',
        ownerOrgUnitId: (await orgUnitIds(t))['HNI'],
        source: { document: 'Điều lệ Đoàn TNCS Hồ Chí Minh' },
      });
      const examId = await createExam('Bài ghép nối', { blueprint: [{ topic: 'Điều lệ Đoàn', level: 'comprehension', count: 1, points: 3 }] });
      const started = await t.request<{ attemptId: string; items: Array<{ itemId: string; type: string }> }>('POST', `/api/v1/exams/${examId}/attempts`, {
        token: tokens['hocvien'],
      });
      expect(started.body.items).toMatchObject([{ itemId, type: 'matching' }]);

      // The right-hand column comes with the attempt view, sorted: it says nothing about the pairs.
      const view = await t.request<{ items: Array<{ itemId: string; matches?: string[] }> }>('GET', `/api/v1/attempts/${started.body.attemptId}`, { token: tokens['hocvien'] });
      expect(view.status).toBe(200);
      expect(view.body.items[0].matches).toEqual(['Chủ trì công việc của chi đoàn', 'Giúp Bí thư điều hành', 'Phụ trách một mảng công tác']);
      expect(JSON.stringify(view.body)).not.toContain('answer_key');
      // The former separate list is gone: the view is the one source.
      expect((await t.request('GET', `/api/v1/attempts/${started.body.attemptId}/matching-choices`, { token: tokens['hocvien'] })).status).toBe(404);

      // Picking the texts earns full credit.
      const saved = await t.request('PUT', `/api/v1/attempts/${started.body.attemptId}/responses`, {
        token: tokens['hocvien'],
        body: { responses: [{ itemId, answer: { a: 'Chủ trì công việc của chi đoàn', b: 'Giúp Bí thư điều hành', c: 'Phụ trách một mảng công tác' }, seq: 1 }] },
      });
      expect(saved.status).toBe(200);
      const submitted = await t.request<{ score: number }>('POST', `/api/v1/attempts/${started.body.attemptId}/submit`, { token: tokens['hocvien'] });
      expect(submitted.body).toMatchObject({ score: 3, maxScore: 3 });
    });

    it('answers 404 for an exam of a course the learner is not in, and for a malformed id 400', async () => {
      expect((await t.request('GET', `/api/v1/me/exams/${openId}`, { token: tokens['hocvien3'] })).status).toBe(404);
      expect((await mine('hocvien3')).body.exams).toEqual([]);
      expect((await t.request('GET', '/api/v1/me/exams/not-a-uuid', { token: tokens['hocvien'] })).status).toBe(400);
    });
  });
});
