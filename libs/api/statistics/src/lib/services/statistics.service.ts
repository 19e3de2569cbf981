import { AssessmentClock, AssessmentErrors } from '@boiduong/api-assessment';
import { JobName, QueueName, type Principal } from '@boiduong/api-core';
import { canSee, visibleSql } from '@boiduong/api-identity';
import { QuestionBankErrors } from '@boiduong/api-question-bank';
import {
  Permission,
  type ExamStatisticsSnapshot,
  type ExamStatisticsSummary,
  type ExamStatisticsView,
  type ItemStatisticsView,
  type StatisticsJobAccepted,
} from '@boiduong/shared-contracts';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { UnrecoverableError, type Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { analyzeExam, DEFAULT_ANALYSIS_OPTIONS, type AnalysisAttempt, type AnalysisOptions, type AnalysisVersion } from '../domain/exam-analysis';
import { ExamStatistics, ItemVersionStatisticsRow } from '../entities';
import { StatisticsErrors } from '../statistics.errors';

/** One statistics job per exam at a time, whoever queues it (BullMQ refuses a single ':' in ids). */
export function examStatisticsJobId(examId: string): string {
  return `exam-statistics-${examId}`;
}

const PENDING_STATES = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);

export interface ComputedSnapshot {
  snapshotId: string;
  attempts: number;
  responses: number;
}

