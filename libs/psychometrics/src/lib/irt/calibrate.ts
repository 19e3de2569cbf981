/**
 * Marginal maximum likelihood calibration (Bock-Aitkin EM on a fixed quadrature) for the
 * Rasch, 2PL and 3PL models, accelerated by SQUAREM (Varadhan & Roland 2008, scheme S3).
 */
import { invertSpd, logistic, softplus } from '../math';
import { ItemParameters, normalQuadrature, Quadrature } from './model';
import { collapsePatterns, PatternData, ResponseData } from './patterns';

export type IrtModelName = 'rasch' | '2pl' | '3pl';

export interface CalibrationOptions {
  model?: IrtModelName;
  quadPoints?: number;
  quadRange?: number;
  maxCycles?: number;
  /** Convergence: largest absolute parameter change over one accelerated cycle. */
  tolerance?: number;
  accelerate?: boolean;
  /**
   * Rasch identification: 'common' estimates one slope shared by all items with N(0, 1) ability
   * (equivalent to a = 1 with a free ability variance, as mirt's Rasch); 'fixed' sets a = 1 and N(0, 1).
   */
  raschSlope?: 'common' | 'fixed';
  /** Beta prior on the 3PL lower asymptote. */
  guessingPrior?: { alpha: number; beta: number };
  standardErrors?: boolean;
  start?: ItemParameters[];
}

export interface ItemEstimate extends ItemParameters {
  b: number;
  seA: number;
  seD: number;
  seC: number;
}

export interface CalibrationResult {
  model: IrtModelName;
  items: ItemEstimate[];
  logLik: number;
  /** Log-likelihood plus the log prior on c (3PL); equals logLik otherwise. */
  logPosterior: number;
  nParameters: number;
  aic: number;
  bic: number;
  /** Accelerated cycles (each uses up to three EM steps). */
  cycles: number;
  emSteps: number;
  converged: boolean;
  quadrature: Quadrature;
  patterns: PatternData;
  /** Posterior mean and SD of theta per unique pattern (EAP on the calibration quadrature). */
  patternEap: Float64Array;
  patternEapSd: Float64Array;
}

interface Work {
  pat: PatternData;
  quad: Quadrature;
  logw: Float64Array;
  J: number;
  Q: number;
  /** Expected correct counts r[j*Q+q], posterior mass N[q], missing mass M[j*Q+q]. */
  r: Float64Array;
  n: Float64Array;
  m: Float64Array;
  l1m: Float64Array;
  diff: Float64Array;
  ll: Float64Array;
  a: Float64Array;
  d: Float64Array;
  c: Float64Array;
  hasMissing: boolean;
  base: Float64Array;
  logistic2: boolean;
}

