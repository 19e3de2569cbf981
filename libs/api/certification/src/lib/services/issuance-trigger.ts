import { JobName, QueueName } from '@boiduong/api-core';
import type { CompletionChange, CompletionListener } from '@boiduong/api-catalog';
import type { CandidateStatus, IssuanceMode } from '@boiduong/shared-contracts';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DataSource, type EntityManager, type EntitySubscriberInterface, type QueryRunner, type TransactionCommitEvent, type TransactionRollbackEvent } from 'typeorm';

/** The job data of an automatic issuance: the job reads everything else when it runs. */
export interface AutoIssueJobData {
  enrollmentId: string;
  automatic: true;
}

/** The deterministic job id: one issuance job per enrollment, whoever queues it and however often. */
export function issueCertificateJobId(enrollmentId: string): string {
  // BullMQ refuses ids with exactly one ':' (they look like its internal keys), hence the dash.
  return `certificate-${enrollmentId}`;
}

const PENDING_KEY = 'certificateIssuances';

/**
 * Certification's side of the catalog's `COMPLETION_LISTENER`: records a candidate per newly
 * completed enrollment (inside the transaction that completed it) and queues its issuance once
 * that transaction commits, so the job never runs before the completion is visible, and a
 * rolled-back completion queues nothing. The candidate row is unique per enrollment, so however
 * often or concurrently completion is recomputed, one enrollment is queued once.
 */
@Injectable()
export class IssuanceTrigger implements CompletionListener, EntitySubscriberInterface, OnModuleInit {
  private readonly logger = new Logger(IssuanceTrigger.name);

  constructor(
    private readonly db: DataSource,
    @InjectQueue(QueueName.Certification) private readonly queue: Queue,
  ) {}

  onModuleInit(): void {
    // Transaction events reach every subscriber of the data source, whatever entity it listens to.
    if (!this.db.subscribers.includes(this)) this.db.subscribers.push(this);
  }

  async completionChanged(manager: EntityManager, courseId: string, change: CompletionChange): Promise<void> {
    if (change.uncompleted.length) {
      // Completion withdrawn (a grade corrected): forget what was not decided yet; refusals and issued stay.
      await manager.query(
        `DELETE FROM certificate_candidates WHERE enrollment_id = ANY($1::uuid[]) AND status IN ('awaiting_close','pending','queued','failed')`,
        [change.uncompleted.map((c) => c.enrollmentId)],
      );
    }
    if (!change.completed.length) return;
    const [course] = await manager.query(
      `SELECT c.status, COALESCE(p.issuance_mode, 'on_grade') AS mode
         FROM courses c LEFT JOIN certificate_program_policies p ON p.program_id = c.program_id WHERE c.id = $1`,
      [courseId],
    );
    if (!course) return;
    const status = initialStatus(course.mode, course.status === 'closed');
    const inserted: Array<{ enrollment_id: string }> = await manager.query(
      `INSERT INTO certificate_candidates (enrollment_id, course_id, user_id, status)
       SELECT c.enrollment_id, $1, c.user_id, $4 FROM unnest($2::uuid[], $3::uuid[]) AS c(enrollment_id, user_id)
       ON CONFLICT (enrollment_id) DO NOTHING RETURNING enrollment_id`,
      [courseId, change.completed.map((c) => c.enrollmentId), change.completed.map((c) => c.userId), status],
    );
    if (status === 'queued') await this.afterCommit(manager, inserted.map((r) => r.enrollment_id));
  }

  async courseClosed(manager: EntityManager, courseId: string): Promise<void> {
    const [course] = await manager.query(
      `SELECT COALESCE(p.issuance_mode, 'on_grade') AS mode FROM courses c LEFT JOIN certificate_program_policies p ON p.program_id = c.program_id WHERE c.id = $1`,
      [courseId],
    );
    if (course?.mode !== 'at_course_close') return;
    // Completed learners without a candidate (completed before the policy was chosen) join the ones waiting.
    await manager.query(
      `INSERT INTO certificate_candidates (enrollment_id, course_id, user_id, status)
       SELECT e.id, e.course_id, e.user_id, 'awaiting_close' FROM enrollments e
        WHERE e.course_id = $1 AND e.status = 'enrolled' AND e.completed_at IS NOT NULL
       ON CONFLICT (enrollment_id) DO NOTHING`,
      [courseId],
    );
    // UPDATE ... RETURNING answers [rows, count] through TypeORM.
    const [queued]: [Array<{ enrollment_id: string }>, number] = await manager.query(
      `UPDATE certificate_candidates SET status = 'queued', updated_at = now() WHERE course_id = $1 AND status = 'awaiting_close' RETURNING enrollment_id`,
      [courseId],
    );
    await this.afterCommit(manager, queued.map((r) => r.enrollment_id));
  }

  /** Queues now, or when the manager's transaction commits. */
  async afterCommit(manager: EntityManager, enrollmentIds: string[]): Promise<void> {
    if (!enrollmentIds.length) return;
    const runner = manager.queryRunner;
    if (runner?.isTransactionActive) {
      const pending = (runner.data[PENDING_KEY] ??= []) as string[];
      pending.push(...enrollmentIds);
      return;
    }
    await this.enqueue(enrollmentIds);
  }

  /**
   * Queues one automatic issuance per enrollment. A job still waiting or running for the
   * enrollment absorbs the new one (same job id); a failed one is cleared first, since BullMQ
   * keeps failed jobs and would otherwise ignore the id.
   */
  async enqueue(enrollmentIds: string[]): Promise<void> {
    const ids = [...new Set(enrollmentIds)];
    for (const id of ids) {
      const old = await this.queue.getJob(issueCertificateJobId(id));
      if (old && (await old.isFailed())) await old.remove().catch(() => undefined);
    }
    await this.queue.addBulk(
      ids.map((enrollmentId) => ({
        name: JobName.IssueCertificate,
        data: { enrollmentId, automatic: true } satisfies AutoIssueJobData,
        opts: { jobId: issueCertificateJobId(enrollmentId) },
      })),
    );
  }

  async afterTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    // Nested transactions commit a savepoint first: only the outermost commit makes rows visible.
    if (event.queryRunner.isTransactionActive) return;
    const ids = this.take(event.queryRunner);
    if (!ids.length) return;
    try {
      await this.enqueue(ids);
    } catch (e) {
      // The commit stands; the sweep queues candidates left in `queued` without a job.
      this.logger.error(`Could not queue ${ids.length} certificate issuances: ${(e as Error).message}`);
    }
  }

  async afterTransactionRollback(event: TransactionRollbackEvent): Promise<void> {
    if (!event.queryRunner.isTransactionActive) this.take(event.queryRunner);
  }

  private take(runner: QueryRunner): string[] {
    const ids = (runner.data?.[PENDING_KEY] ?? []) as string[];
    if (runner.data) delete runner.data[PENDING_KEY];
    return ids;
  }
}

/** Where a newly completed enrollment starts, by the program's issuance mode. */
export function initialStatus(mode: IssuanceMode, courseClosed: boolean): CandidateStatus {
  if (mode === 'after_approval') return 'pending';
  if (mode === 'at_course_close' && !courseClosed) return 'awaiting_close';
  return 'queued';
}
