import { randomUUID } from 'node:crypto';
import { JobName, QueueName, type Principal } from '@boiduong/api-core';
import { CompletionService } from '@boiduong/api-catalog';
import { gradeResponse, type GradableItem } from '@boiduong/api-question-bank';
import { Permission } from '@boiduong/shared-contracts';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { Pool } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { AssessmentErrors } from '../assessment.errors';
import { answerFits } from '../domain/answer-shape';
import { assembleForm } from '../domain/form-assembly';
import { planSave } from '../domain/responses';
import { seededRandom, shuffled } from '../domain/rng';
import { accessCodeMatches, ipAllowed, resultsReleased } from '../domain/delivery';
import { acceptsSave, attemptDeadline, overdueOutcome, SERVER_GRACE_MS, startRefusal, timeLeftMs } from '../domain/timing';
import type { SaveResponseDto } from '../dto/exam.dto';
import { Attempt, AttemptItem, Exam, ExamExtraTime } from '../entities';
import { AssessmentClock } from './assessment-clock';
import { Gate } from './gate';
import { SaveBatcher } from './save-batcher';
import { ExamsService, learnerResultOf } from './exams.service';
import { ProctorEventsService } from './proctor-events.service';

export interface AttemptItemView {
  itemId: string;
  type: string;
  stem: string;
  options: Array<{ id: string; text: string }>;
  /** Matching items only: the right-hand texts, in a fixed order that says nothing about the pairs. */
  matches?: string[];
  points: number;
}

export interface AttemptView {
  attemptId: string;
  examId: string;
  status: Attempt['status'];
  deadline: string;
  serverNow: string;
  timeLeftMs: number;
  items: AttemptItemView[];
  /** What the server holds, so a reloaded or new device resumes where the learner was. */
  responses: Array<{ itemId: string; answer: unknown; seq: number }>;
}

/** Where a start comes from, for supervised rooms. */
export interface StartContext {
  device?: string | null;
  /** The client address as the api sees it (behind a proxy: with TRUST_PROXY set). */
  ip?: string;
  accessCode?: string;
}

const REFUSALS = {
  NOT_OPEN_YET: AssessmentErrors.EXAM_NOT_OPEN_YET,
  CLOSED: AssessmentErrors.EXAM_CLOSED,
  NO_ATTEMPTS_LEFT: AssessmentErrors.EXAM_NO_ATTEMPTS_LEFT,
} as const;

interface AttemptItems {
  userId: string;
  byId: Map<string, { type: string; optionOrder: string[] | null }>;
}

/** Attempts whose item lists are kept in memory (about 1 KiB each). */
const ITEMS_CACHE_SIZE = 20_000;
/**
 * Start and finish transactions at once per process (of a pool of 10 by default): an exam
 * opening or closing sends thousands within a minute; the others wait their turn in memory.
 */
const HEAVY_TRANSACTIONS = 4;