export function calibrate(data: ResponseData, options: CalibrationOptions = {}): CalibrationResult {
  const model = options.model ?? '2pl';
  const quad = normalQuadrature(options.quadPoints ?? 61, options.quadRange ?? 6);
  const pat = collapsePatterns(data);
  const J = data.items;
  const Q = quad.points.length;
  const raschSlope = options.raschSlope ?? 'common';
  const prior = options.guessingPrior ?? { alpha: 5, beta: 17 };
  const w: Work = {
    pat,
    quad,
    logw: quad.weights.map(Math.log),
    J,
    Q,
    r: new Float64Array(J * Q),
    n: new Float64Array(Q),
    m: new Float64Array(J * Q),
    l1m: new Float64Array(J * Q),
    diff: new Float64Array(J * Q),
    ll: new Float64Array(Q),
    a: new Float64Array(J),
    d: new Float64Array(J),
    c: new Float64Array(J),
    hasMissing: pat.missingItems.length > 0,
    base: new Float64Array(Q),
    logistic2: true,
  };

  const layout = makeLayout(model, raschSlope, J);
  let x = layout.pack(startValues(pat, options.start, model));

  const emStep = (x0: Float64Array): { next: Float64Array; logPost: number } => {
    layout.unpack(x0, w);
    const ll = eStep(w, true);
    const logPost = ll + logPriorC(w, model, prior);
    mStep(w, model, raschSlope, prior);
    return { next: layout.pack(w), logPost };
  };

  const tol = options.tolerance ?? 1e-7;
  const maxCycles = options.maxCycles ?? 2000;
  const accelerate = options.accelerate ?? true;
  let cycles = 0;
  let emSteps = 0;
  let converged = false;
  let stepMax = 4;
  for (; cycles < maxCycles; ) {
    cycles++;
    const s1 = emStep(x);
    emSteps++;
    if (!accelerate) {
      const change = maxAbsDiff(s1.next, x);
      x = s1.next;
      if (change < tol) {
        converged = true;
        break;
      }
      continue;
    }
    const x1 = s1.next;
    const s2 = emStep(x1);
    emSteps++;
    const x2 = s2.next;
    let rr = 0;
    let vv = 0;
    for (let i = 0; i < x.length; i++) {
      const ri = x1[i] - x[i];
      const vi = x2[i] - 2 * x1[i] + x[i];
      rr += ri * ri;
      vv += vi * vi;
    }
    if (Math.sqrt(rr) < tol) {
      x = x2;
      converged = true;
      break;
    }
    let alpha = vv > 0 ? -Math.sqrt(rr / vv) : -1;
    alpha = Math.max(Math.min(alpha, -1), -stepMax);
    const atBound = alpha === -stepMax;
    const xs = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) {
      const ri = x1[i] - x[i];
      const vi = x2[i] - 2 * x1[i] + x[i];
      xs[i] = x[i] - 2 * alpha * ri + alpha * alpha * vi;
    }
    let next: Float64Array;
    if (alpha === -1) {
      next = x2;
    } else {
      // Stabilising EM step from the extrapolated point; fall back to plain EM if it lost ground.
      const s3 = emStep(xs);
      emSteps++;
      if (Number.isFinite(s3.logPost) && s3.logPost >= s1.logPost - 1e-9 * Math.abs(s1.logPost)) {
        next = s3.next;
        if (atBound) stepMax *= 4;
      } else {
        next = x2;
        stepMax = Math.max(1, stepMax / 4);
      }
    }
    const change = maxAbsDiff(next, x);
    x = next;
    if (change < tol) {
      converged = true;
      break;
    }
  }

  layout.unpack(x, w);
  const logLik = eStep(w, false);
  const logPosterior = logLik + logPriorC(w, model, prior);
  const { mean: patternEap, sd: patternEapSd } = patternPosteriors(w);
  const k = layout.size;
  const N = pat.totalWeight;
  const se =
    options.standardErrors === false ? null : crossProductSe(w, model, raschSlope, prior, layout.size);
  const items: ItemEstimate[] = [];
  for (let j = 0; j < J; j++) {
    items.push({
      a: w.a[j],
      d: w.d[j],
      c: w.c[j],
      b: -w.d[j] / w.a[j],
      seA: se ? se.a[j] : NaN,
      seD: se ? se.d[j] : NaN,
      seC: se ? se.c[j] : NaN,
    });
  }
  return {
    model,
    items,
    logLik,
    logPosterior,
    nParameters: k,
    aic: -2 * logLik + 2 * k,
    bic: -2 * logLik + k * Math.log(N),
    cycles,
    emSteps,
    converged,
    quadrature: quad,
    patterns: pat,
    patternEap,
    patternEapSd,
  };
}

function maxAbsDiff(a: Float64Array, b: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const v = Math.abs(a[i] - b[i]);
    if (!(v <= m)) m = Number.isNaN(v) ? Infinity : v;
  }
  return m;
}

interface Layout {
  size: number;
  pack(w: { a: Float64Array; d: Float64Array; c: Float64Array }): Float64Array;
  unpack(x: Float64Array, w: { a: Float64Array; d: Float64Array; c: Float64Array }): void;
}

function makeLayout(model: IrtModelName, raschSlope: 'common' | 'fixed', J: number): Layout {
  if (model === 'rasch') {
    const fixed = raschSlope === 'fixed';
    return {
      size: fixed ? J : J + 1,
      pack: (w) => {
        const x = new Float64Array(fixed ? J : J + 1);
        for (let j = 0; j < J; j++) x[j] = w.d[j];
        if (!fixed) x[J] = w.a[0];
        return x;
      },
      unpack: (x, w) => {
        for (let j = 0; j < J; j++) {
          w.d[j] = x[j];
          w.a[j] = fixed ? 1 : x[J];
          w.c[j] = 0;
        }
      },
    };
  }
  const per = model === '3pl' ? 3 : 2;
  return {
    size: per * J,
    pack: (w) => {
      const x = new Float64Array(per * J);
      for (let j = 0; j < J; j++) {
        x[per * j] = w.a[j];
        x[per * j + 1] = w.d[j];
        if (per === 3) x[per * j + 2] = Math.log(w.c[j] / (1 - w.c[j]));
      }
      return x;
    },
    unpack: (x, w) => {
      for (let j = 0; j < J; j++) {
        w.a[j] = x[per * j];
        w.d[j] = x[per * j + 1];
        w.c[j] = per === 3 ? logistic(x[per * j + 2]) : 0;
      }
    },
  };
}

