import type { CognitiveLevel, ItemKey, ItemOption, ItemScoring, ItemSource, ItemType } from '@boiduong/shared-contracts';
import { COGNITIVE_LEVELS, ITEM_TYPES, PARTIAL_CREDIT_RULES } from '@boiduong/shared-contracts';
import { htmlToText, normalizeSpacingAndCase } from './normalize';
import { sanitizeRichText } from './sanitize';

/** Largest stem, in characters of sanitized rich text (images as data URIs count). */
export const STEM_MAX_LENGTH = 10_000;
export const OPTION_MAX_LENGTH = 4_000;

/** Everything a version holds that authors write; the unit of hashing and of import/export. */
export interface ItemContent {
  type: ItemType;
  stem: string;
  options: ItemOption[];
  key: ItemKey;
  scoring: ItemScoring;
  explanation?: string | null;
  topic: string;
  level: CognitiveLevel;
  programIds: string[];
  tags: string[];
  estimatedSeconds?: number | null;
  source?: ItemSource | null;
}

/** Input as it comes from a form, a file or the API: option ids may be missing, fields may be loose. */
export interface ItemContentInput {
  type: string;
  stem: string;
  options?: Array<{ id?: string; text: string }>;
  key?: unknown;
  scoring?: ItemScoring;
  explanation?: string | null;
  topic: string;
  level: string;
  programIds?: string[];
  tags?: string[];
  estimatedSeconds?: number | null;
  source?: ItemSource | null;
}

export type ContentProblemCode =
  | 'ITEM_KEY_UNKNOWN_OPTION'
  | 'ITEM_NO_CORRECT_ANSWER'
  | 'ITEM_DUPLICATE_OPTIONS'
  | 'ITEM_STEM_TOO_LONG'
  | 'ITEM_CONTENT_INVALID';

export interface ContentProblem {
  code: ContentProblemCode;
  field: string;
  message: string;
}

const CHOICE_TYPES: ReadonlySet<ItemType> = new Set(['single_choice', 'multiple_response', 'matching', 'ordering']);
const OPTION_ID = /^[A-Za-z0-9_-]{1,16}$/;