@Injectable()
export class AttemptsService {
  private readonly logger = new Logger('Attempts');
  private readonly itemsCache = new Map<string, AttemptItems>();
  private readonly batcher = new SaveBatcher(() => this.pool(), SERVER_GRACE_MS / 1000);
  private readonly starts = new Gate(HEAVY_TRANSACTIONS);
  private readonly finishes = new Gate(HEAVY_TRANSACTIONS);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly exams: ExamsService,
    private readonly clock: AssessmentClock,
    private readonly completion: CompletionService,
    @InjectQueue(QueueName.Assessment) private readonly queue: Queue,
  ) {}

  /**
   * Starts (or resumes) the learner's attempt: assembles the form in one transaction, stores
   * the deadline, and schedules the job that finishes the attempt at deadline + grace.
   * Resuming from another device takes the attempt over: from then on the first device's
   * saves and submit are refused (409 ATTEMPT_TAKEN_OVER).
   */
  async start(principal: Principal, examId: string, context: StartContext = {}): Promise<AttemptView> {
    const device = context.device ?? null;
    const exam = await this.db.getRepository(Exam).findOneBy({ id: examId });
    if (!exam) throw AssessmentErrors.EXAM_NOT_FOUND();
    const enrolled = await this.db.query(`SELECT 1 FROM enrollments WHERE course_id = $1 AND user_id = $2 AND status = 'enrolled'`, [
      exam.courseId,
      principal.userId,
    ]);
    if (!enrolled.length) {
      // Not enrolled: say so only inside the caller's subtree; elsewhere the exam does not exist for them.
      const [unit] = await this.db.query(`SELECT path::text AS path FROM org_units WHERE id = $1`, [exam.orgUnitId]);
      if (!unit || !principal.can(Permission.ExamTake, unit.path)) throw AssessmentErrors.EXAM_NOT_FOUND();
      throw AssessmentErrors.EXAM_NOT_ENROLLED();
    }
    const attemptId = await this.starts.run(() => this.startInTransaction(principal, exam, device, context));
    return this.view(principal, attemptId);
  }

  private startInTransaction(principal: Principal, exam: Exam, device: string | null, context: StartContext): Promise<string> {
    const now = this.clock.now();
    return this.db.transaction(async (manager) => {
      // Serialises starts of one learner on one exam (double clicks, two devices).
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`${exam.id}/${principal.userId}`]);
      const open = await manager.findOneBy(Attempt, { examId: exam.id, userId: principal.userId, status: 'in_progress' });
      if (open && acceptsSave(now, open.deadline)) {
        if (device && open.deviceId !== device) {
          // Moving to another machine is a new entry into the room: same checks as a start.
          checkRoom(exam, context);
          await manager.update(Attempt, { id: open.id }, { deviceId: device });
          // Proctors see every change of device; the first device is refused from now on.
          if (open.deviceId) await ProctorEventsService.recordTakeover(manager, open.id, open.deviceId, device, now);
        }
        return open.id;
      }
      if (open) await this.finishLocked(manager, open, exam, now);
      const used = await manager.count(Attempt, { where: { examId: exam.id, userId: principal.userId } });
      const refusal = startRefusal(now, exam, used, exam.maxAttempts);
      if (refusal) throw REFUSALS[refusal]();
      checkRoom(exam, context);
      const extra = await manager.findOneBy(ExamExtraTime, { examId: exam.id, userId: principal.userId });
      const deadline = attemptDeadline(now, exam, extra ? { minutes: extra.minutes, multiplier: extra.multiplier } : {});
      const id = randomUUID();
      const pool = await this.exams.pool(manager, exam.orgUnitId, exam.blueprint, principal.userId);
      const random = seededRandom(id);
      let form;
      try {
        form = assembleForm(exam.blueprint, pool, random, { shuffleItems: exam.shuffleItems, shuffleOptions: exam.shuffleOptions });
      } catch {
        throw AssessmentErrors.EXAM_BLUEPRINT_SHORT();
      }
      this.exams.noteExposure(form.map((f) => f.itemId));
      const types = new Map(
        (await manager.query(`SELECT id, type FROM qb_item_versions WHERE id = ANY($1::uuid[])`, [form.map((f) => f.versionId)])).map(
          (r: { id: string; type: string }) => [r.id, r.type],
        ),
      );
      const maxScore = form.reduce((s, f) => s + f.points, 0);
      await manager.insert(Attempt, {
        id,
        examId: exam.id,
        userId: principal.userId,
        number: used + 1,
        status: 'in_progress',
        startedAt: now,
        deadline,
        finishedAt: null,
        score: null,
        maxScore,
        needsManualGrading: false,
        deviceId: device,
      });
      await manager.insert(
        AttemptItem,
        form.map((f, position) => ({
          attemptId: id,
          position,
          itemId: f.itemId,
          itemVersionId: f.versionId,
          points: f.points,
          // Ordering items are always shown shuffled: the stored order is the answer.
          optionOrder: f.optionOrder && types.get(f.versionId) === 'ordering' && !exam.shuffleOptions ? shuffled(f.optionOrder, random) : (f.optionOrder ?? null),
        })),
      );
      // A version shown to a learner is frozen: later edits make a new version.
      await manager.query(`UPDATE qb_item_versions SET used_at = $2 WHERE id = ANY($1::uuid[]) AND used_at IS NULL`, [form.map((f) => f.versionId), now]);
      await this.scheduleDeadline(id, deadline, now);
      return id;
    });
  }

  /**
   * Saves a batch of answers. One round trip validates ownership, items and shapes; one
   * statement writes: it takes a share lock on the attempt row (so a concurrent submit waits
   * or wins cleanly) and upserts only answers newer than the stored ones. Durable in
   * PostgreSQL before the 200.
   */
  async save(principal: Principal, attemptId: string, batch: SaveResponseDto[], device: string | null = null) {
    const items = await this.attemptItems(attemptId);
    if (!items || items.userId !== principal.userId) throw AssessmentErrors.ATTEMPT_NOT_FOUND();
    for (const r of batch) {
      const item = items.byId.get(r.itemId);
      if (!item) throw AssessmentErrors.ITEM_NOT_IN_ATTEMPT({ itemId: r.itemId });
      if (!answerFits(item.type, r.answer, item.optionOrder)) throw AssessmentErrors.ANSWER_MALFORMED({ itemId: r.itemId, type: item.type });
    }
    const now = this.clock.now();
    const plan = planSave(new Map(), batch);
    // Group commit: this save shares one statement and one commit with concurrent ones; the
    // promise settles after that commit.
    const outcome = await this.batcher.save(attemptId, device, plan.apply, now);
    // No deadline: the attempt is finished, or its deadline and grace have passed.
    if (outcome.deadline === null) throw AssessmentErrors.ATTEMPT_CLOSED();
    if (outcome.takenOver) throw AssessmentErrors.ATTEMPT_TAKEN_OVER();
    return {
      saved: [...outcome.saved],
      ignored: [...plan.apply.filter((r) => !outcome.saved.has(r.itemId)), ...plan.duplicate, ...plan.stale].map((r) => ({ itemId: r.itemId, seq: r.seq })),
      timeLeftMs: timeLeftMs(now, outcome.deadline),
      serverNow: now.toISOString(),
    };
  }

  /** Submits the learner's attempt (idempotent: a finished attempt returns its result). */
  async submit(principal: Principal, attemptId: string, device: string | null = null) {
    const attempt = await this.db.getRepository(Attempt).findOneBy({ id: attemptId });
    if (!attempt || attempt.userId !== principal.userId) throw AssessmentErrors.ATTEMPT_NOT_FOUND();
    if (attempt.status === 'in_progress' && attempt.deviceId && attempt.deviceId !== device) throw AssessmentErrors.ATTEMPT_TAKEN_OVER();
    await this.finish(attemptId, 'learner');
    return this.result(attemptId);
  }

  /**
   * Finishes an attempt whose time may be up (deadline job, sweeper) or that the learner
   * submits. The finish time is the deadline when the deadline passed, never the moment the
   * job ran. Returns what happened.
   */
  async finish(attemptId: string, by: 'learner' | 'deadline'): Promise<'submitted' | 'abandoned' | 'already' | 'rescheduled'> {
    const outcome = await this.finishes.run(() => this.finishInTransaction(attemptId, by));
    if (outcome === 'submitted') {
      // After commit, so the completion rules read the graded attempt.
      const [row] = await this.db.query(`SELECT e.course_id, a.user_id FROM attempts a JOIN exams e ON e.id = a.exam_id WHERE a.id = $1`, [attemptId]);
      await this.completion.recompute(this.db.manager, row.course_id, [row.user_id]);
    }
    return outcome;
  }

  private async finishInTransaction(attemptId: string, by: 'learner' | 'deadline'): Promise<'submitted' | 'abandoned' | 'already' | 'rescheduled'> {
    return this.db.transaction(async (manager) => {
      const attempt = await manager.findOne(Attempt, { where: { id: attemptId }, lock: { mode: 'pessimistic_write' } });
      if (!attempt || attempt.status !== 'in_progress') return 'already';
      const exam = await manager.findOneByOrFail(Exam, { id: attempt.examId });
      const now = this.clock.now();
      if (by === 'learner' && acceptsSave(now, attempt.deadline)) {
        await this.grade(manager, attempt, now.getTime() < attempt.deadline.getTime() ? now : attempt.deadline);
        return 'submitted';
      }
      if (by === 'learner' && overdueOutcome(exam.overdueHandling, now, attempt.deadline, exam.gracePeriodSeconds).action === 'wait') {
        // The exam's grace period: answers are closed, submitting is what it is for.
        await this.grade(manager, attempt, now);
        return 'submitted';
      }
      if (by === 'deadline' && acceptsSave(now, attempt.deadline)) {
        // The deadline moved (extra time) or the job ran early: try again later.
        await this.scheduleDeadline(attempt.id, attempt.deadline, now);
        return 'rescheduled';
      }
      return this.finishLocked(manager, attempt, exam, now);
    });
  }

  /** Finishes every attempt whose deadline and grace passed; for the sweeper. */
  async finishOverdue(limit = 500): Promise<number> {
    const now = this.clock.now();
    const overdue: Array<{ id: string }> = await this.db.query(
      `SELECT id FROM attempts WHERE status = 'in_progress' AND deadline < $1 ORDER BY deadline LIMIT $2`,
      [new Date(now.getTime() - SERVER_GRACE_MS), limit],
    );
    let finished = 0;
    for (const { id } of overdue) {
      const outcome = await this.finish(id, 'deadline');
      if (outcome === 'submitted' || outcome === 'abandoned') finished++;
    }
    if (finished) this.logger.log(`Finished ${finished} overdue attempt(s)`);
    return finished;
  }

  async get(principal: Principal, attemptId: string) {
    const attempt = await this.db.getRepository(Attempt).findOneBy({ id: attemptId });
    if (!attempt || attempt.userId !== principal.userId) throw AssessmentErrors.ATTEMPT_NOT_FOUND();
    return attempt.status === 'in_progress' ? this.view(principal, attemptId) : this.result(attemptId);
  }

  /** The learner's result, withheld until the exam's release rule allows. */
  async result(attemptId: string) {
    const attempt = await this.db.getRepository(Attempt).findOneByOrFail({ id: attemptId });
    const exam = await this.db.getRepository(Exam).findOneByOrFail({ id: attempt.examId });
    return this.resultFor(attempt, exam);
  }

  private resultFor(attempt: Attempt, exam: Exam) {
    const attemptId = attempt.id;
    const result = learnerResultOf(exam, this.clock.now(), attempt.score, attempt.maxScore, exam.passMark, attempt.needsManualGrading);
    return {
      attemptId,
      status: attempt.status,
      finishedAt: attempt.finishedAt?.toISOString() ?? null,
      ...result,
      /** Whether GET /attempts/:id/review answers now, so a client offers it only then. */
      reviewAvailable: result.released && exam.reviewPolicy !== 'none' && attempt.status !== 'in_progress',
    };
  }

  /**
   * The learner's finished attempt item by item, as far as the exam's review policy allows and
   * only once results are released: own answers and credit ('responses'), plus keys and
   * explanations ('full'). Keys never leave the server before that.
   */
  async review(principal: Principal, attemptId: string) {
    const attempt = await this.db.getRepository(Attempt).findOneBy({ id: attemptId });
    if (!attempt || attempt.userId !== principal.userId) throw AssessmentErrors.ATTEMPT_NOT_FOUND();
    if (attempt.status === 'in_progress') throw AssessmentErrors.ATTEMPT_NOT_FINISHED();
    const exam = await this.db.getRepository(Exam).findOneByOrFail({ id: attempt.examId });
    if (exam.reviewPolicy === 'none') throw AssessmentErrors.REVIEW_NOT_ALLOWED();
    const now = this.clock.now();
    if (!resultsReleased(now, exam)) throw AssessmentErrors.RESULTS_NOT_RELEASED();
    const full = exam.reviewPolicy === 'full';
    const rows: Array<{ item_id: string; type: string; stem: string; options: Array<{ id: string; text: string }>; option_order: string[] | null; points: string; answer: unknown; credit: string | null; answer_key: unknown; explanation: string | null }> =
      await this.db.query(
        `SELECT ai.item_id, v.type, v.stem, v.options, ai.option_order, ai.points, r.answer, r.credit,
                CASE WHEN $2 THEN v.answer_key END AS answer_key, CASE WHEN $2 THEN v.explanation END AS explanation
           FROM attempt_items ai JOIN qb_item_versions v ON v.id = ai.item_version_id
           LEFT JOIN responses r ON r.attempt_id = ai.attempt_id AND r.item_id = ai.item_id
          WHERE ai.attempt_id = $1 ORDER BY ai.position`,
        [attemptId, full],
      );
    return {
      ...this.resultFor(attempt, exam),
      reviewPolicy: exam.reviewPolicy,
      items: rows.map((r) => {
        return {
          itemId: r.item_id,
          type: r.type,
          stem: r.stem,
          options: shownOptions(r.options, r.option_order),
          points: Number(r.points),
          answer: r.answer ?? null,
          /** 0..1 of the item's points; null: not answered, or an essay not graded yet. */
          credit: r.credit === null ? null : Number(r.credit),
          ...(full ? { key: r.answer_key ?? null, explanation: r.explanation ?? null } : {}),
        };
      }),
    };
  }

  private async finishLocked(manager: EntityManager, attempt: Attempt, exam: Exam, now: Date): Promise<'submitted' | 'abandoned' | 'rescheduled'> {
    const outcome = overdueOutcome(exam.overdueHandling, now, attempt.deadline, exam.gracePeriodSeconds);
    if (outcome.action === 'wait') {
      await this.scheduleDeadline(attempt.id, outcome.until, now);
      return 'rescheduled';
    }
    if (outcome.action === 'submit') {
      await this.grade(manager, attempt, outcome.finishedAt);
      return 'submitted';
    }
    await manager.update(Attempt, { id: attempt.id }, { status: 'abandoned', finishedAt: outcome.finishedAt });
    return 'abandoned';
  }

  /** Grades objective items now; essays leave the attempt pending manual grading. */
  private async grade(manager: EntityManager, attempt: Attempt, finishedAt: Date): Promise<void> {
    const rows: Array<{ item_id: string; points: string; type: GradableItem['type']; answer_key: GradableItem['key']; scoring: GradableItem['scoring']; options: Array<{ id: string }>; answer: unknown; has_response: boolean }> =
      await manager.query(
        `SELECT ai.item_id, ai.points, v.type, v.answer_key, v.scoring, v.options, r.answer, (r.attempt_id IS NOT NULL) AS has_response
           FROM attempt_items ai JOIN qb_item_versions v ON v.id = ai.item_version_id
           LEFT JOIN responses r ON r.attempt_id = ai.attempt_id AND r.item_id = ai.item_id
          WHERE ai.attempt_id = $1`,
        [attempt.id],
      );
    let score = 0;
    let manual = false;
    const credits: Array<{ item_id: string; credit: number | null }> = [];
    for (const r of rows) {
      if (!r.has_response) continue;
      const graded = gradeResponse({ type: r.type, key: r.answer_key, scoring: r.scoring, options: r.options }, r.answer);
      if (graded.manual) manual = true;
      credits.push({ item_id: r.item_id, credit: graded.credit });
      score += (graded.credit ?? 0) * Number(r.points);
    }
    if (credits.length) {
      await manager.query(
        `UPDATE responses r SET credit = x.credit FROM jsonb_to_recordset($2::jsonb) AS x(item_id uuid, credit numeric)
          WHERE r.attempt_id = $1 AND r.item_id = x.item_id`,
        [attempt.id, JSON.stringify(credits)],
      );
    }
    await manager.update(
      Attempt,
      { id: attempt.id },
      { status: 'submitted', finishedAt, score: Math.round(score * 10_000) / 10_000, needsManualGrading: manual },
    );
  }

  /**
   * An attempt's owner and items never change once it starts, so they are cached in the
   * process (bounded); status and deadline, which do change, are always read from PostgreSQL.
   */
  private async attemptItems(attemptId: string): Promise<AttemptItems | null> {
    const cached = this.itemsCache.get(attemptId);
    if (cached) return cached;
    const rows = (
      await this.pool().query<{ user_id: string; item_id: string; type: string; option_order: string[] | null }>({
        name: 'assessment-attempt-items',
        text: `SELECT a.user_id, ai.item_id, v.type, ai.option_order
                 FROM attempts a JOIN attempt_items ai ON ai.attempt_id = a.id JOIN qb_item_versions v ON v.id = ai.item_version_id
                WHERE a.id = $1`,
        values: [attemptId],
      })
    ).rows;
    if (rows.length === 0) return null;
    const entry: AttemptItems = {
      userId: rows[0].user_id,
      byId: new Map(rows.map((r) => [r.item_id, { type: r.type, optionOrder: r.option_order }])),
    };
    if (this.itemsCache.size >= ITEMS_CACHE_SIZE) this.itemsCache.delete(this.itemsCache.keys().next().value as string);
    this.itemsCache.set(attemptId, entry);
    return entry;
  }

  /** node-postgres' pool under TypeORM: named (prepared) statements for the hot path. */
  private pool(): Pool {
    return (this.db.driver as unknown as { master: Pool }).master;
  }

  /**
   * Schedules the job that finishes the attempt at deadline + grace. Job ids carry the instant,
   * so a moved deadline gets its own job; a job left for an older deadline finds the attempt
   * still open and reschedules, or finished and does nothing.
   */
  async scheduleDeadline(attemptId: string, deadline: Date, now: Date): Promise<void> {
    const at = deadline.getTime() + SERVER_GRACE_MS;
    await this.queue.add(
      JobName.AttemptDeadline,
      { attemptId },
      { jobId: `attempt-deadline:${attemptId}:${at}`, delay: Math.max(0, at - now.getTime()) },
    );
  }

  private async view(principal: Principal, attemptId: string): Promise<AttemptView> {
    const attempt = await this.db.getRepository(Attempt).findOneByOrFail({ id: attemptId });
    if (attempt.userId !== principal.userId) throw AssessmentErrors.ATTEMPT_NOT_FOUND();
    const items: Array<{ item_id: string; type: string; stem: string; options: Array<{ id: string; text: string }>; option_order: string[] | null; points: string; pairs: Array<[string, string]> | null }> =
      await this.db.query(
        `SELECT ai.item_id, v.type, v.stem, v.options, ai.option_order, ai.points,
                CASE WHEN v.type = 'matching' THEN v.answer_key END AS pairs
           FROM attempt_items ai JOIN qb_item_versions v ON v.id = ai.item_version_id
          WHERE ai.attempt_id = $1 ORDER BY ai.position`,
        [attemptId],
      );
    const responses: Array<{ item_id: string; answer: unknown; seq: number }> = await this.db.query(
      `SELECT item_id, answer, seq FROM responses WHERE attempt_id = $1`,
      [attemptId],
    );
    const now = this.clock.now();
    return {
      attemptId,
      examId: attempt.examId,
      status: attempt.status,
      deadline: attempt.deadline.toISOString(),
      serverNow: now.toISOString(),
      timeLeftMs: timeLeftMs(now, attempt.deadline),
      // Stems and options only: keys, explanations and scoring never leave the server here.
      items: items.map((i) => {
        return {
          itemId: i.item_id,
          type: i.type,
          stem: i.stem,
          options: shownOptions(i.options, i.option_order),
          // The learner needs the right-hand column to answer; sorted, it tells nothing about the pairs.
          ...(i.pairs ? { matches: [...new Set(i.pairs.map(([, m]) => m))].sort((a, b) => a.localeCompare(b, 'vi')) } : {}),
          points: Number(i.points),
        };
      }),
      responses: responses.map((r) => ({ itemId: r.item_id, answer: r.answer, seq: r.seq })),
    };
  }
}

/** A supervised room admits only its network and those who have the code. */
function checkRoom(exam: Exam, context: StartContext): void {
  if (exam.allowedNetworks.length > 0 && !ipAllowed(context.ip ?? '', exam.allowedNetworks)) throw AssessmentErrors.EXAM_NETWORK_REFUSED();
  if (exam.accessCode !== null) {
    if (context.accessCode === undefined || context.accessCode === '') throw AssessmentErrors.EXAM_ACCESS_CODE_REQUIRED();
    if (!accessCodeMatches(exam.accessCode, context.accessCode)) throw AssessmentErrors.EXAM_ACCESS_CODE_WRONG();
  }
}

/** An item's options in the order this attempt shows them (its recorded shuffle), texts only. */
function shownOptions(options: ReadonlyArray<{ id: string; text: string }>, order: readonly string[] | null): Array<{ id: string; text: string }> {
  const byId = new Map(options.map((o) => [o.id, o]));
  return (order ?? options.map((o) => o.id)).flatMap((id) => {
    const o = byId.get(id);
    return o ? [{ id: o.id, text: o.text }] : [];
  });
}
