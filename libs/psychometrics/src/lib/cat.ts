/**
 * Computerised adaptive testing: maximum-information selection with randomesque exposure
 * control and content balancing against a topic x level blueprint; stopping on SE, length
 * or an SPRT classification around a cut score; and simulation over a calibrated bank.
 */
import { ItemParameters, itemInformation, probability } from './irt/model';
import { Rng } from './random';
import { estimateAbility, ScoringMethod } from './scoring';

export interface BankItem extends ItemParameters {
  id?: string;
  topic?: string;
  level?: string;
}

export interface BlueprintCell {
  topic: string;
  level: string;
  count: number;
}

export interface SprtRule {
  /** Cut score on the theta scale. */
  cut: number;
  /** Half-width of the indifference region around the cut. */
  delta: number;
  alpha: number;
  beta: number;
}

export interface CatOptions {
  maxItems: number;
  minItems?: number;
  /** Stop once the ability SE falls to this value. */
  seTarget?: number;
  /** Choose at random among the k most informative eligible items (k = 1: pure maximum information). */
  randomesque?: number;
  blueprint?: BlueprintCell[];
  sprt?: SprtRule;
  scoring?: ScoringMethod;
  startTheta?: number;
}

export interface NextItem {
  item: number;
  info: number;
}

const cellKey = (topic: string | undefined, level: string | undefined): string => `${topic ?? ''}\u0000${level ?? ''}`;

/**
 * Next item by maximum Fisher information at theta among items not in `administered`.
 * With a blueprint, only items of the cell furthest behind its quota are eligible.
 */
export function nextItem(
  bank: readonly BankItem[],
  theta: number,
  administered: ReadonlySet<number>,
  options: { randomesque?: number; blueprint?: BlueprintCell[]; rng?: Rng } = {},
): NextItem | null {
  let eligibleCell: string | null = null;
  if (options.blueprint && options.blueprint.length > 0) {
    const given = new Map<string, number>();
    for (const i of administered) {
      const k = cellKey(bank[i].topic, bank[i].level);
      given.set(k, (given.get(k) ?? 0) + 1);
    }
    let best = -Infinity;
    for (const cell of options.blueprint) {
      const k = cellKey(cell.topic, cell.level);
      const remaining = cell.count - (given.get(k) ?? 0);
      if (remaining <= 0) continue;
      const hasItem = bank.some((it, i) => !administered.has(i) && cellKey(it.topic, it.level) === k);
      if (!hasItem) continue;
      // Largest share of the cell's quota still to give; ties go to the larger remaining count.
      const share = remaining / cell.count + remaining * 1e-9;
      if (share > best) {
        best = share;
        eligibleCell = k;
      }
    }
  }
  const candidates: NextItem[] = [];
  bank.forEach((it, i) => {
    if (administered.has(i)) return;
    if (eligibleCell !== null && cellKey(it.topic, it.level) !== eligibleCell) return;
    candidates.push({ item: i, info: itemInformation(it, theta) });
  });
  if (candidates.length === 0) return null;
  candidates.sort((a, b) => b.info - a.info || a.item - b.item);
  const k = Math.min(options.randomesque ?? 1, candidates.length);
  if (k <= 1 || !options.rng) return candidates[0];
  return candidates[options.rng.int(k)];
}

/** Log likelihood ratio of the responses at cut + delta versus cut - delta. */
export function sprtLogRatio(items: readonly ItemParameters[], given: readonly number[], responses: readonly number[], rule: SprtRule): number {
  let s = 0;
  given.forEach((i, k) => {
    const hi = probability(items[i], rule.cut + rule.delta);
    const lo = probability(items[i], rule.cut - rule.delta);
    s += responses[k] === 1 ? Math.log(hi / lo) : Math.log((1 - hi) / (1 - lo));
  });
  return s;
}

export type StopReason = 'se' | 'length' | 'classified' | 'bank-exhausted';

