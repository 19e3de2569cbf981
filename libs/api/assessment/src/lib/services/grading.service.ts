import type { Principal } from '@boiduong/api-core';
import { CompletionService } from '@boiduong/api-catalog';
import { Permission, type EssayGrade, type GradingEntry, type GradingItem } from '@boiduong/shared-contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AssessmentErrors } from '../assessment.errors';
import { creditFromRubric, rubricOf } from '../domain/rubric';
import type { GradeResponseDto } from '../dto/grading.dto';
import { Attempt, Exam } from '../entities';
import { AssessmentClock } from './assessment-clock';
import { graderScope, rescoreAttempt } from './exam-access';
import { resultOf } from './exams.service';

export type { EssayGrade, GradingEntry, GradingItem };

/**
 * Essay grading: the queue of answered essays per exam with each item's rubric, one grade per
 * response (a score per criterion and a comment), and the attempt's result once its last essay is
 * graded. Grades carry a revision: a grade sent against an older revision is refused (409), so
 * two graders never overwrite each other unseen.
 */
@Injectable()
export class GradingService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: AssessmentClock,
    private readonly completion: CompletionService,
  ) {}

  /**
   * The exams the principal grades: those of the courses they teach and those of the units they
   * proctor, with how many answered essays wait; exams with essays to grade first.
   */
  async exams(principal: Principal) {
    const rows: Array<{ id: string; title: string; course_name: string; closes_at: Date; pending: number; graded: number }> = await this.db.query(
      `SELECT e.id, e.title, c.name AS course_name, e.closes_at,
              count(*) FILTER (WHERE g.attempt_id IS NULL AND r.attempt_id IS NOT NULL)::int AS pending,
              count(g.attempt_id)::int AS graded
         FROM exams e
         JOIN courses c ON c.id = e.course_id
         JOIN org_units o ON o.id = e.org_unit_id
         LEFT JOIN attempts a ON a.exam_id = e.id AND a.status = 'submitted'
         LEFT JOIN attempt_items ai ON ai.attempt_id = a.id
         LEFT JOIN qb_item_versions v ON v.id = ai.item_version_id AND v.type = 'essay'
         LEFT JOIN responses r ON r.attempt_id = a.id AND r.item_id = ai.item_id AND v.id IS NOT NULL
         LEFT JOIN response_grades g ON g.attempt_id = r.attempt_id AND g.item_id = r.item_id
        WHERE o.path <@ CAST($1 AS ltree[])
           OR EXISTS (SELECT 1 FROM course_lecturers l WHERE l.course_id = e.course_id AND l.user_id = $2)
        GROUP BY e.id, c.name
        ORDER BY (count(*) FILTER (WHERE g.attempt_id IS NULL AND r.attempt_id IS NOT NULL) > 0) DESC, e.closes_at DESC
        LIMIT 200`,
      [principal.rootsFor(Permission.ExamProctor), principal.userId],
    );
    return rows.map((r) => ({ examId: r.id, title: r.title, courseName: r.course_name, closesAt: r.closes_at.toISOString(), pending: r.pending, graded: r.graded }));
  }

  async queue(principal: Principal, examId: string) {
    const { exam } = await graderScope(this.db.manager, principal, examId);
    const rows: Array<{
      attempt_id: string;
      item_id: string;
      user_id: string;
      full_name: string;
      finished_at: Date | null;
      answer: unknown;
      stem: string;
      points: string;
      scoring: unknown;
      criteria: number[] | null;
      comment: string | null;
      credit: string | null;
      revision: number | null;
      grader: string | null;
      graded_at: Date | null;
    }> = await this.db.query(
      `SELECT a.id AS attempt_id, ai.item_id, a.user_id, u.full_name, a.finished_at, r.answer, v.stem, ai.points, v.scoring,
              g.criteria, g.comment, g.credit, g.revision, gu.full_name AS grader, g.graded_at
         FROM attempts a
         JOIN users u ON u.id = a.user_id
         JOIN attempt_items ai ON ai.attempt_id = a.id
         JOIN qb_item_versions v ON v.id = ai.item_version_id AND v.type = 'essay'
         JOIN responses r ON r.attempt_id = a.id AND r.item_id = ai.item_id
         LEFT JOIN response_grades g ON g.attempt_id = a.id AND g.item_id = ai.item_id
         LEFT JOIN users gu ON gu.id = g.graded_by
        WHERE a.exam_id = $1 AND a.status = 'submitted'
        ORDER BY (g.attempt_id IS NOT NULL), a.finished_at, a.id, ai.position`,
      [examId],
    );
    const blind = await this.isBlind(exam);
    const items = new Map<string, GradingItem>();
    const entries: GradingEntry[] = rows.map((r) => {
      if (!items.has(r.item_id)) items.set(r.item_id, { itemId: r.item_id, stem: r.stem, points: Number(r.points), rubric: rubricOf(r.scoring, Number(r.points)) });
      return {
        attemptId: r.attempt_id,
        itemId: r.item_id,
        learner: blind ? null : { userId: r.user_id, fullName: r.full_name },
        label: r.attempt_id.slice(0, 8).toUpperCase(),
        submittedAt: r.finished_at?.toISOString() ?? null,
        answer: r.answer,
        revision: r.revision ?? 0,
        grade:
          r.revision === null
            ? null
            : { scores: (r.criteria ?? []).map(Number), comment: r.comment, credit: Number(r.credit), gradedBy: r.grader ?? '', gradedAt: r.graded_at?.toISOString() ?? '' },
      };
    });
    return {
      examId,
      title: exam.title,
      blind,
      pending: entries.filter((e) => !e.grade).length,
      items: [...items.values()],
      responses: entries,
    };
  }

  /**
   * Grades one essay response. In one transaction holding the attempt row: checks the revision,
   * stores the grade and the response's credit, and rescores the attempt, whose result is final
   * once no answered essay waits. Completion is recomputed after commit, as at submit.
   */
  async grade(principal: Principal, attemptId: string, itemId: string, dto: GradeResponseDto) {
    const outcome = await this.db.transaction(async (manager) => {
      const attempt = await manager.findOne(Attempt, { where: { id: attemptId }, lock: { mode: 'pessimistic_write' } });
      if (!attempt) throw AssessmentErrors.ATTEMPT_NOT_FOUND();
      let exam: Exam;
      try {
        exam = (await graderScope(manager, principal, attempt.examId)).exam;
      } catch {
        throw AssessmentErrors.ATTEMPT_NOT_FOUND();
      }
      const [item]: Array<{ type: string; points: string; scoring: unknown; answered: boolean }> = await manager.query(
        `SELECT v.type, ai.points, v.scoring, (r.attempt_id IS NOT NULL) AS answered
           FROM attempt_items ai JOIN qb_item_versions v ON v.id = ai.item_version_id
           LEFT JOIN responses r ON r.attempt_id = ai.attempt_id AND r.item_id = ai.item_id
          WHERE ai.attempt_id = $1 AND ai.item_id = $2`,
        [attemptId, itemId],
      );
      if (!item) throw AssessmentErrors.ITEM_NOT_IN_ATTEMPT({ itemId });
      if (attempt.status !== 'submitted' || item.type !== 'essay' || !item.answered) throw AssessmentErrors.GRADE_NOT_GRADABLE({ status: attempt.status, type: item.type });
      const rubric = rubricOf(item.scoring, Number(item.points));
      const checked = creditFromRubric(rubric, dto.scores);
      if ('problem' in checked) {
        const p = checked.problem;
        if (p.kind === 'count') throw AssessmentErrors.GRADE_CRITERIA_MISMATCH({ expected: p.expected, given: p.given });
        throw AssessmentErrors.GRADE_SCORE_OUT_OF_RANGE({ criterion: p.index, min: 0, max: p.max, given: p.given });
      }
      const [current]: Array<{ revision: number; grader: string }> = await manager.query(
        `SELECT g.revision, u.full_name AS grader FROM response_grades g JOIN users u ON u.id = g.graded_by WHERE g.attempt_id = $1 AND g.item_id = $2`,
        [attemptId, itemId],
      );
      const revision = current?.revision ?? 0;
      if (dto.revision !== revision) throw AssessmentErrors.GRADE_CONFLICT({ revision, gradedBy: current?.grader ?? null });
      const now = this.clock.now();
      await manager.query(
        `INSERT INTO response_grades (attempt_id, item_id, criteria, comment, credit, revision, graded_by, graded_at)
         VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7, $8)
         ON CONFLICT (attempt_id, item_id) DO UPDATE
           SET criteria = EXCLUDED.criteria, comment = EXCLUDED.comment, credit = EXCLUDED.credit,
               revision = EXCLUDED.revision, graded_by = EXCLUDED.graded_by, graded_at = EXCLUDED.graded_at`,
        [attemptId, itemId, JSON.stringify(dto.scores), dto.comment?.trim() || null, checked.credit, revision + 1, principal.userId, now],
      );
      await manager.query(`UPDATE responses SET credit = $3 WHERE attempt_id = $1 AND item_id = $2`, [attemptId, itemId, checked.credit]);
      const rescored = await rescoreAttempt(manager, attemptId);
      return { exam, attempt, rescored, revision: revision + 1, credit: checked.credit, final: !rescored.pending };
    });
    // After commit, as at submit: the completion rules read the final attempt.
    if (outcome.final) await this.completion.recompute(this.db.manager, outcome.exam.courseId, [outcome.attempt.userId]);
    return {
      attemptId,
      itemId,
      revision: outcome.revision,
      credit: outcome.credit,
      result: { status: outcome.attempt.status, ...resultOf(outcome.rescored.score, outcome.attempt.maxScore, outcome.exam.passMark, outcome.rescored.pending) },
    };
  }

  /**
   * Blind grading hides learners until grading is over: the exam has closed and no answered essay
   * of it waits for a grade.
   */
  private async isBlind(exam: Exam): Promise<boolean> {
    if (!exam.blindGrading) return false;
    if (this.clock.now().getTime() < exam.closesAt.getTime()) return true;
    const open = await this.db.query(
      `SELECT 1 FROM attempts WHERE exam_id = $1 AND (status = 'in_progress' OR (status = 'submitted' AND needs_manual_grading)) LIMIT 1`,
      [exam.id],
    );
    return open.length > 0;
  }
}
