import { OrgUnitSuccessionParticipant, OrgUnitSuccessions, type OrgUnitSuccessionChange } from '@boiduong/api-identity';
import type { CourseStatus } from '@boiduong/shared-contracts';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Courses still to be held or being held; a closed course is history and keeps its organiser. */
const ONGOING: CourseStatus[] = ['draft', 'open', 'running'];

/**
 * Open courses of units closed by a merge or split pass to the successor, so their admins keep
 * running them. Enrollments, attendance and certificates are not touched: they point at the
 * course or at the unit of their time, and the successor's admins already see predecessors'
 * records through the heir paths.
 */
@Injectable()
export class CourseSuccession extends OrgUnitSuccessionParticipant implements OnModuleInit {
  readonly auditKey = 'movedCourses';

  constructor(private readonly successions: OrgUnitSuccessions) {
    super();
  }

  onModuleInit(): void {
    this.successions.register(this);
  }

  async onUnitsSucceeded(manager: EntityManager, change: OrgUnitSuccessionChange): Promise<number> {
    const moved: unknown[] = await manager.query(
      `UPDATE courses SET org_unit_id = $2, updated_at = now()
        WHERE org_unit_id = ANY($1::uuid[]) AND status = ANY($3::varchar[])
        RETURNING id`,
      [change.closedUnitIds, change.successorId, ONGOING],
    );
    // node-postgres through TypeORM answers UPDATE … RETURNING with [rows, count].
    return moved.length === 2 && Array.isArray(moved[0]) && typeof moved[1] === 'number' ? moved[1] : moved.length;
  }
}
