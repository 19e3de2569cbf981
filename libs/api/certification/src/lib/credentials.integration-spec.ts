import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { BootstrapService, DEMO_PASSWORD, IdentityModule } from '@boiduong/api-identity';
import { createTestApp, orgUnitIds, signInAll, type TestApp } from '@boiduong/api-testing';
import type { CertificateEntry, CredentialVerification, TitleEligibility, TitleEligibilityBatch } from '@boiduong/shared-contracts';
import { createLocalJWKSet, jwtVerify, SignJWT, type JSONWebKeySet } from 'jose';
import { CertificationModule } from './certification.module';
import { decodeStatusList, statusBit, statusListPosition, STATUS_LIST_BITS, type OpenBadgeCredential } from './credentials/credential';
import { CertificatesService } from './services/certificates.service';
import type { SignedCredential } from './services/credentials.service';
import type { IssueCertificateInput } from './services/issuance';

const BASE_URL = 'https://boiduong.example.vn';
const CREDENTIALS = `${BASE_URL}/api/v1/public/credentials`;

describe('verifiable credentials and title eligibility against PostgreSQL', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const units: Record<string, string> = {};
  let learnerId: string;
  let courseCounter = 0;
  const courseId = () => `00000000-0000-4000-9000-${String(++courseCounter).padStart(12, '0')}`;

  const input = (over: Partial<IssueCertificateInput> = {}): IssueCertificateInput => ({
    issuerUnitId: units['HNI'],
    learner: { userId: learnerId, fullName: 'Nguyễn Văn Đức', dateOfBirth: '1999-10-21' },
    program: { code: 'BT-XA', name: 'Bồi dưỡng Bí thư Đoàn xã, phường, đặc khu', titles: ['secretary.commune'] },
    course: { id: courseId(), startsOn: '2026-03-02', endsOn: '2026-03-11' },
    result: 'Đạt (8,5 điểm)',
    completion: { attendanceShare: 1, assessments: [{ code: 'final', required: true, scorePercent: 85 }], rulesKept: true },
    signer: { name: 'Trần Quốc Việt', title: 'PHÓ BÍ THƯ THÀNH ĐOÀN' },
    issuedPlace: 'Hà Nội',
    issuedOn: '2026-03-20',
    ...over,
  });
  const issueVia = (token: string, b: IssueCertificateInput) => t.request<CertificateEntry>('POST', '/api/v1/certificates', { token, body: b });
  const credentialOf = (code: string) => t.request<SignedCredential>('GET', `/api/v1/public/credentials/${code}`);
  const verify = (credential: string) => t.request<CredentialVerification>('POST', '/api/v1/public/credentials/verify', { body: { credential } });
  const revoke = (id: string) =>
    t.request<CertificateEntry>('POST', `/api/v1/certificates/${id}/revoke`, {
      token: tokens['admin.hanoi'],
      body: { reason: 'fraud', decisionNumber: '12/QĐ-TĐTN', decidedOn: '2026-04-02' },
    });
  const statusListBits = async (list: number) => {
    const res = await t.request<SignedCredential>('GET', `/api/v1/public/credentials/status/${list}`);
    expect(res.status).toBe(200);
    return decodeStatusList(String(res.body.credential.credentialSubject['encodedList']));
  };
  const eligibility = (token: string, query: string) => t.request<TitleEligibility>('GET', `/api/v1/eligibility?${query}`, { token });

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
  });
  afterAll(async () => {
    await t.close();
  });

  describe('verifiable credential', () => {
    it('issues every certificate as a signed Open Badges 3.0 credential that verifies with the published keys', async () => {
      const issued = await issueVia(tokens['admin.hanoi'], input());
      expect(issued.status).toBe(201);
      expect(issued.body.titles).toEqual(['secretary.commune']);
      const res = await credentialOf(issued.body.code);
      expect(res.status).toBe(200);
      const { jwt, credential } = res.body;
      const { list, bit } = statusListPosition((await t.db.query(`SELECT status_list_index FROM certificates WHERE id = $1`, [issued.body.id]))[0].status_list_index);
      expect(credential).toMatchObject({
        '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
        id: `${CREDENTIALS}/${issued.body.code}`,
        type: ['VerifiableCredential', 'OpenBadgeCredential'],
        issuer: { id: `${CREDENTIALS}/issuers/${units['HNI']}`, type: ['Profile'], name: issued.body.issuerName },
        name: 'CHỨNG CHỈ BỒI DƯỠNG',
        validFrom: '2026-03-20T00:00:00+07:00',
        credentialSubject: {
          type: ['AchievementSubject'],
          identifier: [
            { type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: 'Nguyễn Văn Đức' },
            { type: 'IdentityObject', identityType: 'ext:dateOfBirth', hashed: false, identityHash: '1999-10-21' },
          ],
          result: [{ type: ['Result'], value: 'Đạt (8,5 điểm)' }],
          achievement: { type: ['Achievement'], achievementType: 'Certificate', name: 'Bồi dưỡng Bí thư Đoàn xã, phường, đặc khu', tag: ['secretary.commune'] },
        },
        evidence: [{ id: `${BASE_URL}/verify/${issued.body.code}`, type: ['Evidence'] }],
        credentialStatus: {
          type: 'BitstringStatusListEntry',
          statusPurpose: 'revocation',
          statusListIndex: String(bit),
          statusListCredential: `${CREDENTIALS}/status/${list}`,
        },
      });
      expect(String((credential.evidence[0] as { description: string }).description)).toContain(`Số hiệu ${issued.body.serialNumber}`);

      // Anyone can check it offline with the published JWK set, as any JOSE library would.
      const keys = await t.request<JSONWebKeySet>('GET', '/api/v1/public/credentials/keys');
      expect(keys.status).toBe(200);
      expect(keys.body.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' });
      expect(keys.body.keys[0]).not.toHaveProperty('d');
      const { payload, protectedHeader } = await jwtVerify(jwt, createLocalJWKSet(keys.body), { algorithms: ['EdDSA'] });
      expect(protectedHeader).toMatchObject({ alg: 'EdDSA', typ: 'vc+jwt' });
      expect(payload).toMatchObject({ iss: credential.issuer.id, jti: credential.id, id: credential.id });

      const checked = await verify(jwt);
      expect(checked.status).toBe(200);
      expect(checked.body).toEqual({
        verified: true,
        checks: { signature: true, issuer: true, status: true },
        credentialId: credential.id,
        code: issued.body.code,
        status: 'valid',
      });

      const issuerProfile = await t.request<{ id: string; name: string }>('GET', `/api/v1/public/credentials/issuers/${units['HNI']}`);
      expect(issuerProfile.body).toMatchObject({ id: credential.issuer.id, name: credential.issuer.name });

      const raw = await t.app.inject({ method: 'GET', url: `/api/v1/public/credentials/${issued.body.code}`, headers: { accept: 'application/vc+jwt' } });
      expect(raw.headers['content-type']).toContain('application/vc+jwt');
      expect(raw.payload).toBe(jwt);
      // Kept, not re-signed: the same bytes every time.
      expect((await credentialOf(issued.body.code)).body.jwt).toBe(jwt);
    });

    it('fails a tampered credential (a changed field), a foreign signature, an unknown key and garbage, with the reason', async () => {
      const issued = await issueVia(tokens['admin.hanoi'], input());
      const { jwt } = (await credentialOf(issued.body.code)).body;
      const [header, payload, signature] = jwt.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));

      const renamed = structuredClone(claims);
      renamed.credentialSubject.identifier[0].identityHash = 'Nguyễn Văn Đúc';
      const tampered = `${header}.${Buffer.from(JSON.stringify(renamed)).toString('base64url')}.${signature}`;
      expect((await verify(tampered)).body).toEqual({ verified: false, reason: 'bad_signature', checks: { signature: false, issuer: false, status: false } });

      const regraded = structuredClone(claims);
      regraded.credentialSubject.result[0].value = 'Xuất sắc (10 điểm)';
      expect((await verify(`${header}.${Buffer.from(JSON.stringify(regraded)).toString('base64url')}.${signature}`)).body.reason).toBe('bad_signature');

      // Signed by someone else under our key id: the signature does not hold.
      const kid = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')).kid;
      const foreign = generateKeyPairSync('ed25519');
      const forged = await new SignJWT(renamed).setProtectedHeader({ alg: 'EdDSA', kid, typ: 'vc+jwt' }).sign(foreign.privateKey);
      expect((await verify(forged)).body.reason).toBe('bad_signature');
      const unknownKey = await new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', kid: 'f'.repeat(32), typ: 'vc+jwt' }).sign(foreign.privateKey);
      expect((await verify(unknownKey)).body.reason).toBe('unknown_key');
      expect((await verify('not-a-jwt')).body).toMatchObject({ verified: false, reason: 'malformed' });
      expect((await t.request('POST', '/api/v1/public/credentials/verify', { body: {} })).status).toBe(400);

      // Untouched, it still verifies.
      expect((await verify(jwt)).body.verified).toBe(true);
    });

    it('flips the bit in the public status list on revocation, and verification then reports it', async () => {
      const keep = await issueVia(tokens['admin.hanoi'], input());
      const gone = await issueVia(tokens['admin.hanoi'], input());
      const { jwt, credential } = (await credentialOf(gone.body.code)).body;
      const goneBit = Number(credential.credentialStatus.statusListIndex);
      const keepBit = Number((await credentialOf(keep.body.code)).body.credential.credentialStatus.statusListIndex);
      const list = Number(credential.credentialStatus.statusListCredential.split('/').pop());

      const before = await statusListBits(list);
      expect(before.length * 8).toBe(STATUS_LIST_BITS);
      expect(statusBit(before, goneBit)).toBe(false);

      expect((await revoke(gone.body.id)).status).toBe(200);
      const after = await statusListBits(list);
      expect(statusBit(after, goneBit)).toBe(true);
      expect(statusBit(after, keepBit)).toBe(false);
      expect((await verify(jwt)).body).toEqual({
        verified: false,
        reason: 'revoked',
        checks: { signature: true, issuer: true, status: false },
        credentialId: credential.id,
        code: gone.body.code,
        status: 'revoked',
      });
      expect((await verify((await credentialOf(keep.body.code)).body.jwt)).body.verified).toBe(true);

      // The status list is itself a signed credential, served fresh and as a JWT on request.
      const rawList = await t.app.inject({ method: 'GET', url: `/api/v1/public/credentials/status/${list}`, headers: { accept: 'application/vc+jwt' } });
      expect(rawList.headers['cache-control']).toBe('no-store');
      const keys = (await t.request<JSONWebKeySet>('GET', '/api/v1/public/credentials/keys')).body;
      const { payload } = await jwtVerify(rawList.payload, createLocalJWKSet(keys));
      expect(payload).toMatchObject({ type: ['VerifiableCredential', 'BitstringStatusListCredential'], credentialSubject: { statusPurpose: 'revocation' } });
      expect(statusBit(decodeStatusList(String((payload['credentialSubject'] as { encodedList: string }).encodedList)), goneBit)).toBe(true);

      expect((await t.request('GET', '/api/v1/public/credentials/status/abc')).status).toBe(400);
      expect((await t.request('GET', '/api/v1/public/credentials/status/-1')).status).toBe(404);
    });

    it('marks a replaced certificate in the status list too', async () => {
      const b = input();
      const first = await issueVia(tokens['admin.hanoi'], b);
      const reissue = await issueVia(tokens['admin.hanoi'], { ...b, reissue: { ofCertificateId: first.body.id, note: 'Sai ngày sinh' } });
      expect(reissue.status).toBe(201);
      const old = (await credentialOf(first.body.code)).body;
      expect((await verify(old.jwt)).body).toMatchObject({ verified: false, reason: 'revoked', status: 'replaced' });
      expect((await verify((await credentialOf(reissue.body.code)).body.jwt)).body.verified).toBe(true);
    });

    it('lets the holder and issuer admins download it, 404 for anyone else and for unknown codes; signs older certificates on demand', async () => {
      const issued = await issueVia(tokens['admin.hanoi'], input());
      for (const who of ['hocvien', 'admin.hanoi']) {
        const res = await t.app.inject({ method: 'GET', url: `/api/v1/certificates/${issued.body.id}/credential`, headers: { authorization: `Bearer ${tokens[who]}` } });
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-disposition']).toContain(`${issued.body.serialNumber}.credential.json`);
        expect((JSON.parse(res.payload) as { credential: OpenBadgeCredential }).credential.id).toBe(`${CREDENTIALS}/${issued.body.code}`);
      }
      expect((await t.request('GET', `/api/v1/certificates/${issued.body.id}/credential`, { token: tokens['admin.danang'] })).status).toBe(404);
      expect((await credentialOf('A'.repeat(32))).status).toBe(404);
      expect((await credentialOf('short')).status).toBe(404);

      await t.db.query(`UPDATE certificates SET credential_jwt = NULL WHERE id = $1`, [issued.body.id]);
      const signedNow = await credentialOf(issued.body.code);
      expect(signedNow.status).toBe(200);
      expect((await verify(signedNow.body.jwt)).body.verified).toBe(true);
      const [row] = await t.db.query(`SELECT credential_jwt FROM certificates WHERE id = $1`, [issued.body.id]);
      expect(row.credential_jwt).toBe(signedNow.body.jwt);
    });

    it('lists the signed-in holder’s own certificates', async () => {
      const mine = await t.request<CertificateEntry[]>('GET', '/api/v1/me/certificates', { token: tokens['hocvien'] });
      expect(mine.status).toBe(200);
      expect(mine.body.length).toBeGreaterThan(0);
      expect(mine.body.every((c) => c.userId === learnerId)).toBe(true);
      const none = await t.request<CertificateEntry[]>('GET', '/api/v1/me/certificates', { token: tokens['giangvien'] });
      expect(none.body).toEqual([]);
      expect((await t.request('GET', '/api/v1/me/certificates')).status).toBe(401);
    });
  });

  describe('title eligibility', () => {
    let cadreId: string;
    const q = (title: string, on?: string) => `userId=${cadreId}&title=${title}${on ? `&on=${on}` : ''}`;

    beforeAll(async () => {
      // A fresh cadre of Ba Đình so earlier certificates do not count.
      [{ id: cadreId }] = await t.db.query(`SELECT id FROM users WHERE username = 'giangvien'`);
      await t.db.query(
        `INSERT INTO cadre_profiles (user_id, title, planned_titles, employment, title_since) VALUES ($1, 'secretary.commune', '{secretary.province}', 'full_time', NULL)
         ON CONFLICT (user_id) DO UPDATE SET title = EXCLUDED.title, title_since = NULL`,
        [cadreId],
      );
    });

    it('without a grace window: no certificate means not eligible, a certificate for the title means eligible from its issue date', async () => {
      const none = await eligibility(tokens['admin.hanoi'], q('secretary.commune', '2026-06-01'));
      expect(none.status).toBe(200);
      expect(none.body).toMatchObject({ eligible: false, reason: 'no_certificate', userId: cadreId, title: 'secretary.commune', on: '2026-06-01' });
      expect(none.body.message.vi).toContain('chưa có chứng chỉ');

      const cert = await t.app.get(CertificatesService).issue(null, input({ learner: { userId: cadreId, fullName: 'Lê Thu Hà', dateOfBirth: null }, issuedOn: '2026-03-20' }));
      expect((await eligibility(tokens['admin.hanoi'], q('secretary.commune', '2026-03-19'))).body.reason).toBe('no_certificate');
      expect((await eligibility(tokens['admin.hanoi'], q('secretary.commune', '2026-06-01'))).body).toMatchObject({
        eligible: true,
        reason: 'certificate_held',
        certificateId: cert.id,
        serialNumber: cert.serialNumber,
        certificateCode: cert.code,
        expiresOn: null,
      });
      // A certificate for another title does not count.
      expect((await eligibility(tokens['admin.hanoi'], q('secretary.province', '2026-06-01'))).body).toMatchObject({ eligible: false, reason: 'no_certificate' });
    });

    it('with a grace window: a newly appointed holder is eligible for 12 months without the certificate, only for the title held', async () => {
      await t.db.query(`UPDATE cadre_profiles SET title = 'deputy_secretary.commune', title_since = '2026-01-15' WHERE user_id = $1`, [cadreId]);
      try {
        expect((await eligibility(tokens['admin.hanoi'], q('deputy_secretary.commune', '2026-06-01'))).body).toMatchObject({
          eligible: true,
          reason: 'within_grace_window',
          graceEndsOn: '2027-01-15',
        });
        expect((await eligibility(tokens['admin.hanoi'], q('deputy_secretary.commune', '2027-01-14'))).body.eligible).toBe(true);
        expect((await eligibility(tokens['admin.hanoi'], q('deputy_secretary.commune', '2027-01-15'))).body).toMatchObject({ eligible: false, reason: 'grace_window_over' });
        expect((await eligibility(tokens['admin.hanoi'], q('deputy_secretary.commune', '2026-01-14'))).body.reason).toBe('no_certificate');
        // No grace for a title the cadre is only planned for.
        expect((await eligibility(tokens['admin.hanoi'], q('secretary.province', '2026-06-01'))).body.reason).toBe('no_certificate');
      } finally {
        await t.db.query(`UPDATE cadre_profiles SET title = 'secretary.commune', title_since = NULL WHERE user_id = $1`, [cadreId]);
      }
    });

    it('honours expiry under a rule set with a validity period, with and without the grace window, and never counts a revoked certificate', async () => {
      await t.db.query(
        `INSERT INTO certificate_rule_sets (code, name, legal_basis, effective_from, rules) VALUES ('valid-2y', 'Two years', 'Test decree', '2099-01-01', $1)`,
        [JSON.stringify({ attendanceShareRequired: 1, passMarkPercent: 50, rulesKeptRequired: true, issueOnce: true, validityMonths: 24, titleGraceMonths: 12 })],
      );
      try {
        const service = t.app.get(CertificatesService);
        const learner = { userId: cadreId, fullName: 'Lê Thu Hà', dateOfBirth: null };
        const old = await service.issue(null, input({ learner, program: { code: 'PBT-T', name: 'Phó Bí thư tỉnh', titles: ['deputy_secretary.province'] }, issuedOn: '2024-02-01', course: { id: courseId(), startsOn: '2024-01-02', endsOn: '2024-01-20' } }));
        await t.db.query(`UPDATE certificates SET rule_set_code = 'valid-2y' WHERE id = $1`, [old.id]);
        expect((await eligibility(tokens['admin.hanoi'], q('deputy_secretary.province', '2026-01-31'))).body).toMatchObject({ eligible: true, expiresOn: '2026-02-01' });
        expect((await eligibility(tokens['admin.hanoi'], q('deputy_secretary.province', '2026-02-01'))).body).toMatchObject({
          eligible: false,
          reason: 'certificate_expired',
          certificateId: old.id,
        });
        // The same expired certificate, for a cadre appointed to the title since: the grace window covers the renewal.
        await t.db.query(`UPDATE cadre_profiles SET title = 'deputy_secretary.province', title_since = '2025-12-01' WHERE user_id = $1`, [cadreId]);
        expect((await eligibility(tokens['admin.hanoi'], q('deputy_secretary.province', '2026-02-01'))).body).toMatchObject({ eligible: true, reason: 'within_grace_window', graceEndsOn: '2026-12-01' });
        await t.db.query(`UPDATE cadre_profiles SET title = 'secretary.commune', title_since = NULL WHERE user_id = $1`, [cadreId]);

        const pioneer = await issueVia(
          tokens['admin.hanoi'],
          input({ learner, program: { code: 'HDD', name: 'Chủ tịch Hội đồng Đội', titles: ['pioneer_council_chair.commune'] }, course: { id: courseId(), startsOn: '2026-03-02', endsOn: '2026-03-11' } }),
        );
        expect((await eligibility(tokens['admin.hanoi'], q('pioneer_council_chair.commune'))).body.eligible).toBe(true);
        expect((await revoke(pioneer.body.id)).status).toBe(200);
        expect((await eligibility(tokens['admin.hanoi'], q('pioneer_council_chair.commune'))).body).toMatchObject({ eligible: false, reason: 'certificate_revoked' });
      } finally {
        await t.db.query(`UPDATE certificates SET rule_set_code = 'tt-03-2023-bnv' WHERE rule_set_code = 'valid-2y'`);
        await t.db.query(`DELETE FROM certificate_rule_sets WHERE code = 'valid-2y'`);
      }
    });

    it('answers the cadre and admins of the subtree, 404 for others, 400 for a bad title or date', async () => {
      expect((await eligibility(tokens['giangvien'], q('secretary.commune'))).status).toBe(200);
      expect((await eligibility(tokens['admin.danang'], q('secretary.commune'))).status).toBe(404);
      expect((await eligibility(tokens['hocvien'], q('secretary.commune'))).status).toBe(404);
      expect((await eligibility(tokens['admin.hanoi'], q('general.secretary'))).status).toBe(400);
      expect((await eligibility(tokens['admin.hanoi'], q('secretary.commune', '01-06-2026'))).status).toBe(400);
      expect((await eligibility(tokens['admin.hanoi'], `userId=${'0'.repeat(8)}-0000-4000-8000-000000000000&title=secretary.commune`)).status).toBe(404);
      expect((await t.request('GET', `/api/v1/eligibility?${q('secretary.commune')}`)).status).toBe(401);
    });

    it('checks a nomination list in one request: per cadre in the order asked, others of reach listed as not found', async () => {
      const [{ id: learnerOfBaDinh }] = await t.db.query(`SELECT id FROM users WHERE username = 'hocvien'`);
      const unknown = '00000000-0000-4000-8000-00000000abcd';
      const check = (token: string, body: unknown) => t.request<TitleEligibilityBatch>('POST', '/api/v1/eligibility/check', { token, body });

      const res = await check(tokens['admin.hanoi'], { title: 'secretary.commune', on: '2026-06-01', userIds: [learnerOfBaDinh, unknown, cadreId, cadreId] });
      expect(res.status).toBe(200);
      expect(res.body.title).toBe('secretary.commune');
      expect(res.body.on).toBe('2026-06-01');
      expect(res.body.notFound).toEqual([unknown]);
      expect(res.body.results.map((r) => r.userId)).toEqual([learnerOfBaDinh, cadreId]);
      // Each answer is the single-cadre answer.
      for (const r of res.body.results) {
        expect(r).toEqual((await eligibility(tokens['admin.hanoi'], `userId=${r.userId}&title=secretary.commune&on=2026-06-01`)).body);
      }
      expect(res.body.results[1]).toMatchObject({ eligible: true, reason: 'certificate_held' });
      expect(res.body.results[1].serialNumber).toBeTruthy();

      // Another subtree's admin sees neither cadre, and learns nothing else.
      const foreign = await check(tokens['admin.danang'], { title: 'secretary.commune', on: '2026-06-01', userIds: [learnerOfBaDinh, cadreId] });
      expect(foreign.status).toBe(200);
      expect(foreign.body).toEqual({ title: 'secretary.commune', on: '2026-06-01', results: [], notFound: [learnerOfBaDinh, cadreId] });

      const bad = (body: unknown) => check(tokens['admin.hanoi'], body).then((r) => r.status);
      expect(await bad({ title: 'general.secretary', userIds: [cadreId] })).toBe(400);
      expect(await bad({ title: 'secretary.commune', userIds: [] })).toBe(400);
      expect(await bad({ title: 'secretary.commune', userIds: ['not-a-uuid'] })).toBe(400);
      expect(await bad({ title: 'secretary.commune', on: '01-06-2026', userIds: [cadreId] })).toBe(400);
      expect(await bad({ title: 'secretary.commune', userIds: Array.from({ length: 501 }, () => randomUUID()) })).toBe(400);
      expect(await bad({ title: 'secretary.commune', userIds: Array.from({ length: 500 }, () => randomUUID()) })).toBe(200);
      expect((await t.request('POST', '/api/v1/eligibility/check', { body: { title: 'secretary.commune', userIds: [cadreId] } })).status).toBe(401);
    });
  });
});
