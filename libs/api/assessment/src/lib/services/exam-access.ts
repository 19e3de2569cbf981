import type { Principal } from '@boiduong/api-core';
import { Permission } from '@boiduong/shared-contracts';
import type { EntityManager } from 'typeorm';
import { AssessmentErrors } from '../assessment.errors';
import { Exam } from '../entities';

export interface ExamScope {
  exam: Exam;
  unit: { id: string; path: string };
}

/**
 * The exam, if the principal may grade it: a lecturer of its course, or a proctor (examiners and
 * organisation admins) of its unit subtree. Anyone else is told the exam does not exist.
 */
export async function graderScope(manager: EntityManager, principal: Principal, examId: string): Promise<ExamScope> {
  const scope = await examScope(manager, examId);
  if (principal.can(Permission.ExamProctor, scope.unit.path)) return scope;
  if (principal.hasPermission(Permission.CourseTeach)) {
    const teaches = await manager.query(`SELECT 1 FROM course_lecturers WHERE course_id = $1 AND user_id = $2`, [scope.exam.courseId, principal.userId]);
    if (teaches.length) return scope;
  }
  throw AssessmentErrors.EXAM_NOT_FOUND();
}

/** The exam, if the principal proctors its unit subtree (404 otherwise). */
export async function proctorScope(manager: EntityManager, principal: Principal, examId: string): Promise<ExamScope> {
  const scope = await examScope(manager, examId);
  if (!principal.can(Permission.ExamProctor, scope.unit.path)) throw AssessmentErrors.EXAM_NOT_FOUND();
  return scope;
}

async function examScope(manager: EntityManager, examId: string): Promise<ExamScope> {
  const exam = await manager.findOneBy(Exam, { id: examId });
  if (!exam) throw AssessmentErrors.EXAM_NOT_FOUND();
  const [unit]: Array<{ id: string; path: string }> = await manager.query(`SELECT id, path::text AS path FROM org_units WHERE id = $1`, [exam.orgUnitId]);
  return { exam, unit };
}

/**
 * Recomputes a submitted attempt from its responses' credits: the score, and whether an answered
 * essay still waits for its grade. Used after a grade and after a regrade; the caller holds the
 * attempt row lock.
 */
export async function rescoreAttempt(manager: EntityManager, attemptId: string): Promise<{ score: number; pending: boolean }> {
  const [row]: Array<{ score: string | null; pending: boolean }> = await manager.query(
    `SELECT COALESCE(sum(r.credit * ai.points), 0) AS score,
            bool_or(v.type = 'essay' AND r.credit IS NULL) AS pending
       FROM attempt_items ai
       JOIN qb_item_versions v ON v.id = ai.item_version_id
       JOIN responses r ON r.attempt_id = ai.attempt_id AND r.item_id = ai.item_id
      WHERE ai.attempt_id = $1`,
    [attemptId],
  );
  const score = Math.round(Number(row?.score ?? 0) * 10_000) / 10_000;
  const pending = row?.pending === true;
  await manager.query(`UPDATE attempts SET score = $2, needs_manual_grading = $3 WHERE id = $1`, [attemptId, score, pending]);
  return { score, pending };
}
