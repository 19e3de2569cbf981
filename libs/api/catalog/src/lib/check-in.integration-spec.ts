import { BootstrapService, DEMO_PASSWORD, IdentityModule } from '@boiduong/api-identity';
import { createCourse, createPeople, createProgram, createTestApp, enroll, orgUnitIds, signInAll, userIds, type TestApp } from '@boiduong/api-testing';
import type { CheckInCode, CheckInResult, CheckInSheet, CheckInState } from '@boiduong/shared-contracts';
import { CatalogModule } from './catalog.module';
import { CheckInClock } from './services/check-in-clock';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** QR check-in at in-person sessions, against PostgreSQL, with the check-in clock moved by hand. */
describe('QR check-in against PostgreSQL', () => {
  let t: TestApp;
  let clock: CheckInClock;
  const tokens: Record<string, string> = {};
  const units: Record<string, string> = {};
  const users: Record<string, string> = {};
  /** A step boundary (30 s steps), so "the next step" and "two steps later" are plain offsets. */
  const base = new Date('2026-12-02T01:00:00Z').getTime();
  let now = base;
  const setNow = (ms: number) => {
    now = ms;
  };

  const req = <T = Body>(method: string, url: string, who: string, body?: unknown) => t.request<T>(method, url, { token: tokens[who], body });

  /** Learners created directly (hashing a password per user would be slow); they sign in with hocvien's password. */
  async function learners(prefix: string, n: number): Promise<string[]> {
    const made = await createPeople(t, { count: n, orgUnitId: units['HNI-BADINH'], prefix, fullName: 'Học viên điểm danh' });
    Object.assign(users, made);
    Object.assign(tokens, await signInAll(t, Object.keys(made), DEMO_PASSWORD));
    return Object.keys(made);
  }

  let counter = 0;
  /** An in-person Hà Nội course (no lessons, so attending its sessions is all completion asks), taught by giangvien. */
  async function course(options: { capacity?: number | null; sessions?: number; learners?: string[] } = {}) {
    const code = `HN-DD-${++counter}`;
    const program = await createProgram(t, tokens['admin.hanoi'], { code, name: 'Kỹ năng tổ chức sinh hoạt chi đoàn', ownerOrgUnitId: units['HNI'] });
    const { id: courseId } = await createCourse(t, tokens['admin.hanoi'], {
      programId: program.id, orgUnitId: units['HNI'], name: `Lớp ${code}`, mode: 'in_person',
      startsOn: '2026-12-01', endsOn: '2026-12-10', capacity: options.capacity ?? null, status: 'running',
    });
    const sessions: string[] = [];
    for (let i = 1; i <= (options.sessions ?? 1); i++) {
      const s = await req('POST', `/api/v1/courses/${courseId}/sessions`, 'admin.hanoi', {
        title: `Buổi ${i}`, place: 'Hội trường Thành đoàn', startsAt: `2026-12-0${i + 1}T01:00:00Z`, endsAt: `2026-12-0${i + 1}T04:00:00Z`,
      });
      expect(s.status).toBe(201);
      sessions.push(s.body.id);
    }
    expect((await req('POST', `/api/v1/courses/${courseId}/lecturers`, 'admin.hanoi', { userIds: [users['giangvien']] })).status).toBe(201);
    if (options.learners?.length) await enroll(t, tokens['admin.hanoi'], courseId, options.learners.map((u) => users[u]));
    return { courseId, sessions };
  }

  const open = (sessionId: string, who = 'giangvien', body: Body = {}) => req<CheckInState>('POST', `/api/v1/sessions/${sessionId}/check-in/open`, who, body);
  const close = (sessionId: string, who = 'giangvien') => req<CheckInState>('POST', `/api/v1/sessions/${sessionId}/check-in/close`, who);
  const code = (sessionId: string, who = 'giangvien') => req<CheckInCode>('GET', `/api/v1/sessions/${sessionId}/check-in/code`, who);
  const sheet = (sessionId: string, who = 'giangvien') => req<CheckInSheet>('GET', `/api/v1/sessions/${sessionId}/check-in`, who);
  const scan = (token: string, who: string) => req<CheckInResult & Body>('POST', '/api/v1/check-in', who, { token });
  const tokenOf = async (sessionId: string) => {
    const res = await code(sessionId);
    expect(res.status).toBe(200);
    return res.body.token;
  };
  const rows = (sessionId: string) =>
    t.db.query(`SELECT user_id, method, recorded_by, recorded_at FROM session_attendance WHERE session_id = $1 ORDER BY user_id`, [sessionId]);
  const enrollment = async (courseId: string, username: string) =>
    (await t.db.query(`SELECT sessions_attended, completed_at FROM enrollments WHERE course_id = $1 AND user_id = $2`, [courseId, users[username]]))[0];

  beforeAll(async () => {
    t = await createTestApp([IdentityModule, CatalogModule], { DEMO_DATA: 'true', DATABASE_POOL_SIZE: '8' });
    await t.app.get(BootstrapService).run();
    Object.assign(units, await orgUnitIds(t));
    Object.assign(users, await userIds(t));
    Object.assign(tokens, await signInAll(t, ['admin.hanoi', 'admin.danang', 'giangvien', 'hocvien'], DEMO_PASSWORD));
    clock = t.app.get(CheckInClock);
    jest.spyOn(clock, 'now').mockImplementation(() => new Date(now));
  }, 120_000);
  afterAll(() => t.close());
  beforeEach(() => setNow(base));

  it('records an enrolled learner once by QR, recomputes completion, and shows them on the lecturer’s sheet', async () => {
    const [learner] = await learners('dd.mot.', 1);
    const { courseId, sessions } = await course({ learners: [learner, 'hocvien'] });
    const [session] = sessions;

    const before = await sheet(session);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ sessionId: session, courseId, open: false, openedAt: null, closesAt: null, enrolled: 2, attendees: [], sessionTitle: 'Buổi 1' });

    const opened = await open(session);
    expect(opened.status).toBe(200);
    expect(opened.body).toEqual({ sessionId: session, open: true, openedAt: new Date(base).toISOString(), closesAt: new Date(base + 15 * 60_000).toISOString() });

    setNow(base + 7_000);
    const issued = await code(session);
    expect(issued.status).toBe(200);
    expect(issued.body).toMatchObject({
      sessionId: session,
      stepSeconds: 30,
      refreshInMs: 23_000,
      expiresAt: new Date(base + 60_000).toISOString(),
      closesAt: new Date(base + 15 * 60_000).toISOString(),
    });
    expect(issued.body.path).toBe(`/learning/check-in?t=${issued.body.token}`);

    setNow(base + 9_000);
    const first = await scan(issued.body.token, learner);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      status: 'checked_in', sessionId: session, sessionTitle: 'Buổi 1', courseId, courseName: expect.stringMatching(/^Lớp HN-DD-/), method: 'qr',
      recordedAt: new Date(base + 9_000).toISOString(),
    });
    expect(await rows(session)).toEqual([{ user_id: users[learner], method: 'qr', recorded_by: users[learner], recorded_at: new Date(base + 9_000) }]);
    // The only session attended: the course is complete, as when the lecturer ticks the list.
    expect(await enrollment(courseId, learner)).toEqual({ sessions_attended: 1, completed_at: expect.any(Date) });
    const roster = await req('GET', `/api/v1/courses/${courseId}/progress`, 'giangvien');
    expect(roster.body.learners.find((l: Body) => l.userId === users[learner])).toMatchObject({ sessionsAttended: 1, completed: true });

    // A second scan (same code or a fresh one) changes nothing and says so.
    setNow(base + 40_000);
    const again = await scan(issued.body.token, learner);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'already_checked_in', method: 'qr', recordedAt: new Date(base + 9_000).toISOString() });
    expect((await scan(await tokenOf(session), learner)).body.status).toBe('already_checked_in');
    expect(await rows(session)).toHaveLength(1);

    const after = await sheet(session, 'admin.hanoi');
    expect(after.body).toMatchObject({ open: true, enrolled: 2 });
    expect(after.body.attendees).toEqual([
      { userId: users[learner], username: learner, fullName: 'Học viên điểm danh 1', method: 'qr', recordedAt: new Date(base + 9_000).toISOString() },
    ]);
    // The list the lecturer reads back includes QR check-ins.
    expect((await req('GET', `/api/v1/sessions/${session}/attendance`, 'giangvien')).body.present).toEqual([users[learner]]);
  });

  it('refuses a code past its two steps, and accepts it in the step after its own', async () => {
    const { sessions } = await course({ learners: ['hocvien'] });
    const [session] = sessions;
    await open(session);
    setNow(base + 29_000);
    const token = await tokenOf(session);
    setNow(base + 60_000);
    const expired = await scan(token, 'hocvien');
    expect(expired.status).toBe(409);
    expect(expired.body.code).toBe('CHECK_IN_TOKEN_EXPIRED');
    expect(expired.body.message.vi).toContain('hết hạn');
    expect(await rows(session)).toEqual([]);

    setNow(base + 61_000);
    const fresh = await tokenOf(session);
    setNow(base + 91_000);
    expect((await scan(fresh, 'hocvien')).body.status).toBe('checked_in');
  });

  it('refuses a forged or malformed code, and a code whose session id was swapped', async () => {
    const one = await course({ learners: ['hocvien'] });
    const other = await course({ learners: ['hocvien'] });
    await open(one.sessions[0]);
    const token = await tokenOf(one.sessions[0]);
    const raw = Buffer.from(token, 'base64url');
    const flipped = Buffer.from(raw);
    flipped[raw.length - 1] ^= 0x20;
    const swapped = Buffer.from(raw);
    Buffer.from(other.sessions[0].replace(/-/g, ''), 'hex').copy(swapped, 1);
    for (const bad of [flipped.toString('base64url'), swapped.toString('base64url'), 'not-a-code', token.slice(0, 30)]) {
      const res = await scan(bad, 'hocvien');
      expect([bad, res.status, res.body.code]).toEqual([bad, 422, 'CHECK_IN_TOKEN_INVALID']);
      expect(res.body.message.en).toContain('not valid');
    }
    expect((await scan('', 'hocvien')).status).toBe(400);
    expect((await scan('x'.repeat(513), 'hocvien')).status).toBe(400);
    expect(await rows(one.sessions[0])).toEqual([]);
    expect(await rows(other.sessions[0])).toEqual([]);
  });

  it('refuses learners outside the course: another course’s learner, a withdrawn one, a waitlisted one', async () => {
    const [a, b, waiting, leaving] = await learners('dd.ngoai.', 4);
    const mine = await course({ learners: [a] });
    const theirs = await course({ capacity: 2, learners: [b, leaving, waiting] });
    await open(theirs.sessions[0]);
    await open(mine.sessions[0]);
    const token = await tokenOf(theirs.sessions[0]);

    // Enrolled elsewhere, scanning another course's session.
    const outsider = await scan(token, a);
    expect([outsider.status, outsider.body.code]).toEqual([403, 'CHECK_IN_NOT_ENROLLED']);
    expect(outsider.body.message.vi).toContain('không có tên trong danh sách');
    const waitlisted = await scan(token, waiting);
    expect([waitlisted.status, waitlisted.body.code]).toEqual([403, 'CHECK_IN_WAITLISTED']);
    expect((await req('DELETE', `/api/v1/courses/${theirs.courseId}/enrollments/${users[leaving]}`, leaving)).status).toBe(200);
    // Withdrawing gave the seat to the waitlisted learner, who may now check in; the withdrawn one may not.
    const withdrawn = await scan(token, leaving);
    expect([withdrawn.status, withdrawn.body.code]).toEqual([403, 'CHECK_IN_NOT_ENROLLED']);
    expect((await scan(token, waiting)).body.status).toBe('checked_in');
    // The lecturer and the organiser are no learners of the course.
    expect((await scan(token, 'giangvien')).status).toBe(403);
    expect((await scan(token, 'admin.hanoi')).status).toBe(403);
    expect((await rows(theirs.sessions[0])).map((r: Body) => r.user_id)).toEqual([users[waiting]]);
    expect(await rows(mine.sessions[0])).toEqual([]);
  });

  it('refuses scans once the window is closed, ran out or was opened again, and codes while it is not open', async () => {
    const [late, later, reopened] = await learners('dd.dong.', 3);
    const { sessions } = await course({ sessions: 2, learners: [late, later, reopened] });
    const [first, second] = sessions;

    const never = await code(second);
    expect([never.status, never.body.code]).toEqual([409, 'CHECK_IN_NOT_OPEN']);

    await open(first, 'giangvien', { minutes: 5 });
    const token = await tokenOf(first);
    const closed = await close(first);
    expect(closed.body).toEqual({ sessionId: first, open: false, openedAt: new Date(base).toISOString(), closesAt: new Date(base).toISOString() });
    const refused = await scan(token, late);
    expect([refused.status, refused.body.code]).toEqual([409, 'CHECK_IN_CLOSED']);
    expect(refused.body.message.vi).toContain('đóng điểm danh');
    expect((await code(first)).body.code).toBe('CHECK_IN_CLOSED');
    // Closing again is harmless.
    expect((await close(first)).body.open).toBe(false);

    // Reopening starts a new window: a code of the old one is stale.
    setNow(base + 10_000);
    expect((await open(first, 'giangvien', { minutes: 5 })).body).toMatchObject({ open: true, openedAt: new Date(base + 10_000).toISOString() });
    const stale = await scan(token, reopened);
    expect([stale.status, stale.body.code]).toEqual([409, 'CHECK_IN_TOKEN_EXPIRED']);
    const current = await tokenOf(first);
    expect((await scan(current, reopened)).body.status).toBe('checked_in');

    // Opening an open window only moves its end, so the code on screen keeps working.
    setNow(base + 20_000);
    expect((await open(first, 'giangvien', { minutes: 1 })).body).toEqual({
      sessionId: first, open: true, openedAt: new Date(base + 10_000).toISOString(), closesAt: new Date(base + 80_000).toISOString(),
    });
    // The window runs out by itself.
    setNow(base + 75_000);
    const fresh = await tokenOf(first);
    setNow(base + 80_000);
    const ranOut = await scan(fresh, later);
    expect([ranOut.status, ranOut.body.code]).toEqual([409, 'CHECK_IN_CLOSED']);
    expect((await sheet(first)).body.open).toBe(false);
    expect((await rows(first)).map((r: Body) => r.user_id)).toEqual([users[reopened]]);

    for (const minutes of [0, 241, 1.5, 'ten']) expect((await open(second, 'giangvien', { minutes })).status).toBe(400);
  });

  it('refuses check-in, and opening it, in a closed course', async () => {
    const { courseId, sessions } = await course({ learners: ['hocvien'] });
    await open(sessions[0]);
    const token = await tokenOf(sessions[0]);
    expect((await req('POST', `/api/v1/courses/${courseId}/status`, 'admin.hanoi', { status: 'closed' })).status).toBe(200);
    const scanned = await scan(token, 'hocvien');
    expect([scanned.status, scanned.body.code]).toEqual([409, 'COURSE_CLOSED']);
    expect((await open(sessions[0])).body.code).toBe('COURSE_CLOSED');
    expect((await code(sessions[0])).body.code).toBe('COURSE_CLOSED');
    expect(await rows(sessions[0])).toEqual([]);
  });

  it('records a learner scanning many times at once exactly once', async () => {
    const many = await learners('dd.dongthoi.', 3);
    const { courseId, sessions } = await course({ learners: many });
    await open(sessions[0]);
    const token = await tokenOf(sessions[0]);
    const callers = [...many, ...many, ...many, ...many];
    const results = await Promise.all(callers.map((u) => scan(token, u)));
    expect(results.map((r) => r.status)).toEqual(callers.map(() => 200));
    for (const u of many) {
      const mine = results.filter((_r, i) => callers[i] === u);
      expect(mine.map((r) => r.body.status).sort()).toEqual(['already_checked_in', 'already_checked_in', 'already_checked_in', 'checked_in']);
      // Every answer names the one recorded time.
      expect(new Set(mine.map((r) => r.body.recordedAt)).size).toBe(1);
    }
    const recorded = await rows(sessions[0]);
    expect(recorded.map((r: Body) => r.user_id).sort()).toEqual(many.map((u) => users[u]).sort());
    for (const u of many) expect(await enrollment(courseId, u)).toMatchObject({ sessions_attended: 1 });
  });

  it('answers every scan and list save made at the same moment, and ends with everyone present once', async () => {
    const crowd = await learners('dd.cungluc.', 6);
    const everyone = crowd.map((u) => users[u]);
    const { courseId, sessions } = await course({ sessions: 5, learners: crowd });
    // Several rounds: the interleaving that would deadlock does not come up every time.
    for (const session of sessions) {
      await open(session);
      const token = await tokenOf(session);
      const answers = await Promise.all([
        ...crowd.map((u) => scan(token, u)),
        req('POST', `/api/v1/sessions/${session}/attendance`, 'giangvien', { present: everyone }),
        ...crowd.map((u) => scan(token, u)),
        req('POST', `/api/v1/sessions/${session}/attendance`, 'admin.hanoi', { present: everyone }),
      ]);
      expect(answers.map((a) => [a.status, a.body.code])).toEqual(answers.map(() => [200, undefined]));
      expect((await rows(session)).map((r: Body) => r.user_id).sort()).toEqual([...everyone].sort());
    }
    for (const u of crowd) expect(await enrollment(courseId, u)).toMatchObject({ sessions_attended: sessions.length });
  });

  it('lets the lecturer correct by list afterwards, keeping how each attendance was taken', async () => {
    const [scanned, ticked] = await learners('dd.sua.', 2);
    const { courseId, sessions } = await course({ sessions: 1, learners: [scanned, ticked] });
    const [session] = sessions;
    await open(session);
    await scan(await tokenOf(session), scanned);
    expect(await enrollment(courseId, scanned)).toEqual({ sessions_attended: 1, completed_at: expect.any(Date) });

    // Saving the list with both keeps the QR row as it was and adds the other by list.
    expect((await req('POST', `/api/v1/sessions/${session}/attendance`, 'giangvien', { present: [users[scanned], users[ticked]] })).status).toBe(200);
    const both = await sheet(session);
    expect(both.body.attendees.map((a) => [a.username, a.method]).sort()).toEqual([[scanned, 'qr'], [ticked, 'list']].sort());
    expect(await enrollment(courseId, ticked)).toEqual({ sessions_attended: 1, completed_at: expect.any(Date) });

    // Taking the scanned learner off the list (not actually in the room) recomputes completion.
    expect((await req('POST', `/api/v1/sessions/${session}/attendance`, 'giangvien', { present: [users[ticked]] })).status).toBe(200);
    expect(await enrollment(courseId, scanned)).toEqual({ sessions_attended: 0, completed_at: null });
    expect((await sheet(session)).body.attendees.map((a) => a.username)).toEqual([ticked]);
  });

  it('lets only the course’s lecturers and organisers run check-in', async () => {
    const { courseId, sessions } = await course({ learners: ['hocvien'] });
    const [session] = sessions;
    const unknown = '00000000-0000-4000-8000-000000000000';
    const calls: Array<[string, string, Body | undefined]> = [
      ['GET', `/api/v1/sessions/${session}/check-in`, undefined],
      ['POST', `/api/v1/sessions/${session}/check-in/open`, {}],
      ['GET', `/api/v1/sessions/${session}/check-in/code`, undefined],
      ['POST', `/api/v1/sessions/${session}/check-in/close`, undefined],
    ];
    for (const [method, url, body] of calls) {
      expect([url, (await req(method, url, 'hocvien', body)).status]).toEqual([url, 403]);
      expect([url, (await req(method, url, 'admin.danang', body)).status]).toEqual([url, 404]);
      expect([url, (await req(method, url.replace(session, unknown), 'admin.hanoi', body)).status]).toEqual([url, 404]);
      expect([url, (await req(method, url, 'admin.hanoi', body)).status]).toEqual([url, 200]);
    }
    // A lecturer who does not teach this course.
    await t.db.query(`DELETE FROM course_lecturers WHERE course_id = $1 AND user_id = $2`, [courseId, users['giangvien']]);
    for (const [method, url, body] of calls) expect([url, (await req(method, url, 'giangvien', body)).status]).toEqual([url, 403]);
    expect((await t.request('POST', '/api/v1/check-in', { body: { token: 'x' } })).status).toBe(401);
  });
});
