import { HttpErrorResponse } from '@angular/common/http';
import type { ProctorEventEntry } from '../data/exam.models';
import type { Timers } from './attempt-sync';
import { PROCTOR_BATCH, ProctorReporter } from './proctor-reporter';

class ManualTimers implements Timers {
  private next = 1;
  readonly pending = new Map<number, { fn: () => void; ms: number }>();
  set(fn: () => void, ms: number): number {
    this.pending.set(this.next, { fn, ms });
    return this.next++;
  }
  clear(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  delays(): number[] {
    return [...this.pending.values()].map((p) => p.ms);
  }
  async fire(): Promise<void> {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.fn();
    for (let i = 0; i < 10; i++) await Promise.resolve();
  }
}

describe('ProctorReporter', () => {
  let timers: ManualTimers;
  let sent: ProctorEventEntry[][];
  let fail: unknown;
  let ids: number;
  const transport = {
    report: async (_attemptId: string, events: ProctorEventEntry[]) => {
      sent.push(events);
      if (fail) throw fail;
      return {};
    },
  };
  const make = () => new ProctorReporter(transport, 'a1', { timers, now: () => Date.parse('2026-12-01T02:00:00Z'), newId: () => `event-${String(++ids).padStart(4, '0')}` });

  beforeEach(() => {
    timers = new ManualTimers();
    sent = [];
    fail = null;
    ids = 0;
  });

  it('gathers events and sends them together after a pause, with their own ids and times', async () => {
    const r = make();
    r.record('focus_lost');
    r.record('focus_regained');
    r.record('reconnected', { offlineMs: 1200 });
    expect(sent).toEqual([]);
    expect(timers.delays()).toEqual([2000]);
    await timers.fire();
    expect(sent).toEqual([
      [
        { id: 'event-0001', kind: 'focus_lost', at: '2026-12-01T02:00:00.000Z' },
        { id: 'event-0002', kind: 'focus_regained', at: '2026-12-01T02:00:00.000Z' },
        { id: 'event-0003', kind: 'reconnected', at: '2026-12-01T02:00:00.000Z', details: { offlineMs: 1200 } },
      ],
    ]);
    expect(r.queued).toBe(0);
  });

  it('sends at most one batch per request', async () => {
    const r = make();
    for (let i = 0; i < PROCTOR_BATCH + 3; i++) r.record('hidden');
    await timers.fire();
    expect(sent.map((b) => b.length)).toEqual([PROCTOR_BATCH, 3]);
  });

  it('keeps events through a failed request and resends the same ids, backing off; the connection coming back sends at once', async () => {
    const r = make();
    r.record('offline');
    fail = new HttpErrorResponse({ status: 0 });
    await timers.fire();
    expect(r.queued).toBe(1);
    expect(timers.delays()).toEqual([2000]);
    await timers.fire();
    expect(timers.delays()).toEqual([4000]);
    fail = new HttpErrorResponse({ status: 429, error: { code: 'PROCTOR_EVENTS_RATE_LIMITED' } });
    await timers.fire();
    expect(timers.delays()).toEqual([8000]);
    fail = null;
    r.online();
    for (let i = 0; i < 10; i++) await Promise.resolve();
    expect(sent.map((b) => b.map((e) => e.id))).toEqual([['event-0001'], ['event-0001'], ['event-0001'], ['event-0001']]);
    expect(r.queued).toBe(0);
  });

  it('drops events the server refuses as such, and stops when the attempt ended or moved to another device', async () => {
    const r = make();
    r.record('hidden');
    fail = new HttpErrorResponse({ status: 400 });
    await timers.fire();
    expect(r.queued).toBe(0);
    fail = new HttpErrorResponse({ status: 409, error: { code: 'ATTEMPT_TAKEN_OVER' } });
    r.record('visible');
    await timers.fire();
    expect(sent).toHaveLength(2);
    r.record('hidden');
    expect(timers.delays()).toEqual([]);
    expect(r.queued).toBe(1);
  });

  it('keeps at most the newest events while it cannot send', () => {
    const r = new ProctorReporter(transport, 'a1', { timers, maxQueued: 3, newId: () => `event-${String(++ids).padStart(4, '0')}` });
    for (let i = 0; i < 5; i++) r.record('hidden');
    expect(r.queued).toBe(3);
  });
});
