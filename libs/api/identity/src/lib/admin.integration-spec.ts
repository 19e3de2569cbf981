import { validateEnvironment } from '@boiduong/api-core';
import { createTestApp, signIn, type TestApp } from '@boiduong/api-testing';
import { CADRE_IMPORT_HEADERS, ORG_UNIT_IMPORT_HEADERS, type ImportResult, type ImportRowError, type LoginResponse, type OrgUnitSummary, type UserDetail } from '@boiduong/shared-contracts';
import { Workbook } from 'exceljs';
import type { EntityManager } from 'typeorm';
import { IdentityModule } from './identity.module';
import { BootstrapService, DEMO_PASSWORD } from './services/bootstrap.service';
import { loginLimitsOf } from './services/login-rate-limiter';
import { OrgUnitSuccessionParticipant, OrgUnitSuccessions, type OrgUnitSuccessionChange } from './services/org-unit-successions';
import { containsSql } from './services/search';
import { visibleSql } from './services/visibility';

/** Cadre profiles, the tree's merges, splits and moves, indexed search and the audit log. */
describe('identity administration against PostgreSQL', () => {
  let t: TestApp;
  let root: string;
  let hanoi: string;
  let danang: string;
  let learner: string;
  const unitIds = new Map<string, string>();

  const login = (username: string, password = DEMO_PASSWORD) => signIn(t, username, password);
  const unit = (code: string) => {
    const id = unitIds.get(code);
    if (!id) throw new Error(`no unit ${code}`);
    return id;
  };
  const createUnit = async (token: string, parentCode: string, code: string, name: string, type = 'commune') => {
    const res = await t.request<OrgUnitSummary>('POST', '/api/v1/org-units', {
      token,
      body: { parentId: unit(parentCode), code, name, type },
    });
    expect(res.status).toBe(201);
    unitIds.set(code, res.body.id);
    return res.body.id;
  };
  const createUser = async (token: string, unitCode: string, username: string, fullName: string, extra: object = {}) => {
    const res = await t.request<UserDetail>('POST', '/api/v1/users', {
      token,
      body: { username, password: 'Cadre-password-1', fullName, orgUnitId: unit(unitCode), roles: [], ...extra },
    });
    expect(res.status).toBe(201);
    return res.body.id;
  };

  beforeAll(async () => {
    t = await createTestApp([IdentityModule], {
      BOOTSTRAP_ADMIN_USERNAME: 'root.admin',
      BOOTSTRAP_ADMIN_PASSWORD: 'Root-admin-password-1',
      DEMO_DATA: 'true',
    });
    await t.app.get(BootstrapService).run();
    const rows: Array<{ id: string; code: string }> = await t.db.query(`SELECT id, code FROM org_units`);
    for (const r of rows) unitIds.set(r.code, r.id);
    root = await login('root.admin', 'Root-admin-password-1');
    hanoi = await login('admin.hanoi');
    danang = await login('admin.danang');
    learner = await login('hocvien');
  });
  afterAll(() => t.close());

  describe('cadre and lecturer profiles', () => {
    it('stores and returns the cadre profile, personal details and lecturer profile', async () => {
      const body = {
        username: 'bt.badinh',
        password: 'Cadre-password-1',
        fullName: 'Hoàng Thị Lan',
        dateOfBirth: '1994-09-02',
        gender: 'female',
        email: 'lan@example.vn',
        phone: '0912 345 678',
        orgUnitId: unit('HNI-BADINH'),
        roles: [{ role: 'learner', orgUnitId: unit('HNI-BADINH') }],
        cadre: {
          title: 'secretary.commune',
          plannedTitles: ['secretary.province', 'deputy_secretary.province'],
          employment: 'full_time',
          theoryLevel: 'intermediate',
          education: 'Cử nhân Luật',
        },
        lecturer: { specialties: ['propaganda'], programsTaught: ['BT-XA'] },
      };
      const created = await t.request<UserDetail>('POST', '/api/v1/users', { token: hanoi, body });
      expect(created.status).toBe(201);
      const got = await t.request<UserDetail>('GET', `/api/v1/users/${created.body.id}`, { token: hanoi });
      expect(got.status).toBe(200);
      expect(got.body).toMatchObject({
        fullName: 'Hoàng Thị Lan',
        dateOfBirth: '1994-09-02',
        gender: 'female',
        phone: '0912 345 678',
        cadre: body.cadre,
        lecturer: body.lecturer,
        mustChangePassword: false,
      });
      const plain = await createUser(hanoi, 'HNI-BADINH', 'no.profile', 'Vũ Văn Nam');
      const noProfile = await t.request<UserDetail>('GET', `/api/v1/users/${plain}`, { token: hanoi });
      expect(noProfile.body).toMatchObject({ cadre: null, lecturer: null, dateOfBirth: null, gender: null, phone: null });
    });

    it('refuses historical titles for new assignments and unknown codes, with field errors', async () => {
      const base = { username: 'hist.title', password: 'Cadre-password-1', fullName: 'Đỗ Văn Hùng', orgUnitId: unit('HNI'), roles: [] };
      const historical = await t.request('POST', '/api/v1/users', {
        token: hanoi,
        body: { ...base, cadre: { title: 'secretary.district', plannedTitles: [], employment: 'full_time' } },
      });
      expect(historical.status).toBe(400);
      expect(JSON.stringify(historical.body)).toContain('cadre.title');
      const bad = await t.request<{ details: { fields: Array<{ field: string }> } }>('POST', '/api/v1/users', {
        token: hanoi,
        body: {
          ...base,
          gender: 'x',
          dateOfBirth: '02/09/1994',
          cadre: { title: 'secretary.branch', plannedTitles: ['deputy_secretary.district'], employment: 'sometimes' },
        },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.details.fields.map((f) => f.field)).toEqual(
        expect.arrayContaining(['gender', 'dateOfBirth', 'cadre.plannedTitles', 'cadre.employment']),
      );
    });
  });
  const today = new Date().toISOString().slice(0, 10);
  const grantAdmin = async (unitCode: string, username: string) => {
    await createUser(root, unitCode, username, `Quản trị ${unitCode}`, { roles: [{ role: 'org_admin', orgUnitId: unit(unitCode) }] });
    const res = await t.request<LoginResponse>('POST', '/api/v1/auth/login', { body: { username, password: 'Cadre-password-1' } });
    return res.body.accessToken;
  };
  /** Every unit's path is its parent's path plus its own label: the tree invariant moves must keep. */
  const expectTreeConsistent = async () => {
    const broken = await t.db.query(
      `SELECT c.code FROM org_units c LEFT JOIN org_units p ON p.id = c.parent_id
        WHERE (p.id IS NULL AND nlevel(c.path) <> 1)
           OR (p.id IS NOT NULL AND c.path <> p.path || replace(c.id::text, '-', '')::ltree)`,
    );
    expect(broken).toEqual([]);
  };

  describe('merge, split and move', () => {
    it('merges three communes into a new one: closes them, links them, moves people and open children', async () => {
      for (const n of [1, 2, 3]) {
        await createUnit(hanoi, 'HNI', `HNI-XA${n}`, `Đoàn xã Số ${n}`);
        await createUser(hanoi, `HNI-XA${n}`, `canbo.xa${n}`, `Cán bộ Xã ${n}`, { roles: [{ role: 'org_admin', orgUnitId: unit(`HNI-XA${n}`) }] });
      }
      // A learner of two of the communes, and a lecturer of the province: only grants on closing units move.
      await createUser(hanoi, 'HNI-XA2', 'hocvien.xa', 'Học viên Hai Xã', {
        roles: [
          { role: 'learner', orgUnitId: unit('HNI-XA2') },
          { role: 'learner', orgUnitId: unit('HNI-XA3') },
          { role: 'lecturer', orgUnitId: unit('HNI') },
        ],
      });
      await createUnit(hanoi, 'HNI-XA1', 'HNI-XA1-CD', 'Chi đoàn Thôn Đông', 'branch');
      const res = await t.request<{ successor: OrgUnitSummary; closed: OrgUnitSummary[]; movedUsers: number; movedUnits: number }>(
        'POST',
        '/api/v1/org-units/merge',
        {
          token: hanoi,
          body: {
            sourceIds: [unit('HNI-XA1'), unit('HNI-XA2'), unit('HNI-XA3')],
            successor: { parentId: unit('HNI'), code: 'HNI-XAMOI', name: 'Đoàn xã Hợp Nhất', type: 'commune' },
            effectiveOn: today,
          },
        },
      );
      expect(res.status).toBe(200);
      unitIds.set('HNI-XAMOI', res.body.successor.id);
      expect(res.body).toMatchObject({ movedUsers: 4, movedUnits: 1 });
      const grants = await t.db.query(
        `SELECT u.username, g.role, o.code FROM role_grants g JOIN users u ON u.id = g.user_id JOIN org_units o ON o.id = g.org_unit_id
          WHERE u.username LIKE 'canbo.xa%' OR u.username = 'hocvien.xa' ORDER BY u.username, g.role`,
      );
      expect(grants.map((g: { username: string; role: string; code: string }) => `${g.username} ${g.role} ${g.code}`)).toEqual([
        'canbo.xa1 org_admin HNI-XAMOI',
        'canbo.xa2 org_admin HNI-XAMOI',
        'canbo.xa3 org_admin HNI-XAMOI',
        'hocvien.xa learner HNI-XAMOI',
        'hocvien.xa lecturer HNI',
      ]);
      expect(res.body.closed.map((c) => c.validTo)).toEqual([today, today, today]);
      const links = await t.db.query(`SELECT kind FROM org_unit_successions WHERE successor_id = $1`, [unit('HNI-XAMOI')]);
      expect(links).toHaveLength(3);
      const people = await t.db.query(`SELECT username FROM users WHERE org_unit_id = $1 ORDER BY username`, [unit('HNI-XAMOI')]);
      expect(people.map((p: { username: string }) => p.username)).toEqual(['canbo.xa1', 'canbo.xa2', 'canbo.xa3', 'hocvien.xa']);
      const [branch] = await t.db.query(`SELECT parent_id FROM org_units WHERE code = 'HNI-XA1-CD'`);
      expect(branch.parent_id).toBe(unit('HNI-XAMOI'));
      // Closed units are refused as sources again, and the listing hides them unless asked.
      const again = await t.request('POST', '/api/v1/org-units/merge', {
        token: hanoi,
        body: { sourceIds: [unit('HNI-XA1')], successor: { id: unit('HNI-HOANKIEM') }, effectiveOn: today },
      });
      expect(again.status).toBe(422);
      expect(again.body).toMatchObject({ code: 'ORG_UNIT_CLOSED' });
      const open = await t.request<OrgUnitSummary[]>('GET', `/api/v1/org-units/${unit('HNI')}/children`, { token: hanoi });
      expect(open.body.map((u) => u.code)).not.toContain('HNI-XA1');
      const all = await t.request<OrgUnitSummary[]>('GET', `/api/v1/org-units/${unit('HNI')}/children?includeClosed=true`, { token: hanoi });
      expect(all.body.map((u) => u.code)).toContain('HNI-XA1');
      await expectTreeConsistent();
    });

    it("shows the predecessors to the successor's admin and to no one else", async () => {
      const successorAdmin = await grantAdmin('HNI-XAMOI', 'admin.xamoi');
      const neighbour = await grantAdmin('HNI-HOANKIEM', 'admin.hoankiem');
      expect((await t.request('GET', `/api/v1/org-units/${unit('HNI-XA2')}`, { token: successorAdmin })).status).toBe(200);
      expect((await t.request('GET', `/api/v1/org-units/${unit('HNI-XA2')}`, { token: neighbour })).status).toBe(404);
      expect((await t.request('GET', `/api/v1/org-units/${unit('HNI-XA2')}`, { token: danang })).status).toBe(404);
      const listed = await t.request<OrgUnitSummary[]>('GET', '/api/v1/org-units?includeClosed=true', { token: successorAdmin });
      expect(listed.body.map((u) => u.code).sort()).toEqual(['HNI-XA1', 'HNI-XA1-CD', 'HNI-XA2', 'HNI-XA3', 'HNI-XAMOI']);
      const links = await t.request<Array<{ predecessorId: string }>>('GET', `/api/v1/org-units/${unit('HNI-XAMOI')}/successions`, {
        token: successorAdmin,
      });
      expect(links.body).toHaveLength(3);
    });

    it('splits a commune: children and listed people move, the rest stay visible to every successor', async () => {
      await createUnit(hanoi, 'HNI', 'HNI-TACH', 'Đoàn phường Tách Đôi');
      await createUnit(hanoi, 'HNI-TACH', 'HNI-TACH-CD', 'Chi đoàn Khu phố 1', 'branch');
      const moving = await createUser(hanoi, 'HNI-TACH', 'tach.1', 'Người Đi Một');
      const toHoanKiem = await createUser(hanoi, 'HNI-TACH', 'tach.2', 'Người Đi Hai');
      const staying = await createUser(hanoi, 'HNI-TACH', 'tach.3', 'Người Ở Lại', { roles: [{ role: 'examiner', orgUnitId: unit('HNI-TACH') }] });
      const split = (successors: object[]) =>
        t.request<{ successors: OrgUnitSummary[]; movedUsers: number; usersLeft: number }>('POST', `/api/v1/org-units/${unit('HNI-TACH')}/split`, {
          token: hanoi,
          body: { effectiveOn: today, successors },
        });
      const fresh = { parentId: unit('HNI'), code: 'HNI-TACH-A', name: 'Đoàn phường Tách A', type: 'commune' };
      const unassigned = await split([{ ...fresh, userIds: [moving] }, { id: unit('HNI-HOANKIEM') }]);
      expect(unassigned.status).toBe(422);
      expect(unassigned.body).toMatchObject({ code: 'ORG_UNIT_CHILDREN_UNASSIGNED' });
      const strangers = await split([{ ...fresh, childUnitIds: [unit('HNI-TACH-CD')], userIds: [moving, unit('HNI')] }, { id: unit('HNI-HOANKIEM') }]);
      expect(strangers.status).toBe(422);
      expect(strangers.body).toMatchObject({ code: 'ORG_UNIT_PEOPLE_INVALID' });
      const ok = await split([
        { ...fresh, childUnitIds: [unit('HNI-TACH-CD')], userIds: [moving] },
        { id: unit('HNI-HOANKIEM'), userIds: [toHoanKiem] },
      ]);
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ movedUsers: 2, usersLeft: 1 });
      unitIds.set('HNI-TACH-A', ok.body.successors[0].id);
      // Roles on the split unit pass to the first successor listed.
      const [grant] = await t.db.query(`SELECT o.code FROM role_grants g JOIN org_units o ON o.id = g.org_unit_id WHERE g.user_id = $1 AND g.role = 'examiner'`, [staying]);
      expect(grant.code).toBe('HNI-TACH-A');
      const [row] = await t.db.query(`SELECT valid_to::text AS valid_to FROM org_units WHERE code = 'HNI-TACH'`);
      expect(row.valid_to).toBe(today);
      const adminA = await grantAdmin('HNI-TACH-A', 'admin.tacha');
      const hoanKiem = await login('admin.hoankiem', 'Cadre-password-1');
      const xamoi = await login('admin.xamoi', 'Cadre-password-1');
      for (const token of [adminA, hoanKiem]) {
        expect((await t.request('GET', `/api/v1/users/${staying}`, { token })).status).toBe(200);
      }
      expect((await t.request('GET', `/api/v1/users/${staying}`, { token: xamoi })).status).toBe(404);
      expect((await t.request('GET', `/api/v1/users/${staying}`, { token: danang })).status).toBe(404);
      const listA = await t.request<Array<{ username: string }>>('GET', `/api/v1/users?orgUnitId=${unit('HNI-TACH-A')}`, { token: adminA });
      expect(listA.body.map((u) => u.username).sort()).toEqual(['admin.tacha', 'tach.1', 'tach.3']);
      expect((await t.request('GET', `/api/v1/users/${toHoanKiem}`, { token: adminA })).status).toBe(404);
      // Placed later by a successor's admin; not into a closed unit, not by a neighbour.
      const intoClosed = await t.request('POST', `/api/v1/users/${staying}/move`, { token: adminA, body: { orgUnitId: unit('HNI-TACH') } });
      expect(intoClosed.body).toMatchObject({ code: 'ORG_UNIT_CLOSED' });
      expect((await t.request('POST', `/api/v1/users/${staying}/move`, { token: xamoi, body: { orgUnitId: unit('HNI-XAMOI') } })).status).toBe(404);
      const placed = await t.request<UserDetail>('POST', `/api/v1/users/${staying}/move`, { token: adminA, body: { orgUnitId: unit('HNI-TACH-A') } });
      expect(placed.status).toBe(200);
      expect(placed.body.orgUnitId).toBe(unit('HNI-TACH-A'));
      await expectTreeConsistent();
    });

    it('hands each merge to the registered participants in its transaction, and rolls everything back when one fails', async () => {
      await createUnit(hanoi, 'HNI', 'HNI-HUY1', 'Đoàn xã Hủy Một');
      await createUnit(hanoi, 'HNI', 'HNI-HUY2', 'Đoàn xã Hủy Hai');
      await createUser(hanoi, 'HNI-HUY1', 'canbo.huy', 'Cán bộ Hủy', { roles: [{ role: 'org_admin', orgUnitId: unit('HNI-HUY1') }] });
      const registry = t.app.get(OrgUnitSuccessions);
      const seen: OrgUnitSuccessionChange[] = [];
      class Failing extends OrgUnitSuccessionParticipant {
        readonly auditKey = 'movedThings';
        async onUnitsSucceeded(m: EntityManager, change: OrgUnitSuccessionChange): Promise<number> {
          seen.push(change);
          // Writes of its own first, so the rollback must undo them too.
          await m.query(`UPDATE org_units SET name = 'đã đổi' WHERE id = ANY($1::uuid[])`, [change.closedUnitIds]);
          throw new Error('participant failed');
        }
      }
      expect(() => registry.register(Object.assign(new Failing(), { auditKey: 'movedGrants' as const }))).toThrow(/already taken/);
      const unregister = registry.register(new Failing());
      const body = {
        sourceIds: [unit('HNI-HUY1'), unit('HNI-HUY2')],
        successor: { parentId: unit('HNI'), code: 'HNI-HUYMOI', name: 'Đoàn xã Không Thành', type: 'commune' },
        effectiveOn: today,
      };
      try {
        const failed = await t.request('POST', '/api/v1/org-units/merge', { token: hanoi, body });
        expect(failed.status).toBe(500);
      } finally {
        unregister();
      }
      expect(seen).toEqual([{ kind: 'merge', closedUnitIds: [unit('HNI-HUY1'), unit('HNI-HUY2')], successorId: expect.any(String), on: today }]);
      const units = await t.db.query(`SELECT code, name, valid_to FROM org_units WHERE code LIKE 'HNI-HUY%' ORDER BY code`);
      expect(units).toEqual([
        { code: 'HNI-HUY1', name: 'Đoàn xã Hủy Một', valid_to: null },
        { code: 'HNI-HUY2', name: 'Đoàn xã Hủy Hai', valid_to: null },
      ]);
      const [person] = await t.db.query(
        `SELECT o.code AS unit, (SELECT o2.code FROM role_grants g JOIN org_units o2 ON o2.id = g.org_unit_id WHERE g.user_id = u.id) AS grant_unit
           FROM users u JOIN org_units o ON o.id = u.org_unit_id WHERE u.username = 'canbo.huy'`,
      );
      expect(person).toEqual({ unit: 'HNI-HUY1', grant_unit: 'HNI-HUY1' });
      expect(await t.db.query(`SELECT 1 FROM org_unit_successions s JOIN org_units o ON o.id = s.predecessor_id WHERE o.code LIKE 'HNI-HUY%'`)).toEqual([]);
      expect(await t.db.query(`SELECT 1 FROM org_units WHERE code = 'HNI-HUYMOI'`)).toEqual([]);
      expect(await t.db.query(`SELECT 1 FROM audit_log WHERE after::text LIKE '%HNI-HUYMOI%'`)).toEqual([]);
    });

    it('moves a unit with its subtree, rewriting paths and heir paths, and refuses cycles', async () => {
      await createUnit(root, 'HNI-CQD', 'HNI-CQD-CS1', 'Đoàn cơ sở Văn phòng', 'grassroots');
      await createUnit(root, 'HNI-CQD-CS1', 'HNI-CQD-CS1-CD', 'Chi đoàn Văn thư', 'branch');
      const cycle = await t.request('POST', `/api/v1/org-units/${unit('HNI-CQD')}/move`, { token: root, body: { parentId: unit('HNI-CQD-CS1-CD') } });
      expect(cycle.status).toBe(422);
      expect(cycle.body).toMatchObject({ code: 'ORG_UNIT_CYCLE' });
      const self = await t.request('POST', `/api/v1/org-units/${unit('HNI-CQD')}/move`, { token: root, body: { parentId: unit('HNI-CQD') } });
      expect(self.body).toMatchObject({ code: 'ORG_UNIT_CYCLE' });
      const rootMove = await t.request('POST', `/api/v1/org-units/${unit('TWD')}/move`, { token: root, body: { parentId: unit('HNI') } });
      expect(rootMove.status).toBe(422);
      const toClosed = await t.request('POST', `/api/v1/org-units/${unit('HNI-CQD-CS1')}/move`, { token: root, body: { parentId: unit('HNI-XA1') } });
      expect(toClosed.body).toMatchObject({ code: 'ORG_UNIT_PARENT_CLOSED' });
      // A province admin cannot move into, or learn about, a neighbour.
      expect((await t.request('POST', `/api/v1/org-units/${unit('HNI-CQD')}/move`, { token: hanoi, body: { parentId: unit('DNG') } })).status).toBe(404);
      expect((await t.request('POST', `/api/v1/org-units/${unit('HNI-CQD')}/move`, { token: learner, body: { parentId: unit('HNI') } })).status).toBe(403);
      // Moving the successor of the merge carries its predecessors' visibility along.
      const moved = await t.request<OrgUnitSummary>('POST', `/api/v1/org-units/${unit('HNI-XAMOI')}/move`, {
        token: root,
        body: { parentId: unit('HNI-CQD-CS1') },
      });
      expect(moved.status).toBe(200);
      expect(moved.body.parentId).toBe(unit('HNI-CQD-CS1'));
      const moveCqd = await t.request('POST', `/api/v1/org-units/${unit('HNI-CQD')}/move`, { token: root, body: { parentId: unit('DNG') } });
      expect(moveCqd.status).toBe(200);
      await expectTreeConsistent();
      const [xa2] = await t.db.query(
        `SELECT bool_and(h <@ d.path) AS inside FROM org_units x, unnest(x.heir_paths) h, org_units d WHERE x.code = 'HNI-XA2' AND d.code = 'DNG'`,
      );
      expect(xa2.inside).toBe(true);
      // The predecessor now shows to Đà Nẵng (its successor moved there) through a fresh login.
      const danangNow = await login('admin.danang');
      expect((await t.request('GET', `/api/v1/org-units/${unit('HNI-XA2')}`, { token: danangNow })).status).toBe(200);
    });
  });

  describe('audit log', () => {
    it('records admin changes with before/after, readable only inside the subtree', async () => {
      const mine = await t.request<Array<{ action: string; entity: string; before: unknown; after: unknown; actorUsername: string }>>(
        'GET',
        `/api/v1/audit?orgUnitId=${unit('HNI')}&limit=500`,
        { token: hanoi },
      );
      expect(mine.status).toBe(200);
      const actions = new Set(mine.body.map((e) => e.action));
      for (const a of ['org_unit.create', 'org_unit.split', 'user.create']) expect(actions).toContain(a);
      // The merge is recorded on its successor, which has since moved (with HNI-CQD) into Đà Nẵng.
      expect(actions).not.toContain('org_unit.merge');
      const users = await t.request<Array<{ entity: string }>>('GET', `/api/v1/audit?entity=user`, { token: hanoi });
      expect(users.body.length).toBeGreaterThan(0);
      expect(users.body.every((e) => e.entity === 'user')).toBe(true);
      expect((await t.request('GET', `/api/v1/audit?orgUnitId=${unit('HNI-BADINH')}`, { token: danang })).status).toBe(404);
      expect((await t.request('GET', '/api/v1/audit', { token: learner })).status).toBe(403);
      const danangNow = await login('admin.danang');
      const theirs = await t.request<Array<{ orgUnitId: string; action: string }>>('GET', '/api/v1/audit?limit=500', { token: danangNow });
      expect(theirs.body.map((e) => e.orgUnitId)).not.toContain(unit('HNI-BADINH'));
      expect(theirs.body.find((e) => e.action === 'org_unit.merge')).toMatchObject({
        actorUsername: 'admin.hanoi',
        before: { sources: expect.any(Array) },
        after: { movedUsers: 4, movedGrants: 4 },
      });
      // The move of HNI-CQD into Đà Nẵng is written against that unit, which Đà Nẵng now holds.
      const [count] = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'org_unit.move'`);
      expect(count.n).toBe(2);
    });
  });
  describe('search', () => {
    it('finds people and units without diacritics or case, đ included, exact matches first', async () => {
      await createUser(hanoi, 'HNI-BADINH', 'bui.duc', 'Bùi Nguyễn Văn Đức');
      await createUser(hanoi, 'HNI-BADINH', 'nvd.anh', 'Nguyễn Văn Đức Anh');
      const found = await t.request<Array<{ username: string; fullName: string }>>('GET', '/api/v1/users?q=NGUYEN%20van%20duc', { token: hanoi });
      expect(found.status).toBe(200);
      expect(found.body.map((u) => u.username)).toEqual(['hocvien', 'nvd.anh', 'bui.duc']);
      const accented = await t.request<Array<{ username: string }>>('GET', `/api/v1/users?q=${encodeURIComponent('Văn Đức')}`, { token: hanoi });
      expect(accented.body.map((u) => u.username).sort()).toEqual(['bui.duc', 'hocvien', 'nvd.anh']);
      // LIKE wildcards in the query are plain characters.
      expect((await t.request<unknown[]>('GET', '/api/v1/users?q=%25', { token: hanoi })).body).toEqual([]);
      const units = await t.request<OrgUnitSummary[]>('GET', `/api/v1/org-units?q=${encodeURIComponent('doan phuong')}`, { token: hanoi });
      expect(units.body.map((u) => u.code)).toEqual(expect.arrayContaining(['HNI-BADINH', 'HNI-HOANKIEM']));
      const exact = await t.request<OrgUnitSummary[]>('GET', `/api/v1/org-units?q=${encodeURIComponent('đoàn phường hoàn kiếm')}`, { token: hanoi });
      expect(exact.body[0].code).toBe('HNI-HOANKIEM');
      expect((await t.request<OrgUnitSummary[]>('GET', '/api/v1/org-units?q=hai%20chau', { token: hanoi })).body).toEqual([]);
    });

    it('uses the trigram indexes with the expressions the services send', async () => {
      const plan = async (sql: string, param: unknown = 'nguyen van duc') =>
        t.db.transaction(async (m) => {
          // The demo tables are tiny, so a sequential scan would win; forbid it to see the index is usable.
          await m.query('SET LOCAL enable_seqscan = off');
          const rows: Array<{ 'QUERY PLAN': string }> = await m.query(`EXPLAIN ${sql}`, [param]);
          return rows.map((r) => r['QUERY PLAN']).join('\n');
        });
      expect(await plan(`SELECT id FROM users u WHERE ${containsSql('u.full_name', '$1')}`)).toContain('ix_users_full_name_search');
      expect(await plan(`SELECT id FROM org_units u WHERE ${containsSql('u.name', '$1')}`)).toContain('ix_org_units_name_search');
      // The subtree-or-predecessor condition is one query over both GiST indexes.
      const [hni] = await t.db.query(`SELECT path::text AS path FROM org_units WHERE code = 'HNI'`);
      const visible = await plan(`SELECT id FROM org_units u WHERE ${visibleSql('u', '$1::ltree[]')}`, [hni.path]);
      expect(visible).toContain('ix_org_units_path');
      expect(visible).toContain('ix_org_units_heir_paths');
    });
  });
  describe('passwords', () => {
    it('changes the own password: checks the current one, revokes other sessions, answers a new one', async () => {
      await createUser(hanoi, 'HNI-BADINH', 'doi.matkhau', 'Người Đổi Mật Khẩu');
      const first = await t.request<LoginResponse>('POST', '/api/v1/auth/login', { body: { username: 'doi.matkhau', password: 'Cadre-password-1' } });
      const second = await t.request<LoginResponse>('POST', '/api/v1/auth/login', { body: { username: 'doi.matkhau', password: 'Cadre-password-1' } });
      const token = first.body.accessToken;
      const wrong = await t.request('POST', '/api/v1/me/password', { token, body: { currentPassword: 'nope-nope-nope', newPassword: 'New-password-22' } });
      expect(wrong.status).toBe(403);
      expect(wrong.body).toMatchObject({ code: 'AUTH_CURRENT_PASSWORD_WRONG' });
      const same = await t.request('POST', '/api/v1/me/password', { token, body: { currentPassword: 'Cadre-password-1', newPassword: 'Cadre-password-1' } });
      expect(same.status).toBe(422);
      expect((await t.request('POST', '/api/v1/me/password', { token, body: { currentPassword: 'x' } })).status).toBe(400);
      expect((await t.request('POST', '/api/v1/me/password', { body: { currentPassword: 'Cadre-password-1', newPassword: 'New-password-22' } })).status).toBe(401);
      const ok = await t.request<{ accessToken: string; refreshToken: string }>('POST', '/api/v1/me/password', {
        token,
        body: { currentPassword: 'Cadre-password-1', newPassword: 'New-password-22' },
      });
      expect(ok.status).toBe(200);
      for (const old of [first.body.refreshToken, second.body.refreshToken]) {
        expect((await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: old } })).status).toBe(401);
      }
      expect((await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: ok.body.refreshToken } })).status).toBe(200);
      expect((await t.request('POST', '/api/v1/auth/login', { body: { username: 'doi.matkhau', password: 'Cadre-password-1' } })).status).toBe(401);
      expect((await t.request('POST', '/api/v1/auth/login', { body: { username: 'doi.matkhau', password: 'New-password-22' } })).status).toBe(200);
    });

    it('lets an admin reset a password inside the subtree: must change, sessions revoked, audited', async () => {
      const id = await createUser(hanoi, 'HNI-BADINH', 'quen.matkhau', 'Người Quên Mật Khẩu');
      const session = await t.request<LoginResponse>('POST', '/api/v1/auth/login', { body: { username: 'quen.matkhau', password: 'Cadre-password-1' } });
      const body = { newPassword: 'Temporary-pass-9' };
      expect((await t.request('POST', `/api/v1/users/${id}/reset-password`, { token: danang, body })).status).toBe(404);
      expect((await t.request('POST', `/api/v1/users/${id}/reset-password`, { token: learner, body })).status).toBe(403);
      const giangvien = await login('giangvien');
      expect((await t.request('POST', `/api/v1/users/${id}/reset-password`, { token: giangvien, body })).status).toBe(403);
      const [rootUser] = await t.db.query(`SELECT id FROM users WHERE username = 'root.admin'`);
      expect((await t.request('POST', `/api/v1/users/${rootUser.id}/reset-password`, { token: hanoi, body })).status).toBe(404);
      expect((await t.request('POST', `/api/v1/users/${id}/reset-password`, { token: hanoi, body: { newPassword: 'short' } })).status).toBe(400);
      expect((await t.request('POST', `/api/v1/users/${id}/reset-password`, { token: hanoi, body })).status).toBe(204);
      expect((await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: session.body.refreshToken } })).status).toBe(401);
      const after = await t.request<LoginResponse>('POST', '/api/v1/auth/login', { body: { username: 'quen.matkhau', password: 'Temporary-pass-9' } });
      expect(after.body.user.mustChangePassword).toBe(true);
      const [entry] = await t.db.query(`SELECT actor_username FROM audit_log WHERE action = 'user.reset_password' AND entity_id = $1`, [id]);
      expect(entry.actor_username).toBe('admin.hanoi');
    });
  });

  describe('login rate limit', () => {
    /** Two api processes sharing one Redis (same prefix), both with lowered LOGIN_RATE_* settings. */
    const pair = async (overrides: Record<string, string>) => {
      const prefix = `rate-${Math.random().toString(16).slice(2, 10)}`;
      const a = await createTestApp([IdentityModule], { QUEUE_PREFIX: prefix, ...overrides });
      const b = await createTestApp([IdentityModule], { QUEUE_PREFIX: prefix, ...overrides });
      return { a, b, close: async () => Promise.all([a.close(), b.close()]) };
    };
    const attempt = (app: TestApp, username: string) => app.request('POST', '/api/v1/auth/login', { body: { username, password: 'wrong-password' } });

    it('defaults to 600 per address a minute and 20 per account in 15 minutes', () => {
      expect(loginLimitsOf(validateEnvironment({}))).toEqual({ perIp: { max: 600, windowSeconds: 60 }, perAccount: { max: 20, windowSeconds: 900 } });
      expect(() => validateEnvironment({ LOGIN_RATE_PER_ACCOUNT_MAX: '0' })).toThrow(/LOGIN_RATE_PER_ACCOUNT_MAX/);
      expect(() => validateEnvironment({ LOGIN_RATE_PER_IP_WINDOW_SECONDS: 'soon' })).toThrow(/LOGIN_RATE_PER_IP_WINDOW_SECONDS/);
    });

    it('enforces a lowered per-account limit across api processes sharing Redis', async () => {
      const { a, b, close } = await pair({ LOGIN_RATE_PER_ACCOUNT_MAX: '3', LOGIN_RATE_PER_ACCOUNT_WINDOW_SECONDS: '60' });
      try {
        expect((await attempt(a, 'spray.target')).status).toBe(401);
        expect((await attempt(b, 'SPRAY.target')).status).toBe(401);
        expect((await attempt(a, 'spray.target')).status).toBe(401);
        const limited = await attempt(b, 'spray.target');
        expect(limited.status).toBe(429);
        expect(limited.body).toMatchObject({ code: 'RATE_LIMITED', message: { vi: expect.any(String), en: expect.any(String) } });
        const retryAfter = Number(limited.headers['retry-after']);
        expect(retryAfter).toBeGreaterThan(0);
        expect(retryAfter).toBeLessThanOrEqual(60);
        expect((await attempt(a, 'spray.target')).status).toBe(429);
        // Another account is not affected by that one's limit.
        expect((await attempt(a, 'someone.else')).status).toBe(401);
      } finally {
        await close();
      }
    });

    it('enforces a lowered per-address limit across api processes sharing Redis', async () => {
      const { a, b, close } = await pair({ LOGIN_RATE_PER_IP_MAX: '4' });
      try {
        for (const n of [1, 2]) expect((await attempt(a, `ip.user${n}`)).status).toBe(401);
        for (const n of [3, 4]) expect((await attempt(b, `ip.user${n}`)).status).toBe(401);
        expect((await attempt(a, 'ip.user5')).status).toBe(429);
      } finally {
        await close();
      }
    });
  });
  describe('cadre import', () => {
    const upload = async (token: string, file: Buffer, name: string, query = '') => {
      const boundary = `----boiduong${Math.random().toString(16).slice(2)}`;
      const payload = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
        file,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/imports/cadres${query}`,
        headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload,
      });
      return { status: res.statusCode, body: res.json() as ImportResult & { code?: string; details?: { errors: ImportRowError[] } } };
    };
    const xlsx = async (rows: unknown[][]) => {
      const workbook = new Workbook();
      const sheet = workbook.addWorksheet('Cán bộ');
      sheet.addRow([...CADRE_IMPORT_HEADERS]);
      for (const r of rows) sheet.addRow(r);
      return Buffer.from(await workbook.xlsx.writeBuffer());
    };
    const count = async (usernames: string[]) =>
      (await t.db.query(`SELECT count(*)::int AS n FROM users WHERE username = ANY($1)`, [usernames]))[0].n as number;

    it('imports a good XLSX file, and importing it again changes nothing', async () => {
      const file = await xlsx([
        ['Trịnh Văn Bình', new Date(Date.UTC(1996, 2, 26)), 'Nam', 'HNI-BADINH', 'secretary.branch', 'import.binh', 'binh@example.vn', 912345678],
        ['Lý Thị Thu', '15/08/1998', 'Nữ', 'hni-hoankiem', '', 'import.thu', '', '0987 654 321'],
        ['Mai Đức Anh', '', '', 'HNI-BADINH-CD1', 'deputy_secretary.grassroots', 'import.anh', '', ''],
      ]);
      const first = await upload(hanoi, file, 'can-bo.xlsx');
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ total: 3, created: 3, unchanged: 0, skipped: 0, errors: [] });
      const [binh] = await t.db.query(
        `SELECT u.date_of_birth::text AS dob, u.gender, u.phone, u.must_change_password, c.title, c.employment
           FROM users u LEFT JOIN cadre_profiles c ON c.user_id = u.id WHERE u.username = 'import.binh'`,
      );
      expect(binh).toEqual({ dob: '1996-03-26', gender: 'male', phone: '0912345678', must_change_password: true, title: 'secretary.branch', employment: 'full_time' });
      const snapshot = await t.db.query(`SELECT id, updated_at FROM users WHERE username LIKE 'import.%' ORDER BY id`);
      const again = await upload(hanoi, file, 'can-bo.xlsx');
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ total: 3, created: 0, unchanged: 3 });
      expect(await t.db.query(`SELECT id, updated_at FROM users WHERE username LIKE 'import.%' ORDER BY id`)).toEqual(snapshot);
      // Imported accounts cannot sign in until an admin sets a password.
      expect((await t.request('POST', '/api/v1/auth/login', { body: { username: 'import.thu', password: '!imported' } })).status).toBe(401);
    });

    it('lists every bad row of a CSV with its row number and reason, and imports nothing unless asked', async () => {
      const csv = [
        CADRE_IMPORT_HEADERS.join(','),
        'Phan Văn Tốt,01/01/1990,Nam,HNI-BADINH,,csv.tot,,',
        ',01/01/1990,Nam,HNI-BADINH,,csv.noname,,',
        'Hồ Văn Xa,01/01/1990,Nam,DNG-HAICHAU,,csv.xa,,',
        'Tạ Văn Ngày,31/02/1990,Nam,HNI-BADINH,,csv.ngay,,',
        '"Dương, Văn Trùng",,Nam,HNI-BADINH,,csv.tot,,',
        'Võ Văn Sử,,Nam,HNI-BADINH,secretary.district,csv.su,,',
        'Kha Văn Mail,,Không rõ,HNI-BADINH,,csv.mail,not-an-email,',
      ].join('\r\n');
      const file = Buffer.from(`\uFEFF${csv}\r\n`, 'utf8');
      const refused = await upload(hanoi, file, 'can-bo.csv');
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('IMPORT_INVALID');
      const errors = refused.body.details?.errors ?? [];
      expect(errors.map((e) => [e.row, e.field, e.reason])).toEqual([
        [3, 'fullName', 'required'],
        [4, 'unitCode', 'unit_not_found'],
        [5, 'dateOfBirth', 'invalid_date'],
        [6, 'username', 'duplicate_in_file'],
        [7, 'title', 'invalid_title'],
        [8, 'gender', 'invalid_gender'],
        [8, 'email', 'invalid_email'],
      ]);
      expect(errors[0].message).toEqual({ vi: expect.any(String), en: expect.any(String) });
      expect(await count(['csv.tot'])).toBe(0);
      const partial = await upload(hanoi, file, 'can-bo.csv', '?mode=valid-only');
      expect(partial.status).toBe(200);
      expect(partial.body).toMatchObject({ total: 7, created: 1, skipped: 6 });
      expect(await count(['csv.tot', 'csv.xa', 'csv.ngay', 'csv.su', 'csv.mail'])).toBe(1);
    });

    it('serves the template with the Vietnamese headers, which imports once filled in', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/imports/cadres/template', headers: { authorization: `Bearer ${hanoi}` } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const workbook = new Workbook();
      await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0];
      const headers = (sheet.getRow(1).values as unknown[]).slice(1);
      expect(headers.slice(0, CADRE_IMPORT_HEADERS.length)).toEqual([...CADRE_IMPORT_HEADERS]);
      sheet.spliceRows(2, 1, ['Đinh Thị Mẫu', '20/11/2000', 'Nữ', 'HNI-HOANKIEM', 'secretary.grassroots', 'template.mau', '', '', 'Bán chuyên trách']);
      const filled = await upload(hanoi, Buffer.from(await workbook.xlsx.writeBuffer()), 'mau.xlsx');
      expect(filled.body).toMatchObject({ created: 1, errors: [] });
      const [row] = await t.db.query(`SELECT c.employment FROM cadre_profiles c JOIN users u ON u.id = c.user_id WHERE u.username = 'template.mau'`);
      expect(row.employment).toBe('part_time');
    });

    it('refuses learners (403), rows outside the subtree, missing files and non-multipart bodies', async () => {
      const file = await xlsx([['Người Ngoài', '', '', 'HNI-BADINH', '', 'outsider.one', '', '']]);
      expect((await upload(learner, file, 'x.xlsx')).status).toBe(403);
      const t2 = await t.app.inject({ method: 'GET', url: '/api/v1/imports/cadres/template', headers: { authorization: `Bearer ${learner}` } });
      expect(t2.statusCode).toBe(403);
      const foreign = await upload(danang, file, 'x.xlsx');
      expect(foreign.status).toBe(422);
      expect(foreign.body.details?.errors).toEqual([expect.objectContaining({ row: 2, reason: 'unit_not_found' })]);
      const json = await t.request('POST', '/api/v1/imports/cadres', { token: hanoi, body: { file: 'x' } });
      expect(json.status).toBe(415);
      const noHeader = await upload(hanoi, Buffer.from('a,b,c\n1,2,3\n'), 'x.csv');
      expect(noHeader.status).toBe(422);
      expect(noHeader.body.details?.errors.map((e) => e.reason)).toEqual(['missing_column', 'missing_column', 'missing_column']);
    });
  });

  describe('org-unit import', () => {
    const upload = async (token: string, file: Buffer, name: string, query = '') => {
      const boundary = `----boiduong${Math.random().toString(16).slice(2)}`;
      const payload = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
        file,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/imports/org-units${query}`,
        headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload,
      });
      return { status: res.statusCode, body: res.json() as ImportResult & { code?: string; details?: { errors: ImportRowError[] } } };
    };
    const xlsx = async (rows: unknown[][]) => {
      const workbook = new Workbook();
      const sheet = workbook.addWorksheet('Đơn vị');
      sheet.addRow([...ORG_UNIT_IMPORT_HEADERS]);
      for (const r of rows) sheet.addRow(r);
      return Buffer.from(await workbook.xlsx.writeBuffer());
    };
    const tree = async (codes: string[]) =>
      (await t.db.query(
        `SELECT u.code, u.name, u.type, p.code AS parent, to_char(u.valid_from, 'YYYY-MM-DD') AS valid_from, u.path::text LIKE p.path::text || '.%' AS under_parent, u.updated_at
           FROM org_units u JOIN org_units p ON p.id = u.parent_id WHERE u.code = ANY($1) ORDER BY u.code`,
        [codes],
      )) as Array<Record<string, unknown>>;

    it('imports a good XLSX file whose parents come before, after or from the tree, and importing it again changes nothing', async () => {
      const file = await xlsx([
        // The child comes first: its parent is defined two rows below.
        ['IMP-XA-CD1', 'Chi đoàn thôn Đông', 'Chi đoàn', 'IMP-XA', '01/07/2025'],
        ['imp-xa-cd2', 'Chi đoàn thôn Tây', 'branch', 'imp-xa', ''],
        ['IMP-XA', 'Đoàn xã Nhập Mới', 'Xã', 'hni', new Date(Date.UTC(2025, 6, 1))],
        ['IMP-KHOI', 'Đoàn Khối Doanh nghiệp', 'Khối', 'HNI', ''],
      ]);
      const first = await upload(hanoi, file, 'don-vi.xlsx');
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ total: 4, created: 4, unchanged: 0, skipped: 0, errors: [] });
      const created = await tree(['IMP-XA', 'IMP-XA-CD1', 'imp-xa-cd2', 'IMP-KHOI']);
      expect(created.map((u) => [u.code, u.type, u.parent, u.valid_from, u.under_parent])).toEqual([
        ['IMP-KHOI', 'bloc', 'HNI', expect.any(String), true],
        ['IMP-XA', 'commune', 'HNI', '2025-07-01', true],
        ['IMP-XA-CD1', 'branch', 'IMP-XA', '2025-07-01', true],
        ['imp-xa-cd2', 'branch', 'IMP-XA', expect.any(String), true],
      ]);
      const again = await upload(hanoi, file, 'don-vi.xlsx');
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ total: 4, created: 0, unchanged: 4, skipped: 0 });
      expect(await tree(['IMP-XA', 'IMP-XA-CD1', 'imp-xa-cd2', 'IMP-KHOI'])).toEqual(created);
      const [audit] = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'org_unit.import'`);
      expect(audit.n).toBe(4);
    });

    it('lists every bad row of a CSV with its row number and reason, and imports nothing unless asked', async () => {
      const csv = [
        ORG_UNIT_IMPORT_HEADERS.join(';'),
        'CSV-XA;Đoàn xã Tốt;Xã;HNI;',
        'CSV-CD1;Chi đoàn Tốt;Chi đoàn;CSV-XA;',
        ';Không mã;Xã;HNI;',
        'CSV-HUYEN;Huyện cũ;Huyện;HNI;',
        'CSV-LA;Loại lạ;Thôn;HNI;',
        'CSV-NGOAI;Ngoài phạm vi;Xã;DNG;',
        'CSV-MOCOI;Mồ côi;Chi đoàn;KHONG-CO;',
        'CSV-CON;Con của dòng lỗi;Chi đoàn;CSV-LA;',
        'CSV-XA;Trùng mã;Xã;HNI;',
        'CSV-A;Vòng A;Chi đoàn;CSV-B;',
        'CSV-B;Vòng B;Chi đoàn;CSV-A;',
        'DNG-HAICHAU;Mã của Đà Nẵng;Xã;HNI;',
        'CSV-NGAY;Ngày sai;Xã;HNI;31/02/2025',
      ].join('\r\n');
      const file = Buffer.from(`\uFEFF${csv}\r\n`, 'utf8');
      const refused = await upload(hanoi, file, 'don-vi.csv');
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('IMPORT_INVALID');
      const errors = refused.body.details?.errors ?? [];
      expect(errors.map((e) => [e.row, e.field, e.reason])).toEqual([
        [4, 'code', 'required'],
        [5, 'type', 'type_historical'],
        [6, 'type', 'invalid_type'],
        [7, 'parentCode', 'parent_not_found'],
        [8, 'parentCode', 'parent_not_found'],
        [9, 'parentCode', 'parent_invalid'],
        [10, 'code', 'duplicate_in_file'],
        [11, 'parentCode', expect.stringMatching(/^parent_(cycle|invalid)$/)],
        [12, 'parentCode', 'parent_cycle'],
        [13, 'code', 'code_taken'],
        [14, 'validFrom', 'invalid_date'],
      ]);
      expect(errors[0].message).toEqual({ vi: expect.any(String), en: expect.any(String) });
      expect(await tree(['CSV-XA', 'CSV-CD1'])).toEqual([]);
      const partial = await upload(hanoi, file, 'don-vi.csv', '?mode=valid-only');
      expect(partial.status).toBe(200);
      expect(partial.body).toMatchObject({ total: 13, created: 2, unchanged: 0, skipped: 11 });
      expect((await tree(['CSV-XA', 'CSV-CD1', 'CSV-NGOAI', 'CSV-CON'])).map((u) => [u.code, u.parent])).toEqual([
        ['CSV-CD1', 'CSV-XA'],
        ['CSV-XA', 'HNI'],
      ]);
    });

    it('serves the template with the Vietnamese headers, which imports once filled in', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/imports/org-units/template', headers: { authorization: `Bearer ${hanoi}` } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const workbook = new Workbook();
      await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0];
      expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([...ORG_UNIT_IMPORT_HEADERS]);
      sheet.spliceRows(2, 1, ['TPL-CD', 'Chi đoàn theo mẫu', 'Chi đoàn', 'HNI-HOANKIEM', '']);
      const filled = await upload(hanoi, Buffer.from(await workbook.xlsx.writeBuffer()), 'mau.xlsx');
      expect(filled.body).toMatchObject({ created: 1, errors: [] });
    });

    it('refuses learners (403) and parents outside the subtree', async () => {
      const file = await xlsx([['OUT-CD', 'Chi đoàn ngoài', 'Chi đoàn', 'HNI-BADINH', '']]);
      expect((await upload(learner, file, 'x.xlsx')).status).toBe(403);
      const foreign = await upload(danang, file, 'x.xlsx');
      expect(foreign.status).toBe(422);
      expect(foreign.body.details?.errors).toEqual([expect.objectContaining({ row: 2, field: 'parentCode', reason: 'parent_not_found' })]);
      expect(await tree(['OUT-CD'])).toEqual([]);
    });
  });
});
