import { createTestApp, type TestApp } from '@boiduong/api-testing';
import { Permission, permissionsOf, type LoginResponse, type Role } from '@boiduong/shared-contracts';
import { RequestMethod, VERSION_NEUTRAL, type INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, VERSION_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { IdentityModule } from './identity.module';
import { BootstrapService, DEMO_ACCOUNTS, DEMO_PASSWORD } from './services/bootstrap.service';

/** Ids a rule's sample request may use: resources of Hà Nội, which Đà Nẵng's admin must not reach. */
interface Fixtures {
  hanoiUnit: string;
  hanoiSibling: string;
  hanoiUser: string;
  danangUnit: string;
}

type Rule =
  | { rule: 'public' }
  | { rule: 'signed-in' }
  | { rule: 'permission'; permission: Permission }
  /** Needs the permission, and on another subtree's resource answers 404. */
  | { rule: 'scoped'; permission: Permission; sample: (f: Fixtures) => { url: string; body?: unknown } };

/**
 * Every route of the app and who may call it. A route missing here fails the test, so a new
 * endpoint cannot ship without deciding its rule.
 */
const ROUTES: Record<string, Rule> = {
  'GET /api/v1/health': { rule: 'public' },
  'GET /api/health': { rule: 'public' },
  'GET /api/v1/health/live': { rule: 'public' },
  'GET /api/health/live': { rule: 'public' },
  'POST /api/v1/auth/login': { rule: 'public' },
  'POST /api/v1/auth/refresh': { rule: 'public' },
  'POST /api/v1/auth/logout': { rule: 'public' },
  'GET /api/v1/me': { rule: 'signed-in' },
  'POST /api/v1/me/password': { rule: 'signed-in' },
  'POST /api/v1/org-units': {
    rule: 'scoped',
    permission: Permission.OrgUnitManage,
    sample: (f) => ({ url: '/api/v1/org-units', body: { parentId: f.hanoiUnit, code: 'AUTHZ-X', name: 'X', type: 'branch' } }),
  },
  'GET /api/v1/org-units': { rule: 'permission', permission: Permission.OrgUnitRead },
  'GET /api/v1/org-units/:id': {
    rule: 'scoped',
    permission: Permission.OrgUnitRead,
    sample: (f) => ({ url: `/api/v1/org-units/${f.hanoiUnit}` }),
  },
  'GET /api/v1/org-units/:id/children': {
    rule: 'scoped',
    permission: Permission.OrgUnitRead,
    sample: (f) => ({ url: `/api/v1/org-units/${f.hanoiUnit}/children` }),
  },
  'GET /api/v1/org-units/:id/successions': {
    rule: 'scoped',
    permission: Permission.OrgUnitRead,
    sample: (f) => ({ url: `/api/v1/org-units/${f.hanoiUnit}/successions` }),
  },
  'POST /api/v1/org-units/merge': {
    rule: 'scoped',
    permission: Permission.OrgUnitManage,
    sample: (f) => ({
      url: '/api/v1/org-units/merge',
      body: { sourceIds: [f.hanoiUnit], successor: { id: f.danangUnit }, effectiveOn: '2025-07-01' },
    }),
  },
  'POST /api/v1/org-units/:id/split': {
    rule: 'scoped',
    permission: Permission.OrgUnitManage,
    sample: (f) => ({
      url: `/api/v1/org-units/${f.hanoiUnit}/split`,
      body: { effectiveOn: '2025-07-01', successors: [{ id: f.danangUnit }, { id: f.danangUnit }] },
    }),
  },
  'POST /api/v1/org-units/:id/move': {
    rule: 'scoped',
    permission: Permission.OrgUnitManage,
    sample: (f) => ({ url: `/api/v1/org-units/${f.hanoiUnit}/move`, body: { parentId: f.hanoiSibling } }),
  },
  'POST /api/v1/users': {
    rule: 'scoped',
    permission: Permission.UserManage,
    sample: (f) => ({
      url: '/api/v1/users',
      body: { username: 'authz.x', password: 'Authz-password-1', fullName: 'X', orgUnitId: f.hanoiUnit, roles: [] },
    }),
  },
  'GET /api/v1/users': {
    rule: 'scoped',
    permission: Permission.UserRead,
    sample: (f) => ({ url: `/api/v1/users?orgUnitId=${f.hanoiUnit}` }),
  },
  'GET /api/v1/users/:id': {
    rule: 'scoped',
    permission: Permission.UserRead,
    sample: (f) => ({ url: `/api/v1/users/${f.hanoiUser}` }),
  },
  'POST /api/v1/users/:id/reset-password': {
    rule: 'scoped',
    permission: Permission.UserManage,
    sample: (f) => ({ url: `/api/v1/users/${f.hanoiUser}/reset-password`, body: { newPassword: 'Authz-password-1' } }),
  },
  'POST /api/v1/users/:id/move': {
    rule: 'scoped',
    permission: Permission.UserManage,
    sample: (f) => ({ url: `/api/v1/users/${f.hanoiUser}/move`, body: { orgUnitId: f.hanoiSibling } }),
  },
  'GET /api/v1/audit': {
    rule: 'scoped',
    permission: Permission.AuditRead,
    sample: (f) => ({ url: `/api/v1/audit?orgUnitId=${f.hanoiUnit}` }),
  },
  // Rows outside the importer's subtree are refused row by row (422, tested with the import).
  'POST /api/v1/imports/cadres': { rule: 'permission', permission: Permission.UserManage },
  'GET /api/v1/imports/cadres/template': { rule: 'permission', permission: Permission.UserManage },
};

/** `METHOD /path` of every controller route, as Nest registers it (global prefix and URI versions). */
function collectRoutes(app: INestApplication): string[] {
  const scanner = new MetadataScanner();
  const routes: string[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: unknown[]) => unknown) | null;
      if (!type) continue;
      const base = Reflect.getMetadata(PATH_METADATA, type) as string | string[];
      const controllerVersion = Reflect.getMetadata(VERSION_METADATA, type);
      for (const name of scanner.getAllMethodNames(type.prototype)) {
        const handler = (type.prototype as Record<string, object>)[name];
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (path === undefined || method === undefined) continue;
        const version = Reflect.getMetadata(VERSION_METADATA, handler) ?? controllerVersion ?? '1';
        for (const v of Array.isArray(version) ? version : [version]) {
          const prefix = v === VERSION_NEUTRAL ? 'api' : `api/v${String(v)}`;
          const full = [prefix, ...[base].flat(), path].flatMap((p) => String(p).split('/')).filter(Boolean).join('/');
          routes.push(`${RequestMethod[method]} /${full}`);
        }
      }
    }
  }
  return routes.sort();
}

