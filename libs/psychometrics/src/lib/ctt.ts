/**
 * Classical test theory. Item statistics follow Moodle's quiz statistics
 * (question/classes/statistics/questions/calculator.php and
 * mod/quiz/report/statistics/statistics_calculator.php) so marks may be fractional.
 * All variances and covariances divide by s - 1, s = number of attempts.
 */
import { mean, median, pearson } from './math';

/** Person x item marks, row-major (marks[p * items + j]). */
export interface MarkMatrix {
  persons: number;
  items: number;
  marks: Float64Array;
  maxMarks: Float64Array;
}

export interface MoodleItemStats {
  facility: number | null;
  sd: number | null;
  markVariance: number | null;
  otherMarkVariance: number | null;
  covariance: number | null;
  covarianceMax: number | null;
  covarianceWithTotal: number | null;
  discriminationIndex: number | null;
  discriminativeEfficiency: number | null;
  effectiveWeight: number | null;
  intendedWeight: number | null;
}

export interface MoodleTestStats {
  count: number;
  mean: number;
  median: number;
  sd: number | null;
  skewness: number | null;
  kurtosis: number | null;
  /** Coefficient of internal consistency = 100 x Cronbach's alpha. */
  cic: number | null;
  errorRatio: number | null;
  standardError: number | null;
}

export function column(m: MarkMatrix, j: number): Float64Array {
  const out = new Float64Array(m.persons);
  for (let p = 0; p < m.persons; p++) out[p] = m.marks[p * m.items + j];
  return out;
}

export function totalScores(m: MarkMatrix): Float64Array {
  const t = new Float64Array(m.persons);
  for (let p = 0; p < m.persons; p++) {
    let s = 0;
    for (let j = 0; j < m.items; j++) s += m.marks[p * m.items + j];
    t[p] = s;
  }
  return t;
}

/**
 * Moodle's per-question statistics. `totals` defaults to the sum of the marks
 * (Moodle uses the attempt's sumgrades, which is the same up to rounding).
 */
export function moodleItemStats(m: MarkMatrix, totals: Float64Array = totalScores(m)): MoodleItemStats[] {
  const s = m.persons;
  const totalMean = mean(totals);
  const sumMax = m.maxMarks.reduce((a, b) => a + b, 0);
  const raw = [] as (MoodleItemStats & { negcovar: boolean })[];
  for (let j = 0; j < m.items; j++) {
    const maxmark = m.maxMarks[j];
    const x = column(m, j);
    const other = new Float64Array(s);
    for (let p = 0; p < s; p++) other[p] = totals[p] - x[p];
    const xm = mean(x);
    const om = mean(other);
    const xs = Float64Array.from(x).sort();
    const os = Float64Array.from(other).sort();
    let mv = 0;
    let omv = 0;
    let cov = 0;
    let covMax = 0;
    let covTotal = 0;
    for (let p = 0; p < s; p++) {
      const dx = x[p] - xm;
      const dother = other[p] - om;
      mv += dx * dx;
      omv += dother * dother;
      cov += dx * dother;
      covMax += (xs[p] - xm) * (os[p] - om);
      covTotal += dx * (totals[p] - totalMean);
    }
    const item: MoodleItemStats & { negcovar: boolean } = {
      facility: maxmark ? xm / maxmark : null,
      sd: null,
      markVariance: null,
      otherMarkVariance: null,
      covariance: null,
      covarianceMax: null,
      covarianceWithTotal: null,
      discriminationIndex: null,
      discriminativeEfficiency: null,
      effectiveWeight: null,
      intendedWeight: sumMax ? (100 * maxmark) / sumMax : null,
      negcovar: false,
    };
    if (s > 1) {
      item.markVariance = mv / (s - 1);
      item.otherMarkVariance = omv / (s - 1);
      item.covariance = cov / (s - 1);
      item.covarianceMax = covMax / (s - 1);
      item.covarianceWithTotal = covTotal / (s - 1);
      // In marks, like Moodle; undefined for slots worth zero marks.
      item.sd = maxmark ? Math.sqrt(item.markVariance) : null;
      item.negcovar = item.covarianceWithTotal < 0;
      const denom = item.markVariance * item.otherMarkVariance;
      if (denom) item.discriminationIndex = (100 * item.covariance) / Math.sqrt(denom);
      if (item.covarianceMax) item.discriminativeEfficiency = (100 * item.covariance) / item.covarianceMax;
    }
    raw.push(item);
  }
  let sumSqrtCov = 0;
  for (const it of raw) if (!it.negcovar && it.covarianceWithTotal !== null) sumSqrtCov += Math.sqrt(it.covarianceWithTotal);
  return raw.map(({ negcovar, ...it }) => ({
    ...it,
    effectiveWeight:
      sumSqrtCov && !negcovar && it.covarianceWithTotal !== null ? (100 * Math.sqrt(it.covarianceWithTotal)) / sumSqrtCov : null,
  }));
}

