import type { Principal } from '@boiduong/api-core';
import { CompletionService } from '@boiduong/api-catalog';
import { NotificationsService } from '@boiduong/api-identity';
import { Permission } from '@boiduong/shared-contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AssessmentErrors } from '../assessment.errors';
import { shortCells, type BlueprintRow, type PoolItem } from '../domain/form-assembly';
import { passed, percent, scaled10 } from '../domain/scoring';
import type { CreateExamDto, UpdateExamDto } from '../dto/exam.dto';
import { parseNetwork, releaseExpectedAt, resultsReleased, type ReleaseSettings } from '../domain/delivery';
import { Exam } from '../entities';
import { AssessmentClock } from './assessment-clock';

export interface ExamScope {
  exam: Exam;
  unitPath: string;
}

/** How long an item's exposure count read from PostgreSQL is used (see exposureOf). */
const EXPOSURE_TTL_MS = 10_000;
/** Items whose exposure is kept per process (a few dozen bytes each). */
const EXPOSURE_CACHE_SIZE = 100_000;

@Injectable()
export class ExamsService {
  private readonly exposure = new Map<string, { count: number; readAt: number }>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly completion: CompletionService,
    private readonly clock: AssessmentClock,
    private readonly notifications: NotificationsService,
  ) {}

  async create(principal: Principal, dto: CreateExamDto): Promise<{ id: string }> {
    const course: Array<{ id: string; org_unit_id: string; path: string }> = await this.db.query(
      `SELECT c.id, c.org_unit_id, o.path::text AS path FROM courses c JOIN org_units o ON o.id = c.org_unit_id WHERE c.id = $1`,
      [dto.courseId],
    );
    if (!course.length || !principal.can(Permission.ExamManage, course[0].path)) throw AssessmentErrors.COURSE_NOT_FOUND();
    if (Date.parse(dto.closesAt) <= Date.parse(dto.opensAt)) {
      throw AssessmentErrors.EXAM_CLOSED({ field: 'closesAt', reason: 'closesAt must be after opensAt' });
    }
    const blueprint: BlueprintRow[] = dto.blueprint.map((r) => ({ topic: r.topic, level: r.level, count: r.count, points: r.points }));
    await this.checkBlueprint(course[0].org_unit_id, blueprint);
    const exam = this.db.getRepository(Exam).create({
      courseId: dto.courseId,
      orgUnitId: course[0].org_unit_id,
      title: dto.title,
      blueprint,
      timeLimitSeconds: dto.timeLimitSeconds ?? null,
      opensAt: new Date(dto.opensAt),
      closesAt: new Date(dto.closesAt),
      maxAttempts: dto.maxAttempts ?? null,
      attemptsPolicy: dto.attemptsPolicy ?? 'highest',
      passMark: dto.passMark,
      overdueHandling: dto.overdueHandling ?? 'autosubmit',
      gracePeriodSeconds: dto.gracePeriodSeconds ?? 0,
      shuffleItems: dto.shuffleItems ?? true,
      shuffleOptions: dto.shuffleOptions ?? true,
      resultRelease: dto.resultRelease ?? 'immediate',
      resultsReleasedAt: null,
      reviewPolicy: dto.reviewPolicy ?? 'responses',
      accessCode: dto.accessCode?.normalize('NFC').trim() || null,
      allowedNetworks: normaliseNetworks(dto.allowedNetworks ?? []),
      blindGrading: dto.blindGrading ?? false,
      createdBy: principal.userId,
    });
    await this.db.getRepository(Exam).save(exam);
    // A new required exam changes what completing the course takes.
    await this.completion.recompute(this.db.manager, dto.courseId);
    return { id: exam.id };
  }

  /** The exam's full configuration, for those who manage it. */
  async settings(principal: Principal, examId: string) {
    const { exam } = await this.managed(principal, examId);
    return settingsView(exam, this.clock.now());
  }

  /**
   * Changes settings until the window opens; from then on every learner must meet the same
   * configuration, so it is frozen (extra time and reopening are per attempt, and audited).
   * The row is locked so a concurrent edit cannot slip past the check.
   */
  async update(principal: Principal, examId: string, dto: UpdateExamDto) {
    const now = this.clock.now();
    const { exam: found } = await this.managed(principal, examId);
    const saved = await this.db.transaction(async (manager) => {
      const exam = await manager.findOneOrFail(Exam, { where: { id: found.id }, lock: { mode: 'pessimistic_write' } });
      if (now.getTime() >= exam.opensAt.getTime()) throw AssessmentErrors.EXAM_CONFIG_FROZEN({ opensAt: exam.opensAt.toISOString() });
      const opensAt = dto.opensAt !== undefined ? new Date(dto.opensAt) : exam.opensAt;
      const closesAt = dto.closesAt !== undefined ? new Date(dto.closesAt) : exam.closesAt;
      if (closesAt.getTime() <= opensAt.getTime()) throw AssessmentErrors.EXAM_SETTINGS_INVALID({ field: 'closesAt', reason: 'closesAt must be after opensAt' });
      if (opensAt.getTime() <= now.getTime() && dto.opensAt !== undefined) {
        throw AssessmentErrors.EXAM_SETTINGS_INVALID({ field: 'opensAt', reason: 'an edit cannot open the exam in the past' });
      }
      if (dto.blueprint !== undefined) {
        exam.blueprint = dto.blueprint.map((r) => ({ topic: r.topic, level: r.level, count: r.count, points: r.points }));
        await this.checkBlueprint(exam.orgUnitId, exam.blueprint, manager);
      }
      if (dto.title !== undefined) exam.title = dto.title;
      if (dto.timeLimitSeconds !== undefined) exam.timeLimitSeconds = dto.timeLimitSeconds;
      exam.opensAt = opensAt;
      exam.closesAt = closesAt;
      if (dto.maxAttempts !== undefined) exam.maxAttempts = dto.maxAttempts;
      if (dto.attemptsPolicy !== undefined) exam.attemptsPolicy = dto.attemptsPolicy;
      if (dto.passMark !== undefined) exam.passMark = dto.passMark;
      if (dto.overdueHandling !== undefined) exam.overdueHandling = dto.overdueHandling;
      if (dto.gracePeriodSeconds !== undefined) exam.gracePeriodSeconds = dto.gracePeriodSeconds;
      if (dto.shuffleItems !== undefined) exam.shuffleItems = dto.shuffleItems;
      if (dto.shuffleOptions !== undefined) exam.shuffleOptions = dto.shuffleOptions;
      if (dto.resultRelease !== undefined) exam.resultRelease = dto.resultRelease;
      if (dto.reviewPolicy !== undefined) exam.reviewPolicy = dto.reviewPolicy;
      if (dto.accessCode !== undefined) exam.accessCode = dto.accessCode?.normalize('NFC').trim() || null;
      if (dto.allowedNetworks !== undefined) exam.allowedNetworks = normaliseNetworks(dto.allowedNetworks);
      return manager.save(exam);
    });
    // The pass mark is part of what completing the course takes.
    if (dto.passMark !== undefined) await this.completion.recompute(this.db.manager, saved.courseId);
    return settingsView(saved, now);
  }

  /**
   * Releases results to learners now (manual release, or early for after_close). Once only:
   * a release cannot be taken back, since learners may already have read their scores. Every
   * learner with a finished attempt is told, in the release's transaction, with a link to their
   * latest one.
   */
  async releaseResults(principal: Principal, examId: string) {
    const now = this.clock.now();
    const { exam } = await this.managed(principal, examId);
    if (exam.resultRelease === 'immediate') throw AssessmentErrors.RESULTS_ALREADY_RELEASED();
    const releasedAt = await this.db.transaction(async (m) => {
      // TypeORM answers an UPDATE with [rows, count].
      const [released]: [Array<{ results_released_at: Date }>, number] = await m.query(
        `UPDATE exams SET results_released_at = $2, updated_at = $2 WHERE id = $1 AND results_released_at IS NULL RETURNING results_released_at`,
        [exam.id, now],
      );
      if (!released.length) throw AssessmentErrors.RESULTS_ALREADY_RELEASED();
      const latest: Array<{ id: string; user_id: string }> = await m.query(
        `SELECT DISTINCT ON (user_id) id, user_id FROM attempts WHERE exam_id = $1 AND status = 'submitted' ORDER BY user_id, number DESC`,
        [exam.id],
      );
      await this.notifications.notifyEach(
        m,
        'exam.resultsReleased',
        latest.map((a) => ({ userId: a.user_id, params: { examId: exam.id, examTitle: exam.title, attemptId: a.id } })),
      );
      return released[0].results_released_at;
    });
    return { examId: exam.id, resultsReleasedAt: releasedAt.toISOString() };
  }

  private async checkBlueprint(orgUnitId: string, blueprint: BlueprintRow[], manager: EntityManager = this.db.manager): Promise<void> {
    const pool = await this.pool(manager, orgUnitId, blueprint);
    const short = shortCells(blueprint, pool);
    if (short.length > 0) throw AssessmentErrors.EXAM_BLUEPRINT_SHORT({ cells: short });
  }

  /** The exam, if the principal manages exams in its unit's subtree (else 404). */
  async managed(principal: Principal, examId: string): Promise<ExamScope> {
    const exam = await this.db.getRepository(Exam).findOneBy({ id: examId });
    if (!exam) throw AssessmentErrors.EXAM_NOT_FOUND();
    const [unit]: Array<{ path: string }> = await this.db.query(`SELECT path::text AS path FROM org_units WHERE id = $1`, [exam.orgUnitId]);
    if (!principal.can(Permission.ExamManage, unit.path)) throw AssessmentErrors.EXAM_NOT_FOUND();
    return { exam, unitPath: unit.path };
  }

  /** Every attempt of an exam with the learner's name and result, for lecturers and admins. */
  async results(principal: Principal, examId: string) {
    const { exam } = await this.managed(principal, examId);
    const rows: Array<{ id: string; user_id: string; full_name: string; username: string; number: number; status: string; started_at: Date; finished_at: Date | null; score: string | null; max_score: string; needs_manual_grading: boolean }> =
      await this.db.query(
        `SELECT a.id, a.user_id, u.full_name, u.username, a.number, a.status, a.started_at, a.finished_at, a.score, a.max_score, a.needs_manual_grading
           FROM attempts a JOIN users u ON u.id = a.user_id WHERE a.exam_id = $1 ORDER BY u.full_name, a.number`,
        [exam.id],
      );
    return rows.map((r) => ({
      attemptId: r.id,
      userId: r.user_id,
      fullName: r.full_name,
      username: r.username,
      number: r.number,
      status: r.status,
      startedAt: r.started_at.toISOString(),
      finishedAt: r.finished_at?.toISOString() ?? null,
      ...resultOf(r.score === null ? null : Number(r.score), Number(r.max_score), exam.passMark, r.needs_manual_grading),
    }));
  }

  /**
   * Approved item versions usable for an exam of this unit: owned by the unit or one of its
   * ancestors (central items serve every province), in the blueprint's cells, with how often the
   * learner saw each item and how often it was shown at all.
   */
  async pool(manager: EntityManager, orgUnitId: string, blueprint: readonly BlueprintRow[], userId?: string): Promise<PoolItem[]> {
    const rows: Array<{ item_id: string; version_id: string; topic: string; level: PoolItem['level']; options: Array<{ id: string }>; type: string; difficulty: number | null }> =
      await manager.query(
        `WITH cells AS (SELECT * FROM jsonb_to_recordset($2::jsonb) AS c(topic text, level text))
         SELECT i.id AS item_id, v.id AS version_id, v.topic, v.level, v.options, v.type,
                -- The latest 2PL calibration of this very version (an edited item is a new version, uncalibrated).
                (SELECT (ivs.details->'irt'->>'b')::double precision
                   FROM item_version_statistics ivs JOIN exam_statistics es ON es.id = ivs.snapshot_id
                  WHERE ivs.item_version_id = v.id AND ivs.details->'irt' IS NOT NULL AND jsonb_typeof(ivs.details->'irt') = 'object'
                  ORDER BY es.computed_at DESC LIMIT 1) AS difficulty
           FROM qb_items i
           JOIN qb_item_versions v ON v.item_id = i.id AND v.version = i.approved_version
           JOIN org_units owner ON owner.id = i.owner_org_unit_id
          WHERE i.status = 'approved'
            AND owner.path @> (SELECT path FROM org_units WHERE id = $1)
            AND EXISTS (SELECT 1 FROM cells WHERE cells.topic = v.topic AND cells.level = v.level)`,
        [orgUnitId, JSON.stringify(blueprint.map((r) => ({ topic: r.topic, level: r.level })))],
      );
    const itemIds = rows.map((r) => r.item_id);
    const seen = new Map<string, number>();
    if (userId !== undefined && itemIds.length > 0) {
      // The learner's own attempts (ix_attempts_user), then their items: small whatever the exam's size.
      const counts: Array<{ item_id: string; n: number }> = await manager.query(
        `SELECT ai.item_id, count(*)::int AS n FROM attempts a JOIN attempt_items ai ON ai.attempt_id = a.id
          WHERE a.user_id = $1 AND ai.item_id = ANY($2::uuid[]) GROUP BY ai.item_id`,
        [userId, itemIds],
      );
      for (const c of counts) seen.set(c.item_id, c.n);
    }
    const exposure = userId === undefined ? new Map<string, number>() : await this.exposureOf(manager, itemIds);
    const shuffles = new Set(['single_choice', 'multiple_response', 'ordering']);
    return rows.map((r) => ({
      itemId: r.item_id,
      versionId: r.version_id,
      topic: r.topic,
      level: r.level,
      seenByLearner: seen.get(r.item_id) ?? 0,
      exposure: exposure.get(r.item_id) ?? 0,
      ...(r.difficulty !== null && Number.isFinite(r.difficulty) ? { difficulty: r.difficulty } : {}),
      // Choice and ordering options can be shown in any order (ordering items always are: see start).
      ...(shuffles.has(r.type) ? { optionIds: r.options.map((o) => o.id) } : {}),
    }));
  }

  /**
   * How many attempts showed each item (exposure control), read from PostgreSQL at most every
   * EXPOSURE_TTL_MS per item and process, and counted up here for every form this process
   * assembles in between (noteExposure). Counting it exactly at every start read every
   * attempt_items row of every candidate item: at an exam opening each start counted the
   * thousands of forms assembled before it, and starts slowed down as the exam filled
   * (tools/bench/exam-day). Exposure only orders items the learner has seen equally often, so
   * a count a few seconds old (missing the forms other api processes assembled meanwhile)
   * changes which equally-seen item comes first, never which rule applies.
   */
  private async exposureOf(manager: EntityManager, itemIds: readonly string[]): Promise<Map<string, number>> {
    const now = Date.now();
    const stale = itemIds.filter((id) => {
      const known = this.exposure.get(id);
      return known === undefined || now - known.readAt > EXPOSURE_TTL_MS;
    });
    if (stale.length > 0) {
      const counts: Array<{ item_id: string; n: number }> = await manager.query(
        `SELECT item_id, count(*)::int AS n FROM attempt_items WHERE item_id = ANY($1::uuid[]) GROUP BY item_id`,
        [stale],
      );
      const byId = new Map(counts.map((c) => [c.item_id, c.n]));
      if (this.exposure.size + stale.length > EXPOSURE_CACHE_SIZE) this.exposure.clear();
      for (const id of stale) this.exposure.set(id, { count: byId.get(id) ?? 0, readAt: now });
    }
    return new Map(itemIds.map((id) => [id, this.exposure.get(id)?.count ?? 0]));
  }

  /** A form with these items was just assembled in this process (see exposureOf). */
  noteExposure(itemIds: readonly string[]): void {
    for (const id of itemIds) {
      const known = this.exposure.get(id);
      if (known) known.count++;
    }
  }
}

