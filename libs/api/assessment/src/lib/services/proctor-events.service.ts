import type { Principal } from '@boiduong/api-core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AssessmentErrors } from '../assessment.errors';
import { acceptsSave } from '../domain/timing';
import type { ProctorEventDto } from '../dto/grading.dto';
import { AssessmentClock } from './assessment-clock';
import { proctorScope } from './exam-access';

/** Events one attempt may send per minute: a flapping connection must not fill the table. */
export const PROCTOR_EVENTS_PER_MINUTE = 120;
/** Events one attempt may hold in all. */
export const PROCTOR_EVENTS_PER_ATTEMPT = 2_000;
const DETAILS_MAX_BYTES = 1024;

/**
 * The proctor event log: what the player reports (focus, visibility, fullscreen, connection) and
 * what the server sees itself (a device taking the attempt over). Reports are idempotent by the
 * client's event id, accepted from the attempt's owner while it takes answers, and bounded per
 * minute and per attempt.
 */
@Injectable()
export class ProctorEventsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: AssessmentClock,
  ) {}

  async report(principal: Principal, attemptId: string, events: ProctorEventDto[], device: string | null) {
    for (const e of events) {
      if (e.details && Buffer.byteLength(JSON.stringify(e.details)) > DETAILS_MAX_BYTES) throw AssessmentErrors.PROCTOR_EVENT_TOO_LARGE({ id: e.id });
    }
    return this.db.transaction(async (manager) => {
      // Shares the row with saves; a finish (which locks it for update) waits or wins cleanly.
      const [attempt]: Array<{ user_id: string; status: string; deadline: Date; device_id: string | null }> = await manager.query(
        `SELECT user_id, status, deadline, device_id FROM attempts WHERE id = $1 FOR SHARE`,
        [attemptId],
      );
      if (!attempt || attempt.user_id !== principal.userId) throw AssessmentErrors.ATTEMPT_NOT_FOUND();
      const now = this.clock.now();
      if (attempt.status !== 'in_progress' || !acceptsSave(now, attempt.deadline)) throw AssessmentErrors.ATTEMPT_CLOSED();
      if (attempt.device_id && device && attempt.device_id !== device) throw AssessmentErrors.ATTEMPT_TAKEN_OVER();
      const [counts]: Array<{ total: number; recent: number }> = await manager.query(
        `SELECT count(*)::int AS total, count(*) FILTER (WHERE recorded_at > $2)::int AS recent FROM proctor_events WHERE attempt_id = $1 AND source = 'client'`,
        [attemptId, new Date(now.getTime() - 60_000)],
      );
      if (counts.recent + events.length > PROCTOR_EVENTS_PER_MINUTE) throw AssessmentErrors.PROCTOR_EVENTS_RATE_LIMITED({ perMinute: PROCTOR_EVENTS_PER_MINUTE, retryAfterSeconds: 60 });
      if (counts.total + events.length > PROCTOR_EVENTS_PER_ATTEMPT) throw AssessmentErrors.PROCTOR_EVENTS_LIMIT({ max: PROCTOR_EVENTS_PER_ATTEMPT });
      const inserted: Array<{ client_event_id: string }> = await manager.query(
        `INSERT INTO proctor_events (attempt_id, client_event_id, kind, source, device_id, occurred_at, recorded_at, details)
         SELECT $1, e.id, e.kind, 'client', $2, e.at, $3, e.details
           FROM jsonb_to_recordset($4::jsonb) AS e(id text, kind text, at timestamptz, details jsonb)
         ON CONFLICT (attempt_id, client_event_id) DO NOTHING
         RETURNING client_event_id`,
        [attemptId, device, now, JSON.stringify(events.map((e) => ({ id: e.id, kind: e.kind, at: e.at, details: e.details ?? null })))],
      );
      const fresh = new Set(inserted.map((r) => r.client_event_id));
      return { recorded: events.filter((e) => fresh.has(e.id)).map((e) => e.id), duplicates: events.filter((e) => !fresh.has(e.id)).map((e) => e.id) };
    });
  }

  /** Written by the server in the transaction that moved the attempt to another device. */
  static async recordTakeover(manager: EntityManager, attemptId: string, from: string | null, to: string, at: Date): Promise<void> {
    await manager.query(
      `INSERT INTO proctor_events (attempt_id, client_event_id, kind, source, device_id, occurred_at, recorded_at, details)
       VALUES ($1, NULL, 'takeover', 'server', $2, $3, $3, $4::jsonb)`,
      [attemptId, to, at, JSON.stringify({ fromDevice: from })],
    );
  }

  async forAttempt(principal: Principal, attemptId: string) {
    const [attempt]: Array<{ exam_id: string }> = await this.db.query(`SELECT exam_id FROM attempts WHERE id = $1`, [attemptId]);
    if (!attempt) throw AssessmentErrors.ATTEMPT_NOT_FOUND();
    try {
      await proctorScope(this.db.manager, principal, attempt.exam_id);
    } catch {
      throw AssessmentErrors.ATTEMPT_NOT_FOUND();
    }
    return { attemptId, events: await this.list(`e.attempt_id = $1`, [attemptId]) };
  }

  /** The exam's events, newest first, at most `limit`, optionally of one kind. */
  async forExam(principal: Principal, examId: string, kind?: string, limit = 500) {
    await proctorScope(this.db.manager, principal, examId);
    const params: unknown[] = [examId, Math.min(Math.max(limit, 1), 1000)];
    let where = `a.exam_id = $1`;
    if (kind) {
      params.push(kind);
      where += ` AND e.kind = $3`;
    }
    return { examId, events: await this.list(where, params, true) };
  }

  private async list(where: string, params: unknown[], newestFirst = false) {
    const rows: Array<{ attempt_id: string; kind: string; source: 'client' | 'server'; device_id: string | null; occurred_at: Date; recorded_at: Date; details: Record<string, unknown> | null; user_id: string; full_name: string }> =
      await this.db.query(
        `SELECT e.attempt_id, e.kind, e.source, e.device_id, e.occurred_at, e.recorded_at, e.details, a.user_id, u.full_name
           FROM proctor_events e JOIN attempts a ON a.id = e.attempt_id JOIN users u ON u.id = a.user_id
          WHERE ${where}
          ORDER BY e.occurred_at ${newestFirst ? 'DESC' : 'ASC'}, e.id ${newestFirst ? 'DESC' : 'ASC'}
          ${newestFirst ? 'LIMIT $2' : ''}`,
        params,
      );
    return rows.map((r) => ({
      attemptId: r.attempt_id,
      learner: { userId: r.user_id, fullName: r.full_name },
      kind: r.kind,
      source: r.source,
      deviceId: r.device_id,
      occurredAt: r.occurred_at.toISOString(),
      recordedAt: r.recorded_at.toISOString(),
      details: r.details,
    }));
  }
}
