import type { RubricCriterion } from '@boiduong/shared-contracts';

export type { RubricCriterion };

/**
 * The rubric an essay is graded with: the item version's own, or, when the bank has none, a
 * single overall criterion worth the item's points in the exam.
 */
export function rubricOf(scoring: unknown, itemPoints: number): RubricCriterion[] {
  const rubric = (scoring as { rubric?: unknown } | null)?.rubric;
  const valid = Array.isArray(rubric)
    ? rubric.filter((r): r is RubricCriterion => !!r && typeof r.criterion === 'string' && typeof r.points === 'number' && r.points > 0)
    : [];
  return valid.length ? valid : [{ criterion: '', points: itemPoints }];
}

export type RubricScoreProblem = { kind: 'count'; expected: number; given: number } | { kind: 'range'; index: number; max: number; given: number };

/**
 * Checks one score per criterion (0 to the criterion's points, at most two decimals) and gives
 * the credit in [0, 1]: the share of the rubric's points earned.
 */
export function creditFromRubric(rubric: readonly RubricCriterion[], scores: readonly number[]): { credit: number } | { problem: RubricScoreProblem } {
  if (scores.length !== rubric.length) return { problem: { kind: 'count', expected: rubric.length, given: scores.length } };
  let earned = 0;
  let total = 0;
  for (let i = 0; i < rubric.length; i++) {
    const s = scores[i];
    if (!Number.isFinite(s) || s < 0 || s > rubric[i].points || Math.abs(Math.round(s * 100) - s * 100) > 1e-6) {
      return { problem: { kind: 'range', index: i, max: rubric[i].points, given: s } };
    }
    earned += s;
    total += rubric[i].points;
  }
  return { credit: Math.round((earned / total) * 100_000) / 100_000 };
}
