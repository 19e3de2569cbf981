import { BootstrapService, DEMO_PASSWORD, IdentityModule } from '@boiduong/api-identity';
import { createCourse, createPeople, createProgram, createTestApp, enroll, orgUnitIds, signInAll, userIds, type TestApp } from '@boiduong/api-testing';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CatalogModule } from './catalog.module';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('assignments (bài thu hoạch) against PostgreSQL', () => {
  let t: TestApp;
  const storage = mkdtempSync(path.join(tmpdir(), 'assignment-files-'));
  const tokens: Record<string, string> = {};
  const units: Record<string, string> = {};
  const users: Record<string, string> = {};
  let programId: string;
  let otherModuleId: string;
  let moduleId: string;

  const req = (method: string, url: string, who: string, body?: unknown, headers?: Record<string, string>) =>
    t.request<Body>(method, url, { token: tokens[who], body, headers });

  /** Learners created directly with the demo learner's password hash, signed in under their username. */
  async function makeLearners(n: number, unitCode: string, prefix: string): Promise<string[]> {
    const made = await createPeople(t, { count: n, orgUnitId: units[unitCode], prefix });
    Object.assign(users, made);
    Object.assign(tokens, await signInAll(t, Object.keys(made), DEMO_PASSWORD));
    return Object.keys(made);
  }

  /** An open course of the Hà Nội program with `learners` enrolled and giangvien as its lecturer. */
  async function course(learners: string[], extra: Body = {}): Promise<string> {
    const { id } = await createCourse(t, tokens['admin.hanoi'], { programId, orgUnitId: units['HNI'], name: 'Lớp thu hoạch', mode: 'blended', startsOn: '2026-12-01', endsOn: '2026-12-10', status: 'open', ...extra });
    await req('POST', `/api/v1/courses/${id}/lecturers`, 'admin.hanoi', { userIds: [users['giangvien']] });
    if (learners.length) await enroll(t, tokens['admin.hanoi'], id, learners.map((u) => users[u]));
    return id;
  }

  const assignment = async (courseId: string, extra: Body = {}, who = 'giangvien') => {
    const res = await req('POST', `/api/v1/courses/${courseId}/assignments`, who, { title: 'Thu hoạch thực tế', submissionKind: 'both', maxPoints: 10, ...extra });
    expect(res.status).toBe(201);
    return res.body;
  };

  const multipart = (name: string, type: string, data: Buffer) => {
    const boundary = '----assignmenttest';
    return {
      body: Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`),
        data,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    };
  };
  const upload = (assignmentId: string, who: string, name: string, type: string, data: Buffer) => {
    const mp = multipart(name, type, data);
    return req('POST', `/api/v1/assignments/${assignmentId}/files`, who, mp.body, mp.headers);
  };
  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(200, 0x20)]);
  const submit = (assignmentId: string, who: string, body: Body) => req('PUT', `/api/v1/assignments/${assignmentId}/submission`, who, body);
  const completed = async (courseId: string, who: string) => (await req('GET', `/api/v1/me/courses/${courseId}`, who)).body.completed as boolean;

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
    Object.assign(units, await orgUnitIds(t));
    Object.assign(users, await userIds(t));
    Object.assign(tokens, await signInAll(t, ['admin.hanoi', 'admin.danang', 'giangvien', 'hocvien'], DEMO_PASSWORD));
    // A program without lessons: completion then depends on the assignments alone.
    programId = (await createProgram(t, tokens['admin.hanoi'], { code: 'HN-TH-01', name: 'Nghiệp vụ công tác Tổ chức', family: 'specialty', ownerOrgUnitId: units['HNI'] })).id;
    moduleId = (await req('POST', `/api/v1/programs/${programId}/modules`, 'admin.hanoi', { title: 'Chuyên đề 1' })).body.id;
    const other = await createProgram(t, tokens['admin.hanoi'], { code: 'HN-TH-02', name: 'Khác', ownerOrgUnitId: units['HNI'], requiredHours: 4 });
    otherModuleId = (await req('POST', `/api/v1/programs/${other.id}/modules`, 'admin.hanoi', { title: 'Chuyên đề khác' })).body.id;
  }, 120_000);
  afterAll(async () => {
    await t.close();
    rmSync(storage, { recursive: true, force: true });
  });

  it('lets a lecturer of the course or an organiser set an assignment, strips scripts, and refuses bad input and outsiders', async () => {
    const id = await course(['hocvien']);
    const created = await assignment(id, {
      instructionsHtml: '<p onclick="x()">Khảo sát tổ chức cơ sở Đoàn<script>alert(1)</script></p>',
      moduleId,
      dueAt: '2026-12-08T10:00:00Z',
      cutoffAt: '2026-12-09T10:00:00Z',
      required: true,
    });
    expect(created).toMatchObject({ courseId: id, moduleId, maxPoints: 10, submissionKind: 'both', required: true, dueAt: '2026-12-08T10:00:00.000Z' });
    expect(created.instructionsHtml).toBe('<p>Khảo sát tổ chức cơ sở Đoàn</p>');
    expect((await req('POST', `/api/v1/courses/${id}/assignments`, 'admin.hanoi', { title: 'Đạt/không đạt', submissionKind: 'text' })).body).toMatchObject({ maxPoints: null });

    const post = (who: string, body: Body) => req('POST', `/api/v1/courses/${id}/assignments`, who, { title: 'x', submissionKind: 'text', ...body });
    const cutoffFirst = await post('giangvien', { dueAt: '2026-12-08T10:00:00Z', cutoffAt: '2026-12-07T10:00:00Z' });
    expect(cutoffFirst.status).toBe(400);
    expect(cutoffFirst.body.code).toBe('ASSIGNMENT_DATES_INVALID');
    expect((await post('giangvien', { moduleId: otherModuleId })).body.code).toBe('ASSIGNMENT_MODULE_INVALID');
    expect((await post('giangvien', { submissionKind: 'video' })).status).toBe(400);
    expect((await post('giangvien', { maxPoints: 0 })).status).toBe(400);
    expect((await post('hocvien', {})).status).toBe(403);
    expect((await post('admin.danang', {})).status).toBe(404);
    expect((await req('GET', `/api/v1/courses/${id}/assignments`, 'admin.danang')).status).toBe(404);

    // A lecturer who does not teach this course may not set or list its assignments.
    const untaught = (await req('POST', '/api/v1/courses', 'admin.hanoi', { programId, orgUnitId: units['HNI'], name: 'L2', mode: 'online', startsOn: '2026-12-01', endsOn: '2026-12-10', capacity: null })).body.id;
    expect((await req('POST', `/api/v1/courses/${untaught}/assignments`, 'giangvien', { title: 'x', submissionKind: 'text' })).status).toBe(403);
    const list = await req('GET', `/api/v1/courses/${id}/assignments`, 'giangvien');
    expect(list.body.map((a: Body) => [a.title, a.submitted, a.ungraded])).toEqual([
      ['Thu hoạch thực tế', 0, 0],
      ['Đạt/không đạt', 0, 0],
    ]);
  });

  it('takes text, lets the learner replace it before the due date, and keeps it private to the learner and the course teachers', async () => {
    const [a1, a2] = await makeLearners(2, 'HNI-HOANKIEM', 'txt');
    const id = await course([a1]);
    const a = await assignment(id, { submissionKind: 'text', dueAt: new Date(Date.now() + 86_400_000).toISOString() });
    expect((await submit(a.id, a1, {})).body.code).toBe('SUBMISSION_CONTENT_INVALID');
    expect((await submit(a.id, a1, { textBody: '   ' })).status).toBe(422);
    const first = await submit(a.id, a1, { textBody: 'Báo cáo lần 1' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ version: 1, status: 'submitted', late: false, textBody: 'Báo cáo lần 1', file: null });
    const second = await submit(a.id, a1, { textBody: 'Báo cáo lần 2' });
    expect(second.body).toMatchObject({ id: first.body.id, version: 2, textBody: 'Báo cáo lần 2' });
    expect((await t.db.query(`SELECT count(*)::int AS n FROM assignment_submissions WHERE assignment_id = $1`, [a.id]))[0].n).toBe(1);

    // Not enrolled (another learner of the province), a Đà Nẵng admin, a stranger's submission: 404.
    expect((await submit(a.id, a2, { textBody: 'x' })).status).toBe(404);
    expect((await req('GET', `/api/v1/submissions/${first.body.id}`, a2)).status).toBe(404);
    expect((await req('GET', `/api/v1/submissions/${first.body.id}`, 'admin.danang')).status).toBe(404);
    expect((await req('GET', `/api/v1/assignments/${a.id}/submissions`, 'admin.danang')).status).toBe(404);
    expect((await req('POST', `/api/v1/submissions/${first.body.id}/grade`, 'admin.danang', { version: 2, decision: 'graded', score: 5 })).status).toBe(404);
    expect((await req('GET', `/api/v1/submissions/${first.body.id}`, a1)).body.textBody).toBe('Báo cáo lần 2');
    expect((await req('GET', `/api/v1/submissions/${first.body.id}`, 'giangvien')).body).toMatchObject({ username: a1, version: 2 });
    expect((await req('GET', `/api/v1/submissions/${first.body.id}`, 'admin.hanoi')).status).toBe(200);
    // The learner cannot grade (no teaching permission).
    expect((await req('POST', `/api/v1/submissions/${first.body.id}/grade`, a1, { version: 2, decision: 'graded', score: 10 })).status).toBe(403);
  });

  it('accepts PDF/DOCX/images only (415), refuses oversized files (413) before writing, and serves the file only through its submission', async () => {
    const [f1, f2] = await makeLearners(2, 'HNI-HOANKIEM', 'file');
    const id = await course([f1, f2]);
    const a = await assignment(id, { submissionKind: 'file' });
    const textOnly = await assignment(id, { submissionKind: 'text', title: 'Chỉ văn bản' });
    const before = readdirSync(storage, { recursive: true }).length;
    expect((await upload(a.id, f1, 'video.mp4', 'video/mp4', Buffer.from('\0\0\0\x18ftypmp42', 'latin1'))).status).toBe(415);
    expect((await upload(a.id, f1, 'slides.pptx', 'application/vnd.openxmlformats-officedocument.presentationml.presentation', Buffer.from('PK\x03\x04', 'latin1'))).status).toBe(415);
    expect((await upload(a.id, f1, 'fake.pdf', 'application/pdf', Buffer.from('MZ not a pdf'))).status).toBe(415);
    expect((await upload(a.id, f1, 'big.pdf', 'application/pdf', Buffer.concat([pdf, Buffer.alloc(70 * 1024)]))).status).toBe(413);
    expect((await upload(textOnly.id, f1, 'bao-cao.pdf', 'application/pdf', pdf)).body.code).toBe('SUBMISSION_CONTENT_INVALID');
    expect((await upload(a.id, 'hocvien', 'bao-cao.pdf', 'application/pdf', pdf)).status).toBe(404);
    expect((await upload(a.id, 'admin.danang', 'bao-cao.pdf', 'application/pdf', pdf)).status).toBe(403);
    expect(readdirSync(storage, { recursive: true }).length).toBe(before);

    const file = await upload(a.id, f1, 'Báo cáo khảo sát.pdf', 'application/pdf', pdf);
    expect(file.status).toBe(201);
    // Someone else's upload cannot be handed in; a text answer is refused for a file assignment.
    expect((await submit(a.id, f2, { fileId: file.body.id })).status).toBe(404);
    expect((await submit(a.id, f1, { textBody: 'chữ' })).status).toBe(422);
    const sub = await submit(a.id, f1, { fileId: file.body.id });
    expect(sub.body.file).toMatchObject({ id: file.body.id, originalName: 'Báo cáo khảo sát.pdf', contentType: 'application/pdf', sizeBytes: pdf.length });
    const byLecturer = await req('GET', `/api/v1/submissions/${sub.body.id}/file`, 'giangvien');
    expect(byLecturer.status).toBe(200);
    expect(byLecturer.headers['content-type']).toBe('application/pdf');
    expect(String(byLecturer.body).startsWith('%PDF-1.7')).toBe(true);
    expect((await req('GET', `/api/v1/submissions/${sub.body.id}/file`, f1)).status).toBe(200);
    expect((await req('GET', `/api/v1/submissions/${sub.body.id}/file`, f2)).status).toBe(404);
    // Not through the content file routes, even for people of the unit.
    expect((await req('GET', `/api/v1/files/${file.body.id}`, 'admin.hanoi')).status).toBe(404);
    expect((await req('POST', `/api/v1/files/${file.body.id}/link`, 'admin.hanoi')).status).toBe(404);
  });

  it('removes a replaced submission file once the new submission is committed, and keeps one still handed in elsewhere', async () => {
    const [r1] = await makeLearners(1, 'HNI-HOANKIEM', 'replace');
    const id = await course([r1]);
    const a = await assignment(id, { submissionKind: 'both' });
    const b = await assignment(id, { submissionKind: 'file', title: 'Bài thứ hai' });
    const keys: Record<string, string> = {};
    const onDisk = async (fileId: string) => {
      const [row] = await t.db.query(`SELECT storage_key FROM stored_files WHERE id = $1`, [fileId]);
      if (row) keys[fileId] = row.storage_key;
      return { row: !!row, file: readdirSync(storage, { recursive: true }).includes(keys[fileId]) };
    };
    const first = (await upload(a.id, r1, 'lan-1.pdf', 'application/pdf', pdf)).body;
    const second = (await upload(a.id, r1, 'lan-2.pdf', 'application/pdf', pdf)).body;
    expect((await submit(a.id, r1, { fileId: first.id })).status).toBe(200);
    expect(await onDisk(first.id)).toEqual({ row: true, file: true });

    // A refused replacement (someone else's file) rolls back and removes nothing.
    const [other] = await makeLearners(1, 'HNI-HOANKIEM', 'replace-other');
    expect((await submit(a.id, other, { fileId: first.id })).status).toBe(404);
    expect(await onDisk(first.id)).toEqual({ row: true, file: true });

    const replaced = await submit(a.id, r1, { fileId: second.id });
    expect(replaced.body).toMatchObject({ version: 2, file: { id: second.id } });
    expect(await onDisk(first.id)).toEqual({ row: false, file: false });
    expect(await onDisk(second.id)).toEqual({ row: true, file: true });

    // The same upload handed in for two assignments: replacing it in one keeps it for the other.
    expect((await submit(b.id, r1, { fileId: second.id })).status).toBe(200);
    expect((await submit(a.id, r1, { textBody: 'Chỉ còn phần văn bản' })).body).toMatchObject({ version: 3, file: null });
    expect(await onDisk(second.id)).toEqual({ row: true, file: true });
    expect((await req('GET', `/api/v1/submissions/${(await submit(b.id, r1, { fileId: second.id })).body.id}/file`, 'giangvien')).status).toBe(200);
  });

  it('marks submissions after the due date late, refuses replacing them, and refuses everything after the hard cutoff', async () => {
    const [l1, l2, l3] = await makeLearners(3, 'HNI-HOANKIEM', 'late');
    const id = await course([l1, l2, l3]);
    const a = await assignment(id, { submissionKind: 'text', dueAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect((await submit(a.id, l1, { textBody: 'Đúng hạn' })).body.late).toBe(false);
    await t.db.query(`UPDATE course_assignments SET due_at = now() - interval '1 hour', cutoff_at = now() + interval '1 hour' WHERE id = $1`, [a.id]);
    const late = await submit(a.id, l2, { textBody: 'Nộp muộn' });
    expect(late.status).toBe(200);
    expect(late.body.late).toBe(true);
    const replace = await submit(a.id, l1, { textBody: 'Sửa sau hạn' });
    expect(replace.status).toBe(409);
    expect(replace.body.code).toBe('RESUBMISSION_CLOSED');
    await t.db.query(`UPDATE course_assignments SET cutoff_at = now() - interval '1 minute' WHERE id = $1`, [a.id]);
    const closed = await submit(a.id, l3, { textBody: 'Quá hạn chót' });
    expect(closed.status).toBe(409);
    expect(closed.body.code).toBe('SUBMISSION_CLOSED');
    expect((await t.db.query(`SELECT count(*)::int AS n FROM assignment_submissions WHERE assignment_id = $1`, [a.id]))[0].n).toBe(2);
  });

  it('keeps exactly one current submission when the same learner submits twice at once', async () => {
    const [c1] = await makeLearners(1, 'HNI-HOANKIEM', 'conc');
    const id = await course([c1]);
    const a = await assignment(id, { submissionKind: 'text' });
    const results = await Promise.all([submit(a.id, c1, { textBody: 'Bản A' }), submit(a.id, c1, { textBody: 'Bản B' }), submit(a.id, c1, { textBody: 'Bản C' })]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    const rows = await t.db.query(`SELECT version, text_body FROM assignment_submissions WHERE assignment_id = $1`, [a.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0].version).toBe(3);
    expect(['Bản A', 'Bản B', 'Bản C']).toContain(rows[0].text_body);
  });

  it('grades with points and a comment, refuses a stale version and out-of-range scores, returns work for revision, and the learner sees it all', async () => {
    const [g1] = await makeLearners(1, 'HNI-HOANKIEM', 'grade');
    const id = await course([g1]);
    const a = await assignment(id, { submissionKind: 'text', maxPoints: 10 });
    const v1 = (await submit(a.id, g1, { textBody: 'Lần 1' })).body;
    const grade = (body: Body) => req('POST', `/api/v1/submissions/${v1.id}/grade`, 'giangvien', body);
    expect((await grade({ version: 1, decision: 'graded', score: 11 })).body.code).toBe('GRADE_INVALID');
    expect((await grade({ version: 1, decision: 'graded', passed: true })).status).toBe(422);
    expect((await grade({ version: 1, decision: 'returned', score: 3 })).status).toBe(422);
    expect((await req('GET', `/api/v1/assignments/${a.id}/submissions?filter=ungraded`, 'giangvien')).body.map((s: Body) => s.username)).toEqual([g1]);

    const returned = await grade({ version: 1, decision: 'returned', comment: 'Cần bổ sung số liệu khảo sát.' });
    expect(returned.body).toMatchObject({ status: 'returned', score: null, passed: null, comment: 'Cần bổ sung số liệu khảo sát.' });
    expect((await req('GET', `/api/v1/assignments/${a.id}/submissions?filter=ungraded`, 'giangvien')).body).toEqual([]);

    // The learner revises while the lecturer still has version 1 open: grading version 1 is refused.
    expect((await submit(a.id, g1, { textBody: 'Lần 2, đã bổ sung' })).body).toMatchObject({ version: 2, status: 'submitted' });
    const stale = await grade({ version: 1, decision: 'graded', score: 9 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'SUBMISSION_STALE', details: { currentVersion: 2 } });
    expect((await t.db.query(`SELECT status, score FROM assignment_submissions WHERE id = $1`, [v1.id]))[0]).toEqual({ status: 'submitted', score: null });

    const graded = await grade({ version: 2, decision: 'graded', score: 8, comment: 'Tốt, số liệu đầy đủ.' });
    expect(graded.status).toBe(200);
    expect(graded.body).toMatchObject({ status: 'graded', score: 8, passed: true, comment: 'Tốt, số liệu đầy đủ.' });
    expect((await submit(a.id, g1, { textBody: 'Lần 3' })).body.code).toBe('SUBMISSION_GRADED');
    const page = await req('GET', `/api/v1/me/courses/${id}`, g1);
    expect(page.body.assignments).toEqual([
      expect.objectContaining({ id: a.id, submission: expect.objectContaining({ version: 2, status: 'graded', score: 8, passed: true, comment: 'Tốt, số liệu đầy đủ.' }) }),
    ]);
    const summary = (await req('GET', `/api/v1/courses/${id}/assignments`, 'giangvien')).body[0];
    expect([summary.submitted, summary.ungraded]).toEqual([1, 0]);
  });

  it('makes a required assignment part of completion: recomputed when it is set and when it is graded', async () => {
    const [r1, r2] = await makeLearners(2, 'HNI-HOANKIEM', 'req');
    const id = await course([r1, r2]);
    // No lessons and no sessions: enrolled learners have completed the course.
    expect(await completed(id, r1)).toBe(true);
    const optional = await assignment(id, { submissionKind: 'text', required: false });
    expect(await completed(id, r1)).toBe(true);
    const a = await assignment(id, { submissionKind: 'text', maxPoints: 10, required: true });
    expect(await completed(id, r1)).toBe(false);
    expect(await completed(id, r2)).toBe(false);
    expect((await req('GET', `/api/v1/me/courses/${id}`, r1)).body.assignments.map((x: Body) => x.id)).toEqual([optional.id, a.id]);

    const s1 = (await submit(a.id, r1, { textBody: 'Bài của tôi' })).body;
    expect(await completed(id, r1)).toBe(false);
    // 4 of 10 is under the default pass mark (50%): graded, not passed.
    const low = await req('POST', `/api/v1/submissions/${s1.id}/grade`, 'giangvien', { version: 1, decision: 'graded', score: 4 });
    expect(low.body.passed).toBe(false);
    expect(await completed(id, r1)).toBe(false);
    // A regrade of the same version (by an organiser) passes it and completes the course.
    await req('POST', `/api/v1/submissions/${s1.id}/grade`, 'admin.hanoi', { version: 1, decision: 'graded', score: 5 });
    expect(await completed(id, r1)).toBe(true);
    expect(await completed(id, r2)).toBe(false);
    const roster = await req('GET', `/api/v1/courses/${id}/progress`, 'giangvien');
    expect(roster.body.completed).toBe(1);

    // Pass/fail: failing it takes completion away again.
    const pf = await assignment(id, { submissionKind: 'text', maxPoints: null, required: true, title: 'Đạt/không đạt' });
    expect(await completed(id, r1)).toBe(false);
    const s2 = (await submit(pf.id, r1, { textBody: 'Bài' })).body;
    expect((await req('POST', `/api/v1/submissions/${s2.id}/grade`, 'giangvien', { version: 1, decision: 'graded', score: 5 })).status).toBe(422);
    await req('POST', `/api/v1/submissions/${s2.id}/grade`, 'giangvien', { version: 1, decision: 'graded', passed: true });
    expect(await completed(id, r1)).toBe(true);
    await req('POST', `/api/v1/submissions/${s2.id}/grade`, 'giangvien', { version: 1, decision: 'graded', passed: false });
    expect(await completed(id, r1)).toBe(false);
  });
});