/** Starting values from proportions correct (and a = 1), as most programs do. */
function startValues(
  pat: PatternData,
  start: ItemParameters[] | undefined,
  model: IrtModelName,
): { a: Float64Array; d: Float64Array; c: Float64Array } {
  const J = pat.items;
  const a = new Float64Array(J).fill(1);
  const d = new Float64Array(J);
  const c = new Float64Array(J).fill(model === '3pl' ? 0.2 : 0);
  if (start) {
    for (let j = 0; j < J; j++) {
      a[j] = start[j].a;
      d[j] = start[j].d;
      if (model === '3pl') c[j] = Math.min(0.45, Math.max(0.01, start[j].c || 0.2));
    }
    return { a, d, c };
  }
  const right = new Float64Array(J);
  const seen = new Float64Array(J);
  for (let p = 0; p < pat.count; p++) {
    for (let j = 0; j < J; j++) {
      const v = pat.responses[p * J + j];
      if (v === 0 || v === 1) {
        seen[j] += pat.freq[p];
        right[j] += v * pat.freq[p];
      }
    }
  }
  for (let j = 0; j < J; j++) {
    const pj = Math.min(0.99, Math.max(0.01, (right[j] + 0.5) / (seen[j] + 1)));
    // Logit scaled by 1.7 roughly accounts for the spread of theta at a = 1.
    d[j] = 1.7 * Math.log(pj / (1 - pj));
    if (model === '3pl') d[j] = 1.7 * Math.log(Math.max(0.01, pj - 0.2) / (1 - pj + 1e-9));
  }
  return { a, d, c };
}

/** Per-node item tables for the current parameters: log(1 - P), log P - log(1 - P), and their sum over items. */
function prepare(w: Work): void {
  const { J, Q, l1m, diff, a, d, c, base, logw } = w;
  const theta = w.quad.points;
  w.logistic2 = true;
  for (let j = 0; j < J; j++) if (c[j] !== 0) w.logistic2 = false;
  for (let q = 0; q < Q; q++) base[q] = logw[q];
  for (let j = 0; j < J; j++) {
    for (let q = 0; q < Q; q++) {
      const z = a[j] * theta[q] + d[j];
      if (c[j] === 0) {
        l1m[j * Q + q] = -softplus(z);
        diff[j * Q + q] = z;
      } else {
        const P = c[j] + (1 - c[j]) * logistic(z);
        const lq = Math.log(1 - c[j]) - softplus(z);
        l1m[j * Q + q] = lq;
        diff[j * Q + q] = Math.log(P) - lq;
      }
      base[q] += l1m[j * Q + q];
    }
  }
}

/**
 * Unnormalised posterior of pattern p on the nodes, scaled so its maximum is 1; returns the
 * log marginal likelihood of the pattern. Needs prepare(w).
 */
function patternPosterior(w: Work, p: number, ll: Float64Array): number {
  const { pat, Q, l1m, diff, a, d, base } = w;
  const theta = w.quad.points;
  const { correctStart, correctItems, missingStart, missingItems } = pat;
  const c0 = correctStart[p];
  const c1 = correctStart[p + 1];
  const m0 = missingStart[p];
  const m1 = missingStart[p + 1];
  for (let q = 0; q < Q; q++) ll[q] = base[q];
  for (let k = m0; k < m1; k++) {
    const off = missingItems[k] * Q;
    for (let q = 0; q < Q; q++) ll[q] -= l1m[off + q];
  }
  if (w.logistic2) {
    // log P - log(1 - P) is the logit a theta + d, so the correct items add theta * sum(a) + sum(d).
    let sa = 0;
    let sd = 0;
    for (let k = c0; k < c1; k++) {
      sa += a[correctItems[k]];
      sd += d[correctItems[k]];
    }
    for (let q = 0; q < Q; q++) ll[q] += theta[q] * sa + sd;
  } else {
    for (let k = c0; k < c1; k++) {
      const off = correctItems[k] * Q;
      for (let q = 0; q < Q; q++) ll[q] += diff[off + q];
    }
  }
  let mx = -Infinity;
  for (let q = 0; q < Q; q++) if (ll[q] > mx) mx = ll[q];
  let s = 0;
  for (let q = 0; q < Q; q++) {
    const e = Math.exp(ll[q] - mx);
    ll[q] = e;
    s += e;
  }
  for (let q = 0; q < Q; q++) ll[q] /= s;
  return Math.log(s) + mx;
}

