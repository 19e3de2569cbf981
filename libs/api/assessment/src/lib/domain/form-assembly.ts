import { shuffled } from './rng';

export type CognitiveLevel = 'recognition' | 'comprehension' | 'application' | 'high_application';

/** One row of the test matrix (ma trận đề): how many items of a topic at a level, and their points. */
export interface BlueprintRow {
  topic: string;
  level: CognitiveLevel;
  count: number;
  /** Points for each item of the row. */
  points: number;
}

export interface PoolItem {
  itemId: string;
  versionId: string;
  topic: string;
  level: CognitiveLevel;
  /** How many earlier attempts of this learner showed the item. */
  seenByLearner: number;
  /** How many attempts in all showed it (exposure control). */
  exposure: number;
  /** Option ids, for choice and ordering items whose options are shuffled per attempt. */
  optionIds?: readonly string[];
  /** The 2PL difficulty (b) of this item version from the latest calibration, when there is one. */
  difficulty?: number;
}

export interface FormItem {
  itemId: string;
  versionId: string;
  points: number;
  /** The order options are shown in for this attempt (recorded, so review shows the same). */
  optionOrder?: string[];
}

export interface ShortCell {
  topic: string;
  level: CognitiveLevel;
  needed: number;
  available: number;
}

const cellKey = (topic: string, level: string) => `${topic}\u0000${level}`;

/** The cells the pool cannot fill: a blueprint is valid when this is empty. */
export function shortCells(blueprint: readonly BlueprintRow[], pool: readonly Pick<PoolItem, 'topic' | 'level'>[]): ShortCell[] {
  const available = new Map<string, number>();
  for (const item of pool) available.set(cellKey(item.topic, item.level), (available.get(cellKey(item.topic, item.level)) ?? 0) + 1);
  const needed = new Map<string, { row: BlueprintRow; count: number }>();
  for (const row of blueprint) {
    const key = cellKey(row.topic, row.level);
    needed.set(key, { row, count: (needed.get(key)?.count ?? 0) + row.count });
  }
  return [...needed.entries()]
    .map(([key, { row, count }]) => ({ topic: row.topic, level: row.level, needed: count, available: available.get(key) ?? 0 }))
    .filter((c) => c.available < c.needed);
}

/**
 * Stratified selection for one attempt: per blueprint row, the items this learner has seen
 * least, then the least exposed overall, ties broken at random; the form's order and each
 * item's option order are shuffled when asked. Throws when a cell is short (callers validate
 * the blueprint with `shortCells` first and answer 422).
 *
 * When every candidate the choice falls among is calibrated (has a 2PL difficulty), the choice
 * is b-stratified: the candidates are ordered by difficulty and cut into as many strata as items
 * are needed, one item per stratum. Each form then spreads over the cell's difficulty range the
 * way the pool does, so two learners' forms match in difficulty (and, with it, in where they
 * measure best) instead of one drawing all the hard items by chance.
 */
export function assembleForm(
  blueprint: readonly BlueprintRow[],
  pool: readonly PoolItem[],
  random: () => number,
  options: { shuffleItems?: boolean; shuffleOptions?: boolean } = {},
): FormItem[] {
  const short = shortCells(blueprint, pool);
  if (short.length > 0) throw new Error(`Blueprint cells short of items: ${short.map((c) => `${c.topic}/${c.level}`).join(', ')}`);
  const byCell = new Map<string, PoolItem[]>();
  for (const item of pool) {
    const key = cellKey(item.topic, item.level);
    const list = byCell.get(key) ?? [];
    list.push(item);
    byCell.set(key, list);
  }
  const taken = new Set<string>();
  const form: FormItem[] = [];
  for (const row of blueprint) {
    // Shuffle first so that the stable sorts below break ties at random.
    const candidates = shuffled(byCell.get(cellKey(row.topic, row.level)) ?? [], random)
      .filter((i) => !taken.has(i.itemId))
      .sort((a, b) => a.seenByLearner - b.seenByLearner);
    for (const item of pickLeastSeen(candidates, row.count, random)) {
      taken.add(item.itemId);
      form.push({
        itemId: item.itemId,
        versionId: item.versionId,
        points: row.points,
        ...(item.optionIds ? { optionOrder: options.shuffleOptions ? shuffled(item.optionIds, random) : [...item.optionIds] } : {}),
      });
    }
  }
  return options.shuffleItems ? shuffled(form, random) : form;
}

/**
 * `count` items from candidates sorted by how often the learner saw them: whole tiers of equally
 * seen items while they fit, then a choice within the first tier that does not.
 */
function pickLeastSeen(candidates: readonly PoolItem[], count: number, random: () => number): PoolItem[] {
  const chosen: PoolItem[] = [];
  for (let start = 0; start < candidates.length && chosen.length < count; ) {
    let end = start;
    while (end < candidates.length && candidates[end].seenByLearner === candidates[start].seenByLearner) end++;
    const tier = candidates.slice(start, end);
    const need = count - chosen.length;
    chosen.push(...(tier.length <= need ? tier : pickWithinTier(tier, need, random)));
    start = end;
  }
  return chosen;
}

function pickWithinTier(tier: readonly PoolItem[], need: number, random: () => number): PoolItem[] {
  const leastExposed = (items: readonly PoolItem[]) => shuffled(items, random).sort((a, b) => a.exposure - b.exposure);
  if (!tier.every((i) => i.difficulty !== undefined && Number.isFinite(i.difficulty))) return leastExposed(tier).slice(0, need);
  const byDifficulty = [...tier].sort((a, b) => (a.difficulty as number) - (b.difficulty as number));
  const picked: PoolItem[] = [];
  for (let s = 0; s < need; s++) {
    const stratum = byDifficulty.slice(Math.floor((s * byDifficulty.length) / need), Math.floor(((s + 1) * byDifficulty.length) / need));
    picked.push(leastExposed(stratum)[0]);
  }
  return picked;
}