@Injectable()
export class StatisticsService {
  private readonly logger = new Logger('Statistics');
  /** Thresholds of the analysis; tests may lower them. */
  analysisOptions: AnalysisOptions = DEFAULT_ANALYSIS_OPTIONS;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: AssessmentClock,
    @InjectQueue(QueueName.Statistics) private readonly queue: Queue,
  ) {}

  /**
   * Computes and stores a snapshot over the exam's submitted, fully graded attempts. Each
   * response is read with the item version its attempt drew (attempt_items), never the item's
   * current version.
   */
  async computeExam(examId: string): Promise<ComputedSnapshot> {
    const started = performance.now();
    const [exam]: Array<{ id: string }> = await this.db.query(`SELECT id FROM exams WHERE id = $1`, [examId]);
    if (!exam) throw new UnrecoverableError(`EXAM_NOT_FOUND: ${examId}`);
    // Read in one snapshot so attempts, items and responses agree with each other. Attempts come
    // in finish order: the 27% groups split ties at their boundaries by this row order.
    const { rows, watermark } = await this.db.transaction('REPEATABLE READ', async (m) => {
      const [w]: Array<{ last: Date | null }> = await m.query(`SELECT max(finished_at) AS last FROM attempts WHERE exam_id = $1 AND status = 'submitted'`, [examId]);
      const data: Array<{
        attempt_id: string;
        item_version_id: string;
        position: number;
        points: string;
        credit: string | null;
        answer: unknown;
        has_response: boolean;
      }> = await m.query(
        `SELECT a.id AS attempt_id, ai.item_version_id, ai.position, ai.points, r.credit, r.answer, (r.attempt_id IS NOT NULL) AS has_response
           FROM attempts a
           JOIN attempt_items ai ON ai.attempt_id = a.id
           LEFT JOIN responses r ON r.attempt_id = a.id AND r.item_id = ai.item_id
          WHERE a.exam_id = $1 AND a.status = 'submitted' AND NOT a.needs_manual_grading
          ORDER BY a.finished_at, a.id, ai.position`,
        [examId],
      );
      return { rows: data, watermark: w?.last ?? null };
    });
    const versionIds = [...new Set(rows.map((r) => r.item_version_id))];
    const versionRows: Array<{ id: string; item_id: string; version: number; type: string; stem: string; topic: string; level: string; answer_key: unknown; options: Array<{ id: string; text: string }> }> =
      versionIds.length === 0
        ? []
        : await this.db.query(`SELECT id, item_id, version, type, stem, topic, level, answer_key, options FROM qb_item_versions WHERE id = ANY($1::uuid[])`, [versionIds]);
    const versions: AnalysisVersion[] = versionRows.map((v) => ({
      itemVersionId: v.id,
      itemId: v.item_id,
      version: v.version,
      type: v.type,
      stem: v.stem,
      topic: v.topic,
      level: v.level,
      key: v.answer_key,
      options: v.options ?? [],
    }));
    const byAttempt = new Map<string, AnalysisAttempt & { entries: AnalysisAttempt['entries'][number][] }>();
    for (const r of rows) {
      let a = byAttempt.get(r.attempt_id);
      if (!a) byAttempt.set(r.attempt_id, (a = { attemptId: r.attempt_id, entries: [] }));
      a.entries.push({
        itemVersionId: r.item_version_id,
        position: r.position,
        points: Number(r.points),
        credit: r.credit === null ? null : Number(r.credit),
        ...(r.has_response ? { answer: r.answer } : {}),
      });
    }
    const analysis = analyzeExam(versions, [...byAttempt.values()], this.analysisOptions);
    const durationMs = Math.round(performance.now() - started);
    const snapshotId = await this.db.transaction(async (m) => {
      const snapshot = m.create(ExamStatistics, {
        examId,
        computedAt: this.clock.now(),
        durationMs,
        attempts: analysis.attempts,
        responses: analysis.responses,
        sourceWatermark: watermark,
        test: analysis.test,
        irt: analysis.irt,
        irtSkipped: analysis.irtSkipped,
      });
      await m.save(snapshot);
      if (analysis.items.length) {
        await m.insert(
          ItemVersionStatisticsRow,
          analysis.items.map((i) => ({
            snapshotId: snapshot.id,
            itemVersionId: i.itemVersionId,
            itemId: i.itemId,
            examId,
            responses: i.responses,
            facility: i.facility,
            discriminationIndex: i.discriminationIndex,
            pointBiserial: i.pointBiserial,
            flags: i.flags,
            details: i,
          })),
        );
      }
      return snapshot.id;
    });
    this.logger.log(`Statistics of exam ${examId}: ${analysis.attempts} attempt(s), ${analysis.items.length} item version(s), ${durationMs} ms`);
    return { snapshotId, attempts: analysis.attempts, responses: analysis.responses };
  }

  /** Queues a computation on demand; 409 while one is queued or running. */
  async request(principal: Principal, examId: string): Promise<StatisticsJobAccepted> {
    await this.visibleExam(principal, examId);
    const id = examStatisticsJobId(examId);
    const existing = await this.queue.getJob(id);
    if (existing) {
      const state = await existing.getState();
      if (PENDING_STATES.has(state)) throw StatisticsErrors.STATISTICS_RUNNING({ jobId: id });
      // A finished or failed job keeps its id in Redis; clear it so the new request runs.
      await existing.remove();
    }
    const job = await this.queue.add(JobName.ComputeExamStatistics, { examId }, { jobId: id });
    return { jobId: String(job.id) };
  }

  /**
   * Queues closed exams with no in-progress attempt whose submitted attempts are newer than
   * their latest snapshot (or that have none): statistics follow an exam's close by itself.
   */
  async sweep(limit = 100): Promise<number> {
    const due: Array<{ id: string }> = await this.db.query(
      `SELECT e.id
         FROM exams e
         JOIN LATERAL (SELECT max(a.finished_at) FILTER (WHERE a.status = 'submitted') AS last_finished,
                              bool_or(a.status = 'in_progress') AS open
                         FROM attempts a WHERE a.exam_id = e.id) a ON true
         LEFT JOIN LATERAL (SELECT s.source_watermark FROM exam_statistics s WHERE s.exam_id = e.id ORDER BY s.computed_at DESC LIMIT 1) s ON true
        WHERE e.closes_at <= $1
          AND a.last_finished IS NOT NULL
          AND NOT coalesce(a.open, false)
          AND (s.source_watermark IS NULL OR a.last_finished > s.source_watermark)
        ORDER BY e.closes_at
        LIMIT $2`,
      [this.clock.now(), limit],
    );
    if (due.length) {
      // Same ids as on-demand requests: an exam already queued or running is not queued twice.
      await this.queue.addBulk(due.map((e) => ({ name: JobName.ComputeExamStatistics, data: { examId: e.id }, opts: { jobId: examStatisticsJobId(e.id) } })));
    }
    return due.length;
  }

  async examStatistics(principal: Principal, examId: string): Promise<ExamStatisticsView> {
    const exam = await this.visibleExam(principal, examId);
    const snapshot = await this.db.getRepository(ExamStatistics).findOne({ where: { examId }, order: { computedAt: 'DESC' } });
    const job = await this.queue.getJob(examStatisticsJobId(examId));
    const running = job ? PENDING_STATES.has(await job.getState()) : false;
    return {
      examId,
      title: exam.title,
      closesAt: exam.closesAt.toISOString(),
      running,
      snapshot: snapshot ? await this.snapshotView(snapshot) : null,
    };
  }

  /** Exams in the principal's subtrees with a summary of their latest snapshot, newest close first. */
  async exams(principal: Principal): Promise<ExamStatisticsSummary[]> {
    const roots = principal.rootsFor(Permission.StatisticsRead);
    if (roots.length === 0) return [];
    const rows: Array<{ id: string; title: string; course_name: string; closes_at: Date; computed_at: Date | null; attempts: number | null; alpha: number | null; flagged: number | null }> =
      await this.db.query(
        `SELECT e.id, e.title, c.name AS course_name, e.closes_at, s.computed_at, s.attempts, (s.test->>'alpha')::float8 AS alpha,
                (SELECT count(*)::int FROM item_version_statistics i WHERE i.snapshot_id = s.id AND jsonb_array_length(i.flags) > 0) AS flagged
           FROM exams e
           JOIN courses c ON c.id = e.course_id
           JOIN org_units o ON o.id = e.org_unit_id
           LEFT JOIN LATERAL (SELECT id, computed_at, attempts, test FROM exam_statistics WHERE exam_id = e.id ORDER BY computed_at DESC LIMIT 1) s ON true
          WHERE ${visibleSql('o', '$1::ltree[]')}
          ORDER BY e.closes_at DESC, e.title
          LIMIT 500`,
        [roots],
      );
    return rows.map((r) => ({
      examId: r.id,
      title: r.title,
      courseName: r.course_name,
      closesAt: r.closes_at.toISOString(),
      computedAt: r.computed_at?.toISOString() ?? null,
      attempts: r.attempts,
      alpha: r.alpha,
      flaggedItems: r.computed_at ? r.flagged : null,
    }));
  }

  /**
   * Every version of an item with its latest statistics in each exam the principal may see.
   * 404 when the item does not exist, or when it is neither owned in the principal's subtrees
   * nor used by an exam there.
   */
  async itemStatistics(principal: Principal, itemId: string): Promise<ItemStatisticsView> {
    const [item]: Array<{ id: string; path: string; heir_paths: string[] | null }> = await this.db.query(
      `SELECT i.id, o.path::text AS path, o.heir_paths::text[] AS heir_paths FROM qb_items i JOIN org_units o ON o.id = i.owner_org_unit_id WHERE i.id = $1`,
      [itemId],
    );
    if (!item) throw QuestionBankErrors.ITEM_NOT_FOUND();
    const roots = principal.rootsFor(Permission.StatisticsRead);
    const rows: Array<{ item_version_id: string; version: number; exam_id: string; title: string; computed_at: Date; details: ExamStatisticsSnapshot['items'][number] }> =
      roots.length === 0
        ? []
        : await this.db.query(
            `SELECT DISTINCT ON (r.item_version_id, r.exam_id) r.item_version_id, v.version, r.exam_id, e.title, s.computed_at, r.details
               FROM item_version_statistics r
               JOIN exam_statistics s ON s.id = r.snapshot_id
               JOIN exams e ON e.id = r.exam_id
               JOIN org_units o ON o.id = e.org_unit_id
               JOIN qb_item_versions v ON v.id = r.item_version_id
              WHERE r.item_id = $1 AND ${visibleSql('o', '$2::ltree[]')}
              ORDER BY r.item_version_id, r.exam_id, s.computed_at DESC`,
            [itemId, roots],
          );
    if (rows.length === 0 && !canSee(principal, Permission.StatisticsRead, { path: item.path, heirPaths: item.heir_paths })) throw QuestionBankErrors.ITEM_NOT_FOUND();
    const versions = new Map<string, ItemStatisticsView['versions'][number]>();
    for (const r of rows) {
      let v = versions.get(r.item_version_id);
      if (!v) versions.set(r.item_version_id, (v = { itemVersionId: r.item_version_id, version: r.version, exams: [] }));
      v.exams.push({ examId: r.exam_id, title: r.title, computedAt: r.computed_at.toISOString(), statistics: r.details });
    }
    return { itemId, versions: [...versions.values()].sort((a, b) => a.version - b.version) };
  }

  private async snapshotView(s: ExamStatistics): Promise<ExamStatisticsSnapshot> {
    const items = await this.db.getRepository(ItemVersionStatisticsRow).find({ where: { snapshotId: s.id } });
    return {
      id: s.id,
      computedAt: s.computedAt.toISOString(),
      durationMs: s.durationMs,
      attempts: s.attempts,
      responses: s.responses,
      test: s.test,
      irt: s.irt,
      irtSkipped: s.irtSkipped,
      items: items
        .map((i) => i.details)
        .sort((a, b) => a.topic.localeCompare(b.topic) || a.level.localeCompare(b.level) || a.itemId.localeCompare(b.itemId) || a.version - b.version),
    };
  }

  /** The exam, when the principal reads statistics in its unit's subtree (else 404, revealing nothing). */
  private async visibleExam(principal: Principal, examId: string): Promise<{ title: string; closesAt: Date }> {
    const [exam]: Array<{ title: string; closes_at: Date; path: string; heir_paths: string[] | null }> = await this.db.query(
      `SELECT e.title, e.closes_at, o.path::text AS path, o.heir_paths::text[] AS heir_paths FROM exams e JOIN org_units o ON o.id = e.org_unit_id WHERE e.id = $1`,
      [examId],
    );
    if (!exam || !canSee(principal, Permission.StatisticsRead, { path: exam.path, heirPaths: exam.heir_paths })) throw AssessmentErrors.EXAM_NOT_FOUND();
    return { title: exam.title, closesAt: exam.closes_at };
  }
}