/** E-step: returns the marginal log-likelihood; with `accumulate`, fills r, n, m. */
function eStep(w: Work, accumulate: boolean): number {
  const { pat, Q, r, n, m, ll } = w;
  prepare(w);
  if (accumulate) {
    r.fill(0);
    n.fill(0);
    m.fill(0);
  }
  const { correctStart, correctItems, missingStart, missingItems, freq } = pat;
  let logLik = 0;
  for (let p = 0; p < pat.count; p++) {
    const f = freq[p];
    logLik += f * patternPosterior(w, p, ll);
    if (!accumulate) continue;
    for (let q = 0; q < Q; q++) {
      const v = ll[q] * f;
      ll[q] = v;
      n[q] += v;
    }
    const c1 = correctStart[p + 1];
    for (let k = correctStart[p]; k < c1; k++) {
      const off = correctItems[k] * Q;
      for (let q = 0; q < Q; q++) r[off + q] += ll[q];
    }
    const m1 = missingStart[p + 1];
    for (let k = missingStart[p]; k < m1; k++) {
      const off = missingItems[k] * Q;
      for (let q = 0; q < Q; q++) m[off + q] += ll[q];
    }
  }
  return logLik;
}

function logPriorC(w: Work, model: IrtModelName, prior: { alpha: number; beta: number }): number {
  if (model !== '3pl') return 0;
  let s = 0;
  for (let j = 0; j < w.J; j++) s += (prior.alpha - 1) * Math.log(w.c[j]) + (prior.beta - 1) * Math.log(1 - w.c[j]);
  return s;
}

/** M-step: item-wise Newton (Fisher scoring for 3PL) on the expected complete-data log-likelihood. */
function mStep(w: Work, model: IrtModelName, raschSlope: 'common' | 'fixed', prior: { alpha: number; beta: number }): void {
  const { J, Q, r, n, m, a, d, c } = w;
  const theta = w.quad.points;
  const nj = new Float64Array(Q);
  const itemN = (j: number): Float64Array => {
    for (let q = 0; q < Q; q++) nj[q] = w.hasMissing ? n[q] - m[j * Q + q] : n[q];
    return nj;
  };
  if (model === 'rasch') {
    for (let outer = 0; outer < 50; outer++) {
      let change = 0;
      for (let j = 0; j < J; j++) {
        const nn = itemN(j);
        for (let it = 0; it < 20; it++) {
          let g = 0;
          let h = 0;
          for (let q = 0; q < Q; q++) {
            const P = logistic(a[j] * theta[q] + d[j]);
            g += r[j * Q + q] - nn[q] * P;
            h += nn[q] * P * (1 - P);
          }
          const step = h > 0 ? clampStep(g / h) : 0;
          d[j] += step;
          change = Math.max(change, Math.abs(step));
          if (Math.abs(step) < 1e-12) break;
        }
      }
      if (raschSlope === 'fixed') break;
      let g = 0;
      let h = 0;
      for (let j = 0; j < J; j++) {
        const nn = itemN(j);
        for (let q = 0; q < Q; q++) {
          const P = logistic(a[0] * theta[q] + d[j]);
          g += (r[j * Q + q] - nn[q] * P) * theta[q];
          h += nn[q] * P * (1 - P) * theta[q] * theta[q];
        }
      }
      const step = h > 0 ? clampStep(g / h) : 0;
      for (let j = 0; j < J; j++) a[j] += step;
      change = Math.max(change, Math.abs(step));
      if (change < 1e-11) break;
    }
    return;
  }
  for (let j = 0; j < J; j++) {
    const nn = itemN(j);
    const rj = r.subarray(j * Q, (j + 1) * Q);
    if (model === '2pl') newton2pl(rj, nn, theta, a, d, j);
    else scoring3pl(rj, nn, theta, a, d, c, j, prior);
  }
}

