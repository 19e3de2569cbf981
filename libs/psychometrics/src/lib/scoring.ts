/**
 * Ability estimation for dichotomous IRT items: ML, MAP (Bayes modal), Warm's WLE and EAP,
 * each with its standard error. Conventions follow catR (thetaEst / semTheta with D = 1).
 */
import { logistic, normalPdf } from './math';
import { ItemParameters, itemInformation, normalQuadrature } from './irt/model';

export interface AbilityEstimate {
  theta: number;
  se: number;
}

/** Responses aligned with `items`; -1 (or any value other than 0/1) = not administered. */
export type Responses = ArrayLike<number>;

interface Derivs {
  score: number;
  info: number;
  /** Sum of P' P'' / (P Q), Warm's bias-correction numerator. */
  warmJ: number;
  /** Observed information (minus the second derivative of the log-likelihood). */
  observed: number;
}

function derivatives(items: readonly ItemParameters[], x: Responses, theta: number): Derivs {
  let score = 0;
  let info = 0;
  let warmJ = 0;
  let observed = 0;
  for (let j = 0; j < items.length; j++) {
    const v = x[j];
    if (v !== 0 && v !== 1) continue;
    const { a, d, c } = items[j];
    const L = logistic(a * theta + d);
    const P = c + (1 - c) * L;
    const Q = 1 - P;
    const P1 = (1 - c) * a * L * (1 - L);
    const P2 = (1 - c) * a * a * L * (1 - L) * (1 - 2 * L);
    score += ((v - P) * P1) / (P * Q);
    info += (P1 * P1) / (P * Q);
    warmJ += (P1 * P2) / (P * Q);
    // d/dtheta of (v - P) P1 / (P Q)
    const g = P1 / (P * Q);
    const dg = (P2 * P * Q - P1 * P1 * (Q - P)) / (P * Q * P * Q);
    observed -= -P1 * g + (v - P) * dg;
  }
  return { score, info, warmJ, observed };
}

function administered(x: Responses, n: number): { right: number; count: number } {
  let right = 0;
  let count = 0;
  for (let j = 0; j < n; j++) {
    if (x[j] === 1) right++;
    if (x[j] === 0 || x[j] === 1) count++;
  }
  return { right, count };
}

/**
 * Root of a decreasing estimating function on [lo, hi]: Newton steps guarded by bisection,
 * so it never leaves the bracket and always terminates.
 */
function solveDecreasing(f: (t: number) => { value: number; slope: number }, lo: number, hi: number, start: number): number {
  let a = lo;
  let b = hi;
  if (f(a).value <= 0) return a;
  if (f(b).value >= 0) return b;
  let t = Math.min(Math.max(start, a), b);
  for (let it = 0; it < 200; it++) {
    const { value, slope } = f(t);
    if (value > 0) a = t;
    else b = t;
    let next = slope < 0 ? t - value / slope : (a + b) / 2;
    if (!(next > a && next < b)) next = (a + b) / 2;
    if (Math.abs(next - t) < 1e-12 || b - a < 1e-12) return next;
    t = next;
  }
  return t;
}

export interface PointEstimateOptions {
  /** Search range; catR's default is [-4, 4]. */
  range?: [number, number];
}

/**
 * Maximum likelihood. All-correct or all-wrong patterns have no finite maximum: theta is
 * then +/-Infinity with an infinite SE (mirt's convention), unless `range` is finite and
 * `clampExtremes` is set (catR's convention returns the bound).
 */
export function estimateML(
  items: readonly ItemParameters[],
  x: Responses,
  options: PointEstimateOptions & { clampExtremes?: boolean } = {},
): AbilityEstimate {
  const [lo, hi] = options.range ?? [-4, 4];
  const { right, count } = administered(x, items.length);
  const guessingOnly = items.every((it) => it.c === 0);
  if (count === 0) return { theta: NaN, se: Infinity };
  if (guessingOnly && (right === 0 || right === count) && !options.clampExtremes)
    return { theta: right === 0 ? -Infinity : Infinity, se: Infinity };
  const theta = solveDecreasing(
    (t) => {
      const dv = derivatives(items, x, t);
      return { value: dv.score, slope: -dv.observed };
    },
    lo,
    hi,
    0,
  );
  const info = derivatives(items, x, theta).info;
  return { theta, se: 1 / Math.sqrt(info) };
}

/** Bayes modal (MAP) with a normal prior; SE from the expected information plus the prior's. */
export function estimateMAP(
  items: readonly ItemParameters[],
  x: Responses,
  options: PointEstimateOptions & { priorMean?: number; priorSd?: number } = {},
): AbilityEstimate {
  const mu = options.priorMean ?? 0;
  const sd = options.priorSd ?? 1;
  const [lo, hi] = options.range ?? [-4, 4];
  const theta = solveDecreasing(
    (t) => {
      const dv = derivatives(items, x, t);
      return { value: dv.score - (t - mu) / (sd * sd), slope: -dv.observed - 1 / (sd * sd) };
    },
    lo,
    hi,
    mu,
  );
  const info = derivatives(items, x, theta).info;
  return { theta, se: 1 / Math.sqrt(info + 1 / (sd * sd)) };
}

