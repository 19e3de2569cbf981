import { BootstrapService, DEMO_PASSWORD, IdentityModule } from '@boiduong/api-identity';
import {
  createTestApp,
  EICAR,
  startFakeClamd,
  startS3Server,
  unusedPort,
  type FakeClamd,
  type TestS3Server,
} from '@boiduong/api-testing';
import type { HealthResponse, LoginResponse } from '@boiduong/shared-contracts';
import { Logger } from '@nestjs/common';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CatalogModule } from './catalog.module';
import { FileStorage, StoredObjectMissing } from './storage/file-storage';
import { StorageReadiness } from './storage/storage-readiness';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const mp4 = Buffer.concat([
  Buffer.from('\0\0\0\x18ftypmp42', 'latin1'),
  Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 256)),
]);
const infectedMp4 = Buffer.concat([Buffer.from('\0\0\0\x18ftypmp42', 'latin1'), EICAR]);
const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(300, 0x20)]);
const infectedPdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), EICAR]);

const multipart = (name: string, type: string, data: Buffer) => {
  const boundary = '----storagetest';
  return {
    body: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
      ),
      data,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
};

/** An app with demo accounts signed in, and helpers to upload through its real routes. */
async function bootApp(overrides: Record<string, string>) {
  const t = await createTestApp([IdentityModule, CatalogModule], {
    DEMO_DATA: 'true',
    UPLOAD_LIMIT_BYTES: String(64 * 1024),
    ...overrides,
  });
  await t.app.get(BootstrapService).run();
  const units: Record<string, string> = {};
  for (const r of await t.db.query(`SELECT id, code FROM org_units`)) units[r.code] = r.id;
  const tokens: Record<string, string> = {};
  for (const u of ['admin.hanoi', 'hocvien']) {
    tokens[u] = (
      await t.request<LoginResponse>('POST', '/api/v1/auth/login', { body: { username: u, password: DEMO_PASSWORD } })
    ).body.accessToken;
  }
  const req = (method: string, url: string, who: string, body?: unknown, headers?: Record<string, string>) =>
    t.request<Body>(method, url, { token: tokens[who], body, headers });
  const uploadLessonFile = (name: string, type: string, data: Buffer) => {
    const mp = multipart(name, type, data);
    return req('POST', `/api/v1/files?ownerOrgUnitId=${units['HNI']}`, 'admin.hanoi', mp.body, mp.headers);
  };
  const storedRows = async () => (await t.db.query(`SELECT count(*)::int AS n FROM stored_files`))[0].n as number;
  return { t, units, req, uploadLessonFile, storedRows };
}

