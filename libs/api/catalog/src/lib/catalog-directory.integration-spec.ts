import { BootstrapService, DEMO_PASSWORD, IdentityModule } from '@boiduong/api-identity';
import { createCourse, createProgram, createTestApp, orgUnitIds, signIn, signInAll, type TestApp, userIds } from '@boiduong/api-testing';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CatalogModule } from './catalog.module';
import { CatalogDemoData, DEMO_COURSE_NAME } from './services/demo-data.service';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The lists and signed file addresses the web screens use. */
describe('catalog screens against PostgreSQL', () => {
  let t: TestApp;
  const storage = mkdtempSync(path.join(tmpdir(), 'catalog-dir-files-'));
  const tokens: Record<string, string> = {};
  const units: Record<string, string> = {};
  const users: Record<string, string> = {};

  const login = (username: string, password = DEMO_PASSWORD) => signIn(t, username, password);
  const req = (method: string, url: string, who: string | null, body?: unknown, headers?: Record<string, string>) =>
    t.request<Body>(method, url, { token: who ? tokens[who] : undefined, body, headers });

  beforeAll(async () => {
    t = await createTestApp([IdentityModule, CatalogModule], { DEMO_DATA: 'true', STORAGE_PATH: storage });
    await t.app.get(BootstrapService).run();
    await t.app.get(CatalogDemoData).run();
    Object.assign(units, await orgUnitIds(t));
    Object.assign(users, await userIds(t));
    Object.assign(tokens, await signInAll(t, ['admin.hanoi', 'admin.danang', 'giangvien', 'hocvien'], DEMO_PASSWORD));
  }, 120_000);
  afterAll(() => t.close());

  async function hanoiCourse(extra: Body = {}): Promise<Body> {
    const code = `HN-DIR-${Math.random().toString(36).slice(2, 8)}`;
    const program = await createProgram(t, tokens['admin.hanoi'], { code, name: 'Kỹ năng tổ chức sinh hoạt chi đoàn', ownerOrgUnitId: units['HNI'] });
    return createCourse(t, tokens['admin.hanoi'], {
      programId: program.id, orgUnitId: units['HNI'], name: `Lớp ${code}`, mode: 'in_person',
      startsOn: '2026-12-01', endsOn: '2026-12-10', capacity: 30, status: 'open', ...extra,
    });
  }

  it('lists self-enrollable courses in the learner audience with the learner status', async () => {
    const own = await hanoiCourse({ selfEnrollment: true });
    const closedToSelf = await hanoiCourse();
    const before = await req('GET', '/api/v1/catalog/courses', 'hocvien');
    expect(before.status).toBe(200);
    const names = before.body.map((c: Body) => c.name);
    expect(names).toContain(DEMO_COURSE_NAME);
    expect(names).toContain(own.name);
    expect(names).not.toContain(closedToSelf.name);
    expect(before.body.find((c: Body) => c.id === own.id)).toMatchObject({ myStatus: null, enrolled: 0, capacity: 30, programCode: expect.stringMatching(/^HN-DIR-/) });

    expect((await req('POST', `/api/v1/courses/${own.id}/self-enrollment`, 'hocvien')).status).toBe(201);
    const after = await req('GET', '/api/v1/catalog/courses', 'hocvien');
    expect(after.body.find((c: Body) => c.id === own.id)).toMatchObject({ myStatus: 'enrolled', enrolled: 1 });

    // No course.study, no catalog; a Da Nang learner sees the national course but not the Hanoi one.
    expect((await req('GET', '/api/v1/catalog/courses', 'admin.danang')).status).toBe(403);
    await t.db.query(`INSERT INTO role_grants (user_id, role, org_unit_id) VALUES ($1, 'learner', $2)`, [users['admin.danang'], units['DNG']]);
    tokens['admin.danang'] = await login('admin.danang');
    const dn = (await req('GET', '/api/v1/catalog/courses', 'admin.danang')).body.map((c: Body) => c.name);
    expect(dn).toContain(DEMO_COURSE_NAME);
    expect(dn).not.toContain(own.name);
  });

  it('lists the courses an organiser runs and a lecturer teaches, and nobody else', async () => {
    const course = await hanoiCourse();
    const mine = await req('GET', '/api/v1/courses', 'admin.hanoi');
    expect(mine.status).toBe(200);
    expect(mine.body.map((c: Body) => c.id)).toContain(course.id);
    const filtered = await req('GET', `/api/v1/courses?programId=${course.programId}`, 'admin.hanoi');
    expect(filtered.body.map((c: Body) => c.id)).toEqual([course.id]);
    expect((await req('GET', '/api/v1/courses', 'admin.danang')).body.map((c: Body) => c.id)).not.toContain(course.id);
    expect((await req('GET', '/api/v1/courses', 'giangvien')).body.map((c: Body) => c.id)).not.toContain(course.id);
    expect((await req('GET', '/api/v1/courses', 'hocvien')).status).toBe(403);
    expect((await req('GET', '/api/v1/courses?programId=nope', 'admin.hanoi')).status).toBe(400);

    expect((await req('POST', `/api/v1/courses/${course.id}/lecturers`, 'admin.hanoi', { userIds: [users['giangvien']] })).status).toBe(201);
    expect((await req('GET', '/api/v1/courses', 'giangvien')).body.map((c: Body) => c.id)).toContain(course.id);
    const lecturers = await req('GET', `/api/v1/courses/${course.id}/lecturers`, 'admin.hanoi');
    expect(lecturers.body).toEqual([{ userId: users['giangvien'], username: 'giangvien', fullName: expect.any(String) }]);
    expect((await req('GET', `/api/v1/courses/${course.id}/lecturers`, 'admin.danang')).status).toBe(404);
  });

  it('reads back the attendance of a session to the lecturer, and refuses learners and other provinces', async () => {
    const course = await hanoiCourse();
    await req('POST', `/api/v1/courses/${course.id}/lecturers`, 'admin.hanoi', { userIds: [users['giangvien']] });
    await req('POST', `/api/v1/courses/${course.id}/enrollments`, 'admin.hanoi', { userIds: [users['hocvien']] });
    const session = await req('POST', `/api/v1/courses/${course.id}/sessions`, 'admin.hanoi', {
      title: 'Buổi 1', place: 'Hội trường Thành đoàn', startsAt: '2026-12-02T01:00:00Z', endsAt: '2026-12-02T04:00:00Z',
    });
    expect(session.status).toBe(201);
    const url = `/api/v1/sessions/${session.body.id}/attendance`;
    expect((await req('GET', url, 'giangvien')).body).toEqual({ sessionId: session.body.id, present: [] });
    expect((await req('POST', url, 'giangvien', { present: [users['hocvien']] })).status).toBe(200);
    expect((await req('GET', url, 'admin.hanoi')).body.present).toEqual([users['hocvien']]);
    expect((await req('GET', url, 'hocvien')).status).toBe(403);
    expect((await req('GET', url, 'admin.danang')).status).toBe(404);
    expect((await req('GET', '/api/v1/sessions/00000000-0000-4000-8000-000000000000/attendance', 'admin.hanoi')).status).toBe(404);
  });

  it('gives a signed address that serves ranges without a token, and refuses a forged or expired one', async () => {
    const boundary = '----dirtest';
    const mp4 = Buffer.concat([Buffer.from('\0\0\0\x18ftypmp42', 'latin1'), Buffer.alloc(500, 3)]);
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bai-1.mp4"\r\nContent-Type: video/mp4\r\n\r\n`),
      mp4,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const up = await t.request<Body>('POST', `/api/v1/files?ownerOrgUnitId=${units['HNI']}`, {
      token: tokens['admin.hanoi'], body: payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(up.status).toBe(201);
    const link = await req('POST', `/api/v1/files/${up.body.id}/link`, 'hocvien');
    expect(link.status).toBe(200);
    expect(link.body).toMatchObject({ fileId: up.body.id, contentType: 'video/mp4', originalName: 'bai-1.mp4', sizeBytes: mp4.length });
    const part = await req('GET', `/api/v1${link.body.path}`, null, undefined, { range: 'bytes=4-11' });
    expect(part.status).toBe(206);
    expect(part.body).toBe('ftypmp42');
    expect((await req('GET', `/api/v1${link.body.path}`, null)).status).toBe(200);

    const url = new URL(link.body.path, 'http://x');
    const expires = Number(url.searchParams.get('expires'));
    const signature = url.searchParams.get('signature') ?? '';
    const forged = `/api/v1/files/${up.body.id}/content?expires=${expires + 3600}&signature=${signature}`;
    expect((await req('GET', forged, null)).status).toBe(404);
    const expired = `/api/v1/files/${up.body.id}/content?expires=1000&signature=${signature}`;
    expect((await req('GET', expired, null)).status).toBe(404);
    expect((await req('GET', `/api/v1/files/${up.body.id}/content`, null)).status).toBe(400);
    expect((await req('POST', `/api/v1/files/${up.body.id}/link`, 'admin.danang')).status).toBe(404);
  });
});
