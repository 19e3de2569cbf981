import type { CertificatePolicy, CompletionStatus } from '@boiduong/shared-contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AssessmentResults } from './assessment-results';
import { CompletionListener } from './completion-listener';
import { effectivePolicy, evaluateCompletion } from './completion';

/** Required assignments of the enrollment's course (`ar`) and those the learner passed (`ap`); `e` is the enrollment. */
export const ASSIGNMENT_COUNTS = `(SELECT count(*)::int FROM course_assignments ca WHERE ca.course_id = e.course_id AND ca.required) AS ar,
              (SELECT count(*)::int FROM course_assignments ca JOIN assignment_submissions sub ON sub.assignment_id = ca.id
                WHERE ca.course_id = e.course_id AND ca.required AND sub.user_id = e.user_id AND sub.status = 'graded' AND sub.passed) AS ap`;

interface Row {
  id: string;
  user_id: string;
  lessons_completed: number;
  sessions_attended: number;
  completed: boolean;
  lc: number;
  sa: number;
  ar: number;
  ap: number;
}

/**
 * Keeps each enrollment's counters and `completed_at` in step with its inputs (lesson progress,
 * attendance, assessments, graded assignments). Called inside the transaction that changed an input. Exported for
 * certificates: `statusFor` is the eligibility question they ask.
 */
@Injectable()
export class CompletionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly assessments: AssessmentResults,
    private readonly listener: CompletionListener,
  ) {}

  /** Recomputes the course's active enrollments (or only those of `userIds`). */
  async recompute(manager: EntityManager, courseId: string, userIds?: string[]): Promise<void> {
    const totals = await this.totals(manager, courseId);
    if (!totals) return;
    const rows: Row[] = await manager.query(
      `SELECT e.id, e.user_id, e.lessons_completed, e.sessions_attended, e.completed_at IS NOT NULL AS completed,
              (SELECT count(*)::int FROM lesson_progress p WHERE p.enrollment_id = e.id AND p.completed_at IS NOT NULL) AS lc,
              (SELECT count(*)::int FROM session_attendance a JOIN course_sessions s ON s.id = a.session_id
                WHERE s.course_id = e.course_id AND a.user_id = e.user_id) AS sa,
              ${ASSIGNMENT_COUNTS}
         FROM enrollments e
        WHERE e.course_id = $1 AND e.status = 'enrolled' ${userIds ? 'AND e.user_id = ANY($2::uuid[])' : ''}`,
      userIds ? [courseId, userIds] : [courseId],
    );
    if (rows.length === 0) return;
    const results = await this.assessments.resultsFor(courseId, rows.map((r) => r.user_id), totals.policy.passMark);
    const changed: Array<{ id: string; userId: string; lc: number; sa: number; completed: boolean; was: boolean }> = [];
    for (const r of rows) {
      const a = results.get(r.user_id) ?? { required: 0, passed: 0 };
      const status = evaluateCompletion(totals.policy, {
        lessonsTotal: totals.lessons,
        lessonsCompleted: r.lc,
        sessionsTotal: totals.sessions,
        sessionsAttended: r.sa,
        assessmentsRequired: a.required,
        assessmentsPassed: a.passed,
        assignmentsRequired: r.ar,
        assignmentsPassed: r.ap,
      });
      if (r.lc !== r.lessons_completed || r.sa !== r.sessions_attended || status.completed !== r.completed)
        changed.push({ id: r.id, userId: r.user_id, lc: r.lc, sa: r.sa, completed: status.completed, was: r.completed });
    }
    if (changed.length === 0) return;
    await manager.query(
      `UPDATE enrollments e
          SET lessons_completed = c.lc, sessions_attended = c.sa,
              completed_at = CASE WHEN c.done THEN COALESCE(e.completed_at, now()) ELSE NULL END
         FROM unnest($1::uuid[], $2::int[], $3::int[], $4::bool[]) AS c(id, lc, sa, done)
        WHERE e.id = c.id`,
      [changed.map((c) => c.id), changed.map((c) => c.lc), changed.map((c) => c.sa), changed.map((c) => c.completed)],
    );
    const flipped = (to: boolean) => changed.filter((c) => c.completed === to && c.was !== to).map((c) => ({ enrollmentId: c.id, userId: c.userId }));
    const change = { completed: flipped(true), uncompleted: flipped(false) };
    if (change.completed.length || change.uncompleted.length) await this.listener.completionChanged(manager, courseId, change);
  }

  /** Called by the course close path, in its transaction: what completed by now is final. */
  async courseClosed(manager: EntityManager, courseId: string): Promise<void> {
    await this.listener.courseClosed(manager, courseId);
  }

  /** The completion of one learner in one course, or null when not enrolled. */
  async statusFor(courseId: string, userId: string): Promise<CompletionStatus | null> {
    const totals = await this.totals(this.db.manager, courseId);
    const [row] = await this.db.query(
      `SELECT e.lessons_completed, e.sessions_attended, e.completed_at, ${ASSIGNMENT_COUNTS}
         FROM enrollments e WHERE e.course_id = $1 AND e.user_id = $2 AND e.status = 'enrolled'`,
      [courseId, userId],
    );
    if (!totals || !row) return null;
    const a = (await this.assessments.resultsFor(courseId, [userId], totals.policy.passMark)).get(userId) ?? { required: 0, passed: 0 };
    return {
      lessonsTotal: totals.lessons,
      lessonsCompleted: row.lessons_completed,
      sessionsTotal: totals.sessions,
      sessionsAttended: row.sessions_attended,
      assessmentsRequired: a.required,
      assessmentsPassed: a.passed,
      assignmentsRequired: row.ar,
      assignmentsPassed: row.ap,
      completed: row.completed_at !== null,
    };
  }

  async totals(manager: EntityManager, courseId: string): Promise<{ lessons: number; sessions: number; policy: CertificatePolicy } | null> {
    const [t] = await manager.query(
      `SELECT v.certificate_policy AS policy,
              (SELECT count(*)::int FROM lessons l WHERE l.program_version_id = c.program_version_id) AS lessons,
              (SELECT count(*)::int FROM course_sessions s WHERE s.course_id = c.id) AS sessions
         FROM courses c JOIN program_versions v ON v.id = c.program_version_id WHERE c.id = $1`,
      [courseId],
    );
    return t ? { lessons: t.lessons, sessions: t.sessions, policy: effectivePolicy(t.policy) } : null;
  }
}