describe('file storage on S3 with virus scanning (clamd), through the api', () => {
  let s3: TestS3Server;
  let clamd: FakeClamd;
  let app: Awaited<ReturnType<typeof bootApp>>;
  const objectsInBucket = () =>
    readdirSync(path.join(s3.directory, s3.bucket), { recursive: true }).filter((f) =>
      String(f).endsWith('._S3rver_object'),
    ).length;

  beforeAll(async () => {
    s3 = await startS3Server('lesson-files');
    clamd = await startFakeClamd();
    app = await bootApp({
      ...s3.env,
      SCAN_DRIVER: 'clamd',
      CLAMAV_HOST: '127.0.0.1',
      CLAMAV_PORT: String(clamd.port),
      CLAMAV_TIMEOUT_MS: '2000',
    });
  }, 120_000);
  afterAll(async () => {
    await app.t.close();
    await clamd.close();
    await s3.close();
  });
  afterEach(() => jest.restoreAllMocks());

  it('reports the bucket as a readiness component', async () => {
    const health = await app.t.request<HealthResponse>('GET', '/api/v1/health');
    expect(health.status).toBe(200);
    expect(health.body.components['storage']).toMatchObject({ status: 'up' });
  });

  it('stores a scanned lesson video in the bucket and serves it back whole and by Range', async () => {
    const before = objectsInBucket();
    const res = await app.uploadLessonFile('Bài giảng 1.mp4', 'video/mp4', mp4);
    expect(res.status).toBe(201);
    expect(clamd.streams.at(-1)?.data.equals(mp4)).toBe(true);
    expect(objectsInBucket()).toBe(before + 1);
    const [row] = await app.t.db.query(`SELECT storage_key FROM stored_files WHERE id = $1`, [res.body.id]);
    expect(await app.t.app.get(FileStorage).size(row.storage_key)).toBe(mp4.length);

    const part = await app.req('GET', `/api/v1/files/${res.body.id}`, 'hocvien', undefined, { range: 'bytes=4-11' });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 4-11/${mp4.length}`);
    expect(part.headers['content-length']).toBe('8');
    expect(part.body).toBe('ftypmp42');
    const tail = await app.t.app.inject({
      method: 'GET',
      url: `/api/v1/files/${res.body.id}`,
      headers: { authorization: `Bearer ${await tokenOf('hocvien')}`, range: 'bytes=-100' },
    });
    expect(tail.statusCode).toBe(206);
    expect(tail.rawPayload.equals(mp4.subarray(mp4.length - 100))).toBe(true);
    const whole = await app.t.app.inject({
      method: 'GET',
      url: `/api/v1/files/${res.body.id}`,
      headers: { authorization: `Bearer ${await tokenOf('hocvien')}` },
    });
    expect(whole.statusCode).toBe(200);
    expect(whole.rawPayload.equals(mp4)).toBe(true);
    expect(
      (await app.req('GET', `/api/v1/files/${res.body.id}`, 'hocvien', undefined, { range: 'bytes=9000-' })).status,
    ).toBe(416);
  });

  it('answers 404 (and logs) when the bucket lost the bytes of a known file', async () => {
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const res = await app.uploadLessonFile('mat.mp4', 'video/mp4', mp4);
    const [row] = await app.t.db.query(`SELECT storage_key FROM stored_files WHERE id = $1`, [res.body.id]);
    await app.t.app.get(FileStorage).delete(row.storage_key);
    await expect(app.t.app.get(FileStorage).size(row.storage_key)).rejects.toBeInstanceOf(StoredObjectMissing);
    const gone = await app.req('GET', `/api/v1/files/${res.body.id}`, 'hocvien', undefined, { range: 'bytes=0-3' });
    expect(gone.status).toBe(404);
    expect(gone.body.code).toBe('FILE_NOT_FOUND');
    expect(errors).toHaveBeenCalledWith(expect.stringContaining(`has no object under ${row.storage_key}`));
  });

  it('refuses an infected lesson file with 422 FILE_INFECTED, stores nothing, and logs the signature and the uploader', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const [rows, objects] = [await app.storedRows(), objectsInBucket()];
    const res = await app.uploadLessonFile('tai-lieu.mp4', 'video/mp4', infectedMp4);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: 'FILE_INFECTED',
      message: { vi: 'Tệp có chứa mã độc nên không được lưu.', en: 'The file contains malware and was not stored.' },
      details: { signature: 'Eicar-Test-Signature' },
    });
    expect([await app.storedRows(), objectsInBucket()]).toEqual([rows, objects]);
    const line = warn.mock.calls.map((c) => String(c[0])).find((l) => l.includes('malware found'));
    expect(line).toContain('Eicar-Test-Signature');
    expect(line).toContain('"tai-lieu.mp4"');
    expect(line).toContain('from admin.hanoi (');
  });

  it('scans assignment submissions too', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const program = await app.req('POST', '/api/v1/programs', 'admin.hanoi', {
      code: 'HN-S3-01',
      name: 'Lưu trữ',
      family: 'basic',
      ownerOrgUnitId: app.units['HNI'],
      targetTitles: [],
      requiredHours: 4,
    });
    const course = await app.req('POST', '/api/v1/courses', 'admin.hanoi', {
      programId: program.body.id,
      orgUnitId: app.units['HNI'],
      name: 'Lớp lưu trữ',
      mode: 'online',
      startsOn: '2026-12-01',
      endsOn: '2026-12-10',
      capacity: null,
      status: 'open',
    });
    const [hocvien] = await app.t.db.query(`SELECT id FROM users WHERE username = 'hocvien'`);
    await app.req('POST', `/api/v1/courses/${course.body.id}/enrollments`, 'admin.hanoi', { userIds: [hocvien.id] });
    const assignment = await app.req('POST', `/api/v1/courses/${course.body.id}/assignments`, 'admin.hanoi', {
      title: 'Thu hoạch',
      submissionKind: 'file',
    });
    expect(assignment.status).toBe(201);
    const send = (name: string, data: Buffer) => {
      const mp = multipart(name, 'application/pdf', data);
      return app.req('POST', `/api/v1/assignments/${assignment.body.id}/files`, 'hocvien', mp.body, mp.headers);
    };
    const [rows, objects] = [await app.storedRows(), objectsInBucket()];
    const infected = await send('bao-cao.pdf', infectedPdf);
    expect(infected.status).toBe(422);
    expect(infected.body.code).toBe('FILE_INFECTED');
    expect([await app.storedRows(), objectsInBucket()]).toEqual([rows, objects]);
    expect(warn.mock.calls.map((c) => String(c[0])).find((l) => l.includes('malware found'))).toContain(
      'from hocvien (',
    );
    const clean = await send('bao-cao.pdf', pdf);
    expect(clean.status).toBe(201);
    expect(objectsInBucket()).toBe(objects + 1);
  });

  it('refuses uploads with 503 FILE_SCAN_UNAVAILABLE while clamd is down (SCAN_FAIL_MODE=closed), storing nothing', async () => {
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    await clamd.close();
    const [rows, objects] = [await app.storedRows(), objectsInBucket()];
    const res = await app.uploadLessonFile('bai-2.mp4', 'video/mp4', mp4);
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({
      code: 'FILE_SCAN_UNAVAILABLE',
      message: { vi: expect.stringContaining('mã độc'), en: expect.stringContaining('malware') },
    });
    expect([await app.storedRows(), objectsInBucket()]).toEqual([rows, objects]);
    expect(errors.mock.calls.map((c) => String(c[0])).find((l) => l.includes('SCAN_FAIL_MODE=closed'))).toContain(
      'ECONNREFUSED',
    );
  });

  it('answers 503 while the bucket is down, and readiness names the storage after its next check', async () => {
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const stored = await app.t.db.query(`SELECT id FROM stored_files WHERE purpose = 'content' LIMIT 1`);
    await s3.close();
    const read = await app.req('GET', `/api/v1/files/${stored[0].id}`, 'hocvien');
    expect(read.status).toBe(503);
    expect(read.body.code).toBe('FILE_STORAGE_UNAVAILABLE');
    await app.t.app.get(StorageReadiness).refresh();
    const health = await app.t.request<HealthResponse>('GET', '/api/v1/health');
    expect(health.status).toBe(503);
    expect(health.body.down).toEqual(['storage']);
    expect(health.body.components['storage'].message).toContain(`s3 bucket lesson-files at ${s3.endpoint}`);
    expect(errors).toHaveBeenCalledWith(expect.stringContaining('cannot read'));
  });

  async function tokenOf(who: string): Promise<string> {
    return (
      await app.t.request<LoginResponse>('POST', '/api/v1/auth/login', {
        body: { username: who, password: DEMO_PASSWORD },
      })
    ).body.accessToken;
  }
});

describe('SCAN_FAIL_MODE=open on local disk', () => {
  const storage = mkdtempSync(path.join(tmpdir(), 'scan-open-'));
  let app: Awaited<ReturnType<typeof bootApp>>;
  beforeAll(async () => {
    app = await bootApp({
      STORAGE_PATH: storage,
      SCAN_DRIVER: 'clamd',
      CLAMAV_PORT: String(await unusedPort()),
      SCAN_FAIL_MODE: 'open',
    });
  }, 120_000);
  afterAll(async () => {
    await app.t.close();
    rmSync(storage, { recursive: true, force: true });
  });

  it('accepts the upload unscanned when clamd does not answer, with a warning naming the file and the uploader', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const res = await app.uploadLessonFile('khong-quet.mp4', 'video/mp4', mp4);
    expect(res.status).toBe(201);
    expect(readdirSync(storage, { recursive: true }).some((f) => String(f).endsWith(`${res.body.id}.mp4`))).toBe(true);
    const line = warn.mock.calls.map((c) => String(c[0])).find((l) => l.includes('accepted unscanned'));
    expect(line).toContain('"khong-quet.mp4"');
    expect(line).toContain('from admin.hanoi (');
    expect(line).toContain('ECONNREFUSED');
    const health = await app.t.request<HealthResponse>('GET', '/api/v1/health');
    expect(health.body.components['storage']).toMatchObject({ status: 'up' });
  });
});

describe('booting against an S3 storage that is not usable', () => {
  let s3: TestS3Server;
  beforeAll(async () => {
    s3 = await startS3Server('present');
  });
  afterAll(() => s3.close());

  it('refuses to start, naming the bucket and what is wrong', async () => {
    await expect(createTestApp([IdentityModule, CatalogModule], { ...s3.env, S3_BUCKET: 'absent' })).rejects.toThrow(
      `Cannot reach the file storage (s3 bucket absent at ${s3.endpoint}): the bucket does not exist`,
    );
    await expect(
      createTestApp([IdentityModule, CatalogModule], { ...s3.env, S3_ACCESS_KEY_ID: 'NOBODY' }),
    ).rejects.toThrow(/s3 bucket present .*: access denied/);
  });
});