export interface CatResult {
  items: number[];
  responses: number[];
  theta: number;
  se: number;
  stopReason: StopReason;
  /** With an SPRT rule: 'above' or 'below' the cut, or null when undecided at the end. */
  decision: 'above' | 'below' | null;
}

/** Runs one adaptive test; `answer(itemIndex)` returns the 0/1 response. */
export function runCat(bank: readonly BankItem[], answer: (item: number) => number, options: CatOptions, rng?: Rng): CatResult {
  const given: number[] = [];
  const responses: number[] = [];
  const used = new Set<number>();
  const method = options.scoring ?? 'EAP';
  let theta = options.startTheta ?? 0;
  let se = Infinity;
  let decision: 'above' | 'below' | null = null;
  let stopReason: StopReason = 'length';
  const minItems = options.minItems ?? 1;
  const maxItems = options.blueprint ? Math.min(options.maxItems, options.blueprint.reduce((s, c) => s + c.count, 0)) : options.maxItems;
  const x = new Float64Array(bank.length).fill(-1);
  for (;;) {
    if (given.length >= maxItems) {
      stopReason = 'length';
      break;
    }
    const next = nextItem(bank, theta, used, { randomesque: options.randomesque, blueprint: options.blueprint, rng });
    if (!next) {
      stopReason = 'bank-exhausted';
      break;
    }
    const r = answer(next.item);
    given.push(next.item);
    responses.push(r);
    used.add(next.item);
    x[next.item] = r;
    // ML is undefined until both a right and a wrong answer exist; EAP bridges that start.
    const allSame = responses.every((v) => v === responses[0]);
    const est = estimateAbility(bank, x, method === 'ML' && allSame ? 'EAP' : method);
    theta = est.theta;
    se = est.se;
    if (given.length < minItems) continue;
    if (options.sprt) {
      const llr = sprtLogRatio(bank, given, responses, options.sprt);
      const upper = Math.log((1 - options.sprt.beta) / options.sprt.alpha);
      const lower = Math.log(options.sprt.beta / (1 - options.sprt.alpha));
      if (llr >= upper || llr <= lower) {
        decision = llr >= upper ? 'above' : 'below';
        stopReason = 'classified';
        break;
      }
    }
    if (options.seTarget !== undefined && se <= options.seTarget) {
      stopReason = 'se';
      break;
    }
  }
  return { items: given, responses, theta, se, stopReason, decision };
}

export interface CatSimulation {
  rmse: number;
  bias: number;
  meanLength: number;
  /** Share of simulated examinees who saw each bank item. */
  exposure: Float64Array;
  maxExposure: number;
  /** With an SPRT rule: share of correct above/below decisions among decided tests. */
  classificationAccuracy: number | null;
  results: CatResult[];
}

export function simulateCat(bank: readonly BankItem[], trueThetas: ArrayLike<number>, options: CatOptions, rng: Rng): CatSimulation {
  const results: CatResult[] = [];
  const exposure = new Float64Array(bank.length);
  let se2 = 0;
  let bias = 0;
  let len = 0;
  let decided = 0;
  let correct = 0;
  for (let p = 0; p < trueThetas.length; p++) {
    const t = trueThetas[p];
    const res = runCat(bank, (i) => (rng.uniform() < probability(bank[i], t) ? 1 : 0), options, rng);
    results.push(res);
    for (const i of res.items) exposure[i]++;
    se2 += (res.theta - t) * (res.theta - t);
    bias += res.theta - t;
    len += res.items.length;
    if (options.sprt && res.decision) {
      decided++;
      if ((res.decision === 'above') === t >= options.sprt.cut) correct++;
    }
  }
  const n = trueThetas.length;
  for (let i = 0; i < exposure.length; i++) exposure[i] /= n;
  return {
    rmse: Math.sqrt(se2 / n),
    bias: bias / n,
    meanLength: len / n,
    exposure,
    maxExposure: exposure.reduce((m, v) => Math.max(m, v), 0),
    classificationAccuracy: options.sprt ? (decided ? correct / decided : NaN) : null,
    results,
  };
}
