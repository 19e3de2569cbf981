import fc from 'fast-check';
import { assembleForm, shortCells, type BlueprintRow, type PoolItem } from './form-assembly';
import { seededRandom } from './rng';

const item = (id: string, topic: string, level: PoolItem['level'], seen = 0, exposure = 0): PoolItem => ({
  itemId: id,
  versionId: `${id}-v1`,
  topic,
  level,
  seenByLearner: seen,
  exposure,
  optionIds: ['a', 'b', 'c', 'd'],
});

const blueprint: BlueprintRow[] = [
  { topic: 'charter', level: 'recognition', count: 2, points: 1 },
  { topic: 'charter', level: 'application', count: 1, points: 2 },
  { topic: 'youth-law', level: 'comprehension', count: 1, points: 1 },
];

describe('form assembly', () => {
  const pool = [
    item('c1', 'charter', 'recognition', 1),
    item('c2', 'charter', 'recognition', 0, 50),
    item('c3', 'charter', 'recognition', 0, 3),
    item('c4', 'charter', 'application'),
    item('y1', 'youth-law', 'comprehension'),
    item('y2', 'youth-law', 'recognition'),
  ];

  it('names the short cells of a blueprint the pool cannot fill', () => {
    expect(shortCells(blueprint, pool)).toEqual([]);
    expect(shortCells([...blueprint, { topic: 'youth-law', level: 'high_application', count: 2, points: 3 }], pool)).toEqual([
      { topic: 'youth-law', level: 'high_application', needed: 2, available: 0 },
    ]);
    expect(() => assembleForm([{ topic: 'x', level: 'recognition', count: 1, points: 1 }], pool, Math.random)).toThrow(/x\/recognition/);
  });

  it('meets the blueprint with items the learner has seen least, then the least exposed', () => {
    const form = assembleForm(blueprint, pool, seededRandom('attempt-1'));
    expect(form.map((f) => f.itemId).sort()).toEqual(['c2', 'c3', 'c4', 'y1']);
    expect(form.reduce((s, f) => s + f.points, 0)).toBe(5);
    const single = assembleForm([{ topic: 'charter', level: 'recognition', count: 1, points: 1 }], pool, seededRandom('x'));
    expect(single[0].itemId).toBe('c3');
  });

  it('is reproducible from the attempt seed and shuffles options when asked', () => {
    const a = assembleForm(blueprint, pool, seededRandom('attempt-7'), { shuffleItems: true, shuffleOptions: true });
    const b = assembleForm(blueprint, pool, seededRandom('attempt-7'), { shuffleItems: true, shuffleOptions: true });
    expect(a).toEqual(b);
    for (const f of a) expect([...(f.optionOrder ?? [])].sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('always returns distinct items matching every cell exactly', () => {
    const topics = ['t1', 't2'];
    const levels = ['recognition', 'comprehension'] as const;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...topics), fc.constantFrom(...levels), fc.nat(3), fc.nat(100)), { minLength: 4, maxLength: 40 }), fc.string(), (rows, seed) => {
        const p = rows.map(([t, l, seen, exp], i) => item(`i${i}`, t, l, seen, exp));
        const bp: BlueprintRow[] = [];
        for (const t of topics) for (const l of levels) {
          const n = p.filter((x) => x.topic === t && x.level === l).length;
          if (n > 0) bp.push({ topic: t, level: l, count: Math.ceil(n / 2), points: 1 });
        }
        const form = assembleForm(bp, p, seededRandom(seed), { shuffleItems: true });
        expect(new Set(form.map((f) => f.itemId)).size).toBe(form.length);
        for (const row of bp) {
          const chosen = form.filter((f) => { const x = p.find((q) => q.itemId === f.itemId); return x?.topic === row.topic && x.level === row.level; });
          expect(chosen).toHaveLength(row.count);
          // No unchosen item of the cell was seen less by the learner than a chosen one.
          const maxSeenChosen = Math.max(...chosen.map((f) => p.find((q) => q.itemId === f.itemId)?.seenByLearner ?? 0));
          const unchosen = p.filter((q) => q.topic === row.topic && q.level === row.level && !form.some((f) => f.itemId === q.itemId));
          for (const u of unchosen) expect(u.seenByLearner).toBeGreaterThanOrEqual(maxSeenChosen);
        }
      }),
    );
  });
});