function clampStep(s: number): number {
  return Math.max(-1, Math.min(1, s));
}

function newton2pl(r: Float64Array, n: Float64Array, theta: Float64Array, a: Float64Array, d: Float64Array, j: number): void {
  const Q = theta.length;
  for (let it = 0; it < 25; it++) {
    let ga = 0;
    let gd = 0;
    let haa = 0;
    let had = 0;
    let hdd = 0;
    for (let q = 0; q < Q; q++) {
      const P = logistic(a[j] * theta[q] + d[j]);
      const e = r[q] - n[q] * P;
      const wq = n[q] * P * (1 - P);
      const t = theta[q];
      ga += e * t;
      gd += e;
      haa += wq * t * t;
      had += wq * t;
      hdd += wq;
    }
    const det = haa * hdd - had * had;
    if (!(det > 0)) break;
    const sa = clampStep((hdd * ga - had * gd) / det);
    const sd = clampStep((haa * gd - had * ga) / det);
    a[j] += sa;
    d[j] += sd;
    if (Math.abs(sa) + Math.abs(sd) < 1e-12) break;
  }
}

function objective3pl(
  r: Float64Array,
  n: Float64Array,
  theta: Float64Array,
  a: number,
  d: number,
  g: number,
  prior: { alpha: number; beta: number },
): number {
  const c = logistic(g);
  let s = (prior.alpha - 1) * Math.log(c) + (prior.beta - 1) * Math.log(1 - c);
  for (let q = 0; q < theta.length; q++) {
    const P = c + (1 - c) * logistic(a * theta[q] + d);
    s += r[q] * Math.log(P) + (n[q] - r[q]) * Math.log(1 - P);
  }
  return s;
}

function scoring3pl(
  r: Float64Array,
  n: Float64Array,
  theta: Float64Array,
  a: Float64Array,
  d: Float64Array,
  c: Float64Array,
  j: number,
  prior: { alpha: number; beta: number },
): void {
  const Q = theta.length;
  let g = Math.log(c[j] / (1 - c[j]));
  let obj = objective3pl(r, n, theta, a[j], d[j], g, prior);
  const info = new Float64Array(9);
  for (let it = 0; it < 30; it++) {
    const cj = logistic(g);
    const grad = [0, 0, 0];
    info.fill(0);
    for (let q = 0; q < Q; q++) {
      const L = logistic(a[j] * theta[q] + d[j]);
      const P = cj + (1 - cj) * L;
      const pq = P * (1 - P);
      const dz = (1 - cj) * L * (1 - L);
      const dv = [dz * theta[q], dz, (1 - L) * cj * (1 - cj)];
      const e = (r[q] - n[q] * P) / pq;
      const wq = n[q] / pq;
      for (let k = 0; k < 3; k++) {
        grad[k] += e * dv[k];
        for (let l = 0; l < 3; l++) info[k * 3 + l] += wq * dv[k] * dv[l];
      }
    }
    grad[2] += (prior.alpha - 1) * (1 - cj) - (prior.beta - 1) * cj;
    info[8] += (prior.alpha + prior.beta - 2) * cj * (1 - cj);
    for (let k = 0; k < 3; k++) info[k * 4] += 1e-10;
    const inv = invertSpd(info, 3);
    if (!inv) break;
    const step = [0, 0, 0];
    for (let k = 0; k < 3; k++) for (let l = 0; l < 3; l++) step[k] += inv[k * 3 + l] * grad[l];
    let t = 1;
    for (let k = 0; k < 3; k++) t = Math.min(t, 1 / Math.max(1, Math.abs(step[k])));
    let accepted = false;
    for (let half = 0; half < 20; half++) {
      const na = a[j] + t * step[0];
      const nd = d[j] + t * step[1];
      const ng = g + t * step[2];
      const o = objective3pl(r, n, theta, na, nd, ng, prior);
      if (o >= obj - 1e-12) {
        a[j] = na;
        d[j] = nd;
        g = ng;
        obj = o;
        accepted = true;
        break;
      }
      t /= 2;
    }
    if (!accepted || Math.abs(t * step[0]) + Math.abs(t * step[1]) + Math.abs(t * step[2]) < 1e-11) break;
  }
  c[j] = logistic(g);
}