/**
 * Moodle's quiz-level statistics: k-statistics for SD, skewness and kurtosis;
 * CIC from the sum of item mark variances.
 */
export function moodleTestStats(totals: ArrayLike<number>, itemMarkVariances: ArrayLike<number>): MoodleTestStats {
  const s = totals.length;
  const m = mean(totals);
  let p2 = 0;
  let p3 = 0;
  let p4 = 0;
  for (let i = 0; i < s; i++) {
    const d = totals[i] - m;
    p2 += d * d;
    p3 += d * d * d;
    p4 += d * d * d * d;
  }
  const m2 = p2 / s;
  const m3 = p3 / s;
  const m4 = p4 / s;
  const out: MoodleTestStats = {
    count: s,
    mean: m,
    median: median(totals),
    sd: null,
    skewness: null,
    kurtosis: null,
    cic: null,
    errorRatio: null,
    standardError: null,
  };
  if (s > 1) {
    const k2 = (s * m2) / (s - 1);
    out.sd = Math.sqrt(k2);
    if (s > 2 && k2 > 0) {
      const k3 = (s * s * m3) / ((s - 1) * (s - 2));
      out.skewness = k3 / Math.pow(k2, 1.5);
    }
    if (s > 3 && k2 > 0) {
      const k4 = (s * s * ((s + 1) * m4 - 3 * (s - 1) * m2 * m2)) / ((s - 1) * (s - 2) * (s - 3));
      out.kurtosis = k4 / (k2 * k2);
    }
    const p = itemMarkVariances.length;
    let sumVar = 0;
    for (let j = 0; j < p; j++) sumVar += itemMarkVariances[j];
    if (p > 1 && k2 > 0) {
      out.cic = ((100 * p) / (p - 1)) * (1 - sumVar / k2);
      if (out.cic < 100) {
        out.errorRatio = 100 * Math.sqrt(1 - out.cic / 100);
        out.standardError = (out.errorRatio * out.sd) / 100;
      }
    }
  }
  return out;
}

/** Cronbach's alpha (= Moodle CIC / 100). Ratio of variances, so the divisor cancels. */
export function cronbachAlpha(m: MarkMatrix): number {
  const p = m.items;
  const totals = totalScores(m);
  let sumVar = 0;
  for (let j = 0; j < p; j++) sumVar += varianceOf(column(m, j));
  return (p / (p - 1)) * (1 - sumVar / varianceOf(totals));
}

function varianceOf(x: Float64Array): number {
  const mu = mean(x);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] - mu) * (x[i] - mu);
  return s / (x.length - 1);
}

