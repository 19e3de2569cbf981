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

  it('balances forms in difficulty when the candidates are calibrated (b-stratified)', () => {
    // 40 calibrated items from very easy to very hard; forms of 4.
    const calibrated = Array.from({ length: 40 }, (_, i) => ({ ...item(`k${i}`, 'charter', 'recognition'), difficulty: -3 + (6 * i) / 39 }));
    const uncalibrated = calibrated.map(({ difficulty: _difficulty, ...rest }) => rest);
    const row: BlueprintRow[] = [{ topic: 'charter', level: 'recognition', count: 4, points: 1 }];
    const b = new Map(calibrated.map((i) => [i.itemId, i.difficulty]));
    const spread = (pool: PoolItem[]) => {
      const means = Array.from({ length: 300 }, (_, n) => {
        const form = assembleForm(row, pool, seededRandom(`form-${n}`));
        expect(form).toHaveLength(4);
        return form.reduce((sum, f) => sum + (b.get(f.itemId) as number), 0) / form.length;
      });
      const mean = means.reduce((s, m) => s + m, 0) / means.length;
      return { mean, sd: Math.sqrt(means.reduce((s, m) => s + (m - mean) ** 2, 0) / means.length), max: Math.max(...means.map(Math.abs)) };
    };
    const balanced = spread(calibrated);
    const random = spread(uncalibrated);
    // Random forms of 4 from a uniform b on [-3, 3] have a mean-b SD near 0.87; strata cut it to about a quarter.
    expect(random.sd).toBeGreaterThan(0.6);
    expect(balanced.sd).toBeLessThan(random.sd / 3);
    expect(Math.abs(balanced.mean)).toBeLessThan(0.1);
    // One item per stratum of width 1.5: the form mean can stray at most 0.75 from the pool mean.
    expect(balanced.max).toBeLessThanOrEqual(0.75);
    expect(random.max).toBeGreaterThan(1.5);
  });

  it('still puts the learner’s unseen items first, and falls back to exposure when a tier is not calibrated', () => {
    const pool = [
      { ...item('s1', 'charter', 'recognition', 1), difficulty: 0 },
      { ...item('u1', 'charter', 'recognition'), difficulty: -2 },
      { ...item('u2', 'charter', 'recognition'), difficulty: 2 },
      { ...item('u3', 'charter', 'recognition', 0, 9) },
    ];
    for (let n = 0; n < 50; n++) {
      const form = assembleForm([{ topic: 'charter', level: 'recognition', count: 2, points: 1 }], pool, seededRandom(`t-${n}`));
      // u3 is uncalibrated, so the tier falls back to least exposure: u1 and u2, never the seen s1.
      expect(form.map((f) => f.itemId).sort()).toEqual(['u1', 'u2']);
    }
  });
});
