import { BootstrapService, DEMO_PASSWORD, IdentityModule } from '@boiduong/api-identity';
import { createPeople, createTestApp, orgUnitIds, signIn, signInAll, userIds, type TestApp } from '@boiduong/api-testing';
import type { EnrollmentResult } from '@boiduong/shared-contracts';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CatalogModule } from './catalog.module';
import { CatalogDemoData, DEMO_COURSE_NAME } from './services/demo-data.service';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('catalog against PostgreSQL', () => {
  let t: TestApp;
  const storage = mkdtempSync(path.join(tmpdir(), 'catalog-files-'));
  const tokens: Record<string, string> = {};
  const units: Record<string, string> = {};
  const users: Record<string, string> = {};

  const login = (username: string, password = DEMO_PASSWORD) => signIn(t, username, password);
  const req = (method: string, url: string, who: string, body?: unknown, headers?: Record<string, string>) =>
    t.request<Body>(method, url, { token: tokens[who], body, headers });

  /** Creates learners directly (password hashing per user would be slow); they sign in with the root admin's hash. */
  async function makeLearners(n: number, unitCode: string, prefix: string): Promise<string[]> {
    return Object.values(await createPeople(t, { count: n, orgUnitId: units[unitCode], prefix }));
  }

  beforeAll(async () => {
    t = await createTestApp([IdentityModule, CatalogModule], {
      DEMO_DATA: 'true',
      BOOTSTRAP_ADMIN_USERNAME: 'root.admin',
      BOOTSTRAP_ADMIN_PASSWORD: 'Root-admin-password-1',
      STORAGE_PATH: storage,
      UPLOAD_LIMIT_BYTES: String(64 * 1024),
      DATABASE_POOL_SIZE: '8',
    });
    await t.app.get(BootstrapService).run();
    await t.app.get(CatalogDemoData).run();
    Object.assign(units, await orgUnitIds(t));
    Object.assign(users, await userIds(t));
    tokens.root = await login('root.admin', 'Root-admin-password-1');
    Object.assign(tokens, await signInAll(t, ['admin.hanoi', 'admin.danang', 'giangvien', 'hocvien'], DEMO_PASSWORD));
  }, 120_000);
  afterAll(() => t.close());

  const newProgram = (code: string, owner = 'HNI', extra: Body = {}) =>
    req('POST', '/api/v1/programs', owner === 'TWD' ? 'root' : 'admin.hanoi', {
      code,
      name: 'Nghiệp vụ công tác Văn phòng',
      family: 'specialty',
      ownerOrgUnitId: units[owner],
      targetTitles: ['secretary.commune'],
      requiredHours: 16,
      ...extra,
    });

  const newCourse = async (programId: string, extra: Body = {}, who = 'admin.hanoi', unit = 'HNI') => {
    const res = await req('POST', '/api/v1/courses', who, {
      programId,
      orgUnitId: units[unit],
      name: 'Lớp 1',
      mode: 'blended',
      startsOn: '2026-12-01',
      endsOn: '2026-12-10',
      capacity: null,
      status: 'open',
      ...extra,
    });
    expect(res.status).toBe(201);
    return res.body;
  };

  describe('programs', () => {
    it('creates a program (version 1, default pass mark 50) and refuses a taken code with 409', async () => {
      const res = await newProgram('HN-VP-01', 'HNI', { certificatePolicy: { minAttendanceShare: 0.8 } });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ code: 'HN-VP-01', version: 1, family: 'specialty', certificatePolicy: { minAttendanceShare: 0.8, minLessonShare: 1, passMark: 50 } });
      expect((await newProgram('hn-vp-01')).status).toBe(409);
    });

    it('refuses a wrong family, a learner (403), another province (404) and a commune owner (422)', async () => {
      expect((await newProgram('X1', 'HNI', { family: 'hobby' })).status).toBe(400);
      const body = { code: 'X2', name: 'x', family: 'basic', ownerOrgUnitId: units['HNI'], targetTitles: [], requiredHours: 4 };
      expect((await req('POST', '/api/v1/programs', 'hocvien', body)).status).toBe(403);
      expect((await req('POST', '/api/v1/programs', 'admin.danang', body)).status).toBe(404);
      expect((await req('POST', '/api/v1/programs', 'admin.hanoi', { ...body, ownerOrgUnitId: units['HNI-BADINH'] })).status).toBe(422);
    });

    it('lists central programs to everyone and a province program only around its subtree, diacritics-insensitive', async () => {
      const hn = await req('GET', '/api/v1/programs?q=van phong', 'hocvien');
      expect(hn.body.map((p: Body) => p.code)).toContain('HN-VP-01');
      const dn = await req('GET', '/api/v1/programs?q=van phong', 'admin.danang');
      expect(dn.body.map((p: Body) => p.code)).not.toContain('HN-VP-01');
      const central = await req('GET', '/api/v1/programs?family=title', 'admin.danang');
      expect(central.body.map((p: Body) => p.code)).toEqual(['TW-CD-BTX']);
      const innovation = await req('GET', '/api/v1/programs?family=innovation&q=CHUYEN DOI SO', 'hocvien');
      expect(innovation.body.map((p: Body) => p.code)).toEqual(['TW-MOI-CDS']);
    });

    it('stores lesson HTML without script and keeps a course on the version it started with', async () => {
      const program = (await newProgram('HN-VER')).body;
      const mod = await req('POST', `/api/v1/programs/${program.id}/modules`, 'admin.hanoi', { title: 'Chuyên đề 1' });
      expect(mod.status).toBe(201);
      const lesson = await req('POST', `/api/v1/modules/${mod.body.id}/lessons`, 'admin.hanoi', {
        title: 'Bài 1',
        kind: 'text',
        bodyHtml: '<p onclick="x()">Nội dung<script>alert(1)</script></p><img src=x onerror=alert(1)>',
      });
      expect(lesson.status).toBe(201);
      expect(lesson.body.bodyHtml).toBe('<p>Nội dung</p><img src="x" />');
      const course = await newCourse(program.id);
      // The next edit goes to version 2; the course still sees one lesson.
      const more = await req('POST', `/api/v1/modules/${mod.body.id}/lessons`, 'admin.hanoi', { title: 'Bài 2', kind: 'video_link', videoUrl: 'https://video.example.org/a' });
      expect(more.status).toBe(201);
      const now = await req('GET', `/api/v1/programs/${program.id}`, 'admin.hanoi');
      expect(now.body.version).toBe(2);
      expect(now.body.modules[0].lessons.map((l: Body) => l.title)).toEqual(['Bài 1', 'Bài 2']);
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM lessons WHERE program_version_id = $1`, [course.programVersionId]);
      expect(n).toBe(1);
      await expect(t.db.query(`UPDATE program_versions SET name = 'x' WHERE id = $1`, [course.programVersionId])).rejects.toThrow(/cannot change/);
      expect((await req('POST', `/api/v1/programs/${program.id}/modules`, 'admin.danang', { title: 'x' })).status).toBe(404);
      expect((await req('POST', `/api/v1/programs/${program.id}/modules`, 'giangvien', { title: 'x' })).status).toBe(403);
    });
  });

  describe('files', () => {
    const upload = (name: string, type: string, data: Buffer, who = 'admin.hanoi', owner = 'HNI') => {
      const boundary = '----catalogtest';
      const payload = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`),
        data,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return t.request<Body>('POST', `/api/v1/files?ownerOrgUnitId=${units[owner]}`, {
        token: tokens[who],
        body: payload,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      });
    };
    const mp4 = Buffer.concat([Buffer.from('\0\0\0\x18ftypmp42', 'latin1'), Buffer.alloc(1000, 7)]);

    it('stores an mp4 and serves byte ranges', async () => {
      const res = await upload('bai-giang.mp4', 'video/mp4', mp4);
      expect(res.status).toBe(201);
      const whole = await req('GET', `/api/v1/files/${res.body.id}`, 'hocvien');
      expect(whole.status).toBe(200);
      expect(whole.headers['accept-ranges']).toBe('bytes');
      const part = await req('GET', `/api/v1/files/${res.body.id}`, 'hocvien', undefined, { range: 'bytes=4-11' });
      expect(part.status).toBe(206);
      expect(part.headers['content-range']).toBe(`bytes 4-11/${mp4.length}`);
      expect(part.body).toBe('ftypmp42');
      expect((await req('GET', `/api/v1/files/${res.body.id}`, 'hocvien', undefined, { range: 'bytes=5000-' })).status).toBe(416);
      expect((await req('GET', `/api/v1/files/${res.body.id}`, 'admin.danang')).status).toBe(404);
    });

    it('refuses wrong types (415) and oversized files (413) before writing anything', async () => {
      const before = readdirSync(storage, { recursive: true }).length;
      expect((await upload('virus.exe', 'application/octet-stream', Buffer.from('MZ'))).status).toBe(415);
      expect((await upload('fake.pdf', 'application/pdf', Buffer.from('MZ not a pdf'))).status).toBe(415);
      expect((await upload('big.pdf', 'application/pdf', Buffer.concat([Buffer.from('%PDF-1.7'), Buffer.alloc(70 * 1024)]))).status).toBe(413);
      const json = await req('POST', `/api/v1/files?ownerOrgUnitId=${units['HNI']}`, 'admin.hanoi', { a: 1 });
      expect(json.status).toBe(415);
      expect(readdirSync(storage, { recursive: true }).length).toBe(before);
      expect((await upload('a.mp4', 'video/mp4', mp4, 'hocvien')).status).toBe(403);
      expect((await upload('a.mp4', 'video/mp4', mp4, 'admin.danang')).status).toBe(404);
    });
  });

  describe('courses and enrollment', () => {
    let programId: string;
    beforeAll(async () => {
      programId = (await newProgram('HN-ENR')).body.id;
    });

    it('refuses a course ending before it starts (400), a learner (403) and another province (404)', async () => {
      const body = { programId, orgUnitId: units['HNI'], name: 'L', mode: 'online', startsOn: '2026-12-10', endsOn: '2026-12-01', capacity: 10 };
      expect((await req('POST', '/api/v1/courses', 'admin.hanoi', body)).status).toBe(400);
      expect((await req('POST', '/api/v1/courses', 'admin.hanoi', { ...body, mode: 'radio', endsOn: '2026-12-11' })).status).toBe(400);
      expect((await req('POST', '/api/v1/courses', 'hocvien', { ...body, endsOn: '2026-12-11' })).status).toBe(403);
      expect((await req('POST', '/api/v1/courses', 'admin.danang', { ...body, endsOn: '2026-12-11', orgUnitId: units['DNG'] })).status).toBe(404);
    });

    it('enrolls up to capacity, waitlists the rest, refuses outsiders, and promotes on withdrawal', async () => {
      const course = await newCourse(programId, { capacity: 2 });
      const hn = await makeLearners(3, 'HNI-HOANKIEM', 'hk');
      const dn = await makeLearners(1, 'DNG-HAICHAU', 'hc');
      const res = await req('POST', `/api/v1/courses/${course.id}/enrollments`, 'admin.hanoi', { userIds: [...hn, dn[0]] });
      expect(res.status).toBe(201);
      const result = res.body as EnrollmentResult;
      expect(result.enrolled).toEqual(hn.slice(0, 2));
      expect(result.waitlisted).toEqual([hn[2]]);
      expect(result.rejected).toEqual([{ userId: dn[0], reason: 'outside_audience' }]);
      const again = await req('POST', `/api/v1/courses/${course.id}/enrollments`, 'admin.hanoi', { userIds: [hn[0]] });
      expect(again.body.rejected).toEqual([{ userId: hn[0], reason: 'already_enrolled' }]);
      expect((await req('POST', `/api/v1/courses/${course.id}/enrollments`, 'admin.danang', { userIds: dn })).status).toBe(404);
      expect((await req('POST', `/api/v1/courses/${course.id}/enrollments`, 'giangvien', { userIds: dn })).status).toBe(403);
      const out = await req('DELETE', `/api/v1/courses/${course.id}/enrollments/${hn[0]}`, 'admin.hanoi');
      expect(out.status).toBe(200);
      expect(out.body).toEqual({ withdrawn: hn[0], promoted: hn[2] });
      const statuses = await t.db.query(`SELECT user_id, status FROM enrollments WHERE course_id = $1 ORDER BY user_id`, [course.id]);
      expect(Object.fromEntries(statuses.map((s: Body) => [s.user_id, s.status]))).toEqual({ [hn[0]]: 'withdrawn', [hn[1]]: 'enrolled', [hn[2]]: 'enrolled' });
    });

    it('admits a province learner to an open national course organised by the central unit', async () => {
      const central = (await newProgram('TW-TEST', 'TWD')).body;
      const course = await newCourse(central.id, { capacity: null }, 'root', 'TWD');
      const dn = await makeLearners(2, 'DNG-HAICHAU', 'nat');
      const res = await req('POST', `/api/v1/courses/${course.id}/enrollments`, 'admin.danang', { userIds: dn });
      expect(res.status).toBe(201);
      expect(res.body.enrolled).toEqual(dn);
      // A province admin may not enrol people of another province, even into a national course.
      const res2 = await req('POST', `/api/v1/courses/${course.id}/enrollments`, 'admin.danang', { userIds: [users['hocvien']] });
      expect(res2.body.rejected).toEqual([{ userId: users['hocvien'], reason: 'user_not_found' }]);
    });

    it('gives the last free seat to exactly one of many concurrent requests', async () => {
      const course = await newCourse(programId, { capacity: 5, selfEnrollment: true });
      const first = await makeLearners(4, 'HNI-BADINH', 'race-a');
      await req('POST', `/api/v1/courses/${course.id}/enrollments`, 'admin.hanoi', { userIds: first });
      const racers = await makeLearners(12, 'HNI-BADINH', 'race-b');
      const results = await Promise.all(
        racers.map((u) => req('POST', `/api/v1/courses/${course.id}/enrollments`, 'admin.hanoi', { userIds: [u] })),
      );
      expect(results.every((r) => r.status === 201)).toBe(true);
      expect(results.filter((r) => r.body.enrolled.length === 1)).toHaveLength(1);
      expect(results.filter((r) => r.body.waitlisted.length === 1)).toHaveLength(11);
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM enrollments WHERE course_id = $1 AND status = 'enrolled'`, [course.id]);
      expect(n).toBe(5);
    });

    it('lets a learner enrol themselves where allowed, and not elsewhere', async () => {
      const open = await newCourse(programId, { selfEnrollment: true });
      const closed = await newCourse(programId, { selfEnrollment: false });
      const res = await req('POST', `/api/v1/courses/${open.id}/self-enrollment`, 'hocvien');
      expect(res.status).toBe(201);
      expect(res.body.enrolled).toEqual([users['hocvien']]);
      expect((await req('POST', `/api/v1/courses/${closed.id}/self-enrollment`, 'hocvien')).status).toBe(403);
      expect((await req('POST', `/api/v1/courses/${open.id}/self-enrollment`, 'admin.danang')).status).toBe(403);
    });
  });

  describe('progress, attendance and completion', () => {
    it('completes a learner once every lesson is done and enough sessions attended, and recomputes on change', async () => {
      const program = (await newProgram('HN-PRG', 'HNI', { certificatePolicy: { minAttendanceShare: 0.5 } })).body;
      const mod = (await req('POST', `/api/v1/programs/${program.id}/modules`, 'admin.hanoi', { title: 'CĐ 1' })).body;
      const l1 = (await req('POST', `/api/v1/modules/${mod.id}/lessons`, 'admin.hanoi', { title: 'B1', kind: 'text', bodyHtml: '<p>1</p>' })).body;
      const l2 = (await req('POST', `/api/v1/modules/${mod.id}/lessons`, 'admin.hanoi', { title: 'B2', kind: 'video_link', videoUrl: 'https://v.example.org/2' })).body;
      const course = await newCourse(program.id);
      const s1 = (await req('POST', `/api/v1/courses/${course.id}/sessions`, 'admin.hanoi', { title: 'Buổi 1', place: 'Hội trường', startsAt: '2026-12-01T01:00:00Z', endsAt: '2026-12-01T04:00:00Z' })).body;
      await req('POST', `/api/v1/courses/${course.id}/sessions`, 'admin.hanoi', { title: 'Buổi 2', startsAt: '2026-12-02T01:00:00Z', endsAt: '2026-12-02T04:00:00Z' });
      const learner = users['hocvien'];
      expect((await req('POST', `/api/v1/lessons/${l1.id}/complete`, 'hocvien')).status).toBe(403); // not enrolled yet
      await req('POST', `/api/v1/courses/${course.id}/enrollments`, 'admin.hanoi', { userIds: [learner] });
      await req('POST', `/api/v1/courses/${course.id}/lecturers`, 'admin.hanoi', { userIds: [users['giangvien']] });

      expect((await req('POST', `/api/v1/lessons/${l1.id}/complete`, 'hocvien')).status).toBe(200);
      const watched = await req('POST', `/api/v1/lessons/${l2.id}/progress`, 'hocvien', { videoWatchedShare: 0.6 });
      expect(watched.body.videoWatchedShare).toBeCloseTo(0.6);
      const lower = await req('POST', `/api/v1/lessons/${l2.id}/progress`, 'hocvien', { videoWatchedShare: 0.2 });
      expect(lower.body.videoWatchedShare).toBeCloseTo(0.6);
      const done = await req('POST', `/api/v1/lessons/${l2.id}/complete`, 'hocvien');
      expect(done.body.courses[0]).toMatchObject({ lessonsCompleted: 2, lessonsTotal: 2, sessionsAttended: 0, completed: false });

      // Attendance: lecturer of the course yes; a learner no (403); another province no (404).
      expect((await req('POST', `/api/v1/sessions/${s1.id}/attendance`, 'hocvien', { present: [learner] })).status).toBe(403);
      expect((await req('POST', `/api/v1/sessions/${s1.id}/attendance`, 'admin.danang', { present: [learner] })).status).toBe(404);
      expect((await req('POST', `/api/v1/sessions/${s1.id}/attendance`, 'giangvien', { present: [users['admin.danang']] })).status).toBe(422);
      expect((await req('POST', `/api/v1/sessions/${s1.id}/attendance`, 'giangvien', { present: [learner] })).status).toBe(200);

      const mine = await req('GET', '/api/v1/me/courses', 'hocvien');
      expect(mine.body.find((c: Body) => c.course.id === course.id)).toMatchObject({ lessonsCompleted: 2, sessionsAttended: 1, sessionsTotal: 2, completed: true });
      const page = await req('GET', `/api/v1/me/courses/${course.id}`, 'hocvien');
      expect(page.body.modules[0].lessons.map((l: Body) => [l.title, l.completedAt !== null])).toEqual([['B1', true], ['B2', true]]);
      const { sessions, ...courseView } = (await req('GET', `/api/v1/courses/${course.id}`, 'hocvien')).body;
      expect(sessions).toHaveLength(2);
      expect(page.body.course).toEqual(courseView);
      expect(page.body.course).toMatchObject({ startsOn: '2026-12-01', endsOn: '2026-12-10', mode: 'blended', capacity: null });
      expect(page.body.modules[0].lessons[1].videoWatchedShare).toBeCloseTo(0.6);
      expect((await req('GET', `/api/v1/me/courses/${course.id}`, 'admin.danang')).status).toBe(404);

      // Un-marking attendance recomputes: 0 of 2 sessions is below the 0.5 share.
      await req('POST', `/api/v1/sessions/${s1.id}/attendance`, 'admin.hanoi', { present: [] });
      const roster = await req('GET', `/api/v1/courses/${course.id}/progress`, 'giangvien');
      expect(roster.status).toBe(200);
      expect(roster.body).toMatchObject({ lessonsTotal: 2, sessionsTotal: 2, enrolled: 1, completed: 0 });
      expect(roster.body.learners).toEqual([expect.objectContaining({ userId: learner, lessonsCompleted: 2, sessionsAttended: 0, completed: false })]);
      expect((await req('GET', `/api/v1/courses/${course.id}/progress`, 'hocvien')).status).toBe(403);
      expect((await req('GET', `/api/v1/courses/${course.id}/progress`, 'admin.danang')).status).toBe(404);
    });
  });

  describe('authorization of every catalog endpoint', () => {
    it('answers 403 to the wrong role and 404 to another province', async () => {
      const program = (await newProgram('HN-AUTH')).body;
      const mod = (await req('POST', `/api/v1/programs/${program.id}/modules`, 'admin.hanoi', { title: 'CĐ' })).body;
      const lesson = (await req('POST', `/api/v1/modules/${mod.id}/lessons`, 'admin.hanoi', { title: 'B', kind: 'text', bodyHtml: '<p>x</p>' })).body;
      const course = await newCourse(program.id);
      const session = (await req('POST', `/api/v1/courses/${course.id}/sessions`, 'admin.hanoi', { title: 'S', startsAt: '2026-12-01T01:00:00Z', endsAt: '2026-12-01T02:00:00Z' })).body;
      await req('POST', `/api/v1/courses/${course.id}/enrollments`, 'admin.hanoi', { userIds: [users['hocvien']] });
      const cases: Array<[string, string, unknown, number, number]> = [
        // method, url, body, status for a learner of the subtree (wrong role), status for the other province's admin
        ['GET', `/api/v1/programs/${program.id}`, undefined, 200, 404],
        ['POST', `/api/v1/programs/${program.id}/modules`, { title: 'x' }, 403, 404],
        ['POST', `/api/v1/modules/${mod.id}/lessons`, { title: 'x', kind: 'text', bodyHtml: 'x' }, 403, 404],
        ['GET', `/api/v1/courses/${course.id}`, undefined, 200, 404],
        ['POST', `/api/v1/courses/${course.id}/status`, { status: 'running' }, 403, 404],
        ['POST', `/api/v1/courses/${course.id}/sessions`, { title: 'x', startsAt: '2026-12-01T01:00:00Z', endsAt: '2026-12-01T02:00:00Z' }, 403, 404],
        ['POST', `/api/v1/courses/${course.id}/lecturers`, { userIds: [users['giangvien']] }, 403, 404],
        ['POST', `/api/v1/courses/${course.id}/enrollments`, { userIds: [users['hocvien']] }, 403, 404],
        ['GET', `/api/v1/courses/${course.id}/progress`, undefined, 403, 404],
        ['POST', `/api/v1/sessions/${session.id}/attendance`, { present: [] }, 403, 404],
        ['DELETE', `/api/v1/courses/${course.id}/enrollments/${users['giangvien']}`, undefined, 404, 404],
        ['POST', `/api/v1/lessons/${lesson.id}/complete`, undefined, 200, 403],
        ['GET', `/api/v1/me/courses/${course.id}`, undefined, 200, 404],
      ];
      for (const [method, url, body, learnerStatus, otherStatus] of cases) {
        expect([url, (await req(method, url, 'hocvien', body)).status]).toEqual([url, learnerStatus]);
        expect([url, (await req(method, url, 'admin.danang', body)).status]).toEqual([url, otherStatus]);
      }
      // Another province's learner cannot see the lesson, the program or the course.
      const dn = (await makeLearners(1, 'DNG-HAICHAU', 'auth'))[0];
      expect(dn).toBeDefined();
      tokens['dn.learner'] = await login('auth1');
      expect((await req('POST', `/api/v1/lessons/${lesson.id}/complete`, 'dn.learner')).status).toBe(404);
      expect((await req('POST', `/api/v1/lessons/${lesson.id}/progress`, 'dn.learner', { videoWatchedShare: 1 })).status).toBe(404);
      expect((await req('GET', `/api/v1/programs/${program.id}`, 'dn.learner')).status).toBe(404);
      expect((await req('POST', `/api/v1/courses/${course.id}/self-enrollment`, 'dn.learner')).status).toBe(404);
    });
  });

  describe('demo data', () => {
    it('loads one program per family and an open national online course, once', async () => {
      expect(await t.app.get(CatalogDemoData).run()).toEqual({ loaded: false });
      const families = await t.db.query(`SELECT DISTINCT family FROM programs WHERE code LIKE 'TW-%' AND code <> 'TW-TEST' ORDER BY family`);
      expect(families.map((f: Body) => f.family)).toEqual(['basic', 'innovation', 'leadership', 'lecturer', 'specialty', 'title']);
      const [course] = await t.db.query(`SELECT * FROM courses WHERE name = $1`, [DEMO_COURSE_NAME]);
      expect(course).toMatchObject({ mode: 'online', status: 'open', capacity: null, self_enrollment: true });
      expect(course.open_until.getTime() - course.open_from.getTime()).toBe(10 * 86_400_000);
      const res = await req('POST', `/api/v1/courses/${course.id}/self-enrollment`, 'hocvien');
      expect(res.body.enrolled).toEqual([users['hocvien']]);
      const page = await req('GET', `/api/v1/me/courses/${course.id}`, 'hocvien');
      expect(page.body.modules).toHaveLength(8);
    });
  });

  describe('org-unit successions', () => {
    const today = new Date().toISOString().slice(0, 10);
    const newUnit = async (code: string, name: string) => {
      const res = await req('POST', '/api/v1/org-units', 'admin.hanoi', { parentId: units['HNI'], code, name, type: 'commune' });
      expect(res.status).toBe(201);
      units[code] = res.body.id;
    };
    const organiserOf = async (courseId: string) => {
      const [row] = await t.db.query(`SELECT o.code FROM courses c JOIN org_units o ON o.id = c.org_unit_id WHERE c.id = $1`, [courseId]);
      return row.code;
    };
    const auditAfter = async (action: string, entityId: string) => {
      const [row] = await t.db.query(`SELECT after FROM audit_log WHERE action = $1 AND entity_id = $2`, [action, entityId]);
      return row.after;
    };

    it('moves the draft, open and running courses of three merged communes to the successor; a closed course stays with its enrollments', async () => {
      const programId = (await newProgram('HN-SAPNHAP')).body.id;
      for (const n of [1, 2, 3]) await newUnit(`HNI-SN${n}`, `Đoàn xã Sáp Nhập ${n}`);
      const draft = await newCourse(programId, { name: 'Lớp nháp', status: 'draft' }, 'admin.hanoi', 'HNI-SN1');
      const open = await newCourse(programId, { name: 'Lớp mở' }, 'admin.hanoi', 'HNI-SN2');
      const running = await newCourse(programId, { name: 'Lớp đang học' }, 'admin.hanoi', 'HNI-SN3');
      await t.db.query(`UPDATE courses SET status = 'running' WHERE id = $1`, [running.id]);
      const closed = await newCourse(programId, { name: 'Lớp đã xong' }, 'admin.hanoi', 'HNI-SN1');
      const [learnerId] = await makeLearners(1, 'HNI-SN1', 'sapnhap');
      expect((await req('POST', `/api/v1/courses/${closed.id}/enrollments`, 'admin.hanoi', { userIds: [learnerId] })).status).toBe(201);
      await t.db.query(`UPDATE courses SET status = 'closed' WHERE id = $1`, [closed.id]);
      const neighbour = await newCourse(programId, { name: 'Lớp bên cạnh' }, 'admin.hanoi', 'HNI-HOANKIEM');

      const res = await req('POST', '/api/v1/org-units/merge', 'admin.hanoi', {
        sourceIds: [units['HNI-SN1'], units['HNI-SN2'], units['HNI-SN3']],
        successor: { parentId: units['HNI'], code: 'HNI-SNMOI', name: 'Đoàn xã Sáp Nhập Mới', type: 'commune' },
        effectiveOn: today,
      });
      expect(res.status).toBe(200);
      const successor = res.body.successor.id;
      for (const c of [draft, open, running]) expect(await organiserOf(c.id)).toBe('HNI-SNMOI');
      expect(await organiserOf(closed.id)).toBe('HNI-SN1');
      expect(await organiserOf(neighbour.id)).toBe('HNI-HOANKIEM');
      const enrollments = await t.db.query(`SELECT user_id FROM enrollments WHERE course_id = $1`, [closed.id]);
      expect(enrollments.map((e: Body) => e.user_id)).toEqual([learnerId]);
      expect(await auditAfter('org_unit.merge', successor)).toMatchObject({ movedCourses: 3, movedUsers: 1 });
    });

    it("moves a split unit's open courses to the first successor listed, and leaves its closed ones", async () => {
      const programId = (await newProgram('HN-CHIATACH')).body.id;
      await newUnit('HNI-CT', 'Đoàn phường Chia Tách');
      const open = await newCourse(programId, { name: 'Lớp mở' }, 'admin.hanoi', 'HNI-CT');
      const closed = await newCourse(programId, { name: 'Lớp đã xong' }, 'admin.hanoi', 'HNI-CT');
      await t.db.query(`UPDATE courses SET status = 'closed' WHERE id = $1`, [closed.id]);

      const res = await req('POST', `/api/v1/org-units/${units['HNI-CT']}/split`, 'admin.hanoi', {
        successors: [{ parentId: units['HNI'], code: 'HNI-CT-A', name: 'Đoàn phường Chia Tách A', type: 'commune' }, { id: units['HNI-HOANKIEM'] }],
        effectiveOn: today,
      });
      expect(res.status).toBe(200);
      expect(await organiserOf(open.id)).toBe('HNI-CT-A');
      expect(await organiserOf(closed.id)).toBe('HNI-CT');
      expect(await auditAfter('org_unit.split', units['HNI-CT'])).toMatchObject({ movedCourses: 1 });
    });
  });
});
