import { BankItem, BlueprintCell, nextItem, runCat, simulateCat, sprtLogRatio } from './cat';
import { assembleParallelForms } from './assembly';
import { classify, DEFAULT_BANDS, tenPointScore, bandProbabilitiesNormal } from './classify';
import { itemInformation } from './irt/model';
import { normalCdf } from './math';
import { Rng } from './random';
import { estimateEAP } from './scoring';

const topics = ['algebra', 'geometry', 'statistics'];
const levels = ['recall', 'apply'];
function makeBank(n: number, seed: number): BankItem[] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, (_, i) => {
    const a = rng.lognormal(0.2, 0.25);
    const b = rng.normal() * 1.2;
    return { id: `Q${i + 1}`, a, d: -a * b, c: 0, topic: topics[i % 3], level: levels[Math.floor(i / 3) % 2] };
  });
}
const bank = makeBank(300, 42);
const blueprint: BlueprintCell[] = topics.flatMap((topic) => levels.map((level) => ({ topic, level, count: 3 })));

describe('adaptive testing', () => {
  it('maximum-information choice is the most informative unused item', () => {
    const used = new Set([0, 5]);
    const n = nextItem(bank, 0.4, used);
    const best = bank.map((it, i) => (used.has(i) ? -1 : itemInformation(it, 0.4)));
    expect(n?.item).toBe(best.indexOf(Math.max(...best)));
  });
  it('every adaptive test meets the blueprint exactly', () => {
    const rng = new Rng(1);
    for (let k = 0; k < 20; k++) {
      const t = rng.normal();
      const res = runCat(bank, (i) => (rng.uniform() < 1 / (1 + Math.exp(-(bank[i].a * t + bank[i].d))) ? 1 : 0), { maxItems: 40, blueprint, randomesque: 3 }, rng);
      expect(res.items.length).toBe(18);
      for (const cell of blueprint)
        expect(res.items.filter((i) => bank[i].topic === cell.topic && bank[i].level === cell.level).length).toBe(cell.count);
    }
  });
  it('stops on SE and the SE target is reached', () => {
    const rng = new Rng(2);
    const res = runCat(bank, () => (rng.uniform() < 0.5 ? 1 : 0), { maxItems: 60, seTarget: 0.35 }, rng);
    expect(res.stopReason).toBe('se');
    expect(res.se).toBeLessThanOrEqual(0.35);
    expect(res.se).toBeCloseTo(estimateEAP(bank, Float64Array.from(bank, (_, i) => { const k = res.items.indexOf(i); return k < 0 ? -1 : res.responses[k]; })).se, 10);
  });
  it('SPRT: the log ratio is monotone in the responses and stops with a decision', () => {
    const rule = { cut: 0.5, delta: 0.3, alpha: 0.05, beta: 0.05 };
    expect(sprtLogRatio(bank, [0, 1], [1, 1], rule)).toBeGreaterThan(sprtLogRatio(bank, [0, 1], [1, 0], rule));
    const rng = new Rng(3);
    const sim = simulateCat(bank, Float64Array.from({ length: 200 }, () => rng.normal() * 1.5), { maxItems: 40, sprt: rule }, rng);
    expect(sim.classificationAccuracy).toBeGreaterThan(0.85);
    expect(sim.results.filter((r) => r.stopReason === 'classified').length).toBeGreaterThan(150);
  });
  it('simulation reports precision, length and exposure; randomesque lowers the maximum exposure', () => {
    const rng = new Rng(4);
    const thetas = Float64Array.from({ length: 300 }, () => rng.normal());
    const pure = simulateCat(bank, thetas, { maxItems: 20 }, new Rng(5));
    const spread = simulateCat(bank, thetas, { maxItems: 20, randomesque: 5 }, new Rng(5));
    expect(pure.meanLength).toBe(20);
    expect(pure.rmse).toBeLessThan(0.45);
    expect(Math.abs(pure.bias)).toBeLessThan(0.1);
    expect(spread.maxExposure).toBeLessThan(pure.maxExposure);
    const sum = pure.exposure.reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(pure.meanLength, 10);
  });
});

describe('parallel form assembly', () => {
  it('forms are disjoint, meet the blueprint and have close information curves', () => {
    const thetas = [-2, -1, 0, 1, 2];
    const res = assembleParallelForms(bank, { forms: 3, blueprint, thetas });
    const all = res.forms.flat();
    expect(new Set(all).size).toBe(all.length);
    for (const form of res.forms)
      for (const cell of blueprint) expect(form.filter((i) => bank[i].topic === cell.topic && bank[i].level === cell.level).length).toBe(cell.count);
    const mean = res.curves[0].map((_, q) => res.curves.reduce((s, c) => s + c[q], 0) / res.curves.length);
    res.curves.forEach((c) => c.forEach((v, q) => expect(Math.abs(v - mean[q]) / mean[q]).toBeLessThan(0.05)));
    // Curves recomputed from the items agree with the reported ones.
    res.forms.forEach((f, k) => thetas.forEach((t, q) => expect(f.reduce((s, i) => s + itemInformation(bank[i], t), 0)).toBeCloseTo(res.curves[k][q], 10)));
  });
});

describe('band classification on the 10-point scale', () => {
  const items = bank.slice(0, 30);
  it('band probabilities sum to 1 and the band contains the score', () => {
    const rng = new Rng(9);
    for (let k = 0; k < 20; k++) {
      const x = items.map(() => (rng.uniform() < 0.6 ? 1 : 0));
      const c = classify(items, x);
      expect(c.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      expect(c.score).toBeGreaterThanOrEqual(c.band.min);
      expect(c.se).toBeGreaterThan(0);
    }
  });
  it('the score scale is monotone in theta and spans 0..10', () => {
    let prev = -1;
    for (let t = -6; t <= 6; t += 0.5) {
      const s = tenPointScore(items, t);
      expect(s).toBeGreaterThan(prev);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(10);
      prev = s;
    }
  });
  it('normal-error band probabilities sum to 1 and peak at the band of the score', () => {
    const p = bandProbabilitiesNormal(7, 0.4, DEFAULT_BANDS, normalCdf);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(p.indexOf(Math.max(...p))).toBe(DEFAULT_BANDS.findIndex((b) => b.code === 'fair'));
  });
});
