import { HttpErrorResponse } from '@angular/common/http';
import type { ProctorEventEntry, ProctorEventKind } from '../data/exam.models';
import type { Timers } from './attempt-sync';

export interface ProctorTransport {
  report(attemptId: string, events: ProctorEventEntry[]): Promise<unknown>;
}

export interface ProctorReporterOptions {
  timers: Timers;
  now?: () => number;
  newId?: () => string;
  /** Events are gathered this long, then sent together. */
  debounceMs?: number;
  /** Kept at most (the oldest are dropped): a device offline for hours must not grow without bound. */
  maxQueued?: number;
}

/** The server takes at most this many events per request. */
export const PROCTOR_BATCH = 50;

const defaultId = () =>
  typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `e${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`;

/**
 * Tells the proctors what happened on this device during the attempt (focus, visibility,
 * fullscreen, connection): events are gathered, sent in batches with one request in flight, and
 * resent after a failed request; each carries its own id, so a resend is recorded once.
 * Best effort: answers never wait for it, and the server's refusals (the attempt ended or moved
 * to another device) stop it.
 */
export class ProctorReporter {
  private readonly queue: ProctorEventEntry[] = [];
  private readonly opts: Required<ProctorReporterOptions>;
  private timer: unknown = null;
  private inFlight = false;
  private failures = 0;
  private stopped = false;

  constructor(
    private readonly transport: ProctorTransport,
    private readonly attemptId: string,
    options: ProctorReporterOptions,
  ) {
    this.opts = { now: Date.now, newId: defaultId, debounceMs: 2_000, maxQueued: 500, ...options };
  }

  get queued(): number {
    return this.queue.length;
  }

  record(kind: ProctorEventKind, details?: Record<string, unknown>): void {
    if (this.stopped) return;
    this.queue.push({ id: this.opts.newId(), kind, at: new Date(this.opts.now()).toISOString(), ...(details ? { details } : {}) });
    if (this.queue.length > this.opts.maxQueued) this.queue.splice(0, this.queue.length - this.opts.maxQueued);
    if (this.failures === 0) this.schedule(this.opts.debounceMs);
  }

  /** The connection is back: send now. */
  online(): void {
    this.failures = 0;
    void this.flush();
  }

  dispose(): void {
    this.stopped = true;
    this.clearTimer();
  }

  async flush(): Promise<void> {
    if (this.stopped || this.inFlight) return;
    this.clearTimer();
    this.inFlight = true;
    try {
      while (!this.stopped && this.queue.length) {
        const batch = this.queue.slice(0, PROCTOR_BATCH);
        try {
          await this.transport.report(this.attemptId, batch);
        } catch (error) {
          this.failed(error, batch.length);
          return;
        }
        this.queue.splice(0, batch.length);
        this.failures = 0;
      }
    } finally {
      this.inFlight = false;
    }
  }

  private failed(error: unknown, size: number): void {
    const status = error instanceof HttpErrorResponse ? error.status : 0;
    if (status === 404 || status === 409) {
      // The attempt ended, or another device holds it: nothing more to report from here.
      this.dispose();
      return;
    }
    if (status === 400 || status === 422) {
      // The server refuses these events as such: resending cannot help.
      this.queue.splice(0, size);
      if (this.queue.length) this.schedule(0);
      return;
    }
    // No connection, 5xx, or 429 (too many this minute): try again later, backing off.
    this.failures++;
    this.schedule(Math.min(60_000, 2_000 * 2 ** (this.failures - 1)));
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
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
}