/** KR-20 for 0/1 scores: sum of p(1 - p) against the total variance, both dividing by N. */
export function kr20(m: MarkMatrix): number {
  const n = m.persons;
  const k = m.items;
  const totals = totalScores(m);
  let spq = 0;
  for (let j = 0; j < k; j++) {
    const p = mean(column(m, j));
    spq += p * (1 - p);
  }
  const v = (varianceOf(totals) * (n - 1)) / n;
  return (k / (k - 1)) * (1 - spq / v);
}

/** KR-21: assumes equal item difficulty; uses only the mean and variance of totals. */
export function kr21(m: MarkMatrix): number {
  const n = m.persons;
  const k = m.items;
  const totals = totalScores(m);
  const mu = mean(totals);
  const v = (varianceOf(totals) * (n - 1)) / n;
  return (k / (k - 1)) * (1 - (mu * (k - mu)) / (k * v));
}

export function pointBiserialTotal(m: MarkMatrix, j: number, totals: Float64Array = totalScores(m)): number {
  return pearson(column(m, j), totals);
}

export function pointBiserialRest(m: MarkMatrix, j: number, totals: Float64Array = totalScores(m)): number {
  const x = column(m, j);
  const rest = new Float64Array(m.persons);
  for (let p = 0; p < m.persons; p++) rest[p] = totals[p] - x[p];
  return pearson(x, rest);
}

export interface ExtremeGroups {
  lower: Int32Array;
  upper: Int32Array;
}

/**
 * Upper and lower groups of k = round(fraction x N) persons. Tie rule: a stable
 * ascending sort of totals (equal totals keep row order); the lower group is the
 * first k, the upper group the last k, so ties at a boundary are split by row order.
 */
export function extremeGroups(totals: ArrayLike<number>, fraction = 0.27): ExtremeGroups {
  const n = totals.length;
  const k = Math.round(fraction * n);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => totals[a] - totals[b] || a - b);
  return { lower: Int32Array.from(order.slice(0, k)), upper: Int32Array.from(order.slice(n - k)) };
}

/** Upper-lower discrimination D on the fraction-of-max scale (facility in upper minus lower group). */
export function upperLowerD(m: MarkMatrix, j: number, groups: ExtremeGroups): number {
  const max = m.maxMarks[j] || 1;
  let u = 0;
  let l = 0;
  for (const p of groups.upper) u += m.marks[p * m.items + j];
  for (const p of groups.lower) l += m.marks[p * m.items + j];
  return (u / groups.upper.length - l / groups.lower.length) / max;
}

export interface OptionStats {
  option: number;
  isKey: boolean;
  proportion: number;
  proportionUpper: number;
  proportionLower: number;
  d: number;
  /** Correlation of choosing this option with the rest score (total minus this item's score). */
  restCorrelation: number;
}

export interface ChoiceData {
  persons: number;
  items: number;
  /** Chosen option codes, row-major; any code not equal to the key scores 0 (omitted included). */
  choices: Int32Array;
  key: ArrayLike<number>;
}

export function scoreChoices(c: ChoiceData): MarkMatrix {
  const marks = new Float64Array(c.persons * c.items);
  for (let p = 0; p < c.persons; p++)
    for (let j = 0; j < c.items; j++) marks[p * c.items + j] = c.choices[p * c.items + j] === c.key[j] ? 1 : 0;
  return { persons: c.persons, items: c.items, marks, maxMarks: new Float64Array(c.items).fill(1) };
}

