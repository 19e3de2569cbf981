import { CommonErrors, type Principal } from '@boiduong/api-core';
import { Permission, type UserDetail } from '@boiduong/shared-contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { CreateUserDto, ListUsersQuery } from '../dto/user.dto';
import { CadreProfile, LecturerProfile, OrgUnit, RoleGrant, User } from '../entities';
import { IdentityErrors } from '../identity.errors';
import { OrgUnitsService } from './org-units.service';
import { containsSql, rankSql } from './search';
import { canSee, visibleSql } from './visibility';
import { AuditService } from './audit.service';
import { PasswordHasher } from './password-hasher';
import { SessionsService } from './sessions.service';

export type UserView = UserDetail;

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly units: OrgUnitsService,
    private readonly audit: AuditService,
    private readonly sessions: SessionsService,
  ) {}

  async create(principal: Principal, dto: CreateUserDto): Promise<UserView> {
    const home = await this.units.getVisible(principal, dto.orgUnitId, Permission.UserManage);
    // Every granted role must sit inside the granter's own subtree; super_admin only from a super_admin.
    for (const grant of dto.roles) {
      const unit =
        grant.orgUnitId === home.id ? home : await this.db.getRepository(OrgUnit).findOneBy({ id: grant.orgUnitId });
      if (!unit || !principal.can(Permission.UserManage, unit.path))
        throw IdentityErrors.ROLE_OUTSIDE_SCOPE({ orgUnitId: grant.orgUnitId });
      if (grant.role === 'super_admin' && !principal.grants.some((g) => g.role === 'super_admin')) {
        throw IdentityErrors.ROLE_OUTSIDE_SCOPE({ role: grant.role });
      }
    }
    const passwordHash = await this.hasher.hash(dto.password);
    const id = await this.db.transaction(async (manager) => {
      const taken = await manager.query(`SELECT 1 FROM users WHERE lower(username) = lower($1)`, [dto.username]);
      if (taken.length) throw IdentityErrors.USERNAME_TAKEN({ username: dto.username });
      if (dto.email) {
        const emailTaken = await manager.query(`SELECT 1 FROM users WHERE lower(email) = lower($1)`, [dto.email]);
        if (emailTaken.length) throw IdentityErrors.EMAIL_TAKEN();
      }
      const user = manager.create(User, {
        username: dto.username,
        email: dto.email ?? null,
        passwordHash,
        fullName: dto.fullName.normalize('NFC'),
        orgUnitId: home.id,
        dateOfBirth: dto.dateOfBirth ?? null,
        gender: dto.gender ?? null,
        phone: dto.phone ?? null,
      });
      await manager.save(user);
      if (dto.cadre) {
        await manager.insert(CadreProfile, {
          userId: user.id,
          title: dto.cadre.title,
          titleSince: dto.cadre.titleSince?.slice(0, 10) ?? null,
          plannedTitles: [...new Set(dto.cadre.plannedTitles)],
          employment: dto.cadre.employment,
          theoryLevel: dto.cadre.theoryLevel ?? null,
          education: dto.cadre.education?.normalize('NFC') ?? null,
        });
      }
      if (dto.lecturer) {
        await manager.insert(LecturerProfile, {
          userId: user.id,
          specialties: [...new Set(dto.lecturer.specialties)],
          programsTaught: [...new Set(dto.lecturer.programsTaught)],
        });
      }
      const unique = new Map(dto.roles.map((g) => [`${g.role}/${g.orgUnitId}`, g]));
      for (const g of unique.values())
        await manager.insert(RoleGrant, { userId: user.id, role: g.role, orgUnitId: g.orgUnitId });
      await this.audit.record(manager, principal, {
        action: 'user.create',
        entity: 'user',
        entityId: user.id,
        unit: home,
        before: null,
        after: { username: user.username, fullName: user.fullName, orgUnitId: home.id, roles: [...unique.values()], cadre: dto.cadre ?? null },
      });
      return user.id;
    });
    return this.view(id);
  }

  /**
   * Sets a temporary password the user must change, ends all their sessions and clears the
   * lockout. Only for users whose every grant lies inside the resetter's own scope, so that a
   * province admin cannot take over a higher admin's account placed in the province.
   */
  async resetPassword(principal: Principal, id: string, newPassword: string): Promise<void> {
    const rows: Array<{ path: string; heir_paths: string[] | null; unit_id: string }> = await this.db.query(
      `SELECT o.path::text AS path, o.heir_paths::text[] AS heir_paths, o.id AS unit_id
         FROM users u JOIN org_units o ON o.id = u.org_unit_id WHERE u.id = $1`,
      [id],
    );
    const target = rows[0];
    if (!target || !canSee(principal, Permission.UserRead, { path: target.path, heirPaths: target.heir_paths })) {
      throw IdentityErrors.USER_NOT_FOUND();
    }
    if (!canSee(principal, Permission.UserManage, { path: target.path, heirPaths: target.heir_paths })) throw CommonErrors.FORBIDDEN();
    const grants: Array<{ role: string; path: string }> = await this.db.query(
      `SELECT g.role, o.path::text AS path FROM role_grants g JOIN org_units o ON o.id = g.org_unit_id WHERE g.user_id = $1`,
      [id],
    );
    const isSuper = principal.grants.some((g) => g.role === 'super_admin');
    if (grants.some((g) => !principal.can(Permission.UserManage, g.path) || (g.role === 'super_admin' && !isSuper))) {
      throw IdentityErrors.ROLE_OUTSIDE_SCOPE();
    }
    const passwordHash = await this.hasher.hash(newPassword);
    await this.db.transaction(async (manager) => {
      await manager.update(User, { id }, { passwordHash, mustChangePassword: true, failedLoginCount: 0, lockedUntil: null });
      await this.sessions.endAllFor(id, manager);
      await this.audit.record(manager, principal, {
        action: 'user.reset_password',
        entity: 'user',
        entityId: id,
        unit: { id: target.unit_id, path: target.path },
        before: null,
        after: { mustChangePassword: true, sessionsRevoked: true },
      });
    });
  }

  /**
   * Moves a person to another open unit, both inside the mover's scope. This is how the people a
   * split left with the closed unit are placed later, by an admin of any successor.
   */
  async move(principal: Principal, id: string, orgUnitId: string): Promise<UserView> {
    await this.db.transaction(async (manager) => {
      const rows: Array<{ unit_id: string; path: string; heir_paths: string[] | null }> = await manager.query(
        `SELECT o.id AS unit_id, o.path::text AS path, o.heir_paths::text[] AS heir_paths
           FROM users u JOIN org_units o ON o.id = u.org_unit_id WHERE u.id = $1 FOR UPDATE OF u`,
        [id],
      );
      const from = rows[0];
      if (!from || !canSee(principal, Permission.UserRead, { path: from.path, heirPaths: from.heir_paths })) {
        throw IdentityErrors.USER_NOT_FOUND();
      }
      if (!canSee(principal, Permission.UserManage, { path: from.path, heirPaths: from.heir_paths })) throw CommonErrors.FORBIDDEN();
      const target = await this.units.getVisible(principal, orgUnitId, Permission.UserManage);
      if (target.validTo !== null) throw IdentityErrors.ORG_UNIT_CLOSED({ id: target.id });
      await manager.update(User, { id }, { orgUnitId: target.id });
      await this.audit.record(manager, principal, {
        action: 'user.move',
        entity: 'user',
        entityId: id,
        unit: target,
        before: { orgUnitId: from.unit_id },
        after: { orgUnitId: target.id },
      });
    });
    return this.view(id);
  }

  async get(principal: Principal, id: string): Promise<UserView> {
    const row: Array<{ path: string; heir_paths: string[] | null }> = await this.db.query(
      `SELECT o.path::text AS path, o.heir_paths::text[] AS heir_paths
         FROM users u JOIN org_units o ON o.id = u.org_unit_id WHERE u.id = $1`,
      [id],
    );
    if (!row.length || !canSee(principal, Permission.UserRead, { path: row[0].path, heirPaths: row[0].heir_paths })) {
      throw IdentityErrors.USER_NOT_FOUND();
    }
    return this.view(id);
  }

  async list(principal: Principal, query: ListUsersQuery): Promise<UserView[]> {
    const roots = principal.rootsFor(Permission.UserRead);
    if (!roots.length) throw CommonErrors.FORBIDDEN();
    const params: unknown[] = [roots];
    let where = visibleSql('o', '$1::ltree[]');
    if (query.orgUnitId) {
      // The unit's subtree and the predecessors of anything in it.
      const unit = await this.units.getVisible(principal, query.orgUnitId, Permission.UserRead);
      params.push(unit.path);
      where += ` AND (o.path <@ $${params.length}::ltree OR o.heir_paths <@ $${params.length}::ltree)`;
    }
    let order = 'u.full_name, u.id';
    if (query.q) {
      params.push(query.q.normalize('NFC').trim());
      const q = `$${params.length}`;
      where += ` AND (${containsSql('u.full_name', q)} OR lower(u.username) = lower(${q}))`;
      order = `CASE WHEN lower(u.username) = lower(${q}) THEN 0 ELSE ${rankSql('u.full_name', q)} END, ${order}`;
    }
    const ids: Array<{ id: string }> = await this.db.query(
      `SELECT u.id FROM users u JOIN org_units o ON o.id = u.org_unit_id WHERE ${where} ORDER BY ${order} LIMIT 200`,
      params,
    );
    return this.views(ids.map((r) => r.id));
  }

  private async view(id: string): Promise<UserView> {
    const [view] = await this.views([id]);
    if (!view) throw IdentityErrors.USER_NOT_FOUND();
    return view;
  }

  /** Users with their grants and profiles in four queries, in the order of `ids`. */
  private async views(ids: string[]): Promise<UserView[]> {
    if (ids.length === 0) return [];
    const users = await this.db.getRepository(User).findBy({ id: In(ids) });
    const grants = await this.db.getRepository(RoleGrant).find({ where: { userId: In(ids) }, order: { role: 'ASC' } });
    const cadres = new Map((await this.db.getRepository(CadreProfile).findBy({ userId: In(ids) })).map((c) => [c.userId, c]));
    const lecturers = new Map(
      (await this.db.getRepository(LecturerProfile).findBy({ userId: In(ids) })).map((l) => [l.userId, l]),
    );
    const byId = new Map(users.map((u) => [u.id, u]));
    return ids.flatMap((id) => {
      const user = byId.get(id);
      if (!user) return [];
      return [
        {
          id: user.id,
          username: user.username,
          fullName: user.fullName,
          email: user.email,
          phone: user.phone,
          dateOfBirth: user.dateOfBirth,
          gender: user.gender,
          orgUnitId: user.orgUnitId,
          roles: grants.filter((g) => g.userId === id).map((g) => ({ role: g.role, orgUnitId: g.orgUnitId })),
          cadre: cadreView(cadres.get(id)),
          lecturer: lecturerView(lecturers.get(id)),
          mustChangePassword: user.mustChangePassword,
          createdAt: user.createdAt.toISOString(),
        },
      ];
    });
  }
}

function cadreView(c: CadreProfile | undefined): UserView['cadre'] {
  if (!c) return null;
  return {
    title: c.title,
    plannedTitles: c.plannedTitles,
    employment: c.employment,
    theoryLevel: c.theoryLevel,
    education: c.education,
  };
}

function lecturerView(l: LecturerProfile | undefined): UserView['lecturer'] {
  return l ? { specialties: l.specialties, programsTaught: l.programsTaught } : null;
}
