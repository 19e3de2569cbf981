import { randomUUID } from 'node:crypto';
import { JobName, QueueName, type Principal } from '@boiduong/api-core';
import { CompletionService } from '@boiduong/api-catalog';
import { AuditService } from '@boiduong/api-identity';
import { gradeResponse, type GradableItem } from '@boiduong/api-question-bank';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AssessmentErrors } from '../assessment.errors';
import { scaled10 } from '../domain/scoring';
import type { RegradeRequestDto } from '../dto/grading.dto';
import { AssessmentClock } from './assessment-clock';
import { proctorScope, rescoreAttempt } from './exam-access';

interface Regrade {
  id: string;
  exam_id: string;
  item_id: string;
  item_version_id: string;
  status: 'queued' | 'done';
}

/**
 * Regrading after a key fix: an examiner asks for one item of one exam to be graded again with
 * the item's approved (corrected) version. A background job rescores every submitted attempt
 * that holds the item, records each attempt's old and new score, recomputes course completion
 * and tells each learner whose score changed. The job is idempotent: an attempt already
 * recorded for the regrade is skipped, so a retried or duplicated job changes nothing twice.
 */
@Injectable()
export class RegradeService {
  private readonly logger = new Logger('Regrade');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: AssessmentClock,
    private readonly audit: AuditService,
    private readonly completion: CompletionService,
    @InjectQueue(QueueName.Assessment) private readonly queue: Queue,
  ) {}

  async request(principal: Principal, examId: string, dto: RegradeRequestDto) {
    const id = randomUUID();
    await this.db.transaction(async (manager) => {
      const scope = await proctorScope(manager, principal, examId);
      const used = await manager.query(`SELECT 1 FROM attempt_items ai JOIN attempts a ON a.id = ai.attempt_id WHERE a.exam_id = $1 AND ai.item_id = $2 LIMIT 1`, [
        examId,
        dto.itemId,
      ]);
      if (!used.length) throw AssessmentErrors.REGRADE_ITEM_NOT_IN_EXAM({ itemId: dto.itemId });
      const [version]: Array<{ id: string; type: string; version: number }> = await manager.query(
        `SELECT v.id, v.type, v.version FROM qb_items i JOIN qb_item_versions v ON v.item_id = i.id AND v.version = i.approved_version WHERE i.id = $1`,
        [dto.itemId],
      );
      if (!version || version.type === 'essay') throw AssessmentErrors.REGRADE_ITEM_NOT_OBJECTIVE({ itemId: dto.itemId });
      // An answer names option ids: it means the same under the new key only if the ids are the same.
      const [differs]: Array<{ version: number }> = await manager.query(
        `SELECT ov.version FROM attempt_items ai JOIN attempts a ON a.id = ai.attempt_id
           JOIN qb_item_versions ov ON ov.id = ai.item_version_id, qb_item_versions nv
          WHERE a.exam_id = $1 AND ai.item_id = $2 AND nv.id = $3
            AND (ov.type <> nv.type
              OR (SELECT array_agg(x->>'id' ORDER BY x->>'id') FROM jsonb_array_elements(ov.options) x)
                 IS DISTINCT FROM (SELECT array_agg(x->>'id' ORDER BY x->>'id') FROM jsonb_array_elements(nv.options) x))
          LIMIT 1`,
        [examId, dto.itemId, version.id],
      );
      if (differs) throw AssessmentErrors.REGRADE_OPTIONS_CHANGED({ itemId: dto.itemId, answeredVersion: differs.version, approvedVersion: version.version });
      await manager.query(
        `INSERT INTO regrades (id, exam_id, item_id, item_version_id, requested_by, cause, reason, status, created_at) VALUES ($1, $2, $3, $4, $5, 'request', $6, 'queued', $7)`,
        [id, examId, dto.itemId, version.id, principal.userId, dto.reason ?? null, this.clock.now()],
      );
      await this.audit.record(manager, principal, {
        action: 'exam.regrade',
        entity: 'exam',
        entityId: examId,
        unit: scope.unit,
        before: null,
        after: { regradeId: id, itemId: dto.itemId, version: version.version, reason: dto.reason ?? null },
      });
    });
    await this.queue.add(JobName.RegradeExamItem, { regradeId: id }, { jobId: `regrade-${id}` });
    return { regradeId: id, status: 'queued' as const };
  }

  /**
   * Finds submitted attempts graded with an objective item version whose key or scoring the bank
   * has since corrected (a newer approved version with the same options) and not yet regraded with
   * it, and queues one regrade per exam and item, audited as made by the system. Runs on a schedule.
   */
  async sweepKeyFixes(): Promise<number> {
    const found: Array<{ exam_id: string; item_id: string; version_id: string; version: number; org_unit_id: string; path: string }> = await this.db.query(
      `SELECT DISTINCT a.exam_id, ai.item_id, nv.id AS version_id, nv.version, e.org_unit_id, o.path::text AS path
         FROM attempt_items ai
         JOIN attempts a ON a.id = ai.attempt_id AND a.status = 'submitted'
         JOIN exams e ON e.id = a.exam_id
         JOIN org_units o ON o.id = e.org_unit_id
         JOIN qb_item_versions ov ON ov.id = ai.item_version_id
         JOIN qb_items i ON i.id = ai.item_id
         JOIN qb_item_versions nv ON nv.item_id = i.id AND nv.version = i.approved_version
        WHERE nv.id <> ov.id AND nv.type = ov.type AND nv.type <> 'essay'
          AND (nv.answer_key IS DISTINCT FROM ov.answer_key OR nv.scoring IS DISTINCT FROM ov.scoring)
          -- Same options: an answer given to the old version means the same under the new key.
          AND (SELECT array_agg(x->>'id' ORDER BY x->>'id') FROM jsonb_array_elements(nv.options) x)
              IS NOT DISTINCT FROM (SELECT array_agg(x->>'id' ORDER BY x->>'id') FROM jsonb_array_elements(ov.options) x)
          AND NOT EXISTS (SELECT 1 FROM regrade_changes c JOIN regrades r ON r.id = c.regrade_id
                           WHERE c.attempt_id = a.id AND r.item_id = ai.item_id AND r.item_version_id = nv.id)
          AND NOT EXISTS (SELECT 1 FROM regrades r
                           WHERE r.exam_id = a.exam_id AND r.item_id = ai.item_id AND r.item_version_id = nv.id AND r.status = 'queued')
        LIMIT 100`,
    );
    for (const f of found) {
      const id = randomUUID();
      await this.db.transaction(async (manager) => {
        await manager.query(
          `INSERT INTO regrades (id, exam_id, item_id, item_version_id, requested_by, cause, reason, status, created_at) VALUES ($1, $2, $3, $4, NULL, 'key_fix', NULL, 'queued', $5)`,
          [id, f.exam_id, f.item_id, f.version_id, this.clock.now()],
        );
        await this.audit.record(manager, null, {
          action: 'exam.regrade',
          entity: 'exam',
          entityId: f.exam_id,
          unit: { id: f.org_unit_id, path: f.path },
          before: null,
          after: { regradeId: id, itemId: f.item_id, version: f.version, cause: 'key_fix' },
        });
      });
      await this.queue.add(JobName.RegradeExamItem, { regradeId: id }, { jobId: `regrade-${id}` });
    }
    if (found.length) this.logger.log(`Queued ${found.length} regrade(s) after key fixes`);
    return found.length;
  }

  async list(principal: Principal, examId: string) {
    await proctorScope(this.db.manager, principal, examId);
    const regrades: Array<{ id: string; item_id: string; status: string; cause: string; reason: string | null; created_at: Date; finished_at: Date | null; changed: number | null; requested_by: string | null }> =
      await this.db.query(
        `SELECT r.id, r.item_id, r.status, r.cause, r.reason, r.created_at, r.finished_at, r.changed, u.full_name AS requested_by
           FROM regrades r LEFT JOIN users u ON u.id = r.requested_by WHERE r.exam_id = $1 ORDER BY r.created_at DESC`,
        [examId],
      );
    const changes: Array<{ regrade_id: string; attempt_id: string; old_score: string | null; new_score: string | null }> = await this.db.query(
      `SELECT c.regrade_id, c.attempt_id, c.old_score, c.new_score FROM regrade_changes c JOIN regrades r ON r.id = c.regrade_id WHERE r.exam_id = $1 ORDER BY c.attempt_id`,
      [examId],
    );
    const num = (v: string | null) => (v === null ? null : Number(v));
    return regrades.map((r) => ({
      regradeId: r.id,
      itemId: r.item_id,
      status: r.status,
      cause: r.cause,
      reason: r.reason,
      requestedBy: r.requested_by,
      createdAt: r.created_at.toISOString(),
      finishedAt: r.finished_at?.toISOString() ?? null,
      changed: r.changed,
      attempts: changes.filter((c) => c.regrade_id === r.id).map((c) => ({ attemptId: c.attempt_id, oldScore: num(c.old_score), newScore: num(c.new_score) })),
    }));
  }

  /** The job: rescores the affected attempts one transaction each, then marks the regrade done. */
  async run(regradeId: string): Promise<{ rescored: number; changed: number } | 'already' | 'missing'> {
    const [regrade]: Regrade[] = await this.db.query(`SELECT id, exam_id, item_id, item_version_id, status FROM regrades WHERE id = $1`, [regradeId]);
    if (!regrade) return 'missing';
    if (regrade.status === 'done') return 'already';
    const [version]: Array<{ type: GradableItem['type']; answer_key: GradableItem['key']; scoring: GradableItem['scoring']; options: Array<{ id: string }> }> =
      await this.db.query(`SELECT type, answer_key, scoring, options FROM qb_item_versions WHERE id = $1`, [regrade.item_version_id]);
    const [exam]: Array<{ course_id: string; title: string }> = await this.db.query(`SELECT course_id, title FROM exams WHERE id = $1`, [regrade.exam_id]);
    const pending: Array<{ id: string }> = await this.db.query(
      `SELECT a.id FROM attempts a JOIN attempt_items ai ON ai.attempt_id = a.id AND ai.item_id = $2
        WHERE a.exam_id = $1 AND a.status = 'submitted'
          AND NOT EXISTS (SELECT 1 FROM regrade_changes c WHERE c.regrade_id = $3 AND c.attempt_id = a.id)
        ORDER BY a.id`,
      [regrade.exam_id, regrade.item_id, regrade.id],
    );
    // The corrected version now stands for these attempts: like any version shown, it is frozen.
    await this.db.query(`UPDATE qb_item_versions SET used_at = $2 WHERE id = $1 AND used_at IS NULL`, [regrade.item_version_id, this.clock.now()]);
    let rescored = 0;
    for (const { id } of pending) {
      const changedFor = await this.db.transaction(async (manager) => {
        const [attempt]: Array<{ user_id: string; status: string; score: string | null; max_score: string }> = await manager.query(
          `SELECT user_id, status, score, max_score FROM attempts WHERE id = $1 FOR UPDATE`,
          [id],
        );
        // Reopened since the list was read: it is graded with the rest when it finishes again.
        if (attempt.status !== 'submitted') return null;
        const [response]: Array<{ answer: unknown }> = await manager.query(`SELECT answer FROM responses WHERE attempt_id = $1 AND item_id = $2`, [id, regrade.item_id]);
        const oldScore = attempt.score === null ? null : Number(attempt.score);
        // The attempt holds the corrected version from now on, so grading it again (after a
        // reopen) uses the corrected key, and the sweep does not find it again.
        await manager.query(`UPDATE attempt_items SET item_version_id = $3 WHERE attempt_id = $1 AND item_id = $2`, [id, regrade.item_id, regrade.item_version_id]);
        let newScore = oldScore;
        if (response) {
          const graded = gradeResponse({ type: version.type, key: version.answer_key, scoring: version.scoring, options: version.options }, response.answer);
          await manager.query(`UPDATE responses SET credit = $3 WHERE attempt_id = $1 AND item_id = $2`, [id, regrade.item_id, graded.credit]);
          newScore = (await rescoreAttempt(manager, id)).score;
        }
        await manager.query(`INSERT INTO regrade_changes (regrade_id, attempt_id, old_score, new_score) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [
          regrade.id,
          id,
          oldScore,
          newScore,
        ]);
        if (oldScore === newScore) return null;
        const max = Number(attempt.max_score);
        await manager.query(
          `INSERT INTO notifications (id, user_id, kind, params, dedupe_key, created_at) VALUES ($1, $2, 'exam.regraded', $3::jsonb, $4, $5)
           ON CONFLICT (dedupe_key) DO NOTHING`,
          [
            randomUUID(),
            attempt.user_id,
            JSON.stringify({
              examId: regrade.exam_id,
              examTitle: exam.title,
              attemptId: id,
              oldScore,
              newScore,
              maxScore: max,
              oldScaled10: oldScore === null ? null : scaled10(oldScore, max),
              newScaled10: newScore === null ? null : scaled10(newScore, max),
            }),
            `regrade:${regrade.id}:${id}`,
            this.clock.now(),
          ],
        );
        return attempt.user_id;
      });
      rescored++;
      // After commit, as at submit: a changed score may change the course's completion.
      if (changedFor) await this.completion.recompute(this.db.manager, exam.course_id, [changedFor]);
    }
    const [{ changed }]: Array<{ changed: number }> = await this.db.query(
      `SELECT count(*)::int AS changed FROM regrade_changes WHERE regrade_id = $1 AND old_score IS DISTINCT FROM new_score`,
      [regrade.id],
    );
    await this.db.query(`UPDATE regrades SET status = 'done', finished_at = $2, changed = $3 WHERE id = $1`, [regrade.id, this.clock.now(), changed]);
    if (changed) this.logger.log(`Regrade ${regrade.id}: ${changed} score(s) changed`);
    return { rescored, changed };
  }
}
