import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { HttpErrorResponse } from '@angular/common/http';
import type { AttemptResult, SaveRequestEntry, SaveResult } from '../data/exam.models';
import { AnswerJournal } from './answer-journal';
import { AttemptSync, type SyncTransport, type Timers } from './attempt-sync';
import { ServerClock } from './server-clock';

/** Timers the test fires by hand: the journal's IndexedDB keeps its real asynchrony. */
class ManualTimers implements Timers {
  private next = 1;
  readonly pending = new Map<number, { fn: () => void; ms: number }>();
  set(fn: () => void, ms: number): number {
    const id = this.next++;
    this.pending.set(id, { fn, ms });
    return id;
  }
  clear(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  delays(): number[] {
    return [...this.pending.values()].map((p) => p.ms);
  }
  async fire(): Promise<void> {
    const all = [...this.pending.entries()];
    this.pending.clear();
    for (const [, p] of all) p.fn();
    await settle();
  }
}

/** Lets IndexedDB transactions and promise chains finish. */
const settle = async () => {
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
};

const offlineError = () => new HttpErrorResponse({ status: 0, statusText: 'Unknown Error' });

/** The server's rule: per item, keep the answer with the highest sequence number. */
class FakeServer implements SyncTransport {
  readonly stored = new Map<string, { answer: unknown; seq: number }>();
  readonly requests: SaveRequestEntry[][] = [];
  down = false;
  closed = false;
  takenOver = false;
  submits = 0;
  rejectItem: string | null = null;
  serverNow = '2026-12-01T02:00:00.000Z';

  async save(_attemptId: string, responses: SaveRequestEntry[]): Promise<SaveResult> {
    this.requests.push(responses);
    if (this.down) throw offlineError();
    if (this.closed) throw new HttpErrorResponse({ status: 409, error: { code: 'ATTEMPT_CLOSED' } });
    if (this.takenOver) throw new HttpErrorResponse({ status: 409, error: { code: 'ATTEMPT_TAKEN_OVER' } });
    const bad = responses.find((r) => r.itemId === this.rejectItem);
    if (bad) throw new HttpErrorResponse({ status: 422, error: { code: 'ANSWER_MALFORMED', details: { itemId: bad.itemId } } });
    const saved: string[] = [];
    const ignored: Array<{ itemId: string; seq: number }> = [];
    for (const r of responses) {
      const current = this.stored.get(r.itemId);
      if (!current || current.seq < r.seq) {
        this.stored.set(r.itemId, { answer: r.answer, seq: r.seq });
        saved.push(r.itemId);
      } else ignored.push({ itemId: r.itemId, seq: r.seq });
    }
    return { saved, ignored, timeLeftMs: 1000, serverNow: this.serverNow };
  }

