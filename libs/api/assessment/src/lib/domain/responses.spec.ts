import fc from 'fast-check';
import { planSave, verdictFor } from './responses';

describe('idempotent saves', () => {
  it('applies newer changes, ignores repeats and refuses older ones', () => {
    expect(verdictFor(undefined, 1)).toBe('apply');
    expect(verdictFor(3, 4)).toBe('apply');
    expect(verdictFor(3, 3)).toBe('duplicate');
    expect(verdictFor(3, 2)).toBe('stale');
  });

  it('keeps only the highest sequence when a batch repeats an item', () => {
    const plan = planSave(new Map([['b', 5]]), [
      { itemId: 'a', seq: 2, answer: 'x' },
      { itemId: 'a', seq: 3, answer: 'y' },
      { itemId: 'b', seq: 5, answer: 'z' },
      { itemId: 'c', seq: 1, answer: 'w' },
    ]);
    expect(plan.apply.map((r) => [r.itemId, r.answer])).toEqual([['a', 'y'], ['c', 'w']]);
    expect(plan.duplicate.map((r) => r.itemId)).toEqual(['b']);
    expect(plan.stale.map((r) => [r.itemId, r.seq])).toEqual([['a', 2]]);
  });

  it('ends in the same state whatever order and however often batches arrive (resends after a dropped connection)', () => {
    const response = fc.record({ itemId: fc.constantFrom('i1', 'i2', 'i3'), seq: fc.integer({ min: 1, max: 20 }) });
    fc.assert(
      fc.property(fc.array(fc.array(response, { maxLength: 5 }), { maxLength: 8 }), fc.integer({ min: 0, max: 1000 }), (batches, seed) => {
        const apply = (order: typeof batches) => {
          const stored = new Map<string, number>();
          for (const batch of order) for (const r of planSave(stored, batch).apply) stored.set(r.itemId, r.seq);
          return stored;
        };
        const reordered = [...batches, ...batches].sort((a, b) => ((a.length * 31 + seed) % 7) - ((b.length * 17 + seed) % 7));
        expect(apply(reordered)).toEqual(apply(batches));
        const expected = new Map<string, number>();
        for (const r of batches.flat()) expected.set(r.itemId, Math.max(expected.get(r.itemId) ?? 0, r.seq));
        expect(apply(batches)).toEqual(expected);
      }),
    );
  });
});