/** Option ids a, b, c, ... z, aa, ab ... (stable and short, as authors write them). */
export function generatedOptionId(index: number): string {
  let n = index;
  let id = '';
  do {
    id = String.fromCharCode(97 + (n % 26)) + id;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return id;
}

/**
 * Sanitizes and validates one item's content. Never throws: returns the cleaned content and
 * every problem found, each naming its field, so that APIs answer 422 and imports report per item.
 */
export function prepareContent(input: ItemContentInput): { content: ItemContent; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  const add = (code: ContentProblemCode, field: string, message: string) => problems.push({ code, field, message });
  const type = input.type as ItemType;
  if (!ITEM_TYPES.includes(type)) add('ITEM_CONTENT_INVALID', 'type', `unknown item type "${input.type}"`);
  const level = input.level as CognitiveLevel;
  if (!COGNITIVE_LEVELS.includes(level)) add('ITEM_CONTENT_INVALID', 'level', `unknown cognitive level "${input.level}"`);

  const stem = sanitizeRichText(String(input.stem ?? ''));
  if (htmlToText(stem).trim().length === 0) add('ITEM_CONTENT_INVALID', 'stem', 'the stem is empty');
  if (stem.length > STEM_MAX_LENGTH) add('ITEM_STEM_TOO_LONG', 'stem', `the stem exceeds ${STEM_MAX_LENGTH} characters`);

  const rawOptions = input.options ?? [];
  const usedIds = new Set(rawOptions.map((o) => o.id).filter((id): id is string => !!id));
  let next = 0;
  const options: ItemOption[] = rawOptions.map((o, i) => {
    let id = o.id;
    if (!id) {
      do id = generatedOptionId(next++);
      while (usedIds.has(id));
      usedIds.add(id);
    } else if (!OPTION_ID.test(id)) add('ITEM_CONTENT_INVALID', `options[${i}].id`, 'option ids hold 1-16 letters, digits, "_" or "-"');
    const text = sanitizeRichText(String(o.text ?? ''));
    if (text.length === 0 && !/<img/i.test(String(o.text ?? ''))) add('ITEM_CONTENT_INVALID', `options[${i}].text`, 'the option is empty');
    if (text.length > OPTION_MAX_LENGTH) add('ITEM_CONTENT_INVALID', `options[${i}].text`, `the option exceeds ${OPTION_MAX_LENGTH} characters`);
    return { id, text };
  });
  const ids = options.map((o) => o.id);
  if (new Set(ids).size !== ids.length) add('ITEM_DUPLICATE_OPTIONS', 'options', 'two options share an id');
  const texts = options.map((o) => normalizeSpacingAndCase(htmlToText(o.text)));
  if (type !== 'matching' && new Set(texts).size !== texts.length) add('ITEM_DUPLICATE_OPTIONS', 'options', 'two options have the same text');

  if (CHOICE_TYPES.has(type) && options.length < 2) add('ITEM_CONTENT_INVALID', 'options', 'at least two options are needed');
  if (!CHOICE_TYPES.has(type) && options.length > 0 && ITEM_TYPES.includes(type)) add('ITEM_CONTENT_INVALID', 'options', `a ${type} item has no options`);

  const scoring: ItemScoring = { ...(input.scoring ?? {}) };
  const key = validateKey(type, input.key, new Set(ids), scoring, add);

  const topic = String(input.topic ?? '').trim();
  if (topic.length < 2 || topic.length > 200) add('ITEM_CONTENT_INVALID', 'topic', 'the topic needs 2-200 characters');
  const explanation = input.explanation ? sanitizeRichText(input.explanation) : null;
  const estimatedSeconds = input.estimatedSeconds ?? null;
  if (estimatedSeconds !== null && (!Number.isInteger(estimatedSeconds) || estimatedSeconds <= 0 || estimatedSeconds > 36_000)) {
    add('ITEM_CONTENT_INVALID', 'estimatedSeconds', 'the estimated time is a positive whole number of seconds');
  }
  const source = input.source ? cleanSource(input.source) : null;
  return {
    content: {
      type,
      stem,
      options,
      key,
      scoring,
      explanation,
      topic,
      level,
      programIds: unique(input.programIds ?? []),
      tags: unique((input.tags ?? []).map((t) => t.trim()).filter(Boolean)),
      estimatedSeconds,
      source,
    },
    problems,
  };
}

function cleanSource(s: ItemSource): ItemSource {
  const out: ItemSource = { document: s.document.trim() };
  if (s.article) out.article = s.article.trim();
  if (s.url) out.url = s.url.trim();
  return out;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function validateKey(
  type: ItemType,
  key: unknown,
  ids: ReadonlySet<string>,
  scoring: ItemScoring,
  add: (code: ContentProblemCode, field: string, message: string) => void,
): ItemKey {
  switch (type) {
    case 'single_choice': {
      if (typeof key !== 'string' || key === '') {
        add('ITEM_NO_CORRECT_ANSWER', 'key', 'a single-choice item needs the id of its correct option');
        return null;
      }
      if (!ids.has(key)) add('ITEM_KEY_UNKNOWN_OPTION', 'key', `the key "${key}" matches no option`);
      return key;
    }
    case 'multiple_response': {
      if (!Array.isArray(key) || key.length === 0 || !key.every((k) => typeof k === 'string')) {
        add('ITEM_NO_CORRECT_ANSWER', 'key', 'a multiple-response item needs at least one correct option id');
        return [];
      }
      const unknown = key.filter((k) => !ids.has(k));
      if (unknown.length) add('ITEM_KEY_UNKNOWN_OPTION', 'key', `the key names unknown options: ${unknown.join(', ')}`);
      if (new Set(key).size !== key.length) add('ITEM_CONTENT_INVALID', 'key', 'the key repeats an option');
      if (scoring.partialCredit !== undefined && !PARTIAL_CREDIT_RULES.includes(scoring.partialCredit)) {
        add('ITEM_CONTENT_INVALID', 'scoring.partialCredit', `unknown partial-credit rule "${scoring.partialCredit}"`);
      }
      scoring.partialCredit ??= 'all_or_nothing';
      return [...(key as string[])].sort();
    }
    case 'true_false':
      if (typeof key !== 'boolean') {
        add('ITEM_NO_CORRECT_ANSWER', 'key', 'a true/false item needs true or false as its key');
        return null;
      }
      return key;
    case 'short_answer': {
      const accepted = Array.isArray(key) ? key : typeof key === 'string' ? [key] : [];
      const clean = accepted.filter((a): a is string => typeof a === 'string').map((a) => a.trim()).filter(Boolean);
      if (clean.length === 0) add('ITEM_NO_CORRECT_ANSWER', 'key', 'a short-answer item needs at least one accepted answer');
      scoring.ignoreDiacritics ??= false;
      return unique(clean);
    }
    case 'matching': {
      if (!Array.isArray(key) || key.length === 0) {
        add('ITEM_NO_CORRECT_ANSWER', 'key', 'a matching item needs its [optionId, match] pairs');
        return [];
      }
      const pairs = key.filter((p): p is [string, string] => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string' && typeof p[1] === 'string');
      if (pairs.length !== key.length) add('ITEM_CONTENT_INVALID', 'key', 'each pair is [optionId, matchText]');
      const unknown = pairs.filter(([o]) => !ids.has(o)).map(([o]) => o);
      if (unknown.length) add('ITEM_KEY_UNKNOWN_OPTION', 'key', `the key names unknown options: ${unknown.join(', ')}`);
      if (pairs.some(([, m]) => !m.trim())) add('ITEM_NO_CORRECT_ANSWER', 'key', 'an option has an empty match');
      const left = pairs.map(([o]) => o);
      if (new Set(left).size !== left.length || left.length !== ids.size) add('ITEM_CONTENT_INVALID', 'key', 'every option is matched exactly once');
      return pairs.map(([o, m]) => [o, m.trim()] as [string, string]);
    }
    case 'ordering': {
      if (!Array.isArray(key) || key.length === 0) {
        add('ITEM_NO_CORRECT_ANSWER', 'key', 'an ordering item needs its option ids in the right order');
        return [];
      }
      const unknown = key.filter((k) => typeof k !== 'string' || !ids.has(k));
      if (unknown.length) add('ITEM_KEY_UNKNOWN_OPTION', 'key', `the key names unknown options: ${unknown.join(', ')}`);
      if (new Set(key).size !== key.length || key.length !== ids.size) add('ITEM_CONTENT_INVALID', 'key', 'the key lists every option exactly once');
      return key as string[];
    }
    case 'numeric': {
      // Also accepted: { value, tolerance } (the bank files' form).
      if (key && typeof key === 'object' && !Array.isArray(key) && 'value' in key) {
        const k = key as { value: unknown; tolerance?: unknown };
        if (typeof k.tolerance === 'number') scoring.tolerance = k.tolerance;
        key = k.value;
      }
      if (typeof key !== 'number' || !Number.isFinite(key)) {
        add('ITEM_NO_CORRECT_ANSWER', 'key', 'a numeric item needs a number as its key');
        return null;
      }
      const tolerance = scoring.tolerance ?? 0;
      if (!Number.isFinite(tolerance) || tolerance < 0) add('ITEM_CONTENT_INVALID', 'scoring.tolerance', 'the tolerance is a number of at least 0');
      scoring.tolerance = tolerance;
      return key;
    }
    case 'essay': {
      if (key !== undefined && key !== null) add('ITEM_CONTENT_INVALID', 'key', 'an essay item has no key (it is graded with its rubric)');
      const rubric = scoring.rubric ?? [];
      if (!Array.isArray(rubric) || rubric.some((r) => !r || typeof r.criterion !== 'string' || !(r.points > 0))) {
        add('ITEM_CONTENT_INVALID', 'scoring.rubric', 'each rubric criterion has a text and positive points');
      }
      return null;
    }
    default:
      return null;
  }
}