/** Posterior mean and SD of theta for each unique pattern. */
function patternPosteriors(w: Work): { mean: Float64Array; sd: Float64Array } {
  const P = w.pat.count;
  const mean = new Float64Array(P);
  const sd = new Float64Array(P);
  const post = new Float64Array(w.Q);
  const theta = w.quad.points;
  prepare(w);
  for (let p = 0; p < P; p++) {
    patternPosterior(w, p, post);
    let m1 = 0;
    let m2 = 0;
    for (let q = 0; q < w.Q; q++) {
      m1 += post[q] * theta[q];
      m2 += post[q] * theta[q] * theta[q];
    }
    mean[p] = m1;
    sd[p] = Math.sqrt(Math.max(0, m2 - m1 * m1));
  }
  return { mean, sd };
}

/**
 * Standard errors from the cross-product of per-pattern score vectors (the empirical
 * information, "XPD"/"meat" in mirt and OpenMx), plus the prior's curvature for the 3PL c.
 */
function crossProductSe(
  w: Work,
  model: IrtModelName,
  raschSlope: 'common' | 'fixed',
  prior: { alpha: number; beta: number },
  K: number,
): { a: Float64Array; d: Float64Array; c: Float64Array } {
  const { pat, J, Q, a, d, c } = w;
  const theta = w.quad.points;
  const info = new Float64Array(K * K);
  const g = new Float64Array(K);
  const post = new Float64Array(Q);
  const per = model === '3pl' ? 3 : 2;
  const fixed = model === 'rasch' && raschSlope === 'fixed';
  const P = new Float64Array(J * Q);
  const Lg = new Float64Array(J * Q);
  for (let j = 0; j < J; j++)
    for (let q = 0; q < Q; q++) {
      const L = logistic(a[j] * theta[q] + d[j]);
      Lg[j * Q + q] = L;
      P[j * Q + q] = c[j] + (1 - c[j]) * L;
    }
  prepare(w);
  for (let p = 0; p < pat.count; p++) {
    patternPosterior(w, p, post);
    g.fill(0);
    for (let j = 0; j < J; j++) {
      const x = pat.responses[p * J + j];
      if (x !== 0 && x !== 1) continue;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      for (let q = 0; q < Q; q++) {
        const pp = P[j * Q + q];
        const L = Lg[j * Q + q];
        // d log f / d z for this response at node q.
        const dz = model === '3pl' ? ((x - pp) / (pp * (1 - pp))) * (1 - c[j]) * L * (1 - L) : x - pp;
        s0 += post[q] * dz;
        s1 += post[q] * dz * theta[q];
        if (model === '3pl') s2 += post[q] * ((x - pp) / (pp * (1 - pp))) * (1 - L) * c[j] * (1 - c[j]);
      }
      if (model === 'rasch') {
        g[j] += s0;
        if (!fixed) g[J] += s1;
      } else {
        g[per * j] += s1;
        g[per * j + 1] += s0;
        if (per === 3) g[per * j + 2] += s2;
      }
    }
    const f = pat.freq[p];
    for (let k = 0; k < K; k++) {
      const gk = g[k] * f;
      if (gk === 0) continue;
      for (let l = 0; l <= k; l++) info[k * K + l] += gk * g[l];
    }
  }
  for (let k = 0; k < K; k++) for (let l = 0; l < k; l++) info[l * K + k] = info[k * K + l];
  if (model === '3pl')
    for (let j = 0; j < J; j++) info[(per * j + 2) * K + per * j + 2] += (prior.alpha + prior.beta - 2) * c[j] * (1 - c[j]);
  const inv = invertSpd(info, K);
  const seA = new Float64Array(J).fill(NaN);
  const seD = new Float64Array(J).fill(NaN);
  const seC = new Float64Array(J).fill(NaN);
  if (!inv) return { a: seA, d: seD, c: seC };
  for (let j = 0; j < J; j++) {
    if (model === 'rasch') {
      seD[j] = Math.sqrt(inv[j * K + j]);
      seA[j] = fixed ? 0 : Math.sqrt(inv[J * K + J]);
      seC[j] = 0;
    } else {
      seA[j] = Math.sqrt(inv[per * j * K + per * j]);
      seD[j] = Math.sqrt(inv[(per * j + 1) * K + per * j + 1]);
      seC[j] = per === 3 ? c[j] * (1 - c[j]) * Math.sqrt(inv[(per * j + 2) * K + per * j + 2]) : 0;
    }
  }
  return { a: seA, d: seD, c: seC };
}
