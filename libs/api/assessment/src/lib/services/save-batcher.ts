import type { Pool } from 'pg';

export interface PendingResponse {
  itemId: string;
  answer: unknown;
  seq: number;
}

export interface BatchOutcome {
  /** null when the attempt is finished or past deadline + grace. */
  deadline: Date | null;
  saved: Set<string>;
  /** Another device holds the attempt: nothing of this request was written. */
  takenOver: boolean;
}

interface Waiting {
  attemptId: string;
  /** The sending device's id, if the client sends one. */
  device: string | null;
  /** When the request arrived: deadlines are judged against this, not the flush time. */
  now: Date;
  responses: PendingResponse[];
  resolve: (outcome: BatchOutcome) => void;
  reject: (error: unknown) => void;
}

/** Saves of concurrent requests written by one statement and one commit at most this often in flight. */
const MAX_IN_FLIGHT = 4;
const MAX_ROWS_PER_FLUSH = 500;

/**
 * Group commit for answer saves: requests arriving together are written by one statement in
 * one transaction, and each request is answered only after that commit (durable before 200).
 * Under load the batches grow by themselves (whatever arrives while flushes are in flight
 * goes into the next one); when idle a save is flushed on the next turn of the event loop.
 */
export class SaveBatcher {
  private pending: Waiting[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly pool: () => Pool,
    private readonly graceSeconds: number,
  ) {}

  save(attemptId: string, device: string | null, responses: PendingResponse[], now: Date): Promise<BatchOutcome> {
    return new Promise((resolve, reject) => {
      this.pending.push({ attemptId, device, now, responses, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= MAX_IN_FLIGHT || this.pending.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    const batch: Waiting[] = [];
    let rows = 0;
    while (this.pending.length && (batch.length === 0 || rows + this.pending[0].responses.length <= MAX_ROWS_PER_FLUSH)) {
      const next = this.pending.shift() as Waiting;
      rows += next.responses.length;
      batch.push(next);
    }
    this.inFlight++;
    try {
      // One row per (attempt, item, device): the highest sequence wins, as it would across
      // statements; the statement keeps only the holding device's row (DISTINCT ON) and writes
      // in key order so concurrent flushes take index locks in the same order (no deadlocks).
      const best = new Map<string, { attempt_id: string; item_id: string; device: string | null; answer: unknown; seq: number; received_at: string }>();
      for (const w of batch) {
        for (const r of w.responses) {
          const key = `${w.attemptId}/${r.itemId}/${w.device ?? ''}`;
          const seen = best.get(key);
          if (!seen || r.seq > seen.seq) {
            best.set(key, { attempt_id: w.attemptId, item_id: r.itemId, device: w.device, answer: r.answer, seq: r.seq, received_at: w.now.toISOString() });
          }
        }
      }
      const input = [...best.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
      const result = await this.pool().query<{ attempt_id: string; deadline: Date; device_id: string | null; item_id: string | null; seq: number | null }>({
        name: 'assessment-save-batch',
        text: `WITH input AS (
                 SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(attempt_id uuid, item_id uuid, device text, answer jsonb, seq int, received_at timestamptz)),
               a AS (
                 SELECT id, deadline, device_id FROM attempts
                  WHERE id IN (SELECT DISTINCT attempt_id FROM input) AND status = 'in_progress'
                  ORDER BY id
                  FOR KEY SHARE),
               w AS (
                 INSERT INTO responses (attempt_id, item_id, answer, seq, saved_at)
                 SELECT DISTINCT ON (i.attempt_id, i.item_id) i.attempt_id, i.item_id, i.answer, i.seq, i.received_at FROM input i
                   JOIN a ON a.id = i.attempt_id AND a.deadline >= i.received_at - make_interval(secs => $2)
                         AND (a.device_id IS NULL OR a.device_id = i.device)
                 ORDER BY i.attempt_id, i.item_id, i.seq DESC
                 ON CONFLICT (attempt_id, item_id) DO UPDATE SET answer = EXCLUDED.answer, seq = EXCLUDED.seq, saved_at = EXCLUDED.saved_at
                   WHERE responses.seq < EXCLUDED.seq
                 RETURNING attempt_id, item_id, seq)
               SELECT a.id AS attempt_id, a.deadline, a.device_id, w.item_id, w.seq FROM a LEFT JOIN w ON w.attempt_id = a.id`,
        values: [JSON.stringify(input), this.graceSeconds],
      });
      const open = new Map<string, { deadline: Date; device: string | null }>();
      const written = new Map<string, number>();
      for (const r of result.rows) {
        open.set(r.attempt_id, { deadline: r.deadline, device: r.device_id });
        if (r.item_id) written.set(`${r.attempt_id}/${r.item_id}`, r.seq as number);
      }
      for (const w of batch) {
        const attempt = open.get(w.attemptId);
        const deadline = attempt?.deadline ?? null;
        if (deadline && w.now.getTime() > deadline.getTime() + this.graceSeconds * 1000) {
          w.resolve({ deadline: null, saved: new Set(), takenOver: false });
          continue;
        }
        if (attempt?.device && attempt.device !== w.device) {
          w.resolve({ deadline, saved: new Set(), takenOver: true });
          continue;
        }
        // A response counts as saved only if it is the version that was written.
        const saved = new Set(w.responses.filter((r) => written.get(`${w.attemptId}/${r.itemId}`) === r.seq).map((r) => r.itemId));
        w.resolve({ deadline, saved, takenOver: false });
      }
    } catch (error) {
      for (const w of batch) w.reject(error);
    } finally {
      this.inFlight--;
      this.schedule();
    }
  }
}
