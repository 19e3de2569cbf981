import type { Principal } from '@boiduong/api-core';
import { Permission, type BankCell, type ManagedCourse, type ManagedExamSummary } from '@boiduong/shared-contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AssessmentErrors } from '../assessment.errors';
import type { ListManagedExamsQuery, ManagedExamStatus } from '../dto/managed-exams.dto';
import { AssessmentClock } from './assessment-clock';

export type { BankCell, ManagedCourse, ManagedExamSummary };

const LEVEL_ORDER = ['recognition', 'comprehension', 'application', 'high_application'];

/** `%`, `_` and `\` taken literally in a LIKE pattern. */
const likeLiteral = (text: string) => text.replace(/[%_\\]/g, (c) => `\\${c}`);

/**
 * What lecturers and organisation admins need to run exams: the exams of their subtree with the
 * attempt counts, the courses they may set exams for, and what the bank holds for a course (so a
 * blueprint can be drafted against it before the 422). Read-only.
 */
@Injectable()
export class ManagedExamsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: AssessmentClock,
  ) {}

  async list(principal: Principal, query: ListManagedExamsQuery): Promise<ManagedExamSummary[]> {
    const roots = principal.rootsFor(Permission.ExamManage);
    if (roots.length === 0) return [];
    // A course outside the subtree answers like a missing one, so its existence cannot be probed.
    if (query.courseId !== undefined) await this.managedCourse(principal, query.courseId);
    const now = this.clock.now();
    const params: unknown[] = [roots];
    const where = [`o.path <@ ANY(CAST($1 AS ltree[]))`];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replaceAll('?', `$${params.length}`));
    };
    if (query.courseId !== undefined) add(`e.course_id = ?`, query.courseId);
    const q = query.q?.normalize('NFC').trim();
    if (q) add(`e.title ILIKE '%' || ? || '%'`, likeLiteral(q));
    // The same boundaries as statusAt below.
    if (query.status === 'upcoming') add(`?::timestamptz < e.opens_at`, now);
    if (query.status === 'open') add(`?::timestamptz >= e.opens_at AND ?::timestamptz < e.closes_at`, now);
    if (query.status === 'closed') add(`?::timestamptz >= e.closes_at`, now);
    params.push(query.limit ?? 100, query.offset ?? 0);
    const rows: Array<{
      id: string;
      title: string;
      course_id: string;
      course_name: string;
      opens_at: Date;
      closes_at: Date;
      result_release: ManagedExamSummary['resultRelease'];
      results_released_at: Date | null;
      started: number;
      finished: number;
      awaiting: number;
    }> = await this.db.query(
      `SELECT e.id, e.title, c.id AS course_id, c.name AS course_name, e.opens_at, e.closes_at, e.result_release, e.results_released_at,
              COALESCE(a.started, 0) AS started, COALESCE(a.finished, 0) AS finished, COALESCE(a.awaiting, 0) AS awaiting
         FROM exams e
         JOIN org_units o ON o.id = e.org_unit_id
         JOIN courses c ON c.id = e.course_id
         LEFT JOIN LATERAL (
           SELECT count(*)::int AS started,
                  count(*) FILTER (WHERE status <> 'in_progress')::int AS finished,
                  count(*) FILTER (WHERE status <> 'in_progress' AND needs_manual_grading)::int AS awaiting
             FROM attempts WHERE exam_id = e.id) a ON true
        WHERE ${where.join(' AND ')}
        ORDER BY e.opens_at DESC, e.title, e.id
        LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      courseId: r.course_id,
      courseName: r.course_name,
      opensAt: r.opens_at.toISOString(),
      closesAt: r.closes_at.toISOString(),
      status: statusAt(now, r.opens_at, r.closes_at),
      attempts: { started: r.started, finished: r.finished, awaitingGrading: r.awaiting },
      resultRelease: r.result_release,
      resultsReleasedAt: r.results_released_at?.toISOString() ?? null,
    }));
  }

  /** The courses whose exams the principal manages (the exam form's course picker). */
  async courses(principal: Principal, q?: string): Promise<ManagedCourse[]> {
    const roots = principal.rootsFor(Permission.ExamManage);
    if (roots.length === 0) return [];
    const text = q?.normalize('NFC').trim();
    const rows: Array<{ id: string; name: string; org_unit_id: string; org_unit_name: string; status: string }> = await this.db.query(
      `SELECT c.id, c.name, c.org_unit_id, o.name AS org_unit_name, c.status
         FROM courses c JOIN org_units o ON o.id = c.org_unit_id
        WHERE o.path <@ ANY(CAST($1 AS ltree[])) AND ($2::text IS NULL OR c.name ILIKE '%' || $2 || '%')
        ORDER BY c.starts_on DESC, c.name, c.id
        LIMIT 200`,
      [roots, text ? likeLiteral(text) : null],
    );
    return rows.map((r) => ({ id: r.id, name: r.name, orgUnitId: r.org_unit_id, orgUnitName: r.org_unit_name, status: r.status }));
  }

  /**
   * Approved items per topic and level that an exam of this course may draw: owned by the
   * course's unit or an ancestor, the same pool the blueprint check and form assembly use.
   */
  async bankAvailability(principal: Principal, courseId: string): Promise<BankCell[]> {
    const course = await this.managedCourse(principal, courseId);
    const rows: Array<{ topic: string; level: BankCell['level']; approved: number }> = await this.db.query(
      `SELECT v.topic, v.level, count(*)::int AS approved
         FROM qb_items i
         JOIN qb_item_versions v ON v.item_id = i.id AND v.version = i.approved_version
         JOIN org_units owner ON owner.id = i.owner_org_unit_id
        WHERE i.status = 'approved' AND owner.path @> (SELECT path FROM org_units WHERE id = $1)
        GROUP BY v.topic, v.level`,
      [course.orgUnitId],
    );
    return rows.sort((a, b) => a.topic.localeCompare(b.topic, 'vi') || LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level));
  }

  private async managedCourse(principal: Principal, courseId: string): Promise<{ orgUnitId: string }> {
    const [course]: Array<{ org_unit_id: string; path: string }> = await this.db.query(
      `SELECT c.org_unit_id, o.path::text AS path FROM courses c JOIN org_units o ON o.id = c.org_unit_id WHERE c.id = $1`,
      [courseId],
    );
    if (!course || !principal.can(Permission.ExamManage, course.path)) throw AssessmentErrors.COURSE_NOT_FOUND();
    return { orgUnitId: course.org_unit_id };
  }
}

/** The same boundaries the start uses (`timing.ts`): open from `opensAt`, closed from `closesAt`. */
export function statusAt(now: Date, opensAt: Date, closesAt: Date): ManagedExamStatus {
  if (now.getTime() < opensAt.getTime()) return 'upcoming';
  if (now.getTime() >= closesAt.getTime()) return 'closed';
  return 'open';
}
