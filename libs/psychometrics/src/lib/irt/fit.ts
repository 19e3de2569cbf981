/** Item fit: Orlando-Thissen S-X2 (complete response patterns) and Rasch infit/outfit mean squares. */
import { chiSquareUpper } from '../math';
import { ItemParameters, probability, Quadrature } from './model';
import { ResponseData } from './patterns';

export interface SX2 {
  statistic: number;
  df: number;
  p: number;
}

/** Lord-Wingersky recursion: distribution of the sum score at each node, skipping one item. */
function sumScoreDistribution(probs: Float64Array[], skip: number): Float64Array {
  let dist = new Float64Array([1]);
  for (let j = 0; j < probs.length; j++) {
    if (j === skip) continue;
    const next = new Float64Array(dist.length + 1);
    const p = probs[j];
    for (let s = 0; s < dist.length; s++) {
      next[s] += dist[s] * (1 - p[0]);
      next[s + 1] += dist[s] * p[0];
    }
    dist = next;
  }
  return dist;
}

/**
 * S-X2 per item over persons who answered every item. Adjacent score groups are merged until
 * both expected counts reach `minCell` (as mirt's default of 1). df = groups - free item parameters.
 */
export function sx2ItemFit(
  items: readonly ItemParameters[],
  data: ResponseData,
  quad: Quadrature,
  freeParametersPerItem: number,
  minCell = 1,
): SX2[] {
  const J = items.length;
  const Q = quad.points.length;
  const countBy = new Float64Array(J + 1);
  const rightBy = Array.from({ length: J }, () => new Float64Array(J + 1));
  for (let p = 0; p < data.persons; p++) {
    let s = 0;
    let complete = true;
    for (let j = 0; j < J; j++) {
      const v = data.responses[p * J + j];
      if (v !== 0 && v !== 1) complete = false;
      s += v === 1 ? 1 : 0;
    }
    if (!complete) continue;
    const w = data.weights ? data.weights[p] : 1;
    countBy[s] += w;
    for (let j = 0; j < J; j++) if (data.responses[p * J + j] === 1) rightBy[j][s] += w;
  }
  const pq: Float64Array[][] = [];
  for (let q = 0; q < Q; q++) pq.push(items.map((it) => new Float64Array([probability(it, quad.points[q])])));
  const all: Float64Array[] = [];
  for (let q = 0; q < Q; q++) all.push(sumScoreDistribution(pq[q], -1));
  const denom = new Float64Array(J + 1);
  for (let q = 0; q < Q; q++) for (let s = 0; s <= J; s++) denom[s] += quad.weights[q] * all[q][s];
  const out: SX2[] = [];
  for (let j = 0; j < J; j++) {
    const num = new Float64Array(J + 1);
    for (let q = 0; q < Q; q++) {
      const without = sumScoreDistribution(pq[q], j);
      const pj = pq[q][j][0];
      for (let s = 1; s <= J; s++) num[s] += quad.weights[q] * pj * without[s - 1];
    }
    let stat = 0;
    let groups = 0;
    let n = 0;
    let o = 0;
    let e = 0;
    const flush = (force: boolean): void => {
      if (n === 0) return;
      if (!force && (e < minCell || n - e < minCell)) return;
      stat += ((o - e) * (o - e)) / (e * (1 - e / n));
      groups++;
      n = 0;
      o = 0;
      e = 0;
    };
    for (let s = 1; s < J; s++) {
      n += countBy[s];
      o += rightBy[j][s];
      e += countBy[s] * (num[s] / denom[s]);
      flush(false);
    }
    // A sparse leftover at the top of the score range still counts as a group of its own.
    flush(true);
    const df = groups - freeParametersPerItem;
    out.push({ statistic: stat, df, p: df > 0 ? chiSquareUpper(stat, df) : NaN });
  }
  return out;
}

export interface RaschFit {
  infit: number;
  outfit: number;
}

/** Infit (information-weighted) and outfit (unweighted) mean squares given person abilities. */
export function raschItemFit(items: readonly ItemParameters[], data: ResponseData, thetas: ArrayLike<number>): RaschFit[] {
  const J = items.length;
  return items.map((it, j) => {
    let num = 0;
    let den = 0;
    let z2 = 0;
    let n = 0;
    for (let p = 0; p < data.persons; p++) {
      const v = data.responses[p * J + j];
      if ((v !== 0 && v !== 1) || !Number.isFinite(thetas[p])) continue;
      const w = data.weights ? data.weights[p] : 1;
      const P = probability(it, thetas[p]);
      const r2 = (v - P) * (v - P);
      num += w * r2;
      den += w * P * (1 - P);
      z2 += (w * r2) / (P * (1 - P));
      n += w;
    }
    return { infit: num / den, outfit: z2 / n };
  });
}
