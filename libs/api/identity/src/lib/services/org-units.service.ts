import { CommonErrors, type Principal } from '@boiduong/api-core';
import { Permission, type OrgUnitSuccession as OrgUnitSuccessionView, type OrgUnitSummary } from '@boiduong/shared-contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { CreateOrgUnitDto, ListOrgUnitsQuery } from '../dto/org-unit.dto';
import { OrgUnit, pathLabel } from '../entities';
import { IdentityErrors } from '../identity.errors';
import { AuditService } from './audit.service';
import { containsSql, rankSql } from './search';
import { TREE_LOCK, canSee, visibleSql } from './visibility';

export function toSummary(u: OrgUnit): OrgUnitSummary {
  return { id: u.id, code: u.code, name: u.name, type: u.type, parentId: u.parentId, validFrom: u.validFrom, validTo: u.validTo };
}

@Injectable()
export class OrgUnitsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** A unit the principal may see with `permission`, or 404 (never revealing units elsewhere). */
  async getVisible(principal: Principal, id: string, permission: Permission = Permission.OrgUnitRead): Promise<OrgUnit> {
    const unit = await this.db.getRepository(OrgUnit).findOneBy({ id });
    if (!unit || !canSee(principal, permission, unit)) throw IdentityErrors.ORG_UNIT_NOT_FOUND();
    return unit;
  }

  async create(principal: Principal, dto: CreateOrgUnitDto): Promise<OrgUnit> {
    if (dto.type === 'district') throw IdentityErrors.ORG_UNIT_TYPE_HISTORICAL();
    return this.db.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock_shared($1)', [TREE_LOCK]);
      let parent: OrgUnit | null = null;
      if (dto.parentId) {
        parent = await manager.findOne(OrgUnit, { where: { id: dto.parentId }, lock: { mode: 'pessimistic_read' } });
        if (!parent || !principal.can(Permission.OrgUnitRead, parent.path)) throw IdentityErrors.ORG_UNIT_NOT_FOUND();
        if (!principal.can(Permission.OrgUnitManage, parent.path)) throw CommonErrors.FORBIDDEN();
        if (parent.validTo !== null) throw IdentityErrors.ORG_UNIT_PARENT_CLOSED();
      } else if (dto.type !== 'central' || !principal.hasPermission(Permission.OrgUnitManage) || principal.rootsFor(Permission.OrgUnitManage).some((r) => r.includes('.'))) {
        // Only a manager of the whole tree may create a root, and only of the central type.
        throw IdentityErrors.ORG_UNIT_PARENT_REQUIRED();
      }
      const unit = await this.insert(manager, { ...dto, parent });
      await this.audit.record(manager, principal, {
        action: 'org_unit.create',
        entity: 'org_unit',
        entityId: unit.id,
        unit,
        before: null,
        after: toSummary(unit),
      });
      return unit;
    });
  }

  /** Inserts a unit under `parent` (no permission checks: callers check). Code clashes become 409. */
  async insert(
    manager: EntityManager,
    input: { code: string; name: string; type: OrgUnit['type']; parent: OrgUnit | null; validFrom?: string },
  ): Promise<OrgUnit> {
    const clash = await manager.query(`SELECT 1 FROM org_units WHERE lower(code) = lower($1)`, [input.code]);
    if (clash.length > 0) throw IdentityErrors.ORG_UNIT_CODE_TAKEN({ code: input.code });
    const id = (await manager.query(`SELECT gen_random_uuid() AS id`))[0].id as string;
    const path = input.parent ? `${input.parent.path}.${pathLabel(id)}` : pathLabel(id);
    await manager.query(
      `INSERT INTO org_units (id, code, name, type, parent_id, path, valid_from)
       VALUES ($1, $2, $3, $4, $5, $6::ltree, COALESCE($7::date, CURRENT_DATE))`,
      [id, input.code, input.name, input.type, input.parent?.id ?? null, path, input.validFrom ?? null],
    );
    return manager.findOneByOrFail(OrgUnit, { id });
  }

  /** Links where the unit is predecessor or successor, oldest first. */
  async successions(principal: Principal, id: string): Promise<OrgUnitSuccessionView[]> {
    const unit = await this.getVisible(principal, id);
    const rows: Array<{ predecessor_id: string; successor_id: string; effective_on: string; kind: 'merge' | 'split' }> =
      await this.db.query(
        `SELECT predecessor_id, successor_id, to_char(effective_on, 'YYYY-MM-DD') AS effective_on, kind
           FROM org_unit_successions WHERE predecessor_id = $1 OR successor_id = $1 ORDER BY effective_on, created_at`,
        [unit.id],
      );
    return rows.map((r) => ({ predecessorId: r.predecessor_id, successorId: r.successor_id, effectiveOn: r.effective_on, kind: r.kind }));
  }

  async children(principal: Principal, id: string, includeClosed = false): Promise<OrgUnit[]> {
    const unit = await this.getVisible(principal, id);
    const qb = this.db.getRepository(OrgUnit).createQueryBuilder('u').where('u.parent_id = :id', { id: unit.id });
    if (!includeClosed) qb.andWhere('u.valid_to IS NULL');
    return qb.orderBy('u.name').getMany();
  }

  /** Units inside the principal's subtrees, optionally matching a code or name without regard to accents. */
  async list(principal: Principal, query: ListOrgUnitsQuery): Promise<OrgUnit[]> {
    const roots = principal.rootsFor(Permission.OrgUnitRead);
    if (roots.length === 0) return [];
    const qb = this.db
      .getRepository(OrgUnit)
      .createQueryBuilder('u')
      .where(visibleSql('u', 'CAST(:roots AS ltree[])'), { roots });
    if (!query.includeClosed) qb.andWhere('u.valid_to IS NULL');
    if (query.q) {
      qb.andWhere(`(${containsSql('u.name', ':q')} OR lower(u.code) = lower(:q))`, { q: query.q.normalize('NFC').trim() });
      // Exact code or name matches first, then prefixes, then the shallowest units.
      qb.orderBy(`CASE WHEN lower(u.code) = lower(:q) THEN 0 ELSE ${rankSql('u.name', ':q')} END`);
      qb.addOrderBy('nlevel(u.path)');
    } else {
      qb.orderBy('nlevel(u.path)');
    }
    return qb.addOrderBy('u.name').limit(200).getMany();
  }
}