/** A result as lecturers see it; pass/fail waits for essays to be graded. */
export function resultOf(score: number | null, maxScore: number, passMark: number, pendingManual: boolean) {
  if (score === null) return { score: null, maxScore, scaled10: null, percent: null, passed: null, pendingManualGrading: pendingManual };
  return {
    score,
    maxScore,
    scaled10: scaled10(score, maxScore),
    percent: percent(score, maxScore),
    passed: pendingManual ? null : passed(score, maxScore, passMark),
    pendingManualGrading: pendingManual,
  };
}

/**
 * A result as the learner sees it: withheld (no score, no pass/fail) until the exam's release
 * rule allows, with the release time when it is known in advance.
 */
export function learnerResultOf(
  exam: ReleaseSettings,
  now: Date,
  score: number | null,
  maxScore: number,
  passMark: number,
  pendingManual: boolean,
) {
  if (!resultsReleased(now, exam)) {
    return {
      ...resultOf(null, maxScore, passMark, pendingManual),
      released: false,
      releaseExpectedAt: releaseExpectedAt(exam)?.toISOString() ?? null,
    };
  }
  return { ...resultOf(score, maxScore, passMark, pendingManual), released: true, releaseExpectedAt: null };
}

/** Canonical CIDR text, one per range, so equal settings compare equal. */
function normaliseNetworks(networks: readonly string[]): string[] {
  return [...new Set(networks.map((text) => {
    const n = parseNetwork(text);
    if (!n) throw AssessmentErrors.EXAM_SETTINGS_INVALID({ field: 'allowedNetworks', value: text });
    return `${n.address}/${n.prefix}`;
  }))];
}

/** Every setting of an exam as its managers see it (the access code included: they announce it). */
export function settingsView(exam: Exam, now: Date) {
  return {
    id: exam.id,
    courseId: exam.courseId,
    title: exam.title,
    blueprint: exam.blueprint,
    timeLimitSeconds: exam.timeLimitSeconds,
    opensAt: exam.opensAt.toISOString(),
    closesAt: exam.closesAt.toISOString(),
    maxAttempts: exam.maxAttempts,
    attemptsPolicy: exam.attemptsPolicy,
    passMark: exam.passMark,
    overdueHandling: exam.overdueHandling,
    gracePeriodSeconds: exam.gracePeriodSeconds,
    shuffleItems: exam.shuffleItems,
    shuffleOptions: exam.shuffleOptions,
    resultRelease: exam.resultRelease,
    resultsReleasedAt: exam.resultsReleasedAt?.toISOString() ?? null,
    reviewPolicy: exam.reviewPolicy,
    accessCode: exam.accessCode,
    allowedNetworks: exam.allowedNetworks,
    /** Settings can change until the window opens. */
    frozen: now.getTime() >= exam.opensAt.getTime(),
  };
}
