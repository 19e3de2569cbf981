import { HttpErrorResponse } from '@angular/common/http';
import { signal } from '@angular/core';
import type { AttemptResult, SaveRequestEntry, SaveResult } from '../data/exam.models';
import type { AnswerJournal } from './answer-journal';
import type { ServerClock } from './server-clock';

/** How the indicator reads: everything on the server, a request in flight, or answers waiting. */
export type SyncState = 'saved' | 'saving' | 'offline' | 'retrying' | 'closed' | 'taken_over';

export interface SyncTransport {
  save(attemptId: string, responses: SaveRequestEntry[]): Promise<SaveResult>;
  submit(attemptId: string): Promise<AttemptResult>;
}

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface SyncOptions {
  /** Wait after a change before sending, so typing sends one request, not one per key. */
  debounceMs?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  isOnline?: () => boolean;
  timers?: Timers;
  random?: () => number;
  onSubmitted?: (result: AttemptResult) => void;
  /** The server no longer accepts answers (deadline + grace passed, or submitted elsewhere). */
  onClosed?: () => void;
  /** Another device took the attempt over: nothing more is sent until this one takes it back. */
  onTakenOver?: () => void;
}

/** The server takes at most this many answers per request. */
export const MAX_BATCH = 200;

type Failure = 'network' | 'closed' | 'rejected' | 'taken_over';

function classify(error: unknown): Failure {
  if (error instanceof HttpErrorResponse) {
    if (error.status === 409 && error.error?.code === 'ATTEMPT_TAKEN_OVER') return 'taken_over';
    if (error.status === 409 || error.status === 404) return 'closed';
    if (error.status === 422) return 'rejected';
  }
  // Status 0 (no connection), timeouts, 5xx, 429 and the like: the answer is still only here, try again.
  return 'network';
}

const browserTimers: Timers = { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) };

/**
 * Sends the journal to the server: one request in flight, the oldest changes first, retries with
 * exponential backoff (and jitter, so a room of examinees does not retry in step) while the
 * connection is down, and a queued submit performed once every answer is on the server.
 * Idempotent by the per-item sequence numbers: anything may be resent.
 */
export class AttemptSync {
  readonly state = signal<SyncState>('saved');
  /** Answers on the device the server has not confirmed. */
  readonly waiting = signal(0);
  readonly submitQueued = signal(false);

  private inFlight = false;
  private again = false;
  private timer: unknown = null;
  private failures = 0;
  private disposed = false;
  private readonly opts: Required<Omit<SyncOptions, 'onSubmitted' | 'onClosed' | 'onTakenOver'>> &
    Pick<SyncOptions, 'onSubmitted' | 'onClosed' | 'onTakenOver'>;

  constructor(
    private readonly journal: AnswerJournal,
    private readonly transport: SyncTransport,
    private readonly attemptId: string,
    private readonly clock: ServerClock,
    options: SyncOptions = {},
  ) {
    this.opts = {
      debounceMs: 500,
      minBackoffMs: 1_000,
      maxBackoffMs: 20_000,
      isOnline: () => (typeof navigator === 'undefined' ? true : navigator.onLine),
      timers: browserTimers,
      random: Math.random,
      ...options,
    };
  }

  /** Reads the journal (after a reload) and sends whatever is waiting, and a queued submit. */
  async resume(): Promise<void> {
    const record = await this.journal.attempt(this.attemptId);
    this.submitQueued.set(record.submitQueuedAt !== null);
    await this.countWaiting();
    await this.flush();
  }

  /** The journal write comes first: the change is safe once this resolves. */
  async change(itemId: string, answer: unknown): Promise<void> {
    await this.journal.record(this.attemptId, itemId, answer);
    await this.countWaiting();
    if (this.state() === 'saved') this.state.set('saving');
    this.schedule(this.opts.debounceMs);
  }

  /** Queues the submit durably; it runs after the last answer reached the server. */
  async submit(): Promise<void> {
    await this.journal.updateAttempt(this.attemptId, { submitQueuedAt: Date.now() });
    this.submitQueued.set(true);
    await this.flush();
  }

  /** The browser says the connection is back: try at once, forgetting the backoff. */
  online(): void {
    this.failures = 0;
    void this.flush();
  }

  offline(): void {
    if (this.state() !== 'closed' && this.state() !== 'taken_over' && (this.waiting() > 0 || this.submitQueued())) this.state.set('offline');
  }

