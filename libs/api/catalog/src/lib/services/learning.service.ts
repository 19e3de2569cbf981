import { CommonErrors, type Principal } from '@boiduong/api-core';
import type { CompletionStatus, MyAssignment } from '@boiduong/shared-contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { CatalogErrors } from '../catalog.errors';
import { Course, Lesson } from '../entities';
import { myAssignmentsJson, toMyAssignments } from './assignments.service';
import { ASSIGNMENT_COUNTS, CompletionService } from './completion.service';
import { CoursesService, toCourseView, type CourseView } from './courses.service';
import { ProgramsService, type LessonView, type ModuleView } from './programs.service';
import { rowsOf } from './visibility';

export interface MyCourse {
  course: CourseView;
  enrollmentStatus: string;
  lessonsTotal: number;
  lessonsCompleted: number;
  sessionsTotal: number;
  sessionsAttended: number;
  completed: boolean;
}

export type LessonWithProgress = LessonView & { openedAt: string | null; completedAt: string | null; videoWatchedShare: number };

/** Progress, attendance and the learner's and teacher's views of a course. */
@Injectable()
export class LearningService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly courses: CoursesService,
    private readonly programs: ProgramsService,
    private readonly completion: CompletionService,
  ) {}

  /** Marks a lesson completed in each running course of the learner that uses it. */
  async complete(principal: Principal, lessonId: string): Promise<{ lessonId: string; courses: Array<{ courseId: string } & CompletionStatus> }> {
    const enrollments = await this.studyEnrollments(principal, lessonId);
    return this.db.transaction(async (m) => {
      await m.query(
        `INSERT INTO lesson_progress (enrollment_id, lesson_id, opened_at, completed_at)
         SELECT e, $2, now(), now() FROM unnest($1::uuid[]) e
         ON CONFLICT (enrollment_id, lesson_id) DO UPDATE SET completed_at = COALESCE(lesson_progress.completed_at, now()), updated_at = now()`,
        [enrollments.map((e) => e.id), lessonId],
      );
      const out: Array<{ courseId: string } & CompletionStatus> = [];
      for (const e of enrollments) await this.completion.recompute(m, e.course_id, [principal.userId]);
      for (const e of enrollments) {
        const [row] = await m.query(
          `SELECT e.lessons_completed, e.sessions_attended, e.completed_at, ${ASSIGNMENT_COUNTS} FROM enrollments e WHERE e.id = $1`,
          [e.id],
        );
        const totals = await this.completion.totals(m, e.course_id);
        out.push({
          courseId: e.course_id,
          lessonsTotal: totals?.lessons ?? 0,
          lessonsCompleted: row.lessons_completed,
          sessionsTotal: totals?.sessions ?? 0,
          sessionsAttended: row.sessions_attended,
          assessmentsRequired: 0,
          assessmentsPassed: 0,
          assignmentsRequired: row.ar,
          assignmentsPassed: row.ap,
          completed: row.completed_at !== null,
        });
      }
      return { lessonId, courses: out };
    });
  }

  /** Records that a lesson was opened and how much of its video was watched (the share only grows). */
  async progress(principal: Principal, lessonId: string, videoWatchedShare?: number): Promise<{ lessonId: string; videoWatchedShare: number }> {
    const enrollments = await this.studyEnrollments(principal, lessonId);
    const share = videoWatchedShare ?? 0;
    const rows: Array<{ s: number }> = await this.db.query(
      `INSERT INTO lesson_progress (enrollment_id, lesson_id, opened_at, video_watched_share)
       SELECT e, $2, now(), $3 FROM unnest($1::uuid[]) e
       ON CONFLICT (enrollment_id, lesson_id) DO UPDATE
         SET video_watched_share = GREATEST(lesson_progress.video_watched_share, EXCLUDED.video_watched_share), updated_at = now()
       RETURNING video_watched_share AS s`,
      [enrollments.map((e) => e.id), lessonId, share],
    );
    return { lessonId, videoWatchedShare: Math.max(...rows.map((r) => r.s)) };
  }

  /**
   * Replaces a session's attendance list (lecturer of the course or admin) and recomputes completion.
   * Someone already recorded (by QR or an earlier list) keeps their row, with its method and time.
   */
  async attendance(principal: Principal, sessionId: string, present: string[]): Promise<{ sessionId: string; present: string[] }> {
    const [session] = await this.db.query(`SELECT course_id FROM course_sessions WHERE id = $1`, [sessionId]);
    if (!session) throw CatalogErrors.SESSION_NOT_FOUND();
    const loaded = await this.courses.visible(principal, session.course_id).catch(() => {
      throw CatalogErrors.SESSION_NOT_FOUND();
    });
    if (!(await this.courses.canTeach(principal, loaded))) throw CommonErrors.FORBIDDEN();
    const unique = [...new Set(present)];
    return this.db.transaction(async (m) => {
      // Taken before any attendance row: a QR scan of this session (which shares this lock) waits, instead of deadlocking with the list.
      await m.query(`SELECT 1 FROM course_sessions WHERE id = $1 FOR UPDATE`, [sessionId]);
      const enrolled: Array<{ user_id: string }> = await m.query(
        `SELECT user_id FROM enrollments WHERE course_id = $1 AND status = 'enrolled' AND user_id = ANY($2::uuid[])`,
        [loaded.course.id, unique],
      );
      if (enrolled.length !== unique.length) {
        const ok = new Set(enrolled.map((e) => e.user_id));
        throw CatalogErrors.ATTENDEE_NOT_ENROLLED({ userIds: unique.filter((u) => !ok.has(u)) });
      }
      const removed = rowsOf<{ user_id: string }>(await m.query(
        `DELETE FROM session_attendance WHERE session_id = $1 AND NOT (user_id = ANY($2::uuid[])) RETURNING user_id`,
        [sessionId, unique],
      ));
      await m.query(
        `INSERT INTO session_attendance (session_id, user_id, recorded_by, method) SELECT $1, u, $3, 'list' FROM unnest($2::uuid[]) u
         ON CONFLICT (session_id, user_id) DO NOTHING`,
        [sessionId, unique, principal.userId],
      );
      await this.completion.recompute(m, loaded.course.id, [...unique, ...removed.map((r) => r.user_id)]);
      return { sessionId, present: unique.sort() };
    });
  }

  async myCourses(principal: Principal): Promise<MyCourse[]> {
    const rows = await this.db.query(
      `SELECT e.course_id, e.status, e.lessons_completed, e.sessions_attended, e.completed_at,
              (SELECT count(*)::int FROM lessons l WHERE l.program_version_id = c.program_version_id) AS lessons_total,
              (SELECT count(*)::int FROM course_sessions s WHERE s.course_id = c.id) AS sessions_total
         FROM enrollments e JOIN courses c ON c.id = e.course_id
        WHERE e.user_id = $1 AND e.status <> 'withdrawn'
        ORDER BY c.starts_on DESC, c.id`,
      [principal.userId],
    );
    if (rows.length === 0) return [];
    const courses = await this.db.getRepository(Course).findBy({ id: In(rows.map((r: { course_id: string }) => r.course_id)) });
    const byId = new Map(courses.map((c) => [c.id, c]));
    return rows.flatMap((r: Record<string, never>) => {
      const course = byId.get(r['course_id']);
      if (!course) return [];
      return [
        {
          course: toCourseView(course),
          enrollmentStatus: r['status'],
          lessonsTotal: r['lessons_total'],
          lessonsCompleted: r['lessons_completed'],
          sessionsTotal: r['sessions_total'],
          sessionsAttended: r['sessions_attended'],
          completed: r['completed_at'] !== null,
        },
      ];
    });
  }

  /** The learner's course page: the pinned version's modules and lessons with their own progress. */
  async myCourse(
    principal: Principal,
    courseId: string,
  ): Promise<MyCourse & { modules: Array<ModuleView & { lessons: LessonWithProgress[] }>; assignments: MyAssignment[] }> {
    // Two queries whatever the size of the course: this page is what every learner opens.
    const [e] = await this.db.query(
      `SELECT e.id, e.status, e.lessons_completed, e.sessions_attended, e.completed_at,
              (SELECT count(*)::int FROM course_sessions s WHERE s.course_id = e.course_id) AS sessions_total,
              c.id AS c_id, c.program_id, c.program_version_id, c.org_unit_id, c.name, c.mode, c.status AS c_status,
              to_char(c.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(c.ends_on, 'YYYY-MM-DD') AS ends_on,
              c.open_from, c.open_until, c.capacity, c.self_enrollment, c.open_to_all,
              ${myAssignmentsJson('e.course_id', 'e.user_id')} AS assignments
         FROM enrollments e JOIN courses c ON c.id = e.course_id
        WHERE e.course_id = $1 AND e.user_id = $2 AND e.status <> 'withdrawn'`,
      [courseId, principal.userId],
    );
    if (!e) throw CatalogErrors.COURSE_NOT_FOUND();
    const course: CourseView = {
      id: e.c_id,
      programId: e.program_id,
      programVersionId: e.program_version_id,
      orgUnitId: e.org_unit_id,
      name: e.name,
      mode: e.mode,
      status: e.c_status,
      startsOn: e.starts_on,
      endsOn: e.ends_on,
      openFrom: e.open_from?.toISOString() ?? null,
      openUntil: e.open_until?.toISOString() ?? null,
      capacity: e.capacity,
      selfEnrollment: e.self_enrollment,
      openToAll: e.open_to_all,
    };
    const rows: Array<Record<string, never>> = await this.db.query(
      `SELECT m.id AS module_id, m.position AS module_position, m.title AS module_title, m.description AS module_description,
              l.id, l.position, l.title, l.kind, l.body_html, l.video_url, l.file_id, l.duration_minutes,
              p.opened_at, p.completed_at, p.video_watched_share
         FROM program_modules m
         LEFT JOIN lessons l ON l.module_id = m.id
         LEFT JOIN lesson_progress p ON p.lesson_id = l.id AND p.enrollment_id = $2
        WHERE m.program_version_id = $1
        ORDER BY m.position, l.position`,
      [course.programVersionId, e.id],
    );
    const modules = new Map<string, ModuleView & { lessons: LessonWithProgress[] }>();
    for (const r of rows) {
      let mod = modules.get(r['module_id']);
      if (!mod) {
        mod = { id: r['module_id'], position: r['module_position'], title: r['module_title'], description: r['module_description'], lessons: [] };
        modules.set(mod.id, mod);
      }
      if (r['id'] === null) continue;
      const opened = r['opened_at'] as Date | null;
      const completed = r['completed_at'] as Date | null;
      mod.lessons.push({
        id: r['id'],
        position: r['position'],
        title: r['title'],
        kind: r['kind'],
        bodyHtml: r['body_html'],
        videoUrl: r['video_url'],
        fileId: r['file_id'],
        durationMinutes: r['duration_minutes'],
        openedAt: opened?.toISOString() ?? null,
        completedAt: completed?.toISOString() ?? null,
        videoWatchedShare: r['video_watched_share'] ?? 0,
      });
    }
    const list = [...modules.values()];
    return {
      course,
      enrollmentStatus: e.status,
      lessonsTotal: list.reduce((n, mod) => n + mod.lessons.length, 0),
      lessonsCompleted: e.lessons_completed,
      sessionsTotal: e.sessions_total,
      sessionsAttended: e.sessions_attended,
      completed: e.completed_at !== null,
      modules: list,
      assignments: toMyAssignments(e.assignments),
    };
  }

  /** The roster with each learner's progress (admin of the course's unit or a lecturer of the course), paged. */
  async courseProgress(principal: Principal, courseId: string, limit = 100, offset = 0) {
    const loaded = await this.courses.visible(principal, courseId);
    if (!(await this.courses.canTeach(principal, loaded))) throw CommonErrors.FORBIDDEN();
    const totals = await this.completion.totals(this.db.manager, courseId);
    const [{ enrolled, waitlisted, completed }] = await this.db.query(
      `SELECT count(*) FILTER (WHERE status = 'enrolled')::int AS enrolled, count(*) FILTER (WHERE status = 'waitlisted')::int AS waitlisted,
              count(*) FILTER (WHERE status = 'enrolled' AND completed_at IS NOT NULL)::int AS completed
         FROM enrollments WHERE course_id = $1`,
      [courseId],
    );
    const learners = await this.db.query(
      `SELECT e.user_id AS "userId", u.username, u.full_name AS "fullName", e.status, e.lessons_completed AS "lessonsCompleted",
              e.sessions_attended AS "sessionsAttended", e.completed_at IS NOT NULL AS completed
         FROM enrollments e JOIN users u ON u.id = e.user_id
        WHERE e.course_id = $1 AND e.status <> 'withdrawn'
        ORDER BY e.status, u.full_name, e.user_id LIMIT $2 OFFSET $3`,
      [courseId, limit, offset],
    );
    return { courseId, lessonsTotal: totals?.lessons ?? 0, sessionsTotal: totals?.sessions ?? 0, enrolled, waitlisted, completed, learners };
  }

  /** The learner's active enrollments whose course uses the lesson and is open for study now. */
  private async studyEnrollments(principal: Principal, lessonId: string): Promise<Array<{ id: string; course_id: string }>> {
    const lesson = await this.db.getRepository(Lesson).findOne({ where: { id: lessonId }, relations: { programVersion: true } });
    if (!lesson?.programVersion) throw CatalogErrors.LESSON_NOT_FOUND();
    const rows: Array<{ id: string; course_id: string; status: string; open_from: Date | null; open_until: Date | null }> = await this.db.query(
      `SELECT e.id, e.course_id, c.status, c.open_from, c.open_until FROM enrollments e JOIN courses c ON c.id = e.course_id
        WHERE e.user_id = $1 AND e.status = 'enrolled' AND c.program_version_id = $2`,
      [principal.userId, lesson.programVersionId],
    );
    if (rows.length === 0) {
      // Not enrolled: say so only if the lesson's program is visible at all.
      await this.programs.visible(principal, lesson.programVersion.programId, CatalogErrors.LESSON_NOT_FOUND);
      throw CatalogErrors.NOT_ENROLLED();
    }
    const now = Date.now();
    const open = rows.filter(
      (r) => (r.status === 'open' || r.status === 'running') && (!r.open_from || r.open_from.getTime() <= now) && (!r.open_until || r.open_until.getTime() > now),
    );
    if (open.length === 0) throw CatalogErrors.COURSE_NOT_OPEN_FOR_STUDY();
    return open.map((r) => ({ id: r.id, course_id: r.course_id }));
  }
}
