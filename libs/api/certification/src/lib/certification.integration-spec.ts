import { execFileSync } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig, QueueName } from '@boiduong/api-core';
import { BootstrapService, DEMO_PASSWORD, IdentityModule } from '@boiduong/api-identity';
import { createTestApp, orgUnitIds, signInAll, type TestApp } from '@boiduong/api-testing';
import type { CertificateEntry, CertificateVerification } from '@boiduong/shared-contracts';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue, QueueEvents, Worker } from 'bullmq';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { CertificationModule } from './certification.module';
import { CertificateJobs, issueCertificateJobId, type IssueCertificateJobData } from './services/certificate-jobs.service';
import { CertificateSigner } from './services/certificate-signer.service';
import { CertificatesService, signedClaims } from './services/certificates.service';
import { todayInVietnam, type IssueCertificateInput } from './services/issuance';

const BASE_URL = 'https://boiduong.example.vn';

describe('certification against PostgreSQL', () => {
  let t: TestApp;
  let dir: string;
  const tokens: Record<string, string> = {};
  const units: Record<string, string> = {};
  let learnerId: string;
  let courseCounter = 0;

  const courseId = () => `00000000-0000-4000-8000-${String(++courseCounter).padStart(12, '0')}`;

  const body = (over: Partial<IssueCertificateInput> = {}): IssueCertificateInput => ({
    issuerUnitId: units['HNI'],
    learner: { userId: learnerId, fullName: 'Nguyễn Văn Đức', dateOfBirth: '1999-10-21' },
    program: { code: 'BT-XA', name: 'Bồi dưỡng Bí thư Đoàn xã, phường, đặc khu' },
    course: { id: courseId(), startsOn: '2026-03-02', endsOn: '2026-03-11' },
    result: 'Đạt (8,5 điểm)',
    completion: { attendanceShare: 1, assessments: [{ code: 'final', required: true, scorePercent: 85 }], rulesKept: true },
    signer: { name: 'Trần Quốc Việt', title: 'PHÓ BÍ THƯ THÀNH ĐOÀN' },
    issuedPlace: 'Hà Nội',
    issuedOn: '2026-03-20',
    ...over,
  });

  const issue = (token: string, b: IssueCertificateInput) => t.request<CertificateEntry>('POST', '/api/v1/certificates', { token, body: b });
  const verify = (code: string, accept?: string) =>
    t.request<CertificateVerification>('GET', `/verify/${code}`, accept ? { headers: { accept } } : {});
  const raw = async (url: string, token: string) => {
    const res = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    return { status: res.statusCode, headers: res.headers, payload: res.rawPayload };
  };

  beforeAll(async () => {
    t = await createTestApp([IdentityModule, CertificationModule], {
      DEMO_DATA: 'true',
      BOOTSTRAP_ADMIN_USERNAME: 'root.admin',
      BOOTSTRAP_ADMIN_PASSWORD: 'Root-admin-password-1',
      PUBLIC_BASE_URL: BASE_URL,
    });
    await t.app.get(BootstrapService).run();
    Object.assign(tokens, await signInAll(t, ['admin.hanoi', 'admin.danang', 'giangvien', 'hocvien'], DEMO_PASSWORD));
    Object.assign(units, await orgUnitIds(t));
    [{ id: learnerId }] = await t.db.query(`SELECT id FROM users WHERE username = 'hocvien'`);
    dir = mkdtempSync(join(tmpdir(), 'cert-it-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  describe('rule sets', () => {
    it('seeds Circular 03/2023 as the default set', async () => {
      const rows = await t.db.query(`SELECT code, effective_from::text AS effective_from, rules FROM certificate_rule_sets`);
      expect(rows).toEqual([
        {
          code: 'tt-03-2023-bnv',
          effective_from: '2023-07-01',
          rules: { attendanceShareRequired: 1, passMarkPercent: 50, rulesKeptRequired: true, issueOnce: true, validityMonths: null, titleGraceMonths: 12 },
        },
      ]);
    });

    it('issues at exactly 50% and refuses missing attendance and a low score, naming every unmet condition', async () => {
      const ok = await issue(tokens['admin.hanoi'], body({ completion: { attendanceShare: 1, assessments: [{ code: 'final', required: true, scorePercent: 50 }], rulesKept: true } }));
      expect(ok.status).toBe(201);
      const bad = await issue(
        tokens['admin.hanoi'],
        body({ completion: { attendanceShare: null, assessments: [{ code: 'final', required: true, scorePercent: 49.5 }], rulesKept: false } }),
      );
      expect(bad.status).toBe(422);
      expect(bad.body).toMatchObject({ code: 'CERTIFICATE_NOT_ELIGIBLE', details: { ruleSetCode: 'tt-03-2023-bnv' } });
      const unmet = (bad.body as unknown as { details: { unmet: Array<{ code: string; message: { vi: string; en: string } }> } }).details.unmet;
      expect(unmet.map((u) => u.code)).toEqual(['attendance_missing', 'assessment_below_pass_mark', 'rules_not_kept']);
      expect(unmet[1].message.vi).toContain('49.5%');
    });

    it('applies a newer set from its effective date without code changes', async () => {
      await t.db.query(
        `INSERT INTO certificate_rule_sets (code, name, legal_basis, effective_from, rules) VALUES ('later', 'Later', 'Later decree', '2026-04-01', $1)`,
        [JSON.stringify({ attendanceShareRequired: 0.8, passMarkPercent: 60, rulesKeptRequired: true, issueOnce: true, validityMonths: null, titleGraceMonths: 12 })],
      );
      try {
        const facts = { attendanceShare: 0.85, assessments: [{ code: 'final', required: true, scorePercent: 55 }], rulesKept: true };
        const before = await issue(tokens['admin.hanoi'], body({ completion: facts, issuedOn: '2026-03-31' }));
        expect((before.body as unknown as { details: { unmet: Array<{ code: string }> } }).details.unmet.map((u) => u.code)).toEqual(['attendance_short']);
        const after = await issue(tokens['admin.hanoi'], body({ completion: facts, issuedOn: '2026-04-01', course: { id: courseId(), startsOn: '2026-03-02', endsOn: '2026-03-11' } }));
        expect((after.body as unknown as { details: { ruleSetCode: string; unmet: Array<{ code: string }> } }).details).toMatchObject({
          ruleSetCode: 'later',
          unmet: [{ code: 'assessment_below_pass_mark' }],
        });
      } finally {
        await t.db.query(`DELETE FROM certificate_rule_sets WHERE code = 'later'`);
      }
    });
  });

  describe('registry book', () => {
    it('numbers 50 concurrent issuances for one issuer and year 1..50 with no gap or duplicate', async () => {
      const service = t.app.get(CertificatesService);
      const issued = await Promise.all(
        Array.from({ length: 50 }, () => service.issue(null, body({ issuerUnitId: units['HNI-HOANKIEM'], issuedOn: '2025-12-01', course: { id: courseId(), startsOn: '2025-11-01', endsOn: '2025-11-05' } }))),
      );
      expect(issued.map((c) => c.entryNumber).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(new Set(issued.map((c) => c.serialNumber)).size).toBe(50);
      expect(new Set(issued.map((c) => c.code)).size).toBe(50);
      const [counter] = await t.db.query(`SELECT last_number FROM certificate_registries WHERE issuer_unit_id = $1 AND year = 2025`, [units['HNI-HOANKIEM']]);
      expect(counter.last_number).toBe(50);
      const book = await t.request<CertificateEntry[]>('GET', `/api/v1/certificates?issuerId=${units['HNI-HOANKIEM']}&year=2025`, { token: tokens['admin.hanoi'] });
      expect(book.status).toBe(200);
      expect(book.body.map((e) => e.entryNumber)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(book.body[0].serialNumber).toBe('HNI-HOANKIEM-2025-000001');
    });

    it('numbers 1,000 concurrent issuances 1..1000 with no gap or duplicate, each with its credential', async () => {
      const service = t.app.get(CertificatesService);
      const issued = await Promise.all(
        Array.from({ length: 1000 }, () =>
          service.issue(null, body({ issuerUnitId: units['HNI-CQD'], issuedOn: '2023-12-01', course: { id: courseId(), startsOn: '2023-11-01', endsOn: '2023-11-05' } })),
        ),
      );
      expect(issued.map((c) => c.entryNumber).sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
      expect(new Set(issued.map((c) => c.serialNumber)).size).toBe(1000);
      expect(new Set(issued.map((c) => c.statusListIndex)).size).toBe(1000);
      const [stored] = await t.db.query(
        `SELECT count(*)::int AS n, count(DISTINCT entry_number)::int AS entries, min(entry_number) AS first, max(entry_number) AS last,
                count(credential_jwt)::int AS credentials
           FROM certificates WHERE issuer_unit_id = $1 AND year = 2023`,
        [units['HNI-CQD']],
      );
      expect(stored).toEqual({ n: 1000, entries: 1000, first: 1, last: 1000, credentials: 1000 });
      const [counter] = await t.db.query(`SELECT last_number FROM certificate_registries WHERE issuer_unit_id = $1 AND year = 2023`, [units['HNI-CQD']]);
      expect(counter.last_number).toBe(1000);
    }, 900_000);

    it('keeps the number of a refused issuance (rollback) for the next one', async () => {
      const service = t.app.get(CertificatesService);
      const first = await service.issue(null, body({ issuerUnitId: units['HNI-CQD'], issuedOn: '2024-05-01', course: { id: courseId(), startsOn: '2024-04-01', endsOn: '2024-04-02' } }));
      const unknownUser = '00000000-0000-4000-8000-ffffffffffff';
      await expect(service.issue(null, body({ issuerUnitId: units['HNI-CQD'], issuedOn: '2024-05-01', learner: { userId: unknownUser, fullName: 'X Y', dateOfBirth: null } }))).rejects.toThrow();
      const next = await service.issue(null, body({ issuerUnitId: units['HNI-CQD'], issuedOn: '2024-05-02', course: { id: courseId(), startsOn: '2024-04-01', endsOn: '2024-04-02' } }));
      expect([first.entryNumber, next.entryNumber]).toEqual([1, 2]);
    });

    it('issues once: a second issuance for the same learner and course is 409, a reissue for issuer error replaces it', async () => {
      const b = body();
      const first = await issue(tokens['admin.hanoi'], b);
      expect(first.status).toBe(201);
      const again = await issue(tokens['admin.hanoi'], b);
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ code: 'CERTIFICATE_ALREADY_ISSUED' });
      const badReissue = await issue(tokens['admin.hanoi'], { ...b, reissue: { ofCertificateId: first.body.id, note: '   ' } });
      expect(badReissue.status).toBe(422);
      const reissue = await issue(tokens['admin.hanoi'], { ...b, signer: { name: 'Trần Quốc Việt', title: 'BÍ THƯ THÀNH ĐOÀN' }, reissue: { ofCertificateId: first.body.id, note: 'Sai chức vụ người ký' } });
      expect(reissue.status).toBe(201);
      expect(reissue.body).toMatchObject({ reissueOfId: first.body.id, reissueNote: 'Sai chức vụ người ký', status: 'valid' });
      expect(reissue.body.entryNumber).toBeGreaterThan(first.body.entryNumber);
      const old = await t.request<CertificateEntry>('GET', `/api/v1/certificates/${first.body.id}`, { token: tokens['admin.hanoi'] });
      expect(old.body).toMatchObject({ status: 'replaced', replacedById: reissue.body.id });
      const shown = await verify(first.body.code);
      expect(shown.body).toMatchObject({ status: 'replaced', valid: false, signatureValid: true, replacedBy: { serialNumber: reissue.body.serialNumber } });
      const twice = await issue(tokens['admin.hanoi'], { ...b, reissue: { ofCertificateId: first.body.id, note: 'again' } });
      expect(twice.status).toBe(422);
    });

    it('refuses a closed issuer, impossible dates and a future issue date', async () => {
      const future = await issue(tokens['admin.hanoi'], body({ issuedOn: '2999-01-01' }));
      expect(future.status).toBe(422);
      const reversed = await issue(tokens['admin.hanoi'], body({ course: { id: courseId(), startsOn: '2026-03-11', endsOn: '2026-03-02' } }));
      expect(reversed.body).toMatchObject({ code: 'CERTIFICATE_DATE_INVALID' });
      const malformed = await issue(tokens['admin.hanoi'], { ...body(), issuedOn: '20-03-2026', extra: 1 } as never);
      expect(malformed.status).toBe(400);
    });

    it('exports the book as XLSX with every entry', async () => {
      const res = await raw(`/api/v1/certificates/book.xlsx?issuerId=${units['HNI-HOANKIEM']}&year=2025`, tokens['admin.hanoi']);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.payload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0];
      expect(String(ws.getCell('A1').value)).toContain('SỔ CẤP CHỨNG CHỈ NĂM 2025 - Đoàn phường Hoàn Kiếm');
      expect(ws.getRow(3).getCell(2).value).toBe('Số hiệu');
      expect(ws.getRow(4).values).toEqual(expect.arrayContaining([1, 'HNI-HOANKIEM-2025-000001', 'Nguyễn Văn Đức', '21/10/1999', 'Còn hiệu lực']));
      expect(ws.rowCount).toBe(3 + 50);
      const empty = await raw(`/api/v1/certificates/book.xlsx?issuerId=${units['HNI-HOANKIEM']}&year=2019`, tokens['admin.hanoi']);
      const emptyBook = new ExcelJS.Workbook();
      await emptyBook.xlsx.load(empty.payload as unknown as ArrayBuffer);
      expect(String(emptyBook.worksheets[0].getCell('A1').value)).toBe('SỔ CẤP CHỨNG CHỈ NĂM 2019 - Đoàn phường Hoàn Kiếm');
      expect(emptyBook.worksheets[0].rowCount).toBe(3);
    });

    it('prints the same book as a PDF with the Vietnamese text intact and the header on every page', async () => {
      const res = await raw(`/api/v1/certificates/book.pdf?issuerId=${units['HNI-HOANKIEM']}&year=2025`, tokens['admin.hanoi']);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const dir = mkdtempSync(join(tmpdir(), 'book-pdf-'));
      try {
        const file = join(dir, 'book.pdf');
        writeFileSync(file, res.payload);
        const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
        expect(pages).toBeGreaterThan(1);
        const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-layout', file, '-'], { encoding: 'utf8' });
        expect(text).toContain('SỔ CẤP CHỨNG CHỈ NĂM 2025 - Đoàn phường Hoàn Kiếm');
        expect(text).toContain('HNI-HOANKIEM-2025-000001');
        expect(text).toContain('HNI-HOANKIEM-2025-000050');
        expect(text).toContain('Nguyễn Văn Đức');
        expect(text).toContain('Còn hiệu');
        // The header row is repeated on each page, and pages are numbered.
        expect(text.split('Số hiệu').length - 1).toBe(pages);
        expect(text).toContain(`Trang ${pages}/${pages}`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('authorization', () => {
    it('refuses a role without certificate.issue (403) and another subtree (404) on every admin endpoint', async () => {
      const cert = await issue(tokens['admin.hanoi'], body());
      expect(cert.status).toBe(201);
      const list = `/api/v1/certificates?issuerId=${units['HNI']}&year=2026`;
      const xlsx = `/api/v1/certificates/book.xlsx?issuerId=${units['HNI']}&year=2026`;
      for (const token of [tokens['giangvien'], tokens['hocvien']]) {
        expect((await issue(token, body())).status).toBe(403);
        expect((await t.request('GET', list, { token })).status).toBe(403);
        expect((await t.request('GET', xlsx, { token })).status).toBe(403);
        expect((await t.request('GET', xlsx.replace('book.xlsx', 'book.pdf'), { token })).status).toBe(403);
        expect((await t.request('POST', `/api/v1/certificates/${cert.body.id}/revoke`, { token, body: { reason: 'fraud', decisionNumber: '1/QĐ', decidedOn: '2026-04-01' } })).status).toBe(403);
        expect((await t.request('POST', `/api/v1/certificates/${cert.body.id}/completion-notice`, { token, body: { noticeNumber: '1', issuedOn: '2026-04-01' } })).status).toBe(403);
      }
      const other = tokens['admin.danang'];
      expect((await issue(other, body())).status).toBe(404);
      expect((await t.request('GET', list, { token: other })).status).toBe(404);
      expect((await t.request('GET', xlsx, { token: other })).status).toBe(404);
      expect((await t.request('GET', `/api/v1/certificates/${cert.body.id}`, { token: other })).status).toBe(404);
      expect((await t.request('GET', `/api/v1/certificates/${cert.body.id}/pdf`, { token: other })).status).toBe(404);
      expect((await t.request('GET', `/api/v1/certificates/${cert.body.id}`, { token: tokens['giangvien'] })).status).toBe(404);
      expect((await t.request('POST', `/api/v1/certificates/${cert.body.id}/revoke`, { token: other, body: { reason: 'fraud', decisionNumber: '1/QĐ', decidedOn: '2026-04-01' } })).status).toBe(404);
      expect((await t.request('POST', `/api/v1/certificates/${cert.body.id}/completion-notice`, { token: other, body: { noticeNumber: '1', issuedOn: '2026-04-01' } })).status).toBe(404);
      expect((await t.request('GET', `/api/v1/certificates/${cert.body.id}`)).status).toBe(401);
    });

    it('lets the holder read their own certificate and its PDF', async () => {
      const cert = await issue(tokens['admin.hanoi'], body());
      expect((await t.request('GET', `/api/v1/certificates/${cert.body.id}`, { token: tokens['hocvien'] })).status).toBe(200);
      expect((await raw(`/api/v1/certificates/${cert.body.id}/pdf`, tokens['hocvien'])).status).toBe(200);
    });
  });

  describe('PDF', () => {
    it('prints every field of the stored certificate and a QR code to the public verify URL', async () => {
      const nfd = body();
      nfd.learner.fullName = 'Lê Thị Thu Hường'.normalize('NFD');
      nfd.program.name = 'Bồi dưỡng nghiệp vụ công tác Đoàn, Hội, Đội'.normalize('NFD');
      const cert = await issue(tokens['admin.hanoi'], nfd);
      expect(cert.status).toBe(201);
      expect(cert.body.holderName).toBe('Lê Thị Thu Hường');
      const res = await raw(`/api/v1/certificates/${cert.body.id}/pdf`, tokens['admin.hanoi']);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const file = join(dir, 'api.pdf');
      writeFileSync(file, res.payload);
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      for (const line of [
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'Độc lập - Tự do - Hạnh phúc',
        'Thành đoàn Hà Nội',
        'CHỨNG CHỈ BỒI DƯỠNG',
        'Họ và tên: Lê Thị Thu Hường',
        'Ngày sinh: 21/10/1999',
        'Đã hoàn thành chương trình: Bồi dưỡng nghiệp vụ công tác Đoàn, Hội, Đội',
        'Thời gian: từ ngày 02/03/2026 đến ngày 11/03/2026',
        'Kết quả: Đạt (8,5 điểm)',
        'Hà Nội, ngày 20 tháng 03 năm 2026',
        'PHÓ BÍ THƯ THÀNH ĐOÀN',
        'Trần Quốc Việt',
        `Số hiệu: ${cert.body.serialNumber}`,
        `Số vào sổ cấp chứng chỉ: ${cert.body.entryNumber}/2026`,
      ]) {
        expect({ line, found: text.includes(line) }).toEqual({ line, found: true });
      }
      execFileSync('pdftoppm', ['-r', '150', '-png', '-singlefile', file, join(dir, 'api')]);
      const qr = execFileSync('zbarimg', ['--quiet', '--raw', join(dir, 'api.png')], { encoding: 'utf8' }).trim();
      expect(qr).toBe(`${BASE_URL}/verify/${cert.body.code}`);
      expect(cert.body.verifyUrl).toBe(qr);
      // The download is the issued file: its hash is the one the verify page shows.
      expect(cert.body.pdfSha256).toMatch(/^[0-9a-f]{64}$/);
      expect(createHash('sha256').update(res.payload).digest('hex')).toBe(cert.body.pdfSha256);
      expect((await verify(cert.body.code)).body.pdfSha256).toBe(cert.body.pdfSha256);
    });
  });

  describe('public verification', () => {
    it('shows every printed field and the valid status without login, as JSON or HTML', async () => {
      const cert = await issue(tokens['admin.hanoi'], body());
      expect(cert.body.code).toMatch(/^[A-Za-z0-9_-]{32}$/);
      const res = await verify(cert.body.code);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        code: cert.body.code,
        valid: true,
        status: 'valid',
        signatureValid: true,
        certificateName: 'CHỨNG CHỈ BỒI DƯỠNG',
        issuerName: 'Thành đoàn Hà Nội',
        holderName: 'Nguyễn Văn Đức',
        holderDateOfBirth: '1999-10-21',
        programName: 'Bồi dưỡng Bí thư Đoàn xã, phường, đặc khu',
        courseStartsOn: '2026-03-02',
        courseEndsOn: '2026-03-11',
        result: 'Đạt (8,5 điểm)',
        issuedPlace: 'Hà Nội',
        issuedOn: '2026-03-20',
        signerName: 'Trần Quốc Việt',
        signerTitle: 'PHÓ BÍ THƯ THÀNH ĐOÀN',
        serialNumber: cert.body.serialNumber,
        entryNumber: cert.body.entryNumber,
        year: 2026,
        pdfSha256: cert.body.pdfSha256,
        revocation: null,
        replacedBy: null,
        completionNotice: null,
        responsibleBody: { id: units['HNI'], name: 'Thành đoàn Hà Nội', issuerClosed: false },
      });
      const machine = await t.request<CertificateVerification>('GET', `/api/v1/public/certificates/${cert.body.code}`);
      expect(machine.status).toBe(200);
      expect(machine.body).toEqual(res.body);
      expect((await t.request('GET', `/api/v1/public/certificates/${'B'.repeat(32)}`)).status).toBe(404);
      const html = await verify(cert.body.code, 'text/html,application/xhtml+xml,*/*;q=0.8');
      expect(html.status).toBe(200);
      expect(html.headers['content-type']).toContain('text/html');
      expect(html.body).toContain('CHỨNG CHỈ HỢP LỆ');
      expect(html.body).toContain('Nguyễn Văn Đức');
      expect(html.body).toContain(cert.body.serialNumber);
    });

    it('answers unknown and malformed codes with 404 and the error shape', async () => {
      for (const code of ['A'.repeat(32), 'short', '%27%20OR%201%3D1']) {
        const res = await verify(code);
        expect(res.status).toBe(404);
        expect(res.body).toMatchObject({ code: 'CERTIFICATE_NOT_FOUND', message: { vi: expect.any(String), en: expect.any(String) } });
      }
    });

    it('fails a certificate whose stored fields were altered', async () => {
      const cert = await issue(tokens['admin.hanoi'], body());
      await t.db.query(`UPDATE certificates SET result = 'Xuất sắc (10 điểm)' WHERE id = $1`, [cert.body.id]);
      const res = await verify(cert.body.code);
      expect(res.body).toMatchObject({ valid: false, status: 'valid', signatureValid: false, signatureProblem: 'fields_altered', result: 'Xuất sắc (10 điểm)' });
      const html = await verify(cert.body.code, 'text/html');
      expect(html.body).toContain('KHÔNG HỢP LỆ');
      await t.db.query(`UPDATE certificates SET result = 'Đạt (8,5 điểm)', status_list_index = status_list_index + 100000 WHERE id = $1`, [cert.body.id]);
      expect((await verify(cert.body.code)).body).toMatchObject({ signatureValid: false, signatureProblem: 'fields_altered' });
    });

    it('keeps a checked signature by its exact content: a cached outcome never hides an alteration or a revocation', async () => {
      const cert = await issue(tokens['admin.hanoi'], body());
      const signer = t.app.get(CertificateSigner);
      const check = jest.spyOn(signer as unknown as { check: (jws: string, expected: string) => Promise<unknown> }, 'check');
      try {
        expect((await verify(cert.body.code)).body).toMatchObject({ valid: true, signatureValid: true });
        expect((await verify(cert.body.code)).body).toMatchObject({ valid: true, signatureValid: true });
        // The second answer came from the cache: the Ed25519 check ran once.
        expect(check).toHaveBeenCalledTimes(1);

        // Altered after a valid outcome was cached: new bytes, so checked afresh, and caught.
        await t.db.query(`UPDATE certificates SET holder_name = 'Nguyễn Văn Đúc' WHERE id = $1`, [cert.body.id]);
        expect((await verify(cert.body.code)).body).toMatchObject({ valid: false, signatureValid: false, signatureProblem: 'fields_altered', holderName: 'Nguyễn Văn Đúc' });
        expect(check).toHaveBeenCalledTimes(2);
        await t.db.query(`UPDATE certificates SET holder_name = 'Nguyễn Văn Đức' WHERE id = $1`, [cert.body.id]);
        expect((await verify(cert.body.code)).body).toMatchObject({ valid: true, signatureValid: true });
        // A forged signature on the original fields is a new key too.
        const [{ signature }] = await t.db.query(`SELECT signature FROM certificates WHERE id = $1`, [cert.body.id]);
        await t.db.query(`UPDATE certificates SET signature = $2 WHERE id = $1`, [cert.body.id, `${signature.slice(0, -4)}AAAA`]);
        expect((await verify(cert.body.code)).body).toMatchObject({ valid: false, signatureValid: false, signatureProblem: 'bad_signature' });
        await t.db.query(`UPDATE certificates SET signature = $2 WHERE id = $1`, [cert.body.id, signature]);
        expect((await verify(cert.body.code)).body).toMatchObject({ valid: true });

        // Revocation shows at once, though the signature outcome stays cached (the status is read every time).
        const calls = check.mock.calls.length;
        const revoked = await t.request('POST', `/api/v1/certificates/${cert.body.id}/revoke`, {
          token: tokens['admin.hanoi'],
          body: { reason: 'fraud', decisionNumber: '7/QĐ-TĐTN', decidedOn: '2026-04-01' },
        });
        expect(revoked.status).toBe(200);
        expect((await verify(cert.body.code)).body).toMatchObject({
          valid: false,
          status: 'revoked',
          signatureValid: true,
          revocation: { reason: 'fraud', decisionNumber: '7/QĐ-TĐTN', decidedOn: '2026-04-01' },
        });
        expect(check.mock.calls.length).toBe(calls);
      } finally {
        check.mockRestore();
      }
    });

    it('keeps verifying after a restart with the key kept in the database', async () => {
      const cert = await issue(tokens['admin.hanoi'], body());
      const stored = await t.db.query(`SELECT kid, private_key_pem IS NOT NULL AS has_private FROM certificate_signing_keys`);
      expect(stored).toEqual([{ kid: expect.stringMatching(/^[0-9a-f]{32}$/), has_private: true }]);
      const restarted = new CertificateSigner(t.app.get(AppConfig), t.app.get(DataSource));
      await restarted.onModuleInit();
      const [row] = await t.db.query(`SELECT * FROM certificates WHERE id = $1`, [cert.body.id]);
      const entity = await t.app.get(DataSource).getRepository('Certificate').findOneByOrFail({ id: row.id });
      expect(await restarted.verify(row.signature, signedClaims(entity as never))).toEqual({ valid: true });
      expect((await t.db.query(`SELECT count(*)::int AS n FROM certificate_signing_keys`))[0].n).toBe(1);
    });
  });

  describe('configured signing key (production)', () => {
    it('signs with CERT_SIGNING_KEY, publishes only its public half, and still verifies what the old key signed', async () => {
      const older = await issue(tokens['admin.hanoi'], body());
      const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      const env = { ...t.env, NODE_ENV: 'production', CERT_SIGNING_KEY: pem.trim().split('\n').join('\\n') };
      const production = new CertificateSigner(new AppConfig(env as AppConfig['env']), t.app.get(DataSource));
      await production.onModuleInit();
      const { kid, jws } = await production.sign({ a: 1 });
      const [row] = await t.db.query(`SELECT private_key_pem FROM certificate_signing_keys WHERE kid = $1`, [kid]);
      expect(row).toEqual({ private_key_pem: null });
      // Another process (the api's own signer) finds the new public key by its id.
      expect(await t.app.get(CertificateSigner).verify(jws, { a: 1 })).toEqual({ valid: true });
      expect(await t.app.get(CertificateSigner).verify(jws, { a: 2 })).toEqual({ valid: false, reason: 'fields_altered' });
      const [old] = await t.db.query(`SELECT signature FROM certificates WHERE id = $1`, [older.body.id]);
      const entity = await t.app.get(DataSource).getRepository('Certificate').findOneByOrFail({ id: older.body.id });
      expect(await production.verify(old.signature, signedClaims(entity as never))).toEqual({ valid: true });
      expect(await production.verify(`${old.signature.slice(0, -4)}AAAA`, signedClaims(entity as never))).toEqual({ valid: false, reason: 'bad_signature' });
    });
  });

  describe('revocation and replacement', () => {
    it('revokes with a decision, shows it at once, refuses a second revocation and a missing decision number', async () => {
      const cert = await issue(tokens['admin.hanoi'], body());
      const url = `/api/v1/certificates/${cert.body.id}/revoke`;
      const token = tokens['admin.hanoi'];
      expect((await t.request('POST', url, { token, body: { reason: 'stolen', decisionNumber: '1', decidedOn: '2026-04-01' } })).status).toBe(400);
      const noNumber = await t.request('POST', url, { token, body: { reason: 'fraud', decidedOn: '2026-04-01' } });
      expect(noNumber.status).toBe(422);
      expect(noNumber.body).toMatchObject({ code: 'CERTIFICATE_DECISION_REQUIRED' });
      const ok = await t.request<CertificateEntry>('POST', url, { token, body: { reason: 'fraud', decisionNumber: '125/QĐ-TĐTN', decidedOn: '2026-04-01', note: 'Gian lận khi kiểm tra' } });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ status: 'revoked', revocation: { reason: 'fraud', decisionNumber: '125/QĐ-TĐTN', decidedOn: '2026-04-01', byUnitId: units['HNI'], note: 'Gian lận khi kiểm tra' } });
      const shown = await verify(cert.body.code);
      expect(shown.body).toMatchObject({ valid: false, status: 'revoked', signatureValid: true, revocation: { reason: 'fraud', decisionNumber: '125/QĐ-TĐTN', decidedOn: '2026-04-01' } });
      expect((await verify(cert.body.code, 'text/html')).body).toContain('ĐÃ THU HỒI');
      const again = await t.request('POST', url, { token, body: { reason: 'fraud', decisionNumber: '126/QĐ-TĐTN', decidedOn: '2026-04-02' } });
      expect(again.status).toBe(409);
      const book = await t.request<CertificateEntry[]>('GET', `/api/v1/certificates?issuerId=${units['HNI']}&year=2026`, { token });
      expect(book.body.find((e) => e.id === cert.body.id)?.status).toBe('revoked');
    });

    it('records a completion notice replacing a lost certificate', async () => {
      const cert = await issue(tokens['admin.hanoi'], body());
      const url = `/api/v1/certificates/${cert.body.id}/completion-notice`;
      const res = await t.request<CertificateEntry>('POST', url, { token: tokens['admin.hanoi'], body: { noticeNumber: '17/GCN-TĐTN', issuedOn: '2026-05-01', note: 'Học viên báo mất' } });
      expect(res.status).toBe(200);
      expect(res.body.completionNotice).toEqual({ number: '17/GCN-TĐTN', issuedOn: '2026-05-01', note: 'Học viên báo mất' });
      expect((await verify(cert.body.code)).body.completionNotice).toEqual({ number: '17/GCN-TĐTN', issuedOn: '2026-05-01' });
      expect((await t.request('POST', url, { token: tokens['admin.hanoi'], body: { noticeNumber: '18', issuedOn: '2026-05-02' } })).status).toBe(409);
    });

    it('names the successor (or the parent) as the body responsible once the issuer is closed, and lets it revoke', async () => {
      const [hni] = await t.db.query(`SELECT path::text AS path FROM org_units WHERE id = $1`, [units['HNI']]);
      const make = async (code: string) => {
        const [row] = await t.db.query(
          `INSERT INTO org_units (code, name, type, parent_id, path, valid_from) VALUES ($1, $2, 'commune', $3, $4::ltree, '2020-01-01') RETURNING id`,
          [code, `Đoàn ${code}`, units['HNI'], `${hni.path}.${code.toLowerCase().replace(/-/g, '_')}`],
        );
        return row.id as string;
      };
      const merged = await make('OLD-A');
      const dissolved = await make('OLD-B');
      const service = t.app.get(CertificatesService);
      const inputs = (issuerUnitId: string) => body({ issuerUnitId, issuedOn: '2025-03-01', course: { id: courseId(), startsOn: '2025-01-01', endsOn: '2025-01-10' } });
      const a = await service.issue(null, inputs(merged));
      const b = await service.issue(null, inputs(dissolved));
      const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
      await t.db.query(`UPDATE org_units SET valid_to = $2 WHERE id = ANY($1)`, [[merged, dissolved], yesterday < todayInVietnam() ? yesterday : todayInVietnam()]);
      await t.db.query(`INSERT INTO org_unit_successions (predecessor_id, successor_id, kind, effective_on) VALUES ($1, $2, 'merge', '2025-06-30')`, [merged, units['HNI-HOANKIEM']]);
      expect((await verify(a.code)).body.responsibleBody).toEqual({ id: units['HNI-HOANKIEM'], name: 'Đoàn phường Hoàn Kiếm', issuerClosed: true });
      expect((await verify(b.code)).body.responsibleBody).toEqual({ id: units['HNI'], name: 'Thành đoàn Hà Nội', issuerClosed: true });
      expect((await verify(a.code, 'text/html')).body).toContain('Đơn vị chịu trách nhiệm hiện nay');
      const closedIssue = await issue(tokens['admin.hanoi'], inputs(merged));
      expect(closedIssue.body).toMatchObject({ code: 'CERTIFICATE_ISSUER_CLOSED' });
      const revoked = await t.request<CertificateEntry>('POST', `/api/v1/certificates/${a.id}/revoke`, {
        token: tokens['admin.hanoi'],
        body: { reason: 'issuer_error', decisionNumber: '9/QĐ-ĐPHK', decidedOn: todayInVietnam() },
      });
      expect(revoked.status).toBe(200);
      expect(revoked.body.revocation?.byUnitId).toBe(units['HNI-HOANKIEM']);
    });
  });

  describe('bulk issuance job', () => {
    it('issues once when the same enrollment is queued twice, and again is a no-op after the job is gone', async () => {
      const jobs = t.app.get(CertificateJobs);
      const queue = t.app.get<Queue>(getQueueToken(QueueName.Certification));
      const enrollmentId = '11111111-1111-4111-8111-111111111111';
      const data: IssueCertificateJobData = { ...body({ issuerUnitId: units['HNI-BADINH'], issuedOn: '2026-02-01', course: { id: courseId(), startsOn: '2026-01-05', endsOn: '2026-01-09' } }), enrollmentId };
      const other: IssueCertificateJobData = { ...body({ issuerUnitId: units['HNI-BADINH'], issuedOn: '2026-02-01', course: { id: courseId(), startsOn: '2026-01-05', endsOn: '2026-01-09' } }), enrollmentId: '22222222-2222-4222-8222-222222222222' };
      const failing: IssueCertificateJobData = { ...body({ issuerUnitId: units['HNI-BADINH'], issuedOn: '2026-02-01', course: { id: courseId(), startsOn: '2026-01-05', endsOn: '2026-01-09' }, completion: { attendanceShare: 0.5, assessments: [], rulesKept: true } }), enrollmentId: '33333333-3333-4333-8333-333333333333' };
      const first = await jobs.enqueue([data, other, failing]);
      const second = await jobs.enqueue([data]);
      expect(first[0]).toBe(issueCertificateJobId(enrollmentId));
      expect(second).toEqual([first[0]]);
      expect(await queue.getJobCounts('waiting')).toEqual({ waiting: 3 });

      const events = new QueueEvents(QueueName.Certification, { connection: queue.opts.connection, prefix: t.env.QUEUE_PREFIX });
      await events.waitUntilReady();
      const worker = new Worker(QueueName.Certification, (job) => jobs.handle(job), { connection: queue.opts.connection, prefix: t.env.QUEUE_PREFIX, autorun: true });
      try {
        const job = await queue.getJob(first[0]);
        if (!job) throw new Error('the queued job is missing');
        expect(await job.waitUntilFinished(events, 20_000)).toEqual({ certificateId: expect.any(String), alreadyIssued: false });
        const refused = await queue.getJob(first[2]);
        if (!refused) throw new Error('the refused job is missing');
        await expect(refused.waitUntilFinished(events, 20_000)).rejects.toThrow(/CERTIFICATE_NOT_ELIGIBLE/);
        const failed = await queue.getJob(first[2]);
        expect(failed?.attemptsMade).toBe(1);
      } finally {
        await worker.close();
        await events.close();
      }
      const rows = await t.db.query(`SELECT count(*)::int AS n, count(pdf_sha256)::int AS hashed FROM certificates WHERE issuer_unit_id = $1`, [units['HNI-BADINH']]);
      expect(rows[0]).toEqual({ n: 2, hashed: 2 });
      // Completed jobs are removed, so a late duplicate runs again: the handler itself must not issue twice.
      expect(await jobs.handle({ data })).toEqual({ certificateId: expect.any(String), alreadyIssued: true });
      const again = await t.db.query(`SELECT count(*)::int AS n FROM certificates WHERE issuer_unit_id = $1`, [units['HNI-BADINH']]);
      expect(again[0].n).toBe(2);
      await queue.obliterate({ force: true });
    });
  });
});
