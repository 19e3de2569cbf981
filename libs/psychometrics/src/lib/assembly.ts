/**
 * Automated assembly of parallel forms: every form meets the topic x level blueprint, and
 * test information curves are matched by a snake draft within each cell followed by
 * within-cell swaps between forms that reduce the largest curve difference (a greedy heuristic).
 */
import { BankItem, BlueprintCell } from './cat';
import { itemInformation } from './irt/model';

export interface AssemblyOptions {
  forms: number;
  blueprint: BlueprintCell[];
  /** Ability points where information curves are matched. */
  thetas?: number[];
  maxSwapRounds?: number;
}

export interface AssembledForms {
  forms: number[][];
  /** Information of each form at each theta: curves[form][point]. */
  curves: number[][];
  /** Largest difference between any two forms' information at any point, in information units. */
  maxDifference: number;
}

export function assembleParallelForms(bank: readonly BankItem[], options: AssemblyOptions): AssembledForms {
  const thetas = options.thetas ?? [-2, -1, 0, 1, 2];
  const F = options.forms;
  const info = bank.map((it) => thetas.map((t) => itemInformation(it, t)));
  const forms: number[][] = Array.from({ length: F }, () => []);
  const cellOf: string[] = bank.map((it) => `${it.topic ?? ''}\u0000${it.level ?? ''}`);
  for (const cell of options.blueprint) {
    const key = `${cell.topic}\u0000${cell.level}`;
    const pool = bank.map((_, i) => i).filter((i) => cellOf[i] === key);
    if (pool.length < cell.count * F)
      throw new Error(`blueprint cell ${cell.topic}/${cell.level} needs ${cell.count * F} items, bank has ${pool.length}`);
    pool.sort((x, y) => sum(info[y]) - sum(info[x]) || x - y);
    // Snake draft: 0..F-1 then F-1..0, so each form receives a balanced share of strong items.
    let k = 0;
    for (let round = 0; round < cell.count; round++) {
      const order = round % 2 === 0 ? range(F) : range(F).reverse();
      for (const f of order) forms[f].push(pool[k++]);
    }
  }
  const curveOf = (f: number[]): number[] => thetas.map((_, q) => f.reduce((s, i) => s + info[i][q], 0));
  // Largest difference between forms at any point (reported).
  const spread = (curves: number[][]): number => {
    let m = 0;
    for (let q = 0; q < thetas.length; q++) {
      let lo = Infinity;
      let hi = -Infinity;
      for (const c of curves) {
        lo = Math.min(lo, c[q]);
        hi = Math.max(hi, c[q]);
      }
      m = Math.max(m, hi - lo);
    }
    return m;
  };
  // Swaps minimise squared relative deviations from the mean curve: smooth, so a swap that helps
  // the tails is not rejected just because the single worst point is elsewhere.
  const loss = (curves: number[][]): number => {
    let total = 0;
    for (let q = 0; q < thetas.length; q++) {
      let mean = 0;
      for (const c of curves) mean += c[q];
      mean /= curves.length;
      for (const c of curves) total += ((c[q] - mean) / mean) ** 2;
    }
    return total;
  };
  let curves = forms.map(curveOf);
  let best = loss(curves);
  const maxRounds = options.maxSwapRounds ?? 50;
  for (let round = 0; round < maxRounds; round++) {
    let improved = false;
    for (let f = 0; f < F; f++)
      for (let g = f + 1; g < F; g++)
        for (let i = 0; i < forms[f].length; i++)
          for (let k = 0; k < forms[g].length; k++) {
            const a = forms[f][i];
            const b = forms[g][k];
            if (cellOf[a] !== cellOf[b]) continue;
            forms[f][i] = b;
            forms[g][k] = a;
            const trial = curves.map((c, h) => (h === f || h === g ? curveOf(forms[h]) : c));
            const s = loss(trial);
            if (s < best - 1e-12) {
              best = s;
              curves = trial;
              improved = true;
            } else {
              forms[f][i] = a;
              forms[g][k] = b;
            }
          }
    if (!improved) break;
  }
  return { forms, curves, maxDifference: spread(curves) };
}

function sum(v: number[]): number {
  return v.reduce((a, b) => a + b, 0);
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
