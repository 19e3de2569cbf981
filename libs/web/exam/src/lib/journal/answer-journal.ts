import Dexie, { type Table } from 'dexie';
import type { AttemptView, ServerResponse } from '../data/exam.models';

/** One item's latest answer on this device. `seq` grows with every change; `ackedSeq` is what the server confirmed. */
export interface JournalEntry {
  attemptId: string;
  itemId: string;
  answer: unknown;
  seq: number;
  ackedSeq: number;
  /** Device time of the change: resends go oldest first. */
  changedAt: number;
}

/** What the device keeps about an attempt besides answers. */
export interface AttemptRecord {
  attemptId: string;
  /** The last attempt view received, so a reload without a connection can still show the questions. */
  view: AttemptView | null;
  /** serverNow - device time when that view arrived: a fallback clock when the server cannot be asked. */
  clockOffsetMs: number;
  flags: string[];
  /** Set when the learner (or the countdown) submitted and the server has not confirmed yet. */
  submitQueuedAt: number | null;
}

class ExamJournalDatabase extends Dexie {
  answers!: Table<JournalEntry, [string, string]>;
  attempts!: Table<AttemptRecord, string>;

  constructor(name: string, deps?: IndexedDbDeps) {
    super(name, deps);
    this.version(1).stores({ answers: '[attemptId+itemId], attemptId', attempts: 'attemptId' });
  }
}

/** Which IndexedDB to use: the browser's by default; tests pass an in-memory one. */
export interface IndexedDbDeps {
  indexedDB: IDBFactory;
  IDBKeyRange: typeof IDBKeyRange;
}

export const JOURNAL_DATABASE_NAME = 'boiduong-exam-journal';

/**
 * The device's durable record of an attempt, in IndexedDB: every answer is written here, with its
 * per-item sequence number, before anything is sent, so a dropped connection, a closed tab or a
 * reload loses nothing. The server keeps the answer with the highest sequence number per item,
 * so resending any entry any number of times is harmless.
 */
export class AnswerJournal {
  private readonly db: ExamJournalDatabase;

  constructor(name = JOURNAL_DATABASE_NAME, deps?: IndexedDbDeps) {
    this.db = new ExamJournalDatabase(name, deps);
  }

  /** Records a change: the entry's sequence number moves past everything the device or server has seen. */
  record(attemptId: string, itemId: string, answer: unknown, changedAt = Date.now()): Promise<JournalEntry> {
    return this.db.transaction('rw', this.db.answers, async () => {
      const current = await this.db.answers.get([attemptId, itemId]);
      const entry: JournalEntry = {
        attemptId,
        itemId,
        answer,
        seq: Math.max(current?.seq ?? 0, current?.ackedSeq ?? 0) + 1,
        ackedSeq: current?.ackedSeq ?? 0,
        changedAt,
      };
      await this.db.answers.put(entry);
      return entry;
    });
  }

  /**
   * Merges what the server holds (on start, resume or reload): the server's answer wins only
   * where it is newer than the device's (another device saved later); newer local answers stay
   * pending and will be sent.
   */
  merge(attemptId: string, responses: readonly ServerResponse[]): Promise<JournalEntry[]> {
    return this.db.transaction('rw', this.db.answers, async () => {
      for (const r of responses) {
        const current = await this.db.answers.get([attemptId, r.itemId]);
        if (!current || current.seq < r.seq) {
          await this.db.answers.put({ attemptId, itemId: r.itemId, answer: r.answer, seq: r.seq, ackedSeq: r.seq, changedAt: current?.changedAt ?? 0 });
        } else if (current.ackedSeq < r.seq) {
          await this.db.answers.update([attemptId, r.itemId], { ackedSeq: r.seq });
        }
      }
      return this.entries(attemptId);
    });
  }

  entries(attemptId: string): Promise<JournalEntry[]> {
    return this.db.answers.where('attemptId').equals(attemptId).toArray();
  }

  /** Entries the server has not confirmed, oldest change first. */
  async pending(attemptId: string): Promise<JournalEntry[]> {
    const all = await this.entries(attemptId);
    return all.filter((e) => e.seq > e.ackedSeq).sort((a, b) => a.changedAt - b.changedAt);
  }

  /** Marks sequence numbers the server holds (saved, or already had something as new). Never moves back. */
  acknowledge(attemptId: string, acks: ReadonlyArray<{ itemId: string; seq: number }>): Promise<void> {
    return this.db.transaction('rw', this.db.answers, async () => {
      for (const ack of acks) {
        const current = await this.db.answers.get([attemptId, ack.itemId]);
        if (current && current.ackedSeq < ack.seq) await this.db.answers.update([attemptId, ack.itemId], { ackedSeq: ack.seq });
      }
    });
  }

  async attempt(attemptId: string): Promise<AttemptRecord> {
    return (await this.db.attempts.get(attemptId)) ?? { attemptId, view: null, clockOffsetMs: 0, flags: [], submitQueuedAt: null };
  }

  async updateAttempt(attemptId: string, change: Partial<Omit<AttemptRecord, 'attemptId'>>): Promise<void> {
    await this.db.transaction('rw', this.db.attempts, async () => {
      const current = await this.attempt(attemptId);
      await this.db.attempts.put({ ...current, ...change, attemptId });
    });
  }

  /** After the server confirmed the submit: nothing of the attempt is needed on the device any more. */
  async forget(attemptId: string): Promise<void> {
    await this.db.transaction('rw', this.db.answers, this.db.attempts, async () => {
      await this.db.answers.where('attemptId').equals(attemptId).delete();
      await this.db.attempts.delete(attemptId);
    });
  }

  close(): void {
    this.db.close();
  }

  /** For tests: removes the whole database. */
  async destroy(): Promise<void> {
    await this.db.delete();
  }
}