describe('authorization of every route', () => {
  let t: TestApp;
  let fixtures: Fixtures;
  const tokens = new Map<string, string>();
  const roleHolders = DEMO_ACCOUNTS.filter((a) => a.unit !== 'DNG');

  beforeAll(async () => {
    t = await createTestApp([IdentityModule], {
      BOOTSTRAP_ADMIN_USERNAME: 'root.admin',
      BOOTSTRAP_ADMIN_PASSWORD: 'Root-admin-password-1',
      DEMO_DATA: 'true',
    });
    await t.app.get(BootstrapService).run();
    for (const account of DEMO_ACCOUNTS) {
      const res = await t.request<LoginResponse>('POST', '/api/v1/auth/login', { body: { username: account.username, password: DEMO_PASSWORD } });
      tokens.set(account.username, res.body.accessToken);
    }
    const [unit] = await t.db.query(`SELECT id FROM org_units WHERE code = 'HNI-BADINH'`);
    const [danangUnit] = await t.db.query(`SELECT id FROM org_units WHERE code = 'DNG-HAICHAU'`);
    const [sibling] = await t.db.query(`SELECT id FROM org_units WHERE code = 'HNI-HOANKIEM'`);
    const [user] = await t.db.query(`SELECT id FROM users WHERE username = 'hocvien'`);
    fixtures = { hanoiUnit: unit.id, hanoiSibling: sibling.id, hanoiUser: user.id, danangUnit: danangUnit.id };
  });
  afterAll(() => t.close());

  it('has a rule for every route of the app, and no rule for a route that does not exist', () => {
    const routes = collectRoutes(t.app);
    expect(routes.length).toBeGreaterThan(15);
    expect(routes.filter((r) => !(r in ROUTES))).toEqual([]);
    expect(Object.keys(ROUTES).filter((r) => !routes.includes(r))).toEqual([]);
  });

  const guarded = Object.entries(ROUTES).filter(([, r]) => r.rule !== 'public');

  it.each(guarded)('%s refuses requests without a token (401)', async (route) => {
    const [method, path] = route.split(' ');
    const res = await t.request(method, path.replace(':id', '00000000-0000-4000-8000-000000000000'));
    expect(res.status).toBe(401);
  });

  const withPermission = Object.entries(ROUTES).filter(
    (e): e is [string, Extract<Rule, { permission: Permission }>] => 'permission' in e[1],
  );

  it.each(withPermission)('%s refuses every role without its permission (403)', async (route, rule) => {
    const [method, path] = route.split(' ');
    const lacking = roleHolders.filter((a) => !permissionsOf(a.roles as Role[]).includes(rule.permission));
    expect(lacking.length).toBeGreaterThan(0);
    for (const account of lacking) {
      const sample = rule.rule === 'scoped' ? rule.sample(fixtures) : { url: path, body: undefined };
      const res = await t.request(method, sample.url, { token: tokens.get(account.username), body: sample.body });
      expect({ account: account.username, status: res.status }).toEqual({ account: account.username, status: 403 });
    }
  });

  const scoped = withPermission.filter((e): e is [string, Extract<Rule, { rule: 'scoped' }>] => e[1].rule === 'scoped');

  it.each(scoped)("%s hides another province's resources from its admin (404)", async (route, rule) => {
    const [method] = route.split(' ');
    const sample = rule.sample(fixtures);
    const res = await t.request(method, sample.url, { token: tokens.get('admin.danang'), body: sample.body });
    expect(res.status).toBe(404);
    // The same request by Hà Nội's own admin is not refused (the rule is about scope, not a broken sample).
    const own = await t.request(method, sample.url, { token: tokens.get('admin.hanoi'), body: sample.body });
    expect([401, 403, 404]).not.toContain(own.status);
  });
});
