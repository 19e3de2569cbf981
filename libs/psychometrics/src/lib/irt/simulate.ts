/** Simulation of dichotomous responses under a calibrated or generating model. */
import { Rng } from '../random';
import { ItemParameters, probability } from './model';
import { ResponseData } from './patterns';

export function simulateResponses(items: readonly ItemParameters[], thetas: ArrayLike<number>, rng: Rng): ResponseData {
  const J = items.length;
  const N = thetas.length;
  const responses = new Int8Array(N * J);
  for (let p = 0; p < N; p++)
    for (let j = 0; j < J; j++) responses[p * J + j] = rng.uniform() < probability(items[j], thetas[p]) ? 1 : 0;
  return { persons: N, items: J, responses };
}

/** Typical generating values: log a ~ N(0.2, 0.25), b ~ N(0, 1), as in recovery studies. */
export function randomItems(J: number, rng: Rng, c = 0): ItemParameters[] {
  const out: ItemParameters[] = [];
  for (let j = 0; j < J; j++) {
    const a = rng.lognormal(0.2, 0.25);
    const b = rng.normal();
    out.push({ a, d: -a * b, c });
  }
  return out;
}

export function normalThetas(N: number, rng: Rng): Float64Array {
  const t = new Float64Array(N);
  for (let i = 0; i < N; i++) t[i] = rng.normal();
  return t;
}