  retryNow(): void {
    this.online();
  }

  dispose(): void {
    this.disposed = true;
    this.clearTimer();
  }

  /** Sends until nothing waits, or a failure schedules the next try. */
  async flush(): Promise<void> {
    if (this.disposed || this.state() === 'closed' || this.state() === 'taken_over') return;
    if (this.inFlight) {
      this.again = true;
      return;
    }
    this.clearTimer();
    this.inFlight = true;
    try {
      do {
        this.again = false;
        while (!this.disposed && (await this.step())) {
          // Each step sends one batch; go on until nothing waits or a failure schedules a retry.
        }
      } while (this.again && !this.disposed);
    } catch {
      // The journal itself failed (storage busy or closing): the entries are still there, try later.
      if (!this.disposed) {
        this.failures++;
        this.state.set('retrying');
        this.scheduleRetry();
      }
    } finally {
      this.inFlight = false;
    }
  }

  /** One request; false when the loop should stop (done, failed and scheduled, or closed). */
  private async step(): Promise<boolean> {
    const pending = await this.journal.pending(this.attemptId);
    if (pending.length === 0 && !this.submitQueued()) {
      this.state.set('saved');
      this.waiting.set(0);
      return false;
    }
    if (!this.opts.isOnline()) {
      this.state.set('offline');
      // navigator.onLine can be wrong both ways; the `online` event or this timer tries again.
      this.scheduleRetry();
      return false;
    }
    this.state.set(this.failures > 0 ? 'retrying' : 'saving');
    const sentAt = this.clock.reading();
    try {
      if (pending.length > 0) {
        const batch = pending.slice(0, MAX_BATCH);
        const result = await this.transport.save(
          this.attemptId,
          batch.map((e) => ({ itemId: e.itemId, answer: e.answer, seq: e.seq })),
        );
        this.clock.sync(result.serverNow, sentAt, this.clock.reading());
        // Ignored entries are held at an equal or newer sequence number by the server: settled too.
        await this.journal.acknowledge(this.attemptId, batch.map((e) => ({ itemId: e.itemId, seq: e.seq })));
      } else {
        const result = await this.transport.submit(this.attemptId);
        await this.journal.forget(this.attemptId);
        this.submitQueued.set(false);
        this.waiting.set(0);
        this.state.set('saved');
        this.opts.onSubmitted?.(result);
        return false;
      }
    } catch (error) {
      return this.failed(error, pending);
    }
    this.failures = 0;
    await this.countWaiting();
    return true;
  }

  private async failed(error: unknown, pending: ReadonlyArray<{ itemId: string; seq: number }>): Promise<boolean> {
    const kind = classify(error);
    if (kind === 'taken_over') {
      // The answers stay in the journal: they are sent if this device takes the attempt back.
      this.state.set('taken_over');
      this.opts.onTakenOver?.();
      return false;
    }
    if (kind === 'closed') {
      this.state.set('closed');
      this.opts.onClosed?.();
      return false;
    }
    if (kind === 'rejected') {
      // The server refuses this answer as such (shape or item): resending it cannot help, and
      // it must not hold back the others. Settle the named item, or the batch if none is named.
      const itemId = (error as HttpErrorResponse).error?.details?.itemId as string | undefined;
      const settled = itemId ? pending.filter((p) => p.itemId === itemId) : pending.slice(0, MAX_BATCH);
      await this.journal.acknowledge(this.attemptId, settled);
      await this.countWaiting();
      return true;
    }
    this.failures++;
    this.state.set(this.opts.isOnline() ? 'retrying' : 'offline');
    this.scheduleRetry();
    return false;
  }

  private scheduleRetry(): void {
    const exp = Math.min(this.opts.maxBackoffMs, this.opts.minBackoffMs * 2 ** Math.max(0, this.failures - 1));
    this.schedule(Math.round(exp * (0.8 + 0.4 * this.opts.random())));
  }

  private schedule(ms: number): void {
    if (this.disposed) return;
    this.clearTimer();
    this.timer = this.opts.timers.set(() => {
      this.timer = null;
      void this.flush();
    }, ms);
  }

  private clearTimer(): void {
    if (this.timer !== null) this.opts.timers.clear(this.timer);
    this.timer = null;
  }

  private async countWaiting(): Promise<void> {
    this.waiting.set((await this.journal.pending(this.attemptId)).length);
  }
}
