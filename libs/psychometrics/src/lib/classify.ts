/**
 * Classification into bands on the 10-point scale used in Vietnamese schools. The score is the
 * expected proportion correct on the reference test (test characteristic curve) x 10, so it is
 * monotone in theta; band probabilities come from the posterior over theta.
 */
import { ItemParameters, probability } from './irt/model';
import { posteriorOnGrid, Responses, EapOptions } from './scoring';

export interface Band {
  /** Lower bound on the 10-point scale (inclusive). */
  min: number;
  code: string;
  en: string;
  vi: string;
}

export const DEFAULT_BANDS: Band[] = [
  { min: 0, code: 'weak', en: 'Weak', vi: 'Yếu' },
  { min: 5, code: 'average', en: 'Average', vi: 'Trung bình' },
  { min: 6.5, code: 'fair', en: 'Fair', vi: 'Khá' },
  { min: 8, code: 'good', en: 'Good', vi: 'Giỏi' },
];

/** Expected score on the 10-point scale at theta. */
export function tenPointScore(items: readonly ItemParameters[], theta: number): number {
  let s = 0;
  for (const it of items) s += probability(it, theta);
  return (10 * s) / items.length;
}

export interface Classification {
  score: number;
  /** Posterior SD of the 10-point score. */
  se: number;
  band: Band;
  /** Posterior probability of each band, in the order of `bands`. */
  probabilities: number[];
}

export function classify(
  items: readonly ItemParameters[],
  x: Responses,
  bands: readonly Band[] = DEFAULT_BANDS,
  grid: EapOptions = {},
): Classification {
  const sorted = [...bands].sort((a, b) => a.min - b.min);
  const post = posteriorOnGrid(items, x, grid);
  const probs = new Array<number>(bands.length).fill(0);
  let m1 = 0;
  let m2 = 0;
  for (let q = 0; q < post.theta.length; q++) {
    const s = tenPointScore(items, post.theta[q]);
    m1 += post.weight[q] * s;
    m2 += post.weight[q] * s * s;
    probs[bands.indexOf(bandOf(sorted, s))] += post.weight[q];
  }
  return { score: m1, se: Math.sqrt(Math.max(0, m2 - m1 * m1)), band: bandOf(sorted, m1), probabilities: probs };
}

function bandOf(sorted: readonly Band[], score: number): Band {
  let b = sorted[0];
  for (const band of sorted) if (score >= band.min - 1e-12) b = band;
  return b;
}

/** Band probabilities for an observed score with a normal error of `se` (e.g. CTT scores with the SEM). */
export function bandProbabilitiesNormal(score: number, se: number, bands: readonly Band[] = DEFAULT_BANDS, cdf: (z: number) => number): number[] {
  const sorted = [...bands].sort((a, b) => a.min - b.min);
  return bands.map((b) => {
    const k = sorted.indexOf(b);
    const lo = k === 0 ? -Infinity : b.min;
    const hi = k === sorted.length - 1 ? Infinity : sorted[k + 1].min;
    return cdf((hi - score) / se) - cdf((lo - score) / se);
  });
}
