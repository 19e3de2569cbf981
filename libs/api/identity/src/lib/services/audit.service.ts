import { CommonErrors, type Principal } from '@boiduong/api-core';
import { Permission, type AuditAction, type AuditEntry } from '@boiduong/shared-contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { OrgUnit } from '../entities';
import { IdentityErrors } from '../identity.errors';
import { canSee, visibleSql } from './visibility';

export interface AuditRecord {
  action: AuditAction;
  entity: string;
  entityId: string;
  /** The unit the change concerns; its subtree's admins may read the entry. */
  unit: Pick<OrgUnit, 'id' | 'path'>;
  before: unknown;
  after: unknown;
}

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Writes through the caller's transaction manager, so the entry exists exactly when the change does. */
  async record(manager: EntityManager, principal: Principal | null, record: AuditRecord): Promise<void> {
    await manager.query(
      `INSERT INTO audit_log (actor_id, actor_username, action, entity, entity_id, org_unit_id, org_unit_path, before, after)
       VALUES ($1, $2, $3, $4, $5, $6, $7::ltree, $8::jsonb, $9::jsonb)`,
      [
        principal?.userId ?? null,
        principal?.username ?? null,
        record.action,
        record.entity,
        record.entityId,
        record.unit.id,
        record.unit.path,
        record.before == null ? null : JSON.stringify(record.before),
        record.after == null ? null : JSON.stringify(record.after),
      ],
    );
  }

  /** Entries about units inside the principal's audit subtrees (and their predecessors), newest first. */
  async list(principal: Principal, query: { orgUnitId?: string; entity?: string; limit?: number }): Promise<AuditEntry[]> {
    const roots = principal.rootsFor(Permission.AuditRead);
    if (!roots.length) throw CommonErrors.FORBIDDEN();
    const params: unknown[] = [roots];
    let where = visibleSql('o', '$1::ltree[]');
    if (query.orgUnitId) {
      const unit = await this.db.getRepository(OrgUnit).findOneBy({ id: query.orgUnitId });
      if (!unit || !canSee(principal, Permission.AuditRead, unit)) throw IdentityErrors.ORG_UNIT_NOT_FOUND();
      params.push(unit.path);
      where += ` AND (o.path <@ $${params.length}::ltree OR o.heir_paths <@ $${params.length}::ltree)`;
    }
    if (query.entity) {
      params.push(query.entity);
      where += ` AND a.entity = $${params.length}`;
    }
    params.push(query.limit ?? 100);
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT a.id, a.actor_id, a.actor_username, a.action, a.entity, a.entity_id, a.org_unit_id, a.before, a.after, a.at
         FROM audit_log a JOIN org_units o ON o.id = a.org_unit_id
        WHERE ${where}
        ORDER BY a.at DESC, a.id DESC
        LIMIT $${params.length}`,
      params,
    );
    return rows.map((r) => ({
      id: r['id'] as string,
      actorId: r['actor_id'] as string | null,
      actorUsername: r['actor_username'] as string | null,
      action: r['action'] as AuditAction,
      entity: r['entity'] as string,
      entityId: r['entity_id'] as string,
      orgUnitId: r['org_unit_id'] as string,
      before: r['before'],
      after: r['after'],
      at: (r['at'] as Date).toISOString(),
    }));
  }
}
