import { CommonErrors, type Principal } from '@boiduong/api-core';
import { Permission, type OrgUnitSummary } from '@boiduong/shared-contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import type { MergeOrgUnitsDto, SplitOrgUnitDto, SuccessorDto } from '../dto/org-unit.dto';
import { OrgUnit, OrgUnitSuccession, pathLabel } from '../entities';
import { IdentityErrors } from '../identity.errors';
import { AuditService } from './audit.service';
import { OrgUnitSuccessions } from './org-unit-successions';
import { OrgUnitsService, toSummary } from './org-units.service';
import { TREE_LOCK, canSee } from './visibility';

export interface MergeResult {
  successor: OrgUnitSummary;
  closed: OrgUnitSummary[];
  movedUsers: number;
  movedUnits: number;
}

export interface SplitResult {
  successors: OrgUnitSummary[];
  closed: OrgUnitSummary;
  movedUsers: number;
  usersLeft: number;
  movedUnits: number;
}

/**
 * Structural changes of the tree: moves, merges and splits. Each runs in one transaction under
 * the exclusive tree lock, so no concurrent change can see a half-rewritten subtree or race
 * two moves into a cycle.
 */
@Injectable()
export class OrgTreeService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly units: OrgUnitsService,
    private readonly audit: AuditService,
    private readonly successions: OrgUnitSuccessions,
  ) {}

  async move(principal: Principal, id: string, parentId: string): Promise<OrgUnitSummary> {
    return this.db.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [TREE_LOCK]);
      const unit = await this.manageable(m, principal, id);
      const parent = await this.manageable(m, principal, parentId);
      if (unit.parentId === null) throw IdentityErrors.ORG_UNIT_ROOT_IMMOVABLE();
      if (unit.validTo !== null) throw IdentityErrors.ORG_UNIT_CLOSED({ id: unit.id });
      if (parent.validTo !== null) throw IdentityErrors.ORG_UNIT_PARENT_CLOSED();
      if (isWithinPath(parent.path, unit.path)) throw IdentityErrors.ORG_UNIT_CYCLE({ id: unit.id, parentId: parent.id });
      const before = toSummary(unit);
      await this.reparent(m, unit, parent);
      const after = await m.findOneByOrFail(OrgUnit, { id: unit.id });
      await this.audit.record(m, principal, {
        action: 'org_unit.move',
        entity: 'org_unit',
        entityId: unit.id,
        unit: after,
        before,
        after: toSummary(after),
      });
      return toSummary(after);
    });
  }

  async merge(principal: Principal, dto: MergeOrgUnitsDto): Promise<MergeResult> {
    this.checkDate(dto.effectiveOn);
    return this.db.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [TREE_LOCK]);
      const sources: OrgUnit[] = [];
      for (const id of dto.sourceIds) sources.push(await this.closable(m, principal, id, dto.effectiveOn));
      const successor = await this.successor(m, principal, dto.successor, sources, dto.effectiveOn);
      let movedUnits = 0;
      for (const source of sources) {
        // Open children follow their parent into the successor; closed ones stay where history put them.
        const children = await m.find(OrgUnit, { where: { parentId: source.id }, order: { code: 'ASC' } });
        for (const child of children.filter((c) => c.validTo === null)) {
          await this.reparent(m, child, await m.findOneByOrFail(OrgUnit, { id: successor.id }));
          movedUnits++;
        }
      }
      const ids = sources.map((s) => s.id);
      const moved: unknown[] = await m.query(
        `UPDATE users SET org_unit_id = $1, updated_at = now() WHERE org_unit_id = ANY($2::uuid[]) RETURNING id`,
        [successor.id, ids],
      );
      const movedUsers = rowCount(moved);
      const movedGrants = await this.moveGrants(m, ids, successor.id);
      await this.close(m, sources, [successor], 'merge', dto.effectiveOn);
      // Other contexts' open work (courses…) follows in this same transaction: all or nothing.
      const movedElsewhere = await this.successions.notify(m, { kind: 'merge', closedUnitIds: ids, successorId: successor.id, on: dto.effectiveOn });
      const closed = await m.findBy(OrgUnit, { id: In(ids) });
      const result: MergeResult = {
        successor: toSummary(successor),
        closed: closed.map(toSummary),
        movedUsers,
        movedUnits,
      };
      await this.audit.record(m, principal, {
        action: 'org_unit.merge',
        entity: 'org_unit',
        entityId: successor.id,
        unit: successor,
        before: { sources: sources.map(toSummary) },
        after: { ...result, movedGrants, ...movedElsewhere, effectiveOn: dto.effectiveOn },
      });
      return result;
    });
  }

  async split(principal: Principal, id: string, dto: SplitOrgUnitDto): Promise<SplitResult> {
    this.checkDate(dto.effectiveOn);
    return this.db.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [TREE_LOCK]);
      const source = await this.closable(m, principal, id, dto.effectiveOn);
      // Every open child goes to exactly one successor: none is left under a closed parent.
      const openChildren = (await m.findBy(OrgUnit, { parentId: source.id })).filter((c) => c.validTo === null);
      const assignedUnits = dto.successors.flatMap((s) => s.childUnitIds ?? []);
      const childIds = new Set(openChildren.map((c) => c.id));
      if (
        new Set(assignedUnits).size !== assignedUnits.length ||
        assignedUnits.length !== childIds.size ||
        !assignedUnits.every((c) => childIds.has(c))
      ) {
        throw IdentityErrors.ORG_UNIT_CHILDREN_UNASSIGNED({ openChildren: openChildren.map((c) => c.code) });
      }
      const assignedUsers = dto.successors.flatMap((s) => s.userIds ?? []);
      if (new Set(assignedUsers).size !== assignedUsers.length) throw IdentityErrors.ORG_UNIT_PEOPLE_INVALID();
      if (assignedUsers.length) {
        const inSource: Array<{ n: number }> = await m.query(
          `SELECT count(*)::int AS n FROM users WHERE id = ANY($1::uuid[]) AND org_unit_id = $2`,
          [assignedUsers, source.id],
        );
        if (inSource[0].n !== assignedUsers.length) throw IdentityErrors.ORG_UNIT_PEOPLE_INVALID();
      }
      const successors: OrgUnit[] = [];
      for (const s of dto.successors) {
        const successor = await this.successor(m, principal, s, [source], dto.effectiveOn);
        if (successors.some((x) => x.id === successor.id)) throw IdentityErrors.ORG_UNIT_SUCCESSOR_INVALID();
        successors.push(successor);
      }
      let movedUsers = 0;
      for (const [i, s] of dto.successors.entries()) {
        for (const childId of s.childUnitIds ?? []) {
          await this.reparent(m, await m.findOneByOrFail(OrgUnit, { id: childId }), await m.findOneByOrFail(OrgUnit, { id: successors[i].id }));
        }
        if (s.userIds?.length) {
          const moved: unknown[] = await m.query(
            `UPDATE users SET org_unit_id = $1, updated_at = now() WHERE id = ANY($2::uuid[]) RETURNING id`,
            [successors[i].id, s.userIds],
          );
          movedUsers += rowCount(moved);
        }
      }
      const left: Array<{ n: number }> = await m.query(`SELECT count(*)::int AS n FROM users WHERE org_unit_id = $1`, [source.id]);
      // Roles held on the split unit go to the first successor listed (the primary one).
      const movedGrants = await this.moveGrants(m, [source.id], successors[0].id);
      await this.close(m, [source], successors, 'split', dto.effectiveOn);
      // Open work elsewhere follows the grants' rule: to the first successor, in this transaction.
      const movedElsewhere = await this.successions.notify(m, { kind: 'split', closedUnitIds: [source.id], successorId: successors[0].id, on: dto.effectiveOn });
      const fresh = await m.findBy(OrgUnit, { id: In(successors.map((s) => s.id)) });
      const byId = new Map(fresh.map((u) => [u.id, u]));
      const result: SplitResult = {
        successors: successors.map((s) => toSummary(byId.get(s.id) ?? s)),
        closed: toSummary(await m.findOneByOrFail(OrgUnit, { id: source.id })),
        movedUsers,
        usersLeft: left[0].n,
        movedUnits: assignedUnits.length,
      };
      await this.audit.record(m, principal, {
        action: 'org_unit.split',
        entity: 'org_unit',
        entityId: source.id,
        unit: source,
        before: toSummary(source),
        after: { ...result, movedGrants, ...movedElsewhere, effectiveOn: dto.effectiveOn },
      });
      return result;
    });
  }

  /**
   * Role grants on closing units pass to their heir, so whoever administered, taught or studied
   * there keeps that role in the unit that took over. A role the holder already has on the heir (or
   * on another of the closing units) is not doubled. Returns how many grants moved.
   */
  private async moveGrants(m: EntityManager, sourceIds: string[], heirId: string): Promise<number> {
    await m.query(
      `DELETE FROM role_grants g
        WHERE g.org_unit_id = ANY($1::uuid[])
          AND (EXISTS (SELECT 1 FROM role_grants h WHERE h.user_id = g.user_id AND h.role = g.role AND h.org_unit_id = $2)
               OR EXISTS (SELECT 1 FROM role_grants k WHERE k.org_unit_id = ANY($1::uuid[]) AND k.user_id = g.user_id AND k.role = g.role AND k.id < g.id))`,
      [sourceIds, heirId],
    );
    const moved: unknown[] = await m.query(`UPDATE role_grants SET org_unit_id = $2 WHERE org_unit_id = ANY($1::uuid[]) RETURNING id`, [sourceIds, heirId]);
    return rowCount(moved);
  }

  /** A unit locked for update that the principal manages: 404 when not visible, 403 when only visible. */
  private async manageable(m: EntityManager, principal: Principal, id: string): Promise<OrgUnit> {
    const unit = await m.findOne(OrgUnit, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!unit || !canSee(principal, Permission.OrgUnitRead, unit)) throw IdentityErrors.ORG_UNIT_NOT_FOUND();
    if (!principal.can(Permission.OrgUnitManage, unit.path)) throw CommonErrors.FORBIDDEN();
    return unit;
  }

  /** A managed, open, non-root unit founded no later than the effective date. */
  private async closable(m: EntityManager, principal: Principal, id: string, effectiveOn: string): Promise<OrgUnit> {
    const unit = await this.manageable(m, principal, id);
    if (unit.parentId === null) throw IdentityErrors.ORG_UNIT_ROOT_IMMOVABLE();
    if (unit.validTo !== null) throw IdentityErrors.ORG_UNIT_CLOSED({ id: unit.id });
    if (unit.validFrom > effectiveOn) throw IdentityErrors.ORG_UNIT_EFFECTIVE_DATE_INVALID({ id: unit.id });
    return unit;
  }

  /** The existing or newly created successor, never one of the sources nor inside one (that would close it or loop). */
  private async successor(
    m: EntityManager,
    principal: Principal,
    dto: SuccessorDto,
    sources: OrgUnit[],
    effectiveOn: string,
  ): Promise<OrgUnit> {
    const insideSource = (path: string) => sources.some((s) => isWithinPath(path, s.path));
    if (dto.id) {
      if (dto.parentId || dto.code || dto.name || dto.type) throw IdentityErrors.ORG_UNIT_SUCCESSOR_INVALID();
      const unit = await this.manageable(m, principal, dto.id);
      if (unit.validTo !== null) throw IdentityErrors.ORG_UNIT_CLOSED({ id: unit.id });
      if (insideSource(unit.path)) throw IdentityErrors.ORG_UNIT_CYCLE({ successorId: unit.id });
      return unit;
    }
    if (!dto.parentId || !dto.code || !dto.name || !dto.type) throw IdentityErrors.ORG_UNIT_SUCCESSOR_INVALID();
    if (dto.type === 'district') throw IdentityErrors.ORG_UNIT_TYPE_HISTORICAL();
    const parent = await this.manageable(m, principal, dto.parentId);
    if (parent.validTo !== null) throw IdentityErrors.ORG_UNIT_PARENT_CLOSED();
    if (insideSource(parent.path)) throw IdentityErrors.ORG_UNIT_CYCLE({ parentId: parent.id });
    const created = await this.units.insert(m, { code: dto.code, name: dto.name, type: dto.type, parent, validFrom: effectiveOn });
    await this.audit.record(m, principal, {
      action: 'org_unit.create',
      entity: 'org_unit',
      entityId: created.id,
      unit: created,
      before: null,
      after: toSummary(created),
    });
    return created;
  }

  /**
   * Moves `unit` with its subtree under `parent`: every path in the subtree is rewritten in one
   * statement, then every heir path that pointed into the old subtree follows.
   */
  private async reparent(m: EntityManager, unit: OrgUnit, parent: OrgUnit): Promise<void> {
    const oldPath = unit.path;
    const newPath = `${parent.path}.${pathLabel(unit.id)}`;
    if (oldPath === newPath) return;
    await m.query(
      `UPDATE org_units
          SET path = CASE WHEN path = $1::ltree THEN $2::ltree ELSE $2::ltree || subpath(path, nlevel($1::ltree)) END,
              parent_id = CASE WHEN id = $3 THEN $4::uuid ELSE parent_id END,
              updated_at = now()
        WHERE path <@ $1::ltree`,
      [oldPath, newPath, unit.id, parent.id],
    );
    await m.query(
      `UPDATE org_units
          SET heir_paths = ARRAY(
                SELECT CASE WHEN h = $1::ltree THEN $2::ltree
                            WHEN h <@ $1::ltree THEN $2::ltree || subpath(h, nlevel($1::ltree))
                            ELSE h END
                  FROM unnest(heir_paths) AS h)
        WHERE heir_paths <@ $1::ltree`,
      [oldPath, newPath],
    );
  }

  /**
   * Closes `sources` on the date, links them to `successors`, and adds the successors' paths to the
   * heir paths of the sources and of everything that already passed into a source.
   */
  private async close(
    m: EntityManager,
    sources: OrgUnit[],
    successors: OrgUnit[],
    kind: OrgUnitSuccession['kind'],
    effectiveOn: string,
  ): Promise<void> {
    const sourceIds = sources.map((s) => s.id);
    // Re-read: a source nested in another source has moved with its parent's open children.
    const sourcePaths = (await m.findBy(OrgUnit, { id: In(sourceIds) })).map((s) => s.path);
    const heirs = (await m.findBy(OrgUnit, { id: In(successors.map((s) => s.id)) })).map((s) => s.path);
    await m.query(`UPDATE org_units SET valid_to = $2::date, updated_at = now() WHERE id = ANY($1::uuid[])`, [sourceIds, effectiveOn]);
    for (const source of sources) {
      for (const successor of successors) {
        await m.insert(OrgUnitSuccession, { predecessorId: source.id, successorId: successor.id, kind, effectiveOn });
      }
    }
    await m.query(
      `UPDATE org_units
          SET heir_paths = ARRAY(SELECT DISTINCT h FROM unnest(COALESCE(heir_paths, '{}'::ltree[]) || $3::ltree[]) AS h ORDER BY h)
        WHERE id = ANY($1::uuid[]) OR heir_paths && $2::ltree[]`,
      [sourceIds, sourcePaths, heirs],
    );
  }

  private checkDate(effectiveOn: string): void {
    const today = new Date().toISOString().slice(0, 10);
    if (effectiveOn > today) throw IdentityErrors.ORG_UNIT_EFFECTIVE_DATE_INVALID({ effectiveOn });
  }
}

function isWithinPath(path: string, root: string): boolean {
  return path === root || path.startsWith(`${root}.`);
}

function rowCount(result: unknown[]): number {
  // node-postgres through TypeORM answers UPDATE … RETURNING with [rows, count].
  if (result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[1];
  return result.length;
}
