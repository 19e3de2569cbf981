/**
 * Item response functions in slope-intercept form, P(x = 1 | theta) = c + (1 - c) / (1 + exp(-(a theta + d))),
 * with difficulty b = -d / a. Scaling constant D = 1 (the logistic metric used by mirt, OpenMx and catR with D = 1).
 */
import { logistic } from '../math';

export interface ItemParameters {
  a: number;
  /** Intercept; b = -d / a. */
  d: number;
  /** Lower asymptote (guessing); 0 for Rasch and 2PL. */
  c: number;
}

export function difficulty(item: ItemParameters): number {
  return -item.d / item.a;
}

/** Builds an item from the IRT (a, b, c) parameterisation. */
export function itemFromDifficulty(a: number, b: number, c = 0): ItemParameters {
  return { a, d: -a * b, c };
}

export function probability(item: ItemParameters, theta: number): number {
  const l = logistic(item.a * theta + item.d);
  return item.c + (1 - item.c) * l;
}

/** Fisher information of one item: a^2 (P - c)^2 (1 - P) / ((1 - c)^2 P). */
export function itemInformation(item: ItemParameters, theta: number): number {
  const l = logistic(item.a * theta + item.d);
  if (item.c === 0) return item.a * item.a * l * (1 - l);
  const p = item.c + (1 - item.c) * l;
  const dp = (1 - item.c) * item.a * l * (1 - l);
  return (dp * dp) / (p * (1 - p));
}

export function testInformation(items: readonly ItemParameters[], theta: number, subset?: ArrayLike<number>): number {
  let s = 0;
  if (subset) for (let k = 0; k < subset.length; k++) s += itemInformation(items[subset[k]], theta);
  else for (const it of items) s += itemInformation(it, theta);
  return s;
}

/** Information curve on a grid of theta values. */
export function informationCurve(items: readonly ItemParameters[], thetas: ArrayLike<number>): Float64Array {
  const out = new Float64Array(thetas.length);
  for (let i = 0; i < thetas.length; i++) out[i] = testInformation(items, thetas[i]);
  return out;
}

export interface Quadrature {
  points: Float64Array;
  /** Normalised N(mean, sd) density weights (they sum to 1). */
  weights: Float64Array;
}

/** Equally spaced quadrature on [-range, range] with normal weights, as mirt and OpenMx use by default. */
export function normalQuadrature(points = 61, range = 6, mean = 0, sd = 1): Quadrature {
  const x = new Float64Array(points);
  const w = new Float64Array(points);
  let s = 0;
  for (let q = 0; q < points; q++) {
    x[q] = points === 1 ? 0 : -range + (2 * range * q) / (points - 1);
    const z = (x[q] - mean) / sd;
    w[q] = Math.exp(-0.5 * z * z);
    s += w[q];
  }
  for (let q = 0; q < points; q++) w[q] /= s;
  return { points: x, weights: w };
}