  async submit(attemptId: string): Promise<AttemptResult> {
    if (this.down) throw offlineError();
    this.submits++;
    return { attemptId, status: 'submitted', finishedAt: this.serverNow, score: 1, maxScore: 2, scaled10: 5, percent: 50, passed: true, pendingManualGrading: false, released: true, releaseExpectedAt: null };
  }
}

describe('AttemptSync', () => {
  let journal: AnswerJournal;
  let server: FakeServer;
  let timers: ManualTimers;
  let online: boolean;
  let clock: ServerClock;
  let monotonic: number;
  let n = 0;
  const submitted: AttemptResult[] = [];
  let closed = 0;
  let takenOver = 0;

  const make = () =>
    new AttemptSync(journal, server, 'a1', clock, {
      timers,
      isOnline: () => online,
      random: () => 0.5,
      onSubmitted: (r) => submitted.push(r),
      onClosed: () => closed++,
      onTakenOver: () => takenOver++,
    });

  beforeEach(() => {
    journal = new AnswerJournal(`sync-spec-${++n}`, { indexedDB, IDBKeyRange });
    server = new FakeServer();
    timers = new ManualTimers();
    online = true;
    monotonic = 1_000;
    clock = new ServerClock(() => monotonic, () => 0);
    submitted.length = 0;
    closed = 0;
    takenOver = 0;
  });
  afterEach(async () => {
    await journal.destroy();
  });

  it('writes a change to the journal first, then sends the latest answers after a short pause, as one request', async () => {
    const sync = make();
    await sync.change('i1', 'a');
    await sync.change('i1', 'b');
    await sync.change('i2', true);
    expect((await journal.pending('a1')).length).toBe(2);
    expect(sync.state()).toBe('saving');
    expect(sync.waiting()).toBe(2);
    expect(server.requests).toEqual([]);
    expect(timers.delays()).toEqual([500]);
    await timers.fire();
    expect(server.requests).toEqual([
      [
        { itemId: 'i1', answer: 'b', seq: 2 },
        { itemId: 'i2', answer: true, seq: 1 },
      ],
    ]);
    expect(server.stored.get('i1')).toEqual({ answer: 'b', seq: 2 });
    expect(sync.state()).toBe('saved');
    expect(sync.waiting()).toBe(0);
    expect(await journal.pending('a1')).toEqual([]);
  });

  it('re-anchors the server clock on every save, from the middle of the round trip', async () => {
    const sync = make();
    await sync.change('i1', 'a');
    server.serverNow = '2026-12-01T02:00:10.000Z';
    await timers.fire();
    monotonic += 5_000;
    expect(clock.now()).toBe(Date.parse('2026-12-01T02:00:15.000Z'));
  });

  it('keeps answers while offline, says how many wait, backs off, and resends everything on reconnect', async () => {
    const sync = make();
    await sync.change('i1', 'a');
    await timers.fire();
    expect(server.stored.size).toBe(1);

    // The connection drops without the browser noticing: the request fails.
    server.down = true;
    await sync.change('i2', 'b');
    await timers.fire();
    expect(sync.state()).toBe('retrying');
    expect(sync.waiting()).toBe(1);
    expect(timers.delays()).toEqual([1000]);
    await timers.fire();
    expect(timers.delays()).toEqual([2000]);
    await timers.fire();
    expect(timers.delays()).toEqual([4000]);

    // The browser notices too: nothing is sent while it says offline.
    online = false;
    sync.offline();
    expect(sync.state()).toBe('offline');
    const sent = server.requests.length;
    await sync.change('i3', 'c');
    await sync.change('i2', 'b2');
    await timers.fire();
    expect(server.requests.length).toBe(sent);
    expect(sync.state()).toBe('offline');
    expect(sync.waiting()).toBe(2);

    server.down = false;
    online = true;
    sync.online();
    await settle();
    expect(sync.state()).toBe('saved');
    expect(sync.waiting()).toBe(0);
    expect([...server.stored.entries()]).toEqual([
      ['i1', { answer: 'a', seq: 1 }],
      ['i3', { answer: 'c', seq: 1 }],
      ['i2', { answer: 'b2', seq: 2 }],
    ]);
  });

  it('caps the backoff and spreads retries with jitter', async () => {
    let r = 0;
    const sync = new AttemptSync(journal, server, 'a1', clock, { timers, isOnline: () => true, random: () => r, maxBackoffMs: 8_000 });
    server.down = true;
    await sync.change('i1', 'a');
    for (let i = 0; i < 6; i++) await timers.fire();
    expect(timers.delays()).toEqual([6400]);
    r = 1;
    await timers.fire();
    expect(timers.delays()).toEqual([9600]);
  });

  it('restores after a reload: a new sync over the same journal sends what the old one could not', async () => {
    server.down = true;
    const before = make();
    await before.change('i1', 'a');
    await before.change('i2', ['x', 'y']);
    await timers.fire();
    before.dispose();
    journal.close();

    journal = new AnswerJournal(`sync-spec-${n}`, { indexedDB, IDBKeyRange });
    server.down = false;
    const after = make();
    await after.resume();
    expect(after.state()).toBe('saved');
    expect(server.stored.get('i2')).toEqual({ answer: ['x', 'y'], seq: 1 });
    expect(server.stored.get('i1')).toEqual({ answer: 'a', seq: 1 });
  });

  it('is harmless to resend: a lost response leads to a duplicate the server ignores', async () => {
    const sync = make();
    await sync.change('i1', 'a');
    // The server saved, but the answer never came back.
    const save = server.save.bind(server);
    let drop = true;
    server.save = async (id, responses) => {
      const result = await save(id, responses);
      if (drop) {
        drop = false;
        throw offlineError();
      }
      return result;
    };
    await timers.fire();
    expect(sync.waiting()).toBe(1);
    await timers.fire();
    expect(server.requests.length).toBe(2);
    expect(server.stored.get('i1')).toEqual({ answer: 'a', seq: 1 });
    expect(sync.state()).toBe('saved');
  });

  it('queues a submit made offline, durably, and performs it after the last answers once back', async () => {
    online = false;
    server.down = true;
    const sync = make();
    await sync.change('i1', 'a');
    await sync.submit();
    expect(sync.submitQueued()).toBe(true);
    expect(sync.state()).toBe('offline');
    expect((await journal.attempt('a1')).submitQueuedAt).not.toBeNull();
    sync.dispose();

    // Reloaded, then the connection returns.
    online = true;
    server.down = false;
    const after = make();
    await after.resume();
    expect(server.stored.get('i1')).toEqual({ answer: 'a', seq: 1 });
    expect(server.submits).toBe(1);
    expect(submitted.map((r) => r.status)).toEqual(['submitted']);
    expect(after.submitQueued()).toBe(false);
    // Nothing of the attempt is left on the device.
    expect(await journal.entries('a1')).toEqual([]);
  });

  it('stops when another device took the attempt over, keeps the answers, and sends them once this device takes it back', async () => {
    server.takenOver = true;
    const sync = make();
    await sync.change('i1', 'a');
    await timers.fire();
    expect(sync.state()).toBe('taken_over');
    expect(takenOver).toBe(1);
    expect(closed).toBe(0);
    expect(timers.delays()).toEqual([]);
    await sync.change('i1', 'b');
    await timers.fire();
    sync.online();
    await settle();
    expect(server.requests.length).toBe(1);
    expect((await journal.pending('a1')).map((e) => e.answer)).toEqual(['b']);
    // This device takes the attempt back (a new start); a fresh sync sends what waited.
    server.takenOver = false;
    sync.dispose();
    const again = make();
    await again.resume();
    expect(server.stored.get('i1')).toEqual({ answer: 'b', seq: 2 });
    expect(again.state()).toBe('saved');
  });

  it('stops and says so when the server no longer takes answers (409)', async () => {
    server.closed = true;
    const sync = make();
    await sync.change('i1', 'a');
    await timers.fire();
    expect(sync.state()).toBe('closed');
    expect(closed).toBe(1);
    expect(timers.delays()).toEqual([]);
    await sync.change('i1', 'b');
    await timers.fire();
    expect(server.requests.length).toBe(1);
  });

  it('does not let one refused answer (422) hold back the others', async () => {
    server.rejectItem = 'bad';
    const sync = make();
    await sync.change('bad', 'x');
    await sync.change('good', 'y');
    await timers.fire();
    expect(server.stored.get('good')).toEqual({ answer: 'y', seq: 1 });
    expect(sync.waiting()).toBe(0);
    expect(sync.state()).toBe('saved');
  });

  it('sends at most one request at a time and picks up changes made meanwhile', async () => {
    const sync = make();
    let release: () => void = () => undefined;
    const save = server.save.bind(server);
    let inFlight = 0;
    let most = 0;
    server.save = async (id, responses) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise<void>((r) => (release = r));
      inFlight--;
      return save(id, responses);
    };
    await sync.change('i1', 'a');
    await timers.fire();
    await sync.change('i1', 'b');
    await timers.fire();
    void sync.flush();
    release();
    await settle();
    release();
    await settle();
    expect(most).toBe(1);
    expect(server.stored.get('i1')).toEqual({ answer: 'b', seq: 2 });
    expect(sync.state()).toBe('saved');
  });
});
