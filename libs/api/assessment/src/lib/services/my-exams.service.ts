import type { Principal } from '@boiduong/api-core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AssessmentErrors } from '../assessment.errors';
import { acceptsSave, startRefusal } from '../domain/timing';
import { learnerResultOf } from './exams.service';
import { AssessmentClock } from './assessment-clock';

/**
 * Where the learner stands with an exam: `in_progress` (an attempt to resume), `open` (may start),
 * `upcoming`, `closed`, or `no_attempts_left`.
 */
export type MyExamStatus = 'in_progress' | 'open' | 'upcoming' | 'closed' | 'no_attempts_left';

export interface MyExamView {
  examId: string;
  title: string;
  courseId: string;
  courseName: string;
  opensAt: string;
  closesAt: string;
  timeLimitSeconds: number | null;
  maxAttempts: number | null;
  attemptsUsed: number;
  /** null: unlimited. */
  attemptsLeft: number | null;
  passMark: number;
  /** A supervised room: starting asks for the code the proctor reads out. */
  accessCodeRequired: boolean;
  status: MyExamStatus;
  /** The attempt to resume, while it still accepts answers. */
  openAttemptId: string | null;
  /** The learner's latest finished attempt, if any. */
  lastResult: (ReturnType<typeof learnerResultOf> & { attemptId: string; status: string; finishedAt: string | null }) | null;
}

interface Row {
  exam_id: string;
  title: string;
  course_id: string;
  course_name: string;
  opens_at: Date;
  closes_at: Date;
  time_limit_seconds: number | null;
  max_attempts: number | null;
  pass_mark: string;
  result_release: 'immediate' | 'after_close' | 'manual';
  results_released_at: Date | null;
  access_code_required: boolean;
  used: number;
  open_id: string | null;
  open_deadline: Date | null;
  last_id: string | null;
  last_status: string | null;
  last_finished_at: Date | null;
  last_score: string | null;
  last_max_score: string | null;
  last_manual: boolean | null;
}

/**
 * The learner's own exams: those of the courses they are enrolled in, with the window, the
 * attempts used and left, and what they may do now. Read-only; the rules come from `timing.ts`,
 * so the list never promises a start the start endpoint would refuse.
 */
@Injectable()
export class MyExamsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: AssessmentClock,
  ) {}

  async list(principal: Principal): Promise<{ serverNow: string; exams: MyExamView[] }> {
    const now = this.clock.now();
    const rows = await this.rows(principal.userId, null);
    return { serverNow: now.toISOString(), exams: rows.map((r) => this.toView(r, now)) };
  }

  async one(principal: Principal, examId: string): Promise<MyExamView & { serverNow: string }> {
    const now = this.clock.now();
    const [row] = await this.rows(principal.userId, examId);
    // Not enrolled looks the same as not existing: a learner cannot probe other courses' exams.
    if (!row) throw AssessmentErrors.EXAM_NOT_FOUND();
    return { ...this.toView(row, now), serverNow: now.toISOString() };
  }

  private rows(userId: string, examId: string | null): Promise<Row[]> {
    return this.db.query(
      `SELECT e.id AS exam_id, e.title, c.id AS course_id, c.name AS course_name, e.opens_at, e.closes_at,
              e.time_limit_seconds, e.max_attempts, e.pass_mark, e.result_release, e.results_released_at,
              (e.access_code IS NOT NULL) AS access_code_required,
              (SELECT count(*)::int FROM attempts a WHERE a.exam_id = e.id AND a.user_id = $1) AS used,
              o.id AS open_id, o.deadline AS open_deadline,
              l.id AS last_id, l.status AS last_status, l.finished_at AS last_finished_at, l.score AS last_score,
              l.max_score AS last_max_score, l.needs_manual_grading AS last_manual
         FROM enrollments en
         JOIN courses c ON c.id = en.course_id
         JOIN exams e ON e.course_id = c.id
         LEFT JOIN LATERAL (SELECT id, deadline FROM attempts a WHERE a.exam_id = e.id AND a.user_id = $1 AND a.status = 'in_progress'
                             ORDER BY a.number DESC LIMIT 1) o ON true
         LEFT JOIN LATERAL (SELECT id, status, finished_at, score, max_score, needs_manual_grading FROM attempts a
                             WHERE a.exam_id = e.id AND a.user_id = $1 AND a.status <> 'in_progress'
                             ORDER BY a.number DESC LIMIT 1) l ON true
        WHERE en.user_id = $1 AND en.status = 'enrolled' AND ($2::uuid IS NULL OR e.id = $2::uuid)
        ORDER BY e.closes_at, e.title`,
      [userId, examId],
    );
  }

  private toView(r: Row, now: Date): MyExamView {
    const policy = { timeLimitSeconds: r.time_limit_seconds, opensAt: r.opens_at, closesAt: r.closes_at };
    const resumable = r.open_id !== null && r.open_deadline !== null && acceptsSave(now, r.open_deadline);
    // An open attempt past its deadline is finished by the deadline job; it still counts as used.
    const refusal = startRefusal(now, policy, r.used, r.max_attempts);
    const status: MyExamStatus = resumable
      ? 'in_progress'
      : refusal === 'NOT_OPEN_YET'
        ? 'upcoming'
        : refusal === 'CLOSED'
          ? 'closed'
          : refusal === 'NO_ATTEMPTS_LEFT'
            ? 'no_attempts_left'
            : 'open';
    const passMark = Number(r.pass_mark);
    return {
      examId: r.exam_id,
      title: r.title,
      courseId: r.course_id,
      courseName: r.course_name,
      opensAt: r.opens_at.toISOString(),
      closesAt: r.closes_at.toISOString(),
      timeLimitSeconds: r.time_limit_seconds,
      maxAttempts: r.max_attempts,
      attemptsUsed: r.used,
      attemptsLeft: r.max_attempts === null ? null : Math.max(0, r.max_attempts - r.used),
      passMark,
      accessCodeRequired: r.access_code_required,
      status,
      openAttemptId: resumable ? r.open_id : null,
      lastResult:
        r.last_id === null
          ? null
          : {
              attemptId: r.last_id,
              status: r.last_status ?? '',
              finishedAt: r.last_finished_at?.toISOString() ?? null,
              ...learnerResultOf(
                { resultRelease: r.result_release, resultsReleasedAt: r.results_released_at, closesAt: r.closes_at },
                now,
                r.last_score === null ? null : Number(r.last_score),
                Number(r.last_max_score),
                passMark,
                r.last_manual ?? false,
              ),
            },
    };
  }
}
