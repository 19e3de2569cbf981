import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CertificationModule } from '@boiduong/api-certification';
import { BootstrapService, DEMO_PASSWORD, IdentityModule } from '@boiduong/api-identity';
import { createTestApp, unusedPort, type TestApp } from '@boiduong/api-testing';
import type { CertificateEntry, LoginResponse } from '@boiduong/shared-contracts';
import { PNG } from 'pngjs';

const root = path.resolve(__dirname, '../../../..');

/** A round red seal on a transparent background, for the unit's artwork. */
function seal(): Buffer {
  const png = new PNG({ width: 120, height: 120 });
  for (let y = 0; y < 120; y++) {
    for (let x = 0; x < 120; x++) {
      const d = Math.hypot(x - 60, y - 60);
      const i = (y * 120 + x) * 4;
      png.data.set(d > 50 && d < 58 ? [200, 20, 20, 230] : [0, 0, 0, 0], i);
    }
  }
  return PNG.sync.write(png);
}

/**
 * `node dist/apps/api/main.js verify-certificate`, the built bundle (built by `npm test` before this
 * tier), on certificates issued by a running api: valid, altered, revoked, unknown, offline with a
 * public-key file.
 */
describe('verify-certificate (the built api bundle)', () => {
  let t: TestApp;
  let dir: string;
  let base: string;
  let token: string;
  let hanoi: string;
  let learnerId: string;
  let valid: CertificateEntry;
  let revoked: CertificateEntry;
  const file = (name: string) => path.join(dir, name);

  function run(
    args: string[],
    env: Record<string, string> = {},
  ): Promise<{ code: number | null; out: string; err: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(root, 'dist/apps/api/main.js'), 'verify-certificate', ...args], {
        cwd: root,
        env: {
          PATH: process.env['PATH'] ?? '',
          NODE_ENV: 'test',
          DATABASE_URL: t.env.DATABASE_URL,
          PUBLIC_BASE_URL: base,
          LOG_LEVEL: 'silent',
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`verify-certificate did not exit within 30 s: ${out}${err}`));
      }, 30_000);
      child.on('exit', (code) => {
        clearTimeout(timer);
        resolve({ code, out, err });
      });
    });
  }

  const api = async (method: string, url: string, body?: unknown) => {
    const res = await t.app.inject({
      method: method as 'GET',
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(body === undefined ? {} : { payload: body as object }),
    });
    return res;
  };

  const issue = async (course: string): Promise<CertificateEntry> => {
    const res = await api('POST', '/api/v1/certificates', {
      issuerUnitId: hanoi,
      learner: { userId: learnerId, fullName: 'Nguyễn Văn Đức', dateOfBirth: '1999-10-21' },
      program: { code: 'BT-XA', name: 'Bồi dưỡng Bí thư Đoàn xã, phường, đặc khu' },
      course: { id: course, startsOn: '2026-03-02', endsOn: '2026-03-11' },
      result: 'Đạt',
      completion: {
        attendanceShare: 1,
        assessments: [{ code: 'final', required: true, scorePercent: 85 }],
        rulesKept: true,
      },
      signer: { name: 'Trần Quốc Việt', title: 'PHÓ BÍ THƯ THÀNH ĐOÀN' },
      issuedPlace: 'Hà Nội',
      issuedOn: '2026-03-20',
    });
    expect(res.statusCode).toBe(201);
    return res.json();
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'verify-cli-'));
    const port = await unusedPort();
    base = `http://127.0.0.1:${port}`;
    t = await createTestApp([IdentityModule, CertificationModule], {
      DEMO_DATA: 'true',
      PUBLIC_BASE_URL: base,
      STORAGE_PATH: file('files'),
    });
    await t.app.get(BootstrapService).run();
    await t.app.listen(port, '127.0.0.1');
    token = (
      await t.request<LoginResponse>('POST', '/api/v1/auth/login', {
        body: { username: 'admin.hanoi', password: DEMO_PASSWORD },
      })
    ).body.accessToken;
    [{ id: hanoi }] = await t.db.query(`SELECT id FROM org_units WHERE code = 'HNI'`);
    [{ id: learnerId }] = await t.db.query(`SELECT id FROM users WHERE username = 'hocvien'`);
    const boundary = '----cli';
    const upload = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/certificates/issuers/${hanoi}/artwork/seal`,
      payload: Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="dau.png"\r\nContent-Type: image/png\r\n\r\n`,
        ),
        seal(),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, authorization: `Bearer ${token}` },
    });
    expect(upload.statusCode).toBe(200);

    valid = await issue('00000000-0000-4000-8000-00000000c001');
    revoked = await issue('00000000-0000-4000-8000-00000000c002');
    for (const c of [valid, revoked])
      writeFileSync(file(`${c.serialNumber}.pdf`), (await api('GET', `/api/v1/certificates/${c.id}/pdf`)).rawPayload);
    writeFileSync(
      file('credential.json'),
      (await api('GET', `/api/v1/certificates/${valid.id}/credential`)).rawPayload,
    );
    writeFileSync(
      file('keys.json'),
      (await t.app.inject({ method: 'GET', url: '/api/v1/public/credentials/keys' })).rawPayload,
    );
    const res = await api('POST', `/api/v1/certificates/${revoked.id}/revoke`, {
      reason: 'fraud',
      decisionNumber: '15/QĐ-TĐTN',
      decidedOn: '2026-04-02',
    });
    expect(res.statusCode).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('declares a PDF as issued valid, checked against the database keys and status', async () => {
    const r = await run([file(`${valid.serialNumber}.pdf`)]);
    expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: '' });
    expect(r.out).toMatch(/^HỢP LỆ \/ VALID\n/);
    expect(r.out).toContain(valid.serialNumber);
    expect(r.out).toContain('Nguyễn Văn Đức (21/10/1999)');
    expect(r.out).toContain('Thành đoàn Hà Nội');
    expect(r.out).toContain('còn hiệu lực / valid');
    expect(r.out).toContain('cơ sở dữ liệu / database');
  });

  it('refuses a PDF altered after issuance: one byte of its page, or an update appended to it', async () => {
    const pdf = readFileSync(file(`${valid.serialNumber}.pdf`));
    const edited = Buffer.from(pdf);
    edited[Math.floor(pdf.length / 3)] ^= 0x20;
    writeFileSync(file('edited.pdf'), edited);
    writeFileSync(
      file('appended.pdf'),
      Buffer.concat([
        pdf,
        Buffer.from('\n9999 0 obj\n<< /Type /Annot /Subtype /FreeText /Contents (Giỏi) >>\nendobj\n%%EOF\n'),
      ]),
    );
    for (const name of ['edited.pdf', 'appended.pdf']) {
      const r = await run([file(name)]);
      expect({ name, code: r.code }).toEqual({ name, code: 1 });
      expect(r.out).toContain('KHÔNG HỢP LỆ: tệp PDF đã bị sửa đổi sau khi cấp');
      expect(r.out).toContain('NOT VALID: the PDF was altered after issuance');
    }
  });

  it('reports a revoked certificate’s PDF as revoked, with the decision', async () => {
    const r = await run([file(`${revoked.serialNumber}.pdf`)]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      'ĐÃ THU HỒI theo quyết định số 15/QĐ-TĐTN ngày 02/04/2026, lý do: gian lận. / REVOKED by decision 15/QĐ-TĐTN of 2026-04-02, reason: fraud.',
    );
    expect(r.out).toContain(revoked.serialNumber);
  });

  it('checks the downloaded credential, and refuses it once a claim is changed', async () => {
    const ok = await run([file('credential.json')]);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^HỢP LỆ \/ VALID\n/);
    const { jwt } = JSON.parse(readFileSync(file('credential.json'), 'utf8')) as { jwt: string };
    const [header, payload, signature] = jwt.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    claims.name = 'CHỨNG CHỈ GIẢ';
    writeFileSync(
      file('forged.jwt'),
      `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}\n`,
    );
    const forged = await run([file('forged.jwt')]);
    expect(forged.code).toBe(1);
    expect(forged.out).toContain('NOT VALID: the credential was altered');
  });

  it('looks a code up online: valid, revoked, unknown; a verify link works like its code', async () => {
    const ok = await run([valid.code]);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain(`khóa công bố tại ${base}`);
    expect(ok.out).toContain(valid.pdfSha256 as string);
    const link = await run([`${base}/verify/${valid.code}`], { PUBLIC_BASE_URL: 'http://127.0.0.1:9' });
    expect(link.code).toBe(0);
    const gone = await run([revoked.code]);
    expect(gone.code).toBe(1);
    expect(gone.out).toMatch(/^ĐÃ THU HỒI theo quyết định số 15\/QĐ-TĐTN/);
    const unknown = await run(['AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA']);
    expect(unknown.code).toBe(1);
    expect(unknown.out).toContain('NOT VALID: no certificate has the code AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
  });

  it('works offline with a public-key file, without the database; another key set refuses the file', async () => {
    const closedDb = `postgres://postgres@127.0.0.1:${await unusedPort()}/none`;
    const offline = await run([file(`${valid.serialNumber}.pdf`), '--key', file('keys.json')], {
      DATABASE_URL: closedDb,
    });
    expect(offline.code).toBe(0);
    expect(offline.out).toMatch(/^HỢP LỆ \(chữ ký số\) \/ VALID \(digital signature\)\n/);
    expect(offline.out).toContain('revocation not checked (offline)');
    expect(offline.out).toContain(valid.serialNumber);
    const credential = await run([file('credential.json'), `--key=${file('keys.json')}`], { DATABASE_URL: closedDb });
    expect(credential.code).toBe(0);
    const edited = await run([file('edited.pdf'), '--key', file('keys.json')], { DATABASE_URL: closedDb });
    expect(edited.code).toBe(1);

    writeFileSync(file('other.pem'), generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }));
    const other = await run([file(`${valid.serialNumber}.pdf`), '--key', file('other.pem')], {
      DATABASE_URL: closedDb,
    });
    expect(other.code).toBe(1);
    expect(other.out).toContain('not in the key file');

    const noDb = await run([file(`${valid.serialNumber}.pdf`)], { DATABASE_URL: closedDb });
    expect(noDb.code).toBe(2);
    expect(noDb.err).toContain('To check offline, pass --key <public-key file>.');
  });

  it('checks a PDF of the first version by the hash the platform recorded, and cannot vouch for it offline', async () => {
    const legacy = await issue('00000000-0000-4000-8000-00000000c003');
    await t.db.query(`UPDATE certificates SET pdf_version = 1, pdf_sha256 = NULL, pdf_signature = NULL WHERE id = $1`, [
      legacy.id,
    ]);
    writeFileSync(file('legacy.pdf'), (await api('GET', `/api/v1/certificates/${legacy.id}/pdf`)).rawPayload);
    const ok = await run([file('legacy.pdf')]);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('matches the hash recorded at issuance');
    expect(ok.out).toContain(legacy.serialNumber);
    expect(ok.out).toContain('Nguyễn Văn Đức (21/10/1999)');
    const offline = await run([file('legacy.pdf'), '--key', file('keys.json')]);
    expect(offline.code).toBe(1);
    expect(offline.out).toContain('CANNOT BE VERIFIED OFFLINE');
    const pdf = readFileSync(file('legacy.pdf'));
    pdf[Math.floor(pdf.length / 3)] ^= 0x20;
    writeFileSync(file('legacy-edited.pdf'), pdf);
    const edited = await run([file('legacy-edited.pdf')]);
    expect(edited.code).toBe(1);
    expect(edited.out).toContain('SHA-256 mismatch');
  });

  it('answers usage problems with exit code 2 and the usage', async () => {
    for (const args of [
      [],
      ['--bogus', 'x'],
      [file('missing.pdf')],
      [file('keys.json')],
      [file('credential.json'), '--key'],
    ]) {
      const r = await run(args);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.err).toContain('Cách dùng / Usage:');
    }
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('Exit codes');
  });
});
