import { normalThetas, randomItems, Rng, simulateResponses } from '@boiduong/psychometrics';
import { analyzeExam, type AnalysisAttempt, type AnalysisVersion } from './exam-analysis';

const version = (n: number, level = 'recognition'): AnalysisVersion => ({
  itemVersionId: `v${n}`,
  itemId: `i${n}`,
  version: 1,
  type: 'single_choice',
  stem: `Câu ${n}`,
  topic: 'Điều lệ Đoàn',
  level,
  key: 'b',
  options: ['a', 'b', 'c'].map((id) => ({ id, text: id })),
});

/** One attempt answering the given versions: 'b' is right, null is left blank. */
const attempt = (id: string, answers: Array<[number, string | null]>, points = 1): AnalysisAttempt => ({
  attemptId: id,
  entries: answers.map(([n, answer], position) => ({
    itemVersionId: `v${n}`,
    position,
    points,
    credit: answer === null ? null : answer === 'b' ? 1 : 0,
    ...(answer === null ? {} : { answer }),
  })),
});

describe('analyzeExam', () => {
  it('gets a fixed five-by-three form right by hand', () => {
    const a = analyzeExam(
      [version(1), version(2), version(3)],
      [
        attempt('p1', [[1, 'b'], [2, 'b'], [3, 'b']]),
        attempt('p2', [[1, 'b'], [2, 'b'], [3, 'c']]),
        attempt('p3', [[1, 'b'], [2, 'a'], [3, 'c']]),
        attempt('p4', [[1, 'a'], [2, 'b'], [3, 'a']]),
        attempt('p5', [[1, 'a'], [2, 'c'], [3, null]]),
      ],
    );
    expect(a).toMatchObject({ attempts: 5, responses: 15, irt: null, irtSkipped: 'too_few_attempts' });
    expect(a.test.reliabilityBasis).toBe('items');
    expect(a.test.alpha).toBeCloseTo(1.5 * (1 - 0.8 / 1.3), 12);
    expect(a.test.histogram).toEqual([1, 0, 0, 2, 0, 0, 1, 0, 0, 1]);
    expect(a.items.map((i) => i.facility)).toEqual([0.6, 0.6, 0.2]);
    // Item 3 is answered right by the top scorer only: item-rest r = 0.8 / sqrt(0.8 x 2.8).
    expect(a.items[2].pointBiserialRest).toBeCloseTo(0.8 / Math.sqrt(2.24), 12);
    expect(a.items[2].distractors?.map((d) => [d.optionId, d.count])).toEqual([
      ['a', 1],
      ['b', 1],
      ['c', 2],
      [null, 1],
    ]);
  });

  it('uses the attempts that drew a version, and blueprint slots for reliability, when forms differ', () => {
    const versions = [version(1), version(2), version(3), version(4, 'comprehension')];
    const a = analyzeExam(versions, [
      attempt('p1', [[1, 'b'], [4, 'b']]),
      attempt('p2', [[2, 'b'], [4, 'a']]),
      attempt('p3', [[3, 'a'], [4, 'b']]),
      attempt('p4', [[1, 'a'], [4, 'a']]),
    ]);
    expect(a.test.reliabilityBasis).toBe('slots');
    const byId = new Map(a.items.map((i) => [i.itemVersionId, i]));
    expect(byId.get('v1')).toMatchObject({ responses: 2, facility: 0.5, effectiveWeight: null });
    expect(byId.get('v4')).toMatchObject({ responses: 4, facility: 0.5 });
    // Slot 1 (recognition): 1 1 0 0; slot 2 (comprehension): 1 0 1 0; totals 2 1 1 0: alpha 0.
    expect(a.test.alpha).toBeCloseTo(0, 12);
  });

  it('leaves reliability undefined when attempts do not share one blueprint layout', () => {
    const a = analyzeExam([version(1), version(2, 'comprehension')], [attempt('p1', [[1, 'b']]), attempt('p2', [[2, 'a']])]);
    expect(a.test.reliabilityBasis).toBeNull();
    expect(a.test.alpha).toBeNull();
    expect(a.test.mean).toBe(0.5);
  });

  it('fits the 2PL only with enough attempts and dichotomous versions', () => {
    const versions = [version(1), version(2), version(3)];
    const rng = new Rng(11);
    const sim = simulateResponses(randomItems(3, rng), normalThetas(120, rng), rng);
    const attempts = Array.from({ length: 120 }, (_, p) => attempt(`p${p}`, [1, 2, 3].map((n) => [n, sim.responses[p * 3 + n - 1] === 1 ? 'b' : 'a'] as [number, string])));
    const fitted = analyzeExam(versions, attempts);
    expect(fitted.irtSkipped).toBeNull();
    expect(fitted.irt).toMatchObject({ model: '2pl', items: 3, persons: 120 });
    expect(fitted.items.every((i) => i.irt !== null && Number.isFinite(i.irt.a))).toBe(true);
    expect(fitted.irt?.empiricalReliability).toBeGreaterThan(0);
    expect(fitted.irt?.empiricalReliability).toBeLessThan(1);
    // Marks worth half the points make versions polytomous here: no IRT on them.
    const partial = analyzeExam(versions, attempts.map((a) => ({ ...a, entries: a.entries.map((e) => ({ ...e, credit: e.credit === 1 ? 0.5 : 0 })) })));
    expect(partial.irtSkipped).toBe('too_few_items');
  });
});
