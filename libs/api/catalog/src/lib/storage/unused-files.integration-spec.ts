import { BootstrapService, DEMO_PASSWORD, IdentityModule } from '@boiduong/api-identity';
import { createPeople, createTestApp, signInAll, type TestApp } from '@boiduong/api-testing';
import type { LoginResponse } from '@boiduong/shared-contracts';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Principal } from '@boiduong/api-core';
import { createHash, randomUUID } from 'node:crypto';
import type { QueryRunner } from 'typeorm';
import { CatalogModule } from '../catalog.module';
import { FileStorage } from './file-storage';
import { fileTypeOf } from './file-types';
import { StoredFiles } from './stored-files.service';
import { UnusedFiles } from './unused-files.service';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('clean-up of unused files against PostgreSQL and local disk', () => {
  let t: TestApp;
  let unused: UnusedFiles;
  const storage = mkdtempSync(path.join(tmpdir(), 'unused-files-'));
  const tokens: Record<string, string> = {};
  const units: Record<string, string> = {};
  const users: Record<string, string> = {};
  /** Storage keys by file id, remembered while the row exists. */
  const keys: Record<string, string> = {};
  let moduleId: string;
  let courseId: string;

  const req = (method: string, url: string, who: string, body?: unknown, headers?: Record<string, string>) =>
    t.request<Body>(method, url, { token: tokens[who], body, headers });
  const login = async (username: string) =>
    (await t.request<LoginResponse>('POST', '/api/v1/auth/login', { body: { username, password: DEMO_PASSWORD } })).body.accessToken;

  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(200, 0x20)]);
  const multipart = (name: string, data: Buffer) => {
    const boundary = '----unusedfiles';
    return {
      body: Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`),
        data,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    };
  };
  const remember = async (id: string) => {
    keys[id] = (await t.db.query(`SELECT storage_key FROM stored_files WHERE id = $1`, [id]))[0].storage_key;
    return id;
  };
  /** A learner's upload for an assignment, through the real route, not handed in. */
  const submissionUpload = async (assignmentId: string, who: string) => {
    const mp = multipart('Bài thu hoạch.pdf', pdf);
    const res = await req('POST', `/api/v1/assignments/${assignmentId}/files`, who, mp.body, mp.headers);
    expect(res.status).toBe(201);
    return remember(res.body.id);
  };
  /** A lesson document uploaded by the unit's organiser, through the real route, in no lesson yet. */
  const lessonUpload = async () => {
    const mp = multipart('Tài liệu.pdf', pdf);
    const res = await req('POST', `/api/v1/files?ownerOrgUnitId=${units['HNI']}`, 'admin.hanoi', mp.body, mp.headers);
    expect(res.status).toBe(201);
    return remember(res.body.id);
  };
  const uploadedHoursAgo = (id: string, hours: number) =>
    t.db.query(`UPDATE stored_files SET created_at = now() - make_interval(hours => $2) WHERE id = $1`, [id, hours]);
  const state = async (id: string) => ({
    row: (await t.db.query(`SELECT 1 FROM stored_files WHERE id = $1`, [id])).length === 1,
    object: existsSync(path.join(storage, keys[id])),
  });
  const queued = async () => (await t.db.query(`SELECT storage_key, attempts, last_error FROM stored_object_deletions ORDER BY storage_key`)) as Body[];
  const assignment = async (submissionKind = 'both') => {
    const res = await req('POST', `/api/v1/courses/${courseId}/assignments`, 'giangvien', { title: 'Thu hoạch', submissionKind, maxPoints: 10 });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const submit = (assignmentId: string, who: string, body: Body) => req('PUT', `/api/v1/assignments/${assignmentId}/submission`, who, body);
  const addLesson = (fileId: string, title = 'Bài có tài liệu') => req('POST', `/api/v1/modules/${moduleId}/lessons`, 'admin.hanoi', { title, kind: 'file', fileId });

  /** Waits until `count` sessions of this database wait on a lock in a statement matching `pattern`. */
  async function waitingOnLock(pattern: string, count = 1): Promise<void> {
    for (let i = 0; i < 400; i++) {
      const [{ n }] = await t.db.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE $1`,
        [pattern],
      );
      if (n >= count) return;
      await sleep(25);
    }
    throw new Error(`no session waits on a lock in a statement like ${pattern}`);
  }
  async function holding(sql: string, params: unknown[] = []): Promise<QueryRunner> {
    const runner = t.db.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    await runner.query(sql, params);
    return runner;
  }

  beforeAll(async () => {
    t = await createTestApp([IdentityModule, CatalogModule], {
      DEMO_DATA: 'true',
      STORAGE_PATH: storage,
      UPLOAD_LIMIT_BYTES: String(64 * 1024),
      DATABASE_POOL_SIZE: '8',
    });
    await t.app.get(BootstrapService).run();
    unused = t.app.get(UnusedFiles);
    for (const r of await t.db.query(`SELECT id, code FROM org_units`)) units[r.code] = r.id;
    for (const r of await t.db.query(`SELECT id, username FROM users`)) users[r.username] = r.id;
    for (const u of ['admin.hanoi', 'giangvien', 'hocvien']) tokens[u] = await login(u);
    const learners = await createPeople(t, { count: 3, orgUnitId: units['HNI-HOANKIEM'], prefix: 'race' });
    Object.assign(users, learners);
    Object.assign(tokens, await signInAll(t, Object.keys(learners), DEMO_PASSWORD));
    const program = await req('POST', '/api/v1/programs', 'admin.hanoi', {
      code: 'HN-DON-01',
      name: 'Nghiệp vụ văn phòng',
      family: 'specialty',
      ownerOrgUnitId: units['HNI'],
      targetTitles: [],
      requiredHours: 8,
    });
    moduleId = (await req('POST', `/api/v1/programs/${program.body.id}/modules`, 'admin.hanoi', { title: 'Chuyên đề 1' })).body.id;
    const course = await req('POST', '/api/v1/courses', 'admin.hanoi', {
      programId: program.body.id,
      orgUnitId: units['HNI'],
      name: 'Lớp dọn tệp',
      mode: 'online',
      startsOn: '2026-12-01',
      endsOn: '2026-12-10',
      capacity: null,
      status: 'open',
    });
    courseId = course.body.id;
    await req('POST', `/api/v1/courses/${courseId}/lecturers`, 'admin.hanoi', { userIds: [users['giangvien']] });
    const enrolled = await req('POST', `/api/v1/courses/${courseId}/enrollments`, 'admin.hanoi', { userIds: ['hocvien', 'race1', 'race2', 'race3'].map((u) => users[u]) });
    expect(enrolled.status).toBe(201);
  }, 120_000);
  afterAll(async () => {
    await t.close();
    rmSync(storage, { recursive: true, force: true });
  });

  it('deletes an upload unused past the grace period (24 h by default), row and object, and keeps a recent one', async () => {
    const a = await assignment();
    const old = await submissionUpload(a, 'hocvien');
    const recent = await submissionUpload(a, 'hocvien');
    await uploadedHoursAgo(old, 25);
    await uploadedHoursAgo(recent, 23);
    expect(await state(old)).toEqual({ row: true, object: true });

    expect(await unused.sweep()).toEqual({ files: 1, objects: 1, pendingObjects: 0, batches: 1 });
    expect(await state(old)).toEqual({ row: false, object: false });
    expect(await state(recent)).toEqual({ row: true, object: true });
    expect(await queued()).toEqual([]);
    // The learner can no longer hand the removed file in; the recent one still can be.
    expect((await submit(a, 'hocvien', { fileId: old })).body.code).toBe('FILE_NOT_FOUND');
    expect((await submit(a, 'hocvien', { fileId: recent })).status).toBe(200);
  });

  it('keeps files a lesson or a submission uses however old, and collects them once the lesson or submission is deleted', async () => {
    const a = await assignment('file');
    const handedIn = await submissionUpload(a, 'race3');
    const document = await lessonUpload();
    expect((await submit(a, 'race3', { fileId: handedIn })).status).toBe(200);
    const lesson = await addLesson(document);
    expect(lesson.status).toBe(201);
    await uploadedHoursAgo(handedIn, 24 * 400);
    await uploadedHoursAgo(document, 24 * 400);

    expect((await unused.sweep()).files).toBe(0);
    expect(await state(handedIn)).toEqual({ row: true, object: true });
    expect(await state(document)).toEqual({ row: true, object: true });

    // No route deletes lessons or submissions today; cascades (a program, a course, a user) and
    // future routes do, and leave the file to the sweep.
    await t.db.query(`DELETE FROM lessons WHERE id = $1`, [lesson.body.id]);
    await t.db.query(`DELETE FROM assignment_submissions WHERE assignment_id = $1`, [a]);
    expect(await unused.sweep()).toMatchObject({ files: 2, objects: 2, pendingObjects: 0 });
    expect(await state(handedIn)).toEqual({ row: false, object: false });
    expect(await state(document)).toEqual({ row: false, object: false });
  });

  it('counts any foreign key to stored_files as a use, including one added after the service started', async () => {
    const document = await lessonUpload();
    await uploadedHoursAgo(document, 48);
    await t.db.query(`CREATE TABLE import_attachments (id serial PRIMARY KEY, source_file uuid REFERENCES stored_files(id))`);
    try {
      await t.db.query(`INSERT INTO import_attachments (source_file) VALUES ($1)`, [document]);
      expect((await unused.sweep()).files).toBe(0);
      expect(await state(document)).toEqual({ row: true, object: true });
      await t.db.query(`DELETE FROM import_attachments`);
      expect((await unused.sweep()).files).toBe(1);
      expect(await state(document)).toEqual({ row: false, object: false });
    } finally {
      await t.db.query(`DROP TABLE import_attachments`);
    }
  });

  it('skips a file being attached at that moment without waiting for it, so the attach succeeds and the file stays', async () => {
    const a = await assignment();
    // The learner's current submission (text only) is what the attach will lock after the file.
    expect((await submit(a, 'race1', { textBody: 'Bản đầu' })).status).toBe(200);
    const file = await submissionUpload(a, 'race1');
    const document = await lessonUpload();
    await uploadedHoursAgo(file, 30);
    await uploadedHoursAgo(document, 30);

    // The attach takes its key-share lock on the file, then waits for the submission row held here.
    const submissionRow = await holding(`SELECT 1 FROM assignment_submissions WHERE assignment_id = $1 AND user_id = $2 FOR UPDATE`, [a, users['race1']]);
    // A plain insert takes the same lock through its foreign key check.
    const version = (await t.db.query(`SELECT program_version_id FROM program_modules WHERE id = $1`, [moduleId]))[0].program_version_id;
    const lessonInsert = await holding(
      `INSERT INTO lessons (module_id, program_version_id, position, title, kind, file_id) VALUES ($1, $2, 99, 'Chèn trực tiếp', 'file', $3)`,
      [moduleId, version, document],
    );
    let attached: Promise<{ status: number; body: Body }> | undefined;
    try {
      attached = submit(a, 'race1', { fileId: file });
      await waitingOnLock('%FROM assignment_submissions WHERE assignment_id%FOR UPDATE%');

      expect((await unused.sweep()).files).toBe(0);
      expect(await state(file)).toEqual({ row: true, object: true });
      expect(await state(document)).toEqual({ row: true, object: true });
    } finally {
      await submissionRow.rollbackTransaction();
      await submissionRow.release();
      await lessonInsert.commitTransaction();
      await lessonInsert.release();
    }
    const result = await attached;
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ version: 2, file: { id: file } });
    expect((await unused.sweep()).files).toBe(0);
    expect(await state(file)).toEqual({ row: true, object: true });
    expect(await state(document)).toEqual({ row: true, object: true });
  });

  it('makes an attach that comes while the sweep holds the file wait, then answer 404 and reference nothing', async () => {
    const a = await assignment();
    const file = await submissionUpload(a, 'race2');
    const document = await lessonUpload();
    await uploadedHoursAgo(file, 30);
    await uploadedHoursAgo(document, 30);

    // Holds the sweep between locking its candidates and deleting them (it queues their keys there).
    const queue = await holding(`LOCK TABLE stored_object_deletions IN SHARE MODE`);
    let sweep: ReturnType<UnusedFiles['sweep']> | undefined;
    let submitted: Promise<{ status: number; body: Body }> | undefined;
    let lesson: Promise<{ status: number; body: Body }> | undefined;
    try {
      sweep = unused.sweep();
      await waitingOnLock('%DELETE FROM stored_files%stored_object_deletions%');
      submitted = submit(a, 'race2', { fileId: file });
      lesson = addLesson(document, 'Bài đến muộn');
      await waitingOnLock('%FROM stored_files WHERE id = $1%FOR KEY SHARE%', 2);
    } finally {
      await queue.rollbackTransaction();
      await queue.release();
    }
    expect((await sweep).files).toBe(2);
    const [sub, les] = await Promise.all([submitted, lesson]);
    expect(sub).toMatchObject({ status: 404, body: { code: 'FILE_NOT_FOUND' } });
    expect(les).toMatchObject({ status: 404, body: { code: 'FILE_NOT_FOUND' } });
    expect(await state(file)).toEqual({ row: false, object: false });
    expect(await state(document)).toEqual({ row: false, object: false });
    expect(await t.db.query(`SELECT id FROM assignment_submissions WHERE assignment_id = $1`, [a])).toEqual([]);
    expect(await t.db.query(`SELECT id FROM lessons WHERE title = 'Bài đến muộn'`)).toEqual([]);
    expect(await queued()).toEqual([]);
  });

  it('deletes the row when the object is already gone from the storage', async () => {
    const document = await lessonUpload();
    await uploadedHoursAgo(document, 25);
    rmSync(path.join(storage, keys[document]));
    expect(await unused.sweep()).toEqual({ files: 1, objects: 1, pendingObjects: 0, batches: 1 });
    expect(await state(document)).toEqual({ row: false, object: false });
    expect(await queued()).toEqual([]);
  });

  it('keeps an object the storage refuses to delete queued, row gone, and deletes it on a later sweep', async () => {
    const document = await lessonUpload();
    await uploadedHoursAgo(document, 25);
    const where = path.join(storage, keys[document]);
    // A directory where the object should be: the disk refuses to remove it as a file.
    rmSync(where);
    mkdirSync(where);
    writeFileSync(path.join(where, 'inside'), 'x');

    expect(await unused.sweep()).toEqual({ files: 1, objects: 0, pendingObjects: 1, batches: 1 });
    expect((await state(document)).row).toBe(false);
    expect(await queued()).toEqual([{ storage_key: keys[document], attempts: 1, last_error: expect.stringMatching(/directory/i) }]);
    expect(await unused.sweep()).toEqual({ files: 0, objects: 0, pendingObjects: 1, batches: 0 });
    expect((await queued())[0].attempts).toBe(2);

    rmSync(where, { recursive: true });
    writeFileSync(where, pdf);
    expect(await unused.sweep()).toEqual({ files: 0, objects: 1, pendingObjects: 0, batches: 0 });
    expect(existsSync(where)).toBe(false);
    expect(await queued()).toEqual([]);
  });

  it('records an upload without leaving its announcement, and removes the object of one never recorded once the grace period is over', async () => {
    const recorded = await lessonUpload();
    expect(await queued()).toEqual([]);
    expect(await state(recorded)).toEqual({ row: true, object: true });

    // The row cannot be written (its unit does not exist) and the storage is unreachable when the
    // object is taken back: what a process stopped between the two steps also leaves.
    const files = t.app.get(FileStorage);
    const refuse = jest.spyOn(files, 'delete').mockRejectedValueOnce(new Error('storage unreachable'));
    const principal = { userId: users['admin.hanoi'], username: 'admin.hanoi' } as Principal;
    const type = fileTypeOf('Tài liệu.pdf');
    if (!type) throw new Error('PDF is an accepted file type');
    const upload = { data: pdf, type, originalName: 'Tài liệu.pdf', sha256: createHash('sha256').update(pdf).digest('hex') };
    await expect(t.app.get(StoredFiles).store(principal, upload, { orgUnitId: randomUUID(), purpose: 'content', keyPrefix: 'orphans/' })).rejects.toThrow();
    expect(refuse).toHaveBeenCalledTimes(1);
    refuse.mockRestore();
    const [announced] = await queued();
    expect(announced).toMatchObject({ storage_key: expect.stringMatching(/^orphans\//), attempts: 0 });
    const orphan = path.join(storage, announced.storage_key);
    expect(existsSync(orphan)).toBe(true);
    const due = async () => (await t.db.query(`SELECT due_at > now() + interval '23 hours' AS later FROM stored_object_deletions`))[0];
    expect(await due()).toEqual({ later: true });

    // Within the grace period the object is left alone (an upload may still be on its way).
    expect(await unused.sweep()).toEqual({ files: 0, objects: 0, pendingObjects: 0, batches: 0 });
    expect(existsSync(orphan)).toBe(true);
    await t.db.query(`UPDATE stored_object_deletions SET due_at = now() - interval '1 minute'`);
    expect(await unused.sweep()).toEqual({ files: 0, objects: 1, pendingObjects: 0, batches: 0 });
    expect(existsSync(orphan)).toBe(false);
    expect(await queued()).toEqual([]);
    expect(await state(recorded)).toEqual({ row: true, object: true });
  });

  it('never deletes the object of a recorded file for a stale entry that names it', async () => {
    const document = await lessonUpload();
    await t.db.query(`INSERT INTO stored_object_deletions (storage_key, due_at) VALUES ($1, now() - interval '2 days')`, [keys[document]]);
    expect(await unused.sweep()).toEqual({ files: 0, objects: 0, pendingObjects: 0, batches: 0 });
    expect(await state(document)).toEqual({ row: true, object: true });
    expect(await queued()).toEqual([]);
  });

  it('works through a backlog in batches of 500', async () => {
    const files = t.app.get(FileStorage);
    const backlog = async (n: number, tag: string) => {
      const rows = (await t.db.query(
        `INSERT INTO stored_files (storage_key, original_name, content_type, size_bytes, sha256, owner_org_unit_id, purpose, created_at)
         SELECT 'backlog/' || $1 || '-' || lpad(g::text, 4, '0') || '.pdf', 'cu.pdf', 'application/pdf', $2, repeat('0', 64), $3, 'content', now() - interval '3 days'
           FROM generate_series(1, $4) g RETURNING storage_key`,
        [tag, pdf.length, units['HNI'], n],
      )) as Array<{ storage_key: string }>;
      for (let i = 0; i < rows.length; i += 50) await Promise.all(rows.slice(i, i + 50).map((r) => files.put(r.storage_key, pdf)));
    };
    const left = () => (existsSync(path.join(storage, 'backlog')) ? readdirSync(path.join(storage, 'backlog')).length : 0);

    await backlog(501, 'a');
    expect(left()).toBe(501);
    expect(await unused.sweep()).toEqual({ files: 501, objects: 501, pendingObjects: 0, batches: 2 });
    expect(left()).toBe(0);

    await backlog(500, 'b');
    expect(await unused.sweep()).toEqual({ files: 500, objects: 500, pendingObjects: 0, batches: 1 });
    expect(left()).toBe(0);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM stored_files WHERE storage_key LIKE 'backlog/%'`))[0].n).toBe(0);

    // A smaller batch shows the same boundaries.
    await backlog(5, 'c');
    expect(await unused.sweep({ batchSize: 2 })).toEqual({ files: 5, objects: 5, pendingObjects: 0, batches: 3 });
    expect(left()).toBe(0);
  });
});
