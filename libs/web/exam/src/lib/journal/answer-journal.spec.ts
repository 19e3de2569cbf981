import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { AnswerJournal } from './answer-journal';

describe('AnswerJournal (IndexedDB)', () => {
  let journal: AnswerJournal;
  let n = 0;

  beforeEach(() => {
    journal = new AnswerJournal(`journal-spec-${++n}`, { indexedDB, IDBKeyRange });
  });
  afterEach(async () => {
    await journal.destroy();
  });

  it('gives every change of an item a higher sequence number and keeps only the latest answer', async () => {
    expect((await journal.record('a1', 'i1', 'x', 1)).seq).toBe(1);
    expect((await journal.record('a1', 'i1', 'y', 2)).seq).toBe(2);
    expect((await journal.record('a1', 'i2', true, 3)).seq).toBe(1);
    const entries = await journal.entries('a1');
    expect(entries.map((e) => [e.itemId, e.answer, e.seq, e.ackedSeq])).toEqual([
      ['i1', 'y', 2, 0],
      ['i2', true, 1, 0],
    ]);
  });

  it('survives being closed and reopened (a reload), answers and the queued submit included', async () => {
    await journal.record('a1', 'i1', ['b', 'c'], 1);
    await journal.updateAttempt('a1', { submitQueuedAt: 5, flags: ['i1'] });
    journal.close();
    const reopened = new AnswerJournal(`journal-spec-${n}`, { indexedDB, IDBKeyRange });
    expect((await reopened.pending('a1')).map((e) => e.answer)).toEqual([['b', 'c']]);
    expect(await reopened.attempt('a1')).toMatchObject({ submitQueuedAt: 5, flags: ['i1'] });
    journal = reopened;
  });

  it('lists pending entries oldest change first and settles them by acknowledgement, never moving back', async () => {
    await journal.record('a1', 'late', 1, 20);
    await journal.record('a1', 'early', 2, 10);
    expect((await journal.pending('a1')).map((e) => e.itemId)).toEqual(['early', 'late']);
    await journal.acknowledge('a1', [{ itemId: 'early', seq: 1 }]);
    expect((await journal.pending('a1')).map((e) => e.itemId)).toEqual(['late']);
    await journal.acknowledge('a1', [{ itemId: 'early', seq: 0 }]);
    expect((await journal.entries('a1')).find((e) => e.itemId === 'early')?.ackedSeq).toBe(1);
    // A change after the acknowledgement is pending again, with a higher number.
    expect((await journal.record('a1', 'early', 3, 30)).seq).toBe(2);
    expect((await journal.pending('a1')).map((e) => e.itemId)).toEqual(['late', 'early']);
  });

  it('merges the server’s answers: newer ones from another device win, newer local ones stay pending', async () => {
    await journal.record('a1', 'mine', 'local', 1);
    await journal.record('a1', 'mine', 'local2', 2);
    await journal.record('a1', 'theirs', 'old', 3);
    const merged = await journal.merge('a1', [
      { itemId: 'mine', answer: 'server', seq: 1 },
      { itemId: 'theirs', answer: 'other device', seq: 7 },
      { itemId: 'only-server', answer: false, seq: 3 },
    ]);
    const byId = new Map(merged.map((e) => [e.itemId, e]));
    expect(byId.get('mine')).toMatchObject({ answer: 'local2', seq: 2, ackedSeq: 1 });
    expect(byId.get('theirs')).toMatchObject({ answer: 'other device', seq: 7, ackedSeq: 7 });
    expect(byId.get('only-server')).toMatchObject({ answer: false, seq: 3, ackedSeq: 3 });
    expect((await journal.pending('a1')).map((e) => e.itemId)).toEqual(['mine']);
    // The next local change of a server-won item goes past the server's number.
    expect((await journal.record('a1', 'theirs', 'again', 4)).seq).toBe(8);
  });

  it('keeps attempts apart and forgets one entirely once it is submitted', async () => {
    await journal.record('a1', 'i1', 'x', 1);
    await journal.record('a2', 'i1', 'y', 1);
    await journal.updateAttempt('a1', { flags: ['i1'] });
    await journal.forget('a1');
    expect(await journal.entries('a1')).toEqual([]);
    expect((await journal.attempt('a1')).flags).toEqual([]);
    expect((await journal.entries('a2')).map((e) => e.answer)).toEqual(['y']);
  });
});
