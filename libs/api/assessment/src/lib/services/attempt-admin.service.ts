import type { Principal } from '@boiduong/api-core';
import { CompletionService } from '@boiduong/api-catalog';
import { AuditService } from '@boiduong/api-identity';
import { Permission } from '@boiduong/shared-contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AssessmentErrors } from '../assessment.errors';
import { acceptsSave, timeLeftMs } from '../domain/timing';
import type { AddAttemptTimeDto, LearnerExtraTimeDto, ReopenAttemptDto } from '../dto/exam.dto';
import { Attempt, Exam, ExamExtraTime } from '../entities';
import { AssessmentClock } from './assessment-clock';
import { AttemptsService } from './attempts.service';

/** A reopened attempt may run at most this far ahead: a typo in the year must not open an exam for months. */
const MAX_REOPEN_AHEAD_MS = 7 * 86_400_000;

interface Scoped {
  exam: Exam;
  unit: { id: string; path: string };
}

/**
 * What proctors (examiners and organisation admins of the course's subtree) may change in a
 * running exam: more time for one attempt or one learner, and reopening an attempt that ended.
 * Each change is written with its audit entry in one transaction, and the deadline job is
 * rescheduled so the attempt finishes at its new deadline.
 */
@Injectable()
export class AttemptAdminService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly attempts: AttemptsService,
    private readonly clock: AssessmentClock,
    private readonly audit: AuditService,
    private readonly completion: CompletionService,
  ) {}

  /** Moves an open attempt's deadline later by `minutes` (not capped by the window: the proctor decides). */
  async addTime(principal: Principal, attemptId: string, dto: AddAttemptTimeDto) {
    return this.db.transaction(async (manager) => {
      const { attempt, scope } = await this.lockedAttempt(manager, principal, attemptId);
      const now = this.clock.now();
      if (attempt.status !== 'in_progress' || !acceptsSave(now, attempt.deadline)) throw AssessmentErrors.ATTEMPT_NOT_OPEN();
      const deadline = new Date(attempt.deadline.getTime() + dto.minutes * 60_000);
      await manager.update(Attempt, { id: attempt.id }, { deadline });
      await this.audit.record(manager, principal, {
        action: 'attempt.extra_time',
        entity: 'attempt',
        entityId: attempt.id,
        unit: scope.unit,
        before: { deadline: attempt.deadline.toISOString() },
        after: { deadline: deadline.toISOString(), minutes: dto.minutes, reason: dto.reason ?? null },
      });
      await this.attempts.scheduleDeadline(attempt.id, deadline, now);
      return { attemptId: attempt.id, status: attempt.status, deadline: deadline.toISOString(), timeLeftMs: timeLeftMs(now, deadline) };
    });
  }

  /**
   * Reopens a submitted, abandoned or overdue attempt until `deadline`: its answers are kept,
   * its score is withdrawn until it finishes again.
   */
  async reopen(principal: Principal, attemptId: string, dto: ReopenAttemptDto) {
    const result = await this.db.transaction(async (manager) => {
      // The lock a start takes, taken first as a start does (then the row): a learner cannot start
      // a new attempt while this one reopens, and the two cannot deadlock.
      const [owner]: Array<{ exam_id: string; user_id: string }> = await manager.query(`SELECT exam_id, user_id FROM attempts WHERE id = $1`, [attemptId]);
      if (!owner) throw AssessmentErrors.ATTEMPT_NOT_FOUND();
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`${owner.exam_id}/${owner.user_id}`]);
      const { attempt, scope } = await this.lockedAttempt(manager, principal, attemptId);
      const now = this.clock.now();
      if (attempt.status === 'in_progress' && acceptsSave(now, attempt.deadline)) throw AssessmentErrors.ATTEMPT_STILL_OPEN();
      const deadline = new Date(dto.deadline);
      const ahead = deadline.getTime() - now.getTime();
      if (ahead <= 0 || ahead > MAX_REOPEN_AHEAD_MS) throw AssessmentErrors.REOPEN_DEADLINE_INVALID({ deadline: dto.deadline, now: now.toISOString() });
      const other = await manager.query(`SELECT id FROM attempts WHERE exam_id = $1 AND user_id = $2 AND status = 'in_progress' AND id <> $3`, [
        attempt.examId,
        attempt.userId,
        attempt.id,
      ]);
      if (other.length) throw AssessmentErrors.ATTEMPT_OPEN_EXISTS({ attemptId: other[0].id });
      await manager.update(Attempt, { id: attempt.id }, { status: 'in_progress', deadline, finishedAt: null, score: null, needsManualGrading: false });
      await manager.query(`UPDATE responses SET credit = NULL WHERE attempt_id = $1`, [attempt.id]);
      // The answers may change before it finishes again: essays are graded afresh.
      await manager.query(`DELETE FROM response_grades WHERE attempt_id = $1`, [attempt.id]);
      await this.audit.record(manager, principal, {
        action: 'attempt.reopen',
        entity: 'attempt',
        entityId: attempt.id,
        unit: scope.unit,
        before: { status: attempt.status, deadline: attempt.deadline.toISOString(), finishedAt: attempt.finishedAt?.toISOString() ?? null, score: attempt.score },
        after: { status: 'in_progress', deadline: deadline.toISOString(), reason: dto.reason ?? null },
      });
      await this.attempts.scheduleDeadline(attempt.id, deadline, now);
      return { attemptId: attempt.id, status: 'in_progress' as const, deadline: deadline.toISOString(), timeLeftMs: timeLeftMs(now, deadline), courseId: scope.exam.courseId, userId: attempt.userId };
    });
    // After commit: a withdrawn result may undo the course's completion.
    await this.completion.recompute(this.db.manager, result.courseId, [result.userId]);
    return { attemptId: result.attemptId, status: result.status, deadline: result.deadline, timeLeftMs: result.timeLeftMs };
  }

  /** Extra time for every attempt one learner starts from now on (accessibility, a known bad connection). */
  async setLearnerExtraTime(principal: Principal, examId: string, userId: string, dto: LearnerExtraTimeDto) {
    if (dto.minutes === undefined && dto.multiplier === undefined) throw AssessmentErrors.EXTRA_TIME_EMPTY();
    return this.db.transaction(async (manager) => {
      const scope = await this.scoped(manager, principal, examId);
      const enrolled = await manager.query(`SELECT 1 FROM enrollments WHERE course_id = $1 AND user_id = $2 AND status = 'enrolled'`, [scope.exam.courseId, userId]);
      if (!enrolled.length) throw AssessmentErrors.LEARNER_NOT_ENROLLED();
      const before = await manager.findOneBy(ExamExtraTime, { examId, userId });
      const grant = { examId, userId, minutes: dto.minutes ?? 0, multiplier: dto.multiplier ?? 1 };
      await manager.upsert(ExamExtraTime, grant, ['examId', 'userId']);
      await this.audit.record(manager, principal, {
        action: 'exam.extra_time',
        entity: 'exam',
        entityId: examId,
        unit: scope.unit,
        before: before ? { userId, minutes: before.minutes, multiplier: before.multiplier } : null,
        after: { userId, minutes: grant.minutes, multiplier: grant.multiplier, reason: dto.reason ?? null },
      });
      return grant;
    });
  }

  /** The attempt, locked, if the principal proctors its exam's unit (404 otherwise, as for a missing one). */
  private async lockedAttempt(manager: EntityManager, principal: Principal, attemptId: string): Promise<{ attempt: Attempt; scope: Scoped }> {
    const attempt = await manager.findOne(Attempt, { where: { id: attemptId }, lock: { mode: 'pessimistic_write' } });
    if (!attempt) throw AssessmentErrors.ATTEMPT_NOT_FOUND();
    try {
      return { attempt, scope: await this.scoped(manager, principal, attempt.examId) };
    } catch {
      throw AssessmentErrors.ATTEMPT_NOT_FOUND();
    }
  }

  private async scoped(manager: EntityManager, principal: Principal, examId: string): Promise<Scoped> {
    const exam = await manager.findOneBy(Exam, { id: examId });
    if (!exam) throw AssessmentErrors.EXAM_NOT_FOUND();
    const [unit]: Array<{ id: string; path: string }> = await manager.query(`SELECT id, path::text AS path FROM org_units WHERE id = $1`, [exam.orgUnitId]);
    if (!principal.can(Permission.ExamProctor, unit.path)) throw AssessmentErrors.EXAM_NOT_FOUND();
    return { exam, unit };
  }
}
