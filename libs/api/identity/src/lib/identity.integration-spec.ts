import { createTestApp, type TestApp } from '@boiduong/api-testing';
import type { LoginResponse, OrgUnitSummary, TokenPair } from '@boiduong/shared-contracts';
import { BootstrapService, DEMO_PASSWORD } from './services/bootstrap.service';
import { IdentityModule } from './identity.module';
import { SessionsService } from './services/sessions.service';

describe('identity against PostgreSQL', () => {
  let t: TestApp;
  const admin = { username: 'root.admin', password: 'Root-admin-password-1' };

  beforeAll(async () => {
    t = await createTestApp([IdentityModule], {
      BOOTSTRAP_ADMIN_USERNAME: admin.username,
      BOOTSTRAP_ADMIN_PASSWORD: admin.password,
      DEMO_DATA: 'true',
    });
    await t.app.get(BootstrapService).run();
  });
  afterAll(() => t.close());

  const login = async (username: string, password: string) =>
    t.request<LoginResponse>('POST', '/api/v1/auth/login', { body: { username, password } });

  describe('bootstrap', () => {
    it('creates the first super admin on the central unit, once', async () => {
      const again = await t.app.get(BootstrapService).run();
      expect(again).toEqual({ adminCreated: false, demoLoaded: false });
      const rows = await t.db.query(
        `SELECT u.username, o.type, o.parent_id FROM role_grants g JOIN users u ON u.id = g.user_id
           JOIN org_units o ON o.id = g.org_unit_id WHERE g.role = 'super_admin'`,
      );
      expect(rows).toEqual([{ username: admin.username, type: 'central', parent_id: null }]);
    });
  });

  describe('login', () => {
    it('signs in by username or email-insensitive case and returns roles and permissions', async () => {
      const res = await login('ROOT.ADMIN', admin.password);
      expect(res.status).toBe(200);
      expect(res.body.user.username).toBe(admin.username);
      expect(res.body.user.roles).toEqual([expect.objectContaining({ role: 'super_admin', orgUnitCode: 'TWD' })]);
      expect(res.body.user.permissions).toContain('user.manage');
      const me = await t.request('GET', '/api/v1/me', { token: res.body.accessToken });
      expect(me.status).toBe(200);
      expect(me.body).toEqual(res.body.user);
    });

    it('answers a wrong password and an unknown user identically', async () => {
      const wrong = await login('hocvien', 'not-the-password');
      const unknown = await login('nobody-here', 'not-the-password');
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      const strip = (b: unknown) => ({ ...(b as object), requestId: undefined });
      expect(strip(wrong.body)).toEqual(strip(unknown.body));
      expect(wrong.body).toMatchObject({ code: 'AUTH_INVALID_CREDENTIALS', message: { vi: expect.any(String), en: expect.any(String) } });
    });

    it('refuses malformed bodies with field errors', async () => {
      const res = await t.request('POST', '/api/v1/auth/login', { body: { username: 'a', extra: true } });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      const fields = (res.body as { details: { fields: Array<{ field: string }> } }).details.fields.map((f) => f.field);
      expect(fields).toEqual(expect.arrayContaining(['password', 'extra']));
    });

    it('locks the account after five failures, with a retry-after, even for the right password', async () => {
      for (let i = 0; i < 5; i++) expect((await login('admin.danang', 'wrong-password')).status).toBe(401);
      const locked = await login('admin.danang', DEMO_PASSWORD);
      expect(locked.status).toBe(423);
      expect(locked.body).toMatchObject({ code: 'AUTH_ACCOUNT_LOCKED' });
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
      await t.db.query(`UPDATE users SET locked_until = now() - interval '1 second' WHERE username = 'admin.danang'`);
      const after = await login('admin.danang', DEMO_PASSWORD);
      expect(after.status).toBe(200);
      const [row] = await t.db.query(`SELECT failed_login_count FROM users WHERE username = 'admin.danang'`);
      expect(row.failed_login_count).toBe(0);
    });
  });

  describe('refresh tokens', () => {
    it('rotates: each refresh spends the token and issues the next', async () => {
      const first = (await login('hocvien', DEMO_PASSWORD)).body;
      const second = await t.request<TokenPair>('POST', '/api/v1/auth/refresh', { body: { refreshToken: first.refreshToken } });
      expect(second.status).toBe(200);
      expect(second.body.refreshToken).not.toBe(first.refreshToken);
      const third = await t.request<TokenPair>('POST', '/api/v1/auth/refresh', { body: { refreshToken: second.body.refreshToken } });
      expect(third.status).toBe(200);
      expect((await t.request('GET', '/api/v1/me', { token: third.body.accessToken })).status).toBe(200);
    });

    it('treats reuse of a spent token as theft and revokes the whole family', async () => {
      const first = (await login('giangvien', DEMO_PASSWORD)).body;
      const second = await t.request<TokenPair>('POST', '/api/v1/auth/refresh', { body: { refreshToken: first.refreshToken } });
      const reuse = await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: first.refreshToken } });
      expect(reuse.status).toBe(401);
      expect(reuse.body).toMatchObject({ code: 'AUTH_REFRESH_REUSED' });
      const legit = await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: second.body.refreshToken } });
      expect(legit.status).toBe(401);
    });

    it('lets only one of two concurrent refreshes with the same token succeed', async () => {
      const first = (await login('hocvien', DEMO_PASSWORD)).body;
      const both = await Promise.all([1, 2].map(() => t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: first.refreshToken } })));
      expect(both.map((r) => r.status).sort()).toEqual([200, 401]);
    });

    it('ends the family on logout and rejects forged tokens', async () => {
      const first = (await login('hocvien', DEMO_PASSWORD)).body;
      expect((await t.request('POST', '/api/v1/auth/logout', { body: { refreshToken: first.refreshToken } })).status).toBe(204);
      expect((await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: first.refreshToken } })).status).toBe(401);
      const forged = `${first.refreshToken.split('.')[0]}.forged-secret-value`;
      expect((await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: forged } })).status).toBe(401);
    });

    it('purges tokens long expired', async () => {
      await login('hocvien', DEMO_PASSWORD);
      await t.db.query(`UPDATE refresh_tokens SET expires_at = now() - interval '2 days'`);
      const purged = await t.app.get(SessionsService).purgeExpired();
      expect(purged).toBeGreaterThan(0);
      expect(Number((await t.db.query(`SELECT count(*) FROM refresh_tokens`))[0].count)).toBe(0);
    });
  });

  describe('org units and users, scoped to a subtree', () => {
    let root: string;
    let hanoi: string;
    let danang: string;
    let rootToken: string;
    let hanoiToken: string;
    let learnerToken: string;

    beforeAll(async () => {
      rootToken = (await login(admin.username, admin.password)).body.accessToken;
      hanoiToken = (await login('admin.hanoi', DEMO_PASSWORD)).body.accessToken;
      learnerToken = (await login('hocvien', DEMO_PASSWORD)).body.accessToken;
      const units = (await t.request<OrgUnitSummary[]>('GET', '/api/v1/org-units', { token: rootToken })).body;
      const idOf = (code: string) => {
        const unit = units.find((u) => u.code === code);
        if (!unit) throw new Error(`demo unit ${code} is missing`);
        return unit.id;
      };
      root = idOf('TWD');
      hanoi = idOf('HNI');
      danang = idOf('DNG');
    });

    it('lets a province admin create a commune in its province', async () => {
      const res = await t.request<OrgUnitSummary>('POST', '/api/v1/org-units', {
        token: hanoiToken,
        body: { parentId: hanoi, code: 'HNI-TAYHO', name: 'Đoàn phường Tây Hồ', type: 'commune' },
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ code: 'HNI-TAYHO', parentId: hanoi, validTo: null });
      const children = await t.request<OrgUnitSummary[]>('GET', `/api/v1/org-units/${hanoi}/children`, { token: hanoiToken });
      expect(children.body.map((c) => c.code)).toContain('HNI-TAYHO');
    });

    it('hides another province (404), refuses a duplicate code (409) and historical types (422)', async () => {
      const other = await t.request('POST', '/api/v1/org-units', {
        token: hanoiToken,
        body: { parentId: danang, code: 'DNG-X', name: 'X', type: 'commune' },
      });
      expect(other.status).toBe(404);
      expect((await t.request('GET', `/api/v1/org-units/${danang}`, { token: hanoiToken })).status).toBe(404);
      const dup = await t.request('POST', '/api/v1/org-units', {
        token: rootToken,
        body: { parentId: root, code: 'hni', name: 'Trùng mã', type: 'province' },
      });
      expect(dup.status).toBe(409);
      expect(dup.body).toMatchObject({ code: 'ORG_UNIT_CODE_TAKEN' });
      const district = await t.request('POST', '/api/v1/org-units', {
        token: rootToken,
        body: { parentId: hanoi, code: 'HNI-OLD', name: 'Quận đoàn cũ', type: 'district' },
      });
      expect(district.status).toBe(422);
    });

    it('lists only units inside the subtree and finds names without diacritics, đ included', async () => {
      const list = await t.request<OrgUnitSummary[]>('GET', '/api/v1/org-units', { token: hanoiToken });
      const codes = list.body.map((u) => u.code);
      expect(codes).toContain('HNI-BADINH');
      expect(codes).not.toContain('DNG');
      expect(codes).not.toContain('TWD');
      const search = await t.request<OrgUnitSummary[]>('GET', '/api/v1/org-units?q=doan%20phuong%20ba%20dinh', { token: rootToken });
      expect(search.body[0]?.code).toBe('HNI-BADINH');
    });

    it('forbids learners from managing units (403)', async () => {
      const res = await t.request('POST', '/api/v1/org-units', {
        token: learnerToken,
        body: { parentId: hanoi, code: 'HNI-Z', name: 'Z', type: 'commune' },
      });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 'FORBIDDEN' });
    });

    it('creates users inside the subtree, refuses duplicates and grants outside it', async () => {
      const badinh = (await t.request<OrgUnitSummary[]>('GET', '/api/v1/org-units?q=HNI-BADINH', { token: hanoiToken })).body[0];
      const body = { username: 'tran.van.duc', password: 'A-strong-password-1', fullName: 'Trần Văn Đức', orgUnitId: badinh.id, roles: [{ role: 'learner', orgUnitId: badinh.id }] };
      const created = await t.request<{ id: string }>('POST', '/api/v1/users', { token: hanoiToken, body });
      expect(created.status).toBe(201);
      expect((await t.request('POST', '/api/v1/users', { token: hanoiToken, body: { ...body, username: 'TRAN.VAN.DUC' } })).status).toBe(409);
      const outside = await t.request('POST', '/api/v1/users', {
        token: hanoiToken,
        body: { ...body, username: 'someone.else', roles: [{ role: 'org_admin', orgUnitId: danang }] },
      });
      expect(outside.status).toBe(403);
      const superGrant = await t.request('POST', '/api/v1/users', {
        token: hanoiToken,
        body: { ...body, username: 'wannabe.root', roles: [{ role: 'super_admin', orgUnitId: hanoi }] },
      });
      expect(superGrant.status).toBe(403);
      const found = await t.request<Array<{ username: string }>>('GET', '/api/v1/users?q=tran%20van%20duc', { token: hanoiToken });
      expect(found.body.map((u) => u.username)).toEqual(['tran.van.duc']);
      const danangAdmin = (await login('admin.danang', DEMO_PASSWORD)).body.accessToken;
      expect((await t.request('GET', `/api/v1/users/${created.body.id}`, { token: danangAdmin })).status).toBe(404);
      expect((await t.request('GET', `/api/v1/users/${created.body.id}`, { token: hanoiToken })).status).toBe(200);
    });

    it('rejects requests without a valid token', async () => {
      expect((await t.request('GET', '/api/v1/org-units')).status).toBe(401);
      expect((await t.request('GET', '/api/v1/org-units', { token: 'not-a-token' })).status).toBe(401);
      expect((await t.request('GET', '/api/v1/users/not-a-uuid', { token: hanoiToken })).status).toBe(400);
    });
  });
});
