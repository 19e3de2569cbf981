import { AssessmentResults } from '@boiduong/api-catalog';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { countingResult, passed, type AttemptsPolicy } from '../domain/scoring';

/**
 * What course completion needs from exams: per learner, how many of the course's exams count
 * and how many they passed (the attempt that counts under each exam's policy, at the higher of
 * the exam's and the program's pass mark). Attempts still waiting for essay grading do not pass yet.
 */
@Injectable()
export class ExamAssessmentResults extends AssessmentResults {
  constructor(@InjectDataSource() private readonly db: DataSource) {
    super();
  }

  async resultsFor(courseId: string, userIds: string[], passMark: number): Promise<Map<string, { required: number; passed: number }>> {
    const exams: Array<{ id: string; pass_mark: string; attempts_policy: AttemptsPolicy }> = await this.db.query(
      `SELECT id, pass_mark, attempts_policy FROM exams WHERE course_id = $1`,
      [courseId],
    );
    const out = new Map(userIds.map((id) => [id, { required: exams.length, passed: 0 }]));
    if (exams.length === 0 || userIds.length === 0) return out;
    const attempts: Array<{ exam_id: string; user_id: string; score: string; max_score: string; finished_at: Date; needs_manual_grading: boolean }> =
      await this.db.query(
        `SELECT exam_id, user_id, score, max_score, finished_at, needs_manual_grading FROM attempts
          WHERE exam_id = ANY($1::uuid[]) AND user_id = ANY($2::uuid[]) AND status = 'submitted'`,
        [exams.map((e) => e.id), userIds],
      );
    for (const exam of exams) {
      const mark = Math.max(Number(exam.pass_mark), passMark);
      for (const userId of userIds) {
        const own = attempts.filter((a) => a.exam_id === exam.id && a.user_id === userId);
        if (own.some((a) => a.needs_manual_grading)) continue;
        const counted = countingResult(
          exam.attempts_policy,
          own.map((a) => ({ score: Number(a.score), maxScore: Number(a.max_score), finishedAt: a.finished_at })),
        );
        if (counted && passed(counted.score, counted.maxScore, mark)) {
          const entry = out.get(userId);
          if (entry) entry.passed++;
        }
      }
    }
    return out;
  }
}