/** Distractor analysis: one row per option code observed for the item, ascending. */
export function distractorAnalysis(c: ChoiceData, fraction = 0.27): OptionStats[][] {
  const m = scoreChoices(c);
  const totals = totalScores(m);
  const groups = extremeGroups(totals, fraction);
  const out: OptionStats[][] = [];
  for (let j = 0; j < c.items; j++) {
    const codes = new Set<number>();
    for (let p = 0; p < c.persons; p++) codes.add(c.choices[p * c.items + j]);
    const rest = new Float64Array(c.persons);
    for (let p = 0; p < c.persons; p++) rest[p] = totals[p] - m.marks[p * c.items + j];
    const rows: OptionStats[] = [];
    for (const code of [...codes].sort((a, b) => a - b)) {
      const ind = new Float64Array(c.persons);
      for (let p = 0; p < c.persons; p++) ind[p] = c.choices[p * c.items + j] === code ? 1 : 0;
      let u = 0;
      let l = 0;
      for (const p of groups.upper) u += ind[p];
      for (const p of groups.lower) l += ind[p];
      const pu = u / groups.upper.length;
      const pl = l / groups.lower.length;
      rows.push({
        option: code,
        isKey: code === c.key[j],
        proportion: mean(ind),
        proportionUpper: pu,
        proportionLower: pl,
        d: pu - pl,
        restCorrelation: pearson(ind, rest),
      });
    }
    out.push(rows);
  }
  return out;
}

/** Question types whose random-guess score Moodle defines. */
export type QuestionType =
  | { type: 'truefalse' }
  | { type: 'multichoice'; single: boolean; answerFractions: number[] }
  | { type: 'match'; choices: number; stems?: number }
  | { type: 'shortanswer'; wildcardFraction?: number }
  | { type: 'numerical'; wildcardFraction?: number }
  | { type: 'essay' }
  | { type: 'description' };

/**
 * Expected fraction for a random guess, as Moodle's qtype_*::get_random_guess_score.
 * null where Moodle says it is not meaningful (essay, multi-answer multichoice).
 */
export function randomGuessScore(q: QuestionType): number | null {
  switch (q.type) {
    case 'truefalse':
      return 0.5;
    case 'multichoice':
      if (!q.single || q.answerFractions.length === 0) return null;
      return q.answerFractions.reduce((a, b) => a + b, 0) / q.answerFractions.length;
    case 'match':
      return q.choices > 0 ? 1 / q.choices : null;
    case 'shortanswer':
    case 'numerical':
      return q.wildcardFraction ?? 0;
    case 'essay':
    case 'description':
      return null;
  }
}

export interface CttItemSummary {
  facility: number | null;
  sd: number | null;
  discriminationIndex: number | null;
  discriminativeEfficiency: number | null;
  effectiveWeight: number | null;
  intendedWeight: number | null;
  pointBiserial: number;
  pointBiserialRest: number;
  upperLowerD: number;
}

export interface CttReport {
  test: MoodleTestStats & { alpha: number | null; sem: number | null; kr20: number | null; kr21: number | null };
  items: CttItemSummary[];
  moodle: MoodleItemStats[];
}

/** Everything classical in one pass; used by the CLI and by reports. */
export function analyzeCtt(m: MarkMatrix): CttReport {
  const totals = totalScores(m);
  const moodle = moodleItemStats(m, totals);
  const test = moodleTestStats(
    totals,
    moodle.map((s) => s.markVariance ?? 0),
  );
  const groups = extremeGroups(totals);
  let dichotomous = true;
  for (let i = 0; i < m.marks.length && dichotomous; i++) if (m.marks[i] !== 0 && m.marks[i] !== 1) dichotomous = false;
  const items = moodle.map((s, j) => ({
    facility: s.facility,
    sd: s.sd,
    discriminationIndex: s.discriminationIndex,
    discriminativeEfficiency: s.discriminativeEfficiency,
    effectiveWeight: s.effectiveWeight,
    intendedWeight: s.intendedWeight,
    pointBiserial: pointBiserialTotal(m, j, totals),
    pointBiserialRest: pointBiserialRest(m, j, totals),
    upperLowerD: upperLowerD(m, j, groups),
  }));
  const alpha = test.cic === null ? null : test.cic / 100;
  return {
    test: {
      ...test,
      alpha,
      sem: test.standardError,
      kr20: dichotomous && m.items > 1 ? kr20(m) : null,
      kr21: dichotomous && m.items > 1 ? kr21(m) : null,
    },
    items,
    moodle,
  };
}
