import type { ItemKey, ItemScoring, ItemType } from '@boiduong/shared-contracts';
import { normalizeAnswer } from './normalize';

/** What grading needs of a version: nothing framework-bound, so exams can call it anywhere. */
export interface GradableItem {
  type: ItemType;
  key: ItemKey;
  scoring: ItemScoring;
  options?: ReadonlyArray<{ id: string }>;
}

/** Credit in [0, 1]; `null` when a person must grade (essays) or the response is unusable for the type. */
export interface GradeResult {
  credit: number | null;
  manual: boolean;
}

const auto = (credit: number): GradeResult => ({ credit: Math.max(0, Math.min(1, credit)), manual: false });

/** Reads a number as learners type it: "3,5" (Vietnamese decimal comma) or "3.5", spaces ignored. */
export function parseNumericResponse(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const s = value.replace(/\s+/g, '');
  if (!/^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/.test(s)) return null;
  return Number(s.replace(',', '.'));
}

/** Short answer: equal after case/spacing normalisation, and diacritics too when the item allows it. */
export function matchesShortAnswer(response: string, accepted: readonly string[], ignoreDiacritics = false): boolean {
  const r = normalizeAnswer(response, { ignoreDiacritics });
  return r.length > 0 && accepted.some((a) => normalizeAnswer(a, { ignoreDiacritics }) === r);
}

/** Grades one response to one item version. Never throws on a malformed response: it earns 0. */
export function gradeResponse(item: GradableItem, response: unknown): GradeResult {
  switch (item.type) {
    case 'single_choice':
      return auto(typeof response === 'string' && response === item.key ? 1 : 0);
    case 'true_false':
      return auto(typeof response === 'boolean' && response === item.key ? 1 : 0);
    case 'multiple_response':
      return auto(gradeMultiple(item, response));
    case 'short_answer':
      return auto(
        typeof response === 'string' && Array.isArray(item.key) && matchesShortAnswer(response, item.key as string[], item.scoring.ignoreDiacritics) ? 1 : 0,
      );
    case 'numeric': {
      const value = parseNumericResponse(response);
      if (value === null || typeof item.key !== 'number') return auto(0);
      const tolerance = item.scoring.tolerance ?? 0;
      // A small epsilon so that 0.1 + 0.2 within a 0.3 ± 0 key still counts.
      return auto(Math.abs(value - item.key) <= tolerance + 1e-9 * Math.max(1, Math.abs(item.key)) ? 1 : 0);
    }
    case 'ordering': {
      const key = item.key as string[];
      if (!Array.isArray(response) || response.length !== key.length) return auto(0);
      return auto(key.every((id, i) => response[i] === id) ? 1 : 0);
    }
    case 'matching': {
      const pairs = item.key as Array<[string, string]>;
      const given = toPairsRecord(response);
      if (!given || pairs.length === 0) return auto(0);
      // Each correctly matched left side earns an equal share.
      const right = pairs.filter(([o, m]) => typeof given[o] === 'string' && normalizeAnswer(given[o]) === normalizeAnswer(m)).length;
      return auto(right / pairs.length);
    }
    case 'essay':
      return { credit: null, manual: true };
    default:
      return { credit: null, manual: false };
  }
}

function toPairsRecord(response: unknown): Record<string, string> | null {
  if (Array.isArray(response)) {
    const out: Record<string, string> = {};
    for (const p of response) if (Array.isArray(p) && typeof p[0] === 'string' && typeof p[1] === 'string') out[p[0]] = p[1];
    return out;
  }
  if (response && typeof response === 'object') return response as Record<string, string>;
  return null;
}

function gradeMultiple(item: GradableItem, response: unknown): number {
  if (!Array.isArray(response) || !response.every((r) => typeof r === 'string')) return 0;
  const key = new Set(item.key as string[]);
  const chosen = new Set(response as string[]);
  const right = [...chosen].filter((c) => key.has(c)).length;
  const wrong = chosen.size - right;
  switch (item.scoring.partialCredit ?? 'all_or_nothing') {
    case 'all_or_nothing':
      return right === key.size && wrong === 0 ? 1 : 0;
    case 'proportional': {
      // Right choices earn a share of the key; any wrong choice voids the item, so "tick all" gains nothing.
      return wrong > 0 ? 0 : right / key.size;
    }
    case 'right_minus_wrong': {
      // Each wrong choice cancels one right one (floored at 0); the distractor count sets the penalty share.
      const distractors = Math.max(1, (item.options?.length ?? key.size + 1) - key.size);
      return right / key.size - wrong / distractors;
    }
    default:
      return 0;
  }
}