/**
 * Warm's weighted likelihood estimate: root of score + J / (2 I); finite for extreme patterns.
 * SE: 'information' is 1 / sqrt(I) (catR's semTheta); 'curvature' uses the slope of the weighted
 * score at the estimate (mirt's fscores).
 */
export function estimateWLE(
  items: readonly ItemParameters[],
  x: Responses,
  options: PointEstimateOptions & { seType?: 'information' | 'curvature' } = {},
): AbilityEstimate {
  const [lo, hi] = options.range ?? [-4, 4];
  const f = (t: number): { value: number; slope: number } => {
    const dv = derivatives(items, x, t);
    const h = 1e-5;
    const vp = derivatives(items, x, t + h);
    const value = dv.score + dv.warmJ / (2 * dv.info);
    const valueP = vp.score + vp.warmJ / (2 * vp.info);
    return { value, slope: (valueP - value) / h };
  };
  const theta = solveDecreasing(f, lo, hi, 0);
  if (options.seType === 'curvature') {
    const h = 1e-5;
    const slope = (f(theta + h).value - f(theta - h).value) / (2 * h);
    return { theta, se: 1 / Math.sqrt(-slope) };
  }
  const info = derivatives(items, x, theta).info;
  return { theta, se: 1 / Math.sqrt(info) };
}

export interface EapOptions {
  priorMean?: number;
  priorSd?: number;
  /** Grid; default 61 points on [-6, 6] as in calibration. catR uses 33 points on [-4, 4] with the trapezoid rule. */
  points?: number;
  lower?: number;
  upper?: number;
  rule?: 'rectangle' | 'trapezoid';
}

/** Expected a posteriori estimate and posterior SD by quadrature on an even grid. */
export function estimateEAP(items: readonly ItemParameters[], x: Responses, options: EapOptions = {}): AbilityEstimate {
  const post = posteriorOnGrid(items, x, options);
  let m1 = 0;
  let m2 = 0;
  for (let q = 0; q < post.theta.length; q++) {
    m1 += post.weight[q] * post.theta[q];
    m2 += post.weight[q] * post.theta[q] * post.theta[q];
  }
  return { theta: m1, se: Math.sqrt(Math.max(0, m2 - m1 * m1)) };
}

/** Normalised posterior weights on the EAP grid (also used for band probabilities). */
export function posteriorOnGrid(
  items: readonly ItemParameters[],
  x: Responses,
  options: EapOptions = {},
): { theta: Float64Array; weight: Float64Array } {
  const mu = options.priorMean ?? 0;
  const sd = options.priorSd ?? 1;
  const n = options.points ?? 61;
  const lower = options.lower ?? -6;
  const upper = options.upper ?? 6;
  const theta = new Float64Array(n);
  const logw = new Float64Array(n);
  let mx = -Infinity;
  for (let q = 0; q < n; q++) {
    const t = lower + ((upper - lower) * q) / (n - 1);
    theta[q] = t;
    let s = Math.log(normalPdf(t, mu, sd));
    if (options.rule === 'trapezoid' && (q === 0 || q === n - 1)) s += Math.log(0.5);
    for (let j = 0; j < items.length; j++) {
      const v = x[j];
      if (v !== 0 && v !== 1) continue;
      const { a, d, c } = items[j];
      const P = c + (1 - c) * logistic(a * t + d);
      s += Math.log(v === 1 ? P : 1 - P);
    }
    logw[q] = s;
    if (s > mx) mx = s;
  }
  const weight = new Float64Array(n);
  let tot = 0;
  for (let q = 0; q < n; q++) {
    weight[q] = Math.exp(logw[q] - mx);
    tot += weight[q];
  }
  for (let q = 0; q < n; q++) weight[q] /= tot;
  return { theta, weight };
}

export type ScoringMethod = 'ML' | 'MAP' | 'WLE' | 'EAP';

export function estimateAbility(
  items: readonly ItemParameters[],
  x: Responses,
  method: ScoringMethod,
  options: PointEstimateOptions & EapOptions = {},
): AbilityEstimate {
  switch (method) {
    case 'ML':
      return estimateML(items, x, options);
    case 'MAP':
      return estimateMAP(items, x, options);
    case 'WLE':
      return estimateWLE(items, x, options);
    case 'EAP':
      return estimateEAP(items, x, options);
  }
}

/** Marginal reliability: prior variance over prior variance plus the prior-averaged error variance 1 / I(theta). */
export function marginalReliability(items: readonly ItemParameters[], points = 61, range = 6): number {
  const quad = normalQuadrature(points, range);
  let err = 0;
  for (let q = 0; q < quad.points.length; q++) {
    let info = 0;
    for (const it of items) info += itemInformation(it, quad.points[q]);
    err += quad.weights[q] / info;
  }
  return 1 / (1 + err);
}

/** Empirical reliability of a set of scores: var(theta) / (var(theta) + mean(se^2)). */
export function empiricalReliability(estimates: readonly AbilityEstimate[]): number {
  const finite = estimates.filter((e) => Number.isFinite(e.theta) && Number.isFinite(e.se));
  const n = finite.length;
  const m = finite.reduce((s, e) => s + e.theta, 0) / n;
  const v = finite.reduce((s, e) => s + (e.theta - m) * (e.theta - m), 0) / (n - 1);
  const e2 = finite.reduce((s, e) => s + e.se * e.se, 0) / n;
  return v / (v + e2);
}
