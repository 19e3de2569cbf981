import { CommonErrors, type Principal } from '@boiduong/api-core';
import { Permission, type CourseListItem, type CourseMode, type CourseStatus, type EnrollmentStatus } from '@boiduong/shared-contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CatalogErrors } from '../catalog.errors';
import { CoursesService } from './courses.service';

/** One course as listed on the learner's catalog or the organiser's list (the wire type of contracts). */
export type { CourseListItem };

export type CatalogCourse = CourseListItem & { myStatus: EnrollmentStatus | null };

export interface LecturerView {
  userId: string;
  username: string;
  fullName: string;
}

const LIST_COLUMNS = `c.id, c.name, c.program_id AS "programId", p.code AS "programCode", p.name AS "programName",
  c.org_unit_id AS "orgUnitId", o.name AS "orgUnitName", c.mode, c.status,
  to_char(c.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(c.ends_on, 'YYYY-MM-DD') AS "endsOn",
  c.open_from AS "openFrom", c.open_until AS "openUntil", c.capacity, c.self_enrollment AS "selfEnrollment", c.open_to_all AS "openToAll",
  (SELECT count(*)::int FROM enrollments e WHERE e.course_id = c.id AND e.status = 'enrolled') AS enrolled,
  (SELECT count(*)::int FROM enrollments e WHERE e.course_id = c.id AND e.status = 'waitlisted') AS waitlisted`;

function isoOrNull(v: unknown): string | null {
  return v instanceof Date ? v.toISOString() : null;
}

/** The lists the web screens browse: courses to join, courses to run, a course's lecturers, a session's attendance. */
@Injectable()
export class CourseDirectoryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly courses: CoursesService,
  ) {}

  /**
   * Courses a learner may enrol in by themselves now: self-enrollment on, open or running, and the
   * learner in the audience (open to all, central, or the learner's unit inside the organiser's subtree).
   */
  async catalog(principal: Principal): Promise<CatalogCourse[]> {
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT ${LIST_COLUMNS}, me.status AS "myStatus"
         FROM courses c
         JOIN programs p ON p.id = c.program_id
         JOIN org_units o ON o.id = c.org_unit_id
         JOIN users u ON u.id = $1
         JOIN org_units uo ON uo.id = u.org_unit_id
         LEFT JOIN enrollments me ON me.course_id = c.id AND me.user_id = u.id AND me.status <> 'withdrawn'
        WHERE c.self_enrollment AND c.status IN ('open', 'running')
          AND (c.open_until IS NULL OR c.open_until > now())
          AND (c.open_to_all OR o.type = 'central' OR uo.path <@ o.path)
        ORDER BY c.starts_on DESC, c.name, c.id
        LIMIT 200`,
      [principal.userId],
    );
    return rows.map((r) => ({ ...this.item(r), myStatus: (r['myStatus'] as EnrollmentStatus | null) ?? null }));
  }

  /** Courses the caller organises (course.manage on the organising unit) or teaches, newest first. */
  async managed(principal: Principal, programId?: string): Promise<CourseListItem[]> {
    const roots = principal.rootsFor(Permission.CourseManage);
    const params: unknown[] = [roots, principal.userId];
    let filter = '';
    if (programId) {
      params.push(programId);
      filter = ` AND c.program_id = $${params.length}`;
    }
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT ${LIST_COLUMNS}
         FROM courses c
         JOIN programs p ON p.id = c.program_id
         JOIN org_units o ON o.id = c.org_unit_id
        WHERE (o.path <@ ANY($1::ltree[]) OR EXISTS (SELECT 1 FROM course_lecturers cl WHERE cl.course_id = c.id AND cl.user_id = $2))${filter}
        ORDER BY c.starts_on DESC, c.name, c.id
        LIMIT 500`,
      params,
    );
    return rows.map((r) => this.item(r));
  }

  async lecturers(principal: Principal, courseId: string): Promise<LecturerView[]> {
    await this.courses.visible(principal, courseId);
    return this.db.query(
      `SELECT u.id AS "userId", u.username, u.full_name AS "fullName"
         FROM course_lecturers cl JOIN users u ON u.id = cl.user_id
        WHERE cl.course_id = $1 ORDER BY u.full_name, u.id`,
      [courseId],
    );
  }

  /** Who was recorded present at a session (an admin of the course's unit or a lecturer of the course). */
  async attendance(principal: Principal, sessionId: string): Promise<{ sessionId: string; present: string[] }> {
    const [session] = await this.db.query(`SELECT course_id FROM course_sessions WHERE id = $1`, [sessionId]);
    if (!session) throw CatalogErrors.SESSION_NOT_FOUND();
    const loaded = await this.courses.visible(principal, session.course_id).catch(() => {
      throw CatalogErrors.SESSION_NOT_FOUND();
    });
    if (!(await this.courses.canTeach(principal, loaded))) throw CommonErrors.FORBIDDEN();
    const rows: Array<{ user_id: string }> = await this.db.query(`SELECT user_id FROM session_attendance WHERE session_id = $1 ORDER BY user_id`, [sessionId]);
    return { sessionId, present: rows.map((r) => r.user_id) };
  }

  private item(r: Record<string, unknown>): CourseListItem {
    return {
      id: r['id'] as string,
      name: r['name'] as string,
      programId: r['programId'] as string,
      programCode: r['programCode'] as string,
      programName: r['programName'] as string,
      orgUnitId: r['orgUnitId'] as string,
      orgUnitName: r['orgUnitName'] as string,
      mode: r['mode'] as CourseMode,
      status: r['status'] as CourseStatus,
      startsOn: r['startsOn'] as string,
      endsOn: r['endsOn'] as string,
      openFrom: isoOrNull(r['openFrom']),
      openUntil: isoOrNull(r['openUntil']),
      capacity: r['capacity'] as number | null,
      selfEnrollment: r['selfEnrollment'] as boolean,
      openToAll: r['openToAll'] as boolean,
      enrolled: r['enrolled'] as number,
      waitlisted: r['waitlisted'] as number,
    };
  }
}
