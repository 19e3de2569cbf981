import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStorage, StoredFiles } from '@boiduong/api-catalog';
import { BootstrapService, DEMO_PASSWORD, IdentityModule } from '@boiduong/api-identity';
import { createTestApp, type TestApp } from '@boiduong/api-testing';
import type {
  CertificateEntry,
  CertificateVerification,
  ErrorBody,
  IssuerArtworkView,
  LoginResponse,
} from '@boiduong/shared-contracts';
import { CertificationModule } from './certification.module';
import { renderCertificatePdf } from './pdf/certificate-pdf';
import { checkPdfSignature, embeddedFile } from './pdf/pdf-signature';
import { ArtworkService } from './services/artwork.service';
import { CertificateSigner } from './services/certificate-signer.service';
import { CertificatesService, printedFieldsOf } from './services/certificates.service';
import type { IssueCertificateInput } from './services/issuance';
import { logoPng, sealPng, signatureJpeg, signaturePng, testPng } from './testing/images';
import { Certificate } from './entities/certificate.entity';

const BASE_URL = 'https://boiduong.example.vn';

const multipart = (name: string, type: string, data: Buffer) => {
  const boundary = '----artworktest';
  return {
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
      ),
      data,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
};

describe('certificate artwork against PostgreSQL and the file storage', () => {
  let t: TestApp;
  let dir: string;
  let storage: string;
  const tokens: Record<string, string> = {};
  const units: Record<string, string> = {};
  let learnerId: string;
  let courses = 0;
  let signatureJpg: Buffer;

  const body = (issuer = 'HNI'): IssueCertificateInput => ({
    issuerUnitId: units[issuer],
    learner: { userId: learnerId, fullName: 'Nguyễn Văn Đức', dateOfBirth: '1999-10-21' },
    program: { code: 'BT-XA', name: 'Bồi dưỡng Bí thư Đoàn xã, phường, đặc khu' },
    course: {
      id: `00000000-0000-4000-8000-${String(++courses).padStart(12, '0')}`,
      startsOn: '2026-03-02',
      endsOn: '2026-03-11',
    },
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

  const upload = async (unit: string, kind: string, name: string, type: string, data: Buffer, who = 'admin.hanoi') => {
    const mp = multipart(name, type, data);
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/certificates/issuers/${units[unit]}/artwork/${kind}`,
      payload: mp.payload,
      headers: { ...mp.headers, authorization: `Bearer ${tokens[who]}` },
    });
    return { status: res.statusCode, body: JSON.parse(res.body) as IssuerArtworkView & ErrorBody };
  };
  const issue = async (issuer = 'HNI') => {
    const res = await t.request<CertificateEntry>('POST', '/api/v1/certificates', {
      token: tokens['admin.hanoi'],
      body: body(issuer),
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  const download = async (id: string) => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/certificates/${id}/pdf`,
      headers: { authorization: `Bearer ${tokens['admin.hanoi']}` },
    });
    expect(res.statusCode).toBe(200);
    return res.rawPayload;
  };
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  const images = (pdf: Buffer) => {
    const file = join(dir, `${sha(pdf)}.pdf`);
    writeFileSync(file, pdf);
    return execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' })
      .split('\n')
      .slice(2)
      .filter((l) => l.trim())
      .map((l) => l.trim().split(/\s+/))
      .map((c) => `${c[2]} ${c[3]}x${c[4]} ${c[8]}`);
  };
  const storedFiles = async () =>
    (await t.db.query(`SELECT count(*)::int AS n FROM stored_files WHERE purpose = 'artwork'`))[0].n as number;

  beforeAll(async () => {
    storage = mkdtempSync(join(tmpdir(), 'artwork-files-'));
    t = await createTestApp([IdentityModule, CertificationModule], {
      DEMO_DATA: 'true',
      BOOTSTRAP_ADMIN_USERNAME: 'root.admin',
      BOOTSTRAP_ADMIN_PASSWORD: 'Root-admin-password-1',
      PUBLIC_BASE_URL: BASE_URL,
      STORAGE_PATH: storage,
      // A small multipart limit: the 1 MiB artwork limit must answer 413 by itself, before it.
      UPLOAD_LIMIT_BYTES: String(3 * 1_048_576),
    });
    await t.app.get(BootstrapService).run();
    for (const username of ['admin.hanoi', 'admin.danang', 'hocvien']) {
      const res = await t.request<LoginResponse>('POST', '/api/v1/auth/login', {
        body: { username, password: DEMO_PASSWORD },
      });
      tokens[username] = res.body.accessToken;
    }
    for (const row of await t.db.query(`SELECT id, code FROM org_units`)) units[row.code] = row.id;
    [{ id: learnerId }] = await t.db.query(`SELECT id FROM users WHERE username = 'hocvien'`);
    dir = mkdtempSync(join(tmpdir(), 'artwork-it-'));
    signatureJpg = await signatureJpeg();
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
    rmSync(storage, { recursive: true, force: true });
  });

  it('uploads the three images, lists them with their sizes and hashes, and serves each for the preview', async () => {
    const empty = await t.request<IssuerArtworkView>('GET', `/api/v1/certificates/issuers/${units['HNI']}/artwork`, {
      token: tokens['admin.hanoi'],
    });
    expect(empty).toMatchObject({
      status: 200,
      body: { unitId: units['HNI'], logo: null, signature: null, seal: null },
    });

    expect((await upload('HNI', 'logo', 'logo.png', 'image/png', logoPng())).status).toBe(200);
    expect((await upload('HNI', 'signature', 'chu-ky.jpg', 'image/jpeg', signatureJpg)).status).toBe(200);
    const last = await upload('HNI', 'seal', 'con-dau.png', 'image/png', sealPng());
    expect(last.status).toBe(200);
    expect(last.body).toMatchObject({
      logo: { kind: 'logo', contentType: 'image/png', width: 96, height: 96, sha256: sha(logoPng()) },
      signature: {
        kind: 'signature',
        contentType: 'image/jpeg',
        width: 240,
        height: 80,
        sizeBytes: signatureJpg.length,
        sha256: sha(signatureJpg),
      },
      seal: { kind: 'seal', contentType: 'image/png', width: 160, height: 160, sha256: sha(sealPng()) },
    });

    const preview = await t.app.inject({
      method: 'GET',
      url: `/api/v1/certificates/issuers/${units['HNI']}/artwork/seal`,
      headers: { authorization: `Bearer ${tokens['admin.hanoi']}` },
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.headers['content-type']).toBe('image/png');
    expect(preview.headers['etag']).toBe(`"${sha(sealPng())}"`);
    expect(preview.rawPayload.equals(sealPng())).toBe(true);
    expect(await storedFiles()).toBe(3);
  });

  it('prints them on the next certificate (logo, signature, seal and the QR code) in a signed PDF carrying its credential', async () => {
    const cert = await issue();
    const pdf = await download(cert.id);
    expect(images(pdf)).toEqual([
      'image 96x96 image',
      'image 240x80 jpeg',
      'image 160x160 image',
      'smask 160x160 image',
      expect.stringMatching(/^image (\d+)x\1 image$/),
    ]);
    expect(sha(pdf)).toBe(cert.pdfSha256);
    const signer = t.app.get(CertificateSigner);
    expect(await checkPdfSignature(pdf, (kid) => signer.publicKey(kid))).toMatchObject({ status: 'valid' });
    const attached = JSON.parse(embeddedFile(pdf)?.toString('utf8') ?? '{}');
    expect(attached.credential).toMatchObject({
      id: `${BASE_URL}/api/v1/public/credentials/${cert.code}`,
      credentialSubject: { achievement: { name: cert.programName } },
    });
    const [row] = await t.db.query(
      `SELECT pdf_version, artwork_logo_id, artwork_signature_id, artwork_seal_id FROM certificates WHERE id = $1`,
      [cert.id],
    );
    expect(row.pdf_version).toBe(2);
    expect([row.artwork_logo_id, row.artwork_signature_id, row.artwork_seal_id].every(Boolean)).toBe(true);
  });

  it('keeps an issued certificate’s artwork and exact file after the unit replaces and removes its images', async () => {
    const before = await issue();
    const first = await download(before.id);

    expect((await upload('HNI', 'seal', 'con-dau-moi.png', 'image/png', sealPng(120))).status).toBe(200);
    const removed = await t.request<IssuerArtworkView>(
      'DELETE',
      `/api/v1/certificates/issuers/${units['HNI']}/artwork/logo`,
      { token: tokens['admin.hanoi'] },
    );
    expect(removed).toMatchObject({ status: 200, body: { logo: null, seal: { sha256: sha(sealPng(120)) } } });

    const after = await issue();
    const next = await download(after.id);
    // No logo any more, the new seal.
    expect(images(next)).toEqual([
      'image 240x80 jpeg',
      'image 160x160 image',
      'smask 160x160 image',
      expect.stringMatching(/^image (\d+)x\1 image$/),
    ]);

    // The earlier certificate: same bytes as issued, its recorded hash, a valid signature, old images.
    const again = await download(before.id);
    expect(again.equals(first)).toBe(true);
    const verification = await t.request<CertificateVerification>('GET', `/api/v1/public/certificates/${before.code}`);
    expect(verification.body).toMatchObject({ valid: true, pdfSha256: sha(again) });
    expect(images(again)[0]).toBe('image 96x96 image');
    const signer = t.app.get(CertificateSigner);
    expect(await checkPdfSignature(again, (kid) => signer.publicKey(kid))).toMatchObject({ status: 'valid' });

    // A fresh render from the row (another process, nothing cached) gives the same file.
    const fresh = await t.db.getRepository(Certificate).findOneByOrFail({ id: before.id });
    const rendered = await t.app.get(CertificatesService).pdf(fresh);
    expect(rendered.equals(first)).toBe(true);
  });

  it('keeps one copy of the same image, and deletes a replaced version no certificate printed, with its file', async () => {
    const view = async () =>
      (
        await t.request<IssuerArtworkView>('GET', `/api/v1/certificates/issuers/${units['HNI']}/artwork`, {
          token: tokens['admin.hanoi'],
        })
      ).body;
    const files = await storedFiles();
    const same = await upload('HNI', 'seal', 'lai-lan-nua.png', 'image/png', sealPng(120));
    expect(same.body.seal?.id).toBe((await view()).seal?.id);
    expect(await storedFiles()).toBe(files);

    // Two versions nobody issued with: each replacement removes the previous one and its bytes.
    const draft = await upload('HNI', 'logo', 'nhap.png', 'image/png', logoPng(40));
    const draftFile = (
      await t.db.query(
        `SELECT f.storage_key FROM certificate_artwork_images i JOIN stored_files f ON f.id = i.file_id WHERE i.id = $1`,
        [draft.body.logo?.id],
      )
    )[0].storage_key;
    expect(existsSync(join(storage, draftFile))).toBe(true);
    await upload('HNI', 'logo', 'chinh-thuc.png', 'image/png', logoPng(80));
    expect(await t.db.query(`SELECT id FROM certificate_artwork_images WHERE id = $1`, [draft.body.logo?.id])).toEqual(
      [],
    );
    expect(existsSync(join(storage, draftFile))).toBe(false);
    // The seal the earlier certificates printed is still kept, though no longer current.
    const printed = await t.db.query(
      `SELECT DISTINCT artwork_seal_id AS id FROM certificates WHERE artwork_seal_id IS NOT NULL`,
    );
    expect(printed.length).toBe(2);
  });

  it('refuses a wrong type (415), a file over 1 MiB (413), non-images, broken and out-of-size images (422), storing nothing', async () => {
    const files = await storedFiles();
    const refusals = [
      [
        await upload('HNI', 'logo', 'logo.gif', 'image/gif', Buffer.from('474946383961010001000000', 'hex')),
        415,
        'CERTIFICATE_ARTWORK_TYPE_REFUSED',
      ],
      [
        await upload('HNI', 'logo', 'logo.pdf', 'application/pdf', Buffer.from('%PDF-1.4\n%%EOF\n')),
        415,
        'CERTIFICATE_ARTWORK_TYPE_REFUSED',
      ],
      [await upload('HNI', 'logo', 'logo.png', 'image/jpeg', logoPng()), 415, 'CERTIFICATE_ARTWORK_TYPE_REFUSED'],
      [await upload('HNI', 'logo', 'logo.png', 'image/png', Buffer.alloc(1_048_577, 1)), 413, 'FILE_TOO_LARGE'],
      [
        await upload('HNI', 'logo', 'logo.png', 'image/png', Buffer.from('Không phải ảnh, chỉ là chữ.')),
        422,
        'CERTIFICATE_ARTWORK_UNREADABLE',
      ],
      [
        await upload('HNI', 'seal', 'dau.png', 'image/png', sealPng().subarray(0, 300)),
        422,
        'CERTIFICATE_ARTWORK_UNREADABLE',
      ],
      [
        await upload('HNI', 'signature', 'ky.jpg', 'image/jpeg', signatureJpg.subarray(0, signatureJpg.length - 300)),
        422,
        'CERTIFICATE_ARTWORK_UNREADABLE',
      ],
      // A PNG named .jpg: the declared type matches the name, the bytes do not.
      [await upload('HNI', 'signature', 'ky.jpg', 'image/jpeg', signaturePng()), 422, 'CERTIFICATE_ARTWORK_UNREADABLE'],
      [
        await upload(
          'HNI',
          'logo',
          'nho.png',
          'image/png',
          testPng(12, 12, () => [0, 0, 0, 255]),
        ),
        422,
        'CERTIFICATE_ARTWORK_DIMENSIONS',
      ],
    ] as const;
    for (const [res, status, code] of refusals) {
      expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
      expect(res.body.message.vi.length).toBeGreaterThan(10);
      expect(res.body.message.en.length).toBeGreaterThan(10);
    }
    const noFile = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/certificates/issuers/${units['HNI']}/artwork/logo`,
      payload: '--x\r\nContent-Disposition: form-data; name="other"\r\n\r\nv\r\n--x--\r\n',
      headers: { 'content-type': 'multipart/form-data; boundary=x', authorization: `Bearer ${tokens['admin.hanoi']}` },
    });
    expect(noFile.statusCode).toBe(415);
    const unknownKind = await upload('HNI', 'stamp', 'dau.png', 'image/png', sealPng());
    expect({ status: unknownKind.status, code: unknownKind.body.code }).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
    });
    expect(await storedFiles()).toBe(files);
  });

  it('lets only certificate admins of the unit in: another province’s admin gets 404, a learner 403', async () => {
    const other = await upload('HNI', 'logo', 'logo.png', 'image/png', logoPng(), 'admin.danang');
    expect({ status: other.status, code: other.body.code }).toEqual({
      status: 404,
      code: 'CERTIFICATE_ISSUER_NOT_FOUND',
    });
    expect(
      (
        await t.request('GET', `/api/v1/certificates/issuers/${units['HNI']}/artwork`, {
          token: tokens['admin.danang'],
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await t.request('DELETE', `/api/v1/certificates/issuers/${units['HNI']}/artwork/seal`, {
          token: tokens['admin.danang'],
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await t.request('GET', `/api/v1/certificates/issuers/${units['HNI']}/artwork/seal`, {
          token: tokens['admin.danang'],
        })
      ).status,
    ).toBe(404);
    expect((await upload('HNI', 'logo', 'logo.png', 'image/png', logoPng(), 'hocvien')).status).toBe(403);
    // Đà Nẵng's own artwork is its own: Hà Nội's admin does not see it, and it prints only on Đà Nẵng's certificates.
    expect((await upload('DNG', 'seal', 'dau-dn.png', 'image/png', sealPng(60), 'admin.danang')).status).toBe(200);
    expect(
      (await t.request('GET', `/api/v1/certificates/issuers/${units['DNG']}/artwork`, { token: tokens['admin.hanoi'] }))
        .status,
    ).toBe(404);
    const none = await t.request('GET', `/api/v1/certificates/issuers/${units['HNI-BADINH']}/artwork/logo`, {
      token: tokens['admin.hanoi'],
    });
    expect(none).toMatchObject({ status: 404, body: { code: 'CERTIFICATE_ARTWORK_NOT_FOUND' } });
  });

  it('fixes the artwork of concurrent issuances whichever way a replacement falls, and every PDF renders', async () => {
    const service = t.app.get(CertificatesService);
    const [issued] = await Promise.all([
      Promise.all(Array.from({ length: 12 }, () => service.issue(null, body()))),
      (async () => {
        for (const shade of [10, 20, 30])
          expect((await upload('HNI', 'seal', `dau-${shade}.png`, 'image/png', sealPng(shade))).status).toBe(200);
      })(),
    ]);
    const seals = await t.db.query(
      `SELECT i.sha256 FROM certificates c JOIN certificate_artwork_images i ON i.id = c.artwork_seal_id WHERE c.id = ANY($1::uuid[])`,
      [issued.map((c) => c.id)],
    );
    expect(seals.length).toBe(12);
    for (const c of issued) {
      const pdf = await service.pdf(c);
      expect(images(pdf)).toContain('smask 160x160 image');
    }
  });

  it('renders a certificate of the first version exactly as before, without artwork or signature', async () => {
    const cert = await issue();
    await t.db.query(
      `UPDATE certificates SET pdf_version = 1, pdf_sha256 = NULL, pdf_signature = NULL, artwork_logo_id = NULL, artwork_signature_id = NULL, artwork_seal_id = NULL WHERE id = $1`,
      [cert.id],
    );
    const pdf = await download(cert.id);
    const row = await t.db.getRepository(Certificate).findOneByOrFail({ id: cert.id });
    expect(pdf.equals(await renderCertificatePdf(printedFieldsOf(row), `${BASE_URL}/verify/${cert.code}`))).toBe(true);
    expect(row.pdfSha256).toBe(sha(pdf));
    expect(embeddedFile(pdf)).toBeNull();
    expect(await checkPdfSignature(pdf, () => undefined)).toEqual({ status: 'unsigned' });
  });

  it('refuses to print an image whose stored bytes no longer match their hash (500, named), rather than print something else', async () => {
    const cert = await issue();
    const [row] = await t.db.query(
      `SELECT f.storage_key FROM certificates c JOIN certificate_artwork_images i ON i.id = c.artwork_signature_id JOIN stored_files f ON f.id = i.file_id WHERE c.id = $1`,
      [cert.id],
    );
    const file = join(storage, row.storage_key);
    const original = readFileSync(file);
    // Another process, with no prepared copy in memory: the bytes are read again.
    const fresh = await t.db.getRepository(Certificate).findOneByOrFail({ id: cert.id });
    writeFileSync(file, Buffer.concat([original, Buffer.from('x')]));
    try {
      const artwork = new ArtworkService(t.db, t.app.get(StoredFiles), t.app.get(FileStorage));
      await expect(artwork.forCertificate(fresh)).rejects.toMatchObject({
        code: 'CERTIFICATE_ARTWORK_DAMAGED',
        status: 500,
      });
    } finally {
      writeFileSync(file, original);
    }
  });
});
