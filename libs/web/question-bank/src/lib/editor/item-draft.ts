import {
  COGNITIVE_LEVELS,
  type CognitiveLevel,
  type ItemKey,
  type ItemScoring,
  type ItemSource,
  type ItemType,
  type ItemVersionView,
  type PartialCreditRule,
} from '@boiduong/shared-contracts';

/** Limits the API enforces (libs/api/question-bank: item-content.ts and item.dto.ts). */
export const LIMITS = {
  stem: 10_000,
  option: 4_000,
  options: 50,
  topicMin: 2,
  topic: 200,
  explanation: 20_000,
  tags: 30,
  tag: 60,
  programs: 20,
  program: 100,
  seconds: 36_000,
  sourceMin: 3,
  source: 500,
  article: 200,
  url: 1000,
} as const;

/** Types whose answer is chosen among options (options are listed and keyed). */
export const OPTION_TYPES: readonly ItemType[] = ['single_choice', 'multiple_response', 'matching', 'ordering'];

export interface DraftOption {
  /** Kept across edits (the key and past responses name it); new options get the next free id. */
  id: string;
  text: string;
  /** Single choice and multiple response. */
  correct: boolean;
  /** Matching: the text this option is matched with. */
  match: string;
}

export interface DraftCriterion {
  criterion: string;
  points: string;
}

/** What the authoring form edits: strings as typed, turned into the API's shape by `toRequest`. */
export interface ItemDraft {
  type: ItemType;
  stem: string;
  /** Ordering: the order here is the right order. */
  options: DraftOption[];
  trueFalse: boolean | null;
  /** Short answer: one accepted answer per line. */
  accepted: string;
  ignoreDiacritics: boolean;
  numeric: string;
  tolerance: string;
  partialCredit: PartialCreditRule;
  rubric: DraftCriterion[];
  explanation: string;
  topic: string;
  level: CognitiveLevel;
  /** Comma-separated. */
  tags: string;
  programIds: string;
  estimatedSeconds: string;
  sourceDocument: string;
  sourceArticle: string;
  sourceUrl: string;
}

/** The body of `POST /items` (and, without `type`, of `PATCH /items/:id`). */
export interface ItemRequest {
  type: ItemType;
  stem: string;
  options: Array<{ id: string; text: string }>;
  key: ItemKey;
  scoring: ItemScoring;
  explanation?: string;
  topic: string;
  level: CognitiveLevel;
  programIds: string[];
  tags: string[];
  estimatedSeconds?: number;
  source?: ItemSource;
}

export interface DraftProblem {
  /** The API's field name, so a server error and a client one point at the same place. */
  field: string;
  /** Translation key under `questionBank.validation`. */
  key: string;
  params?: Record<string, number | string>;
}

/** Option ids a, b, ... z, aa, ab ... as the API generates them. */
export function optionId(index: number): string {
  let n = index;
  let id = '';
  do {
    id = String.fromCharCode(97 + (n % 26)) + id;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return id;
}

export function nextOptionId(options: readonly DraftOption[]): string {
  const used = new Set(options.map((o) => o.id));
  let i = 0;
  while (used.has(optionId(i))) i++;
  return optionId(i);
}

export function newOption(options: readonly DraftOption[]): DraftOption {
  return { id: nextOptionId(options), text: '', correct: false, match: '' };
}

function blankOptions(count: number): DraftOption[] {
  const options: DraftOption[] = [];
  for (let i = 0; i < count; i++) options.push(newOption(options));
  return options;
}

export function emptyDraft(type: ItemType = 'single_choice'): ItemDraft {
  return {
    type,
    stem: '',
    options: OPTION_TYPES.includes(type) ? blankOptions(type === 'matching' || type === 'ordering' ? 3 : 4) : [],
    trueFalse: null,
    accepted: '',
    ignoreDiacritics: false,
    numeric: '',
    tolerance: '0',
    partialCredit: 'all_or_nothing',
    rubric: type === 'essay' ? [{ criterion: '', points: '' }] : [],
    explanation: '',
    topic: '',
    level: COGNITIVE_LEVELS[0],
    tags: '',
    programIds: '',
    estimatedSeconds: '',
    sourceDocument: '',
    sourceArticle: '',
    sourceUrl: '',
  };
}

/** Switching type keeps what both types share (stem, metadata, option texts where they apply). */
export function changeType(draft: ItemDraft, type: ItemType): ItemDraft {
  const fresh = emptyDraft(type);
  const keepOptions = OPTION_TYPES.includes(type) && draft.options.length >= 2;
  return {
    ...fresh,
    stem: draft.stem,
    explanation: draft.explanation,
    topic: draft.topic,
    level: draft.level,
    tags: draft.tags,
    programIds: draft.programIds,
    estimatedSeconds: draft.estimatedSeconds,
    sourceDocument: draft.sourceDocument,
    sourceArticle: draft.sourceArticle,
    sourceUrl: draft.sourceUrl,
    options: keepOptions ? draft.options.map((o) => ({ ...o, correct: false, match: '' })) : fresh.options,
  };
}

/** Loads a version into the form. */
export function draftFromVersion(v: ItemVersionView): ItemDraft {
  const draft = emptyDraft(v.type);
  const key = v.key;
  const keyIds = new Set(typeof key === 'string' ? [key] : Array.isArray(key) && v.type === 'multiple_response' ? (key as string[]) : []);
  const matches = new Map(v.type === 'matching' && Array.isArray(key) ? (key as Array<[string, string]>) : []);
  let options = v.options.map((o) => ({ id: o.id, text: o.text, correct: keyIds.has(o.id), match: matches.get(o.id) ?? '' }));
  if (v.type === 'ordering' && Array.isArray(key)) {
    const rank = new Map((key as string[]).map((id, i) => [id, i]));
    options = [...options].sort((a, b) => (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0));
  }
  return {
    ...draft,
    stem: v.stem,
    options,
    trueFalse: typeof key === 'boolean' ? key : null,
    accepted: v.type === 'short_answer' && Array.isArray(key) ? (key as string[]).join('\n') : '',
    ignoreDiacritics: v.scoring.ignoreDiacritics ?? false,
    numeric: typeof key === 'number' ? String(key) : '',
    tolerance: String(v.scoring.tolerance ?? 0),
    partialCredit: v.scoring.partialCredit ?? 'all_or_nothing',
    rubric: (v.scoring.rubric ?? []).map((r) => ({ criterion: r.criterion, points: String(r.points) })),
    explanation: v.explanation ?? '',
    topic: v.topic,
    level: v.level,
    tags: v.tags.join(', '),
    programIds: v.programIds.join(', '),
    estimatedSeconds: v.estimatedSeconds === null ? '' : String(v.estimatedSeconds),
    sourceDocument: v.source?.document ?? '',
    sourceArticle: v.source?.article ?? '',
    sourceUrl: v.source?.url ?? '',
  };
}

function list(text: string): string[] {
  return [...new Set(text.split(',').map((t) => t.trim()).filter(Boolean))];
}

/** Rich text without its tags and with the entities sanitizing writes decoded, as the API reads it. */
export function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

function normalized(text: string): string {
  return plainText(text).normalize('NFC').toLocaleLowerCase('vi');
}

function parseNumber(text: string): number | null {
  const t = text.trim().replace(',', '.');
  if (t === '' || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return null;
  return Number(t);
}

/** Every problem the API would answer 422 or 400 for, checked before sending. */
export function validateDraft(d: ItemDraft): DraftProblem[] {
  const problems: DraftProblem[] = [];
  const add = (field: string, key: string, params?: Record<string, number | string>) => problems.push({ field, key, params });
  if (!plainText(d.stem) && !/<img/i.test(d.stem)) add('stem', 'stemRequired');
  if (d.stem.length > LIMITS.stem) add('stem', 'stemTooLong', { max: LIMITS.stem });

  if (OPTION_TYPES.includes(d.type)) {
    if (d.options.length < 2) add('options', 'twoOptions');
    if (d.options.length > LIMITS.options) add('options', 'tooManyOptions', { max: LIMITS.options });
    d.options.forEach((o, i) => {
      if (!plainText(o.text) && !/<img/i.test(o.text)) add(`options[${i}].text`, 'optionRequired', { n: i + 1 });
      if (o.text.length > LIMITS.option) add(`options[${i}].text`, 'optionTooLong', { n: i + 1, max: LIMITS.option });
    });
    if (d.type !== 'matching') {
      const texts = d.options.map((o) => normalized(o.text)).filter(Boolean);
      if (new Set(texts).size !== texts.length) add('options', 'duplicateOptions');
    }
  }
  switch (d.type) {
    case 'single_choice': {
      const correct = d.options.filter((o) => o.correct).length;
      if (correct !== 1) add('key', 'oneCorrect');
      break;
    }
    case 'multiple_response':
      if (!d.options.some((o) => o.correct)) add('key', 'someCorrect');
      break;
    case 'true_false':
      if (d.trueFalse === null) add('key', 'trueFalseRequired');
      break;
    case 'short_answer':
      if (!d.accepted.split('\n').some((a) => a.trim())) add('key', 'acceptedRequired');
      break;
    case 'matching':
      d.options.forEach((o, i) => {
        if (!o.match.trim()) add(`key[${i}]`, 'matchRequired', { n: i + 1 });
      });
      break;
    case 'numeric': {
      if (parseNumber(d.numeric) === null) add('key', 'numberRequired');
      const tolerance = parseNumber(d.tolerance);
      if (d.tolerance.trim() !== '' && (tolerance === null || tolerance < 0)) add('scoring.tolerance', 'toleranceInvalid');
      break;
    }
    case 'essay':
      d.rubric.forEach((r, i) => {
        const points = parseNumber(r.points);
        if (!r.criterion.trim() || points === null || points <= 0) add(`scoring.rubric[${i}]`, 'rubricInvalid', { n: i + 1 });
      });
      break;
    default:
      break;
  }

  const topic = d.topic.trim();
  if (topic.length < LIMITS.topicMin || topic.length > LIMITS.topic) add('topic', 'topicLength', { min: LIMITS.topicMin, max: LIMITS.topic });
  if (d.explanation.length > LIMITS.explanation) add('explanation', 'explanationTooLong', { max: LIMITS.explanation });
  const tags = list(d.tags);
  if (tags.length > LIMITS.tags || tags.some((t) => t.length > LIMITS.tag)) add('tags', 'tagsInvalid', { count: LIMITS.tags, max: LIMITS.tag });
  const programs = list(d.programIds);
  if (programs.length > LIMITS.programs || programs.some((p) => p.length > LIMITS.program)) {
    add('programIds', 'programsInvalid', { count: LIMITS.programs, max: LIMITS.program });
  }
  if (d.estimatedSeconds.trim()) {
    const s = Number(d.estimatedSeconds.trim());
    if (!/^\d+$/.test(d.estimatedSeconds.trim()) || s < 1 || s > LIMITS.seconds) add('estimatedSeconds', 'secondsInvalid', { max: LIMITS.seconds });
  }
  const document = d.sourceDocument.trim();
  if (document && (document.length < LIMITS.sourceMin || document.length > LIMITS.source)) {
    add('source.document', 'sourceLength', { min: LIMITS.sourceMin, max: LIMITS.source });
  }
  if (!document && (d.sourceArticle.trim() || d.sourceUrl.trim())) add('source.document', 'sourceDocumentRequired');
  if (d.sourceArticle.trim().length > LIMITS.article) add('source.article', 'articleTooLong', { max: LIMITS.article });
  if (d.sourceUrl.trim().length > LIMITS.url) add('source.url', 'urlTooLong', { max: LIMITS.url });
  return problems;
}

function keyOf(d: ItemDraft): ItemKey {
  switch (d.type) {
    case 'single_choice':
      return d.options.find((o) => o.correct)?.id ?? null;
    case 'multiple_response':
      return d.options.filter((o) => o.correct).map((o) => o.id);
    case 'true_false':
      return d.trueFalse;
    case 'short_answer':
      return [...new Set(d.accepted.split('\n').map((a) => a.trim()).filter(Boolean))];
    case 'matching':
      return d.options.map((o) => [o.id, o.match.trim()] as [string, string]);
    case 'ordering':
      return d.options.map((o) => o.id);
    case 'numeric':
      return parseNumber(d.numeric);
    case 'essay':
      return null;
  }
}

function scoringOf(d: ItemDraft): ItemScoring {
  switch (d.type) {
    case 'multiple_response':
      return { partialCredit: d.partialCredit };
    case 'short_answer':
      return { ignoreDiacritics: d.ignoreDiacritics };
    case 'numeric':
      return { tolerance: parseNumber(d.tolerance) ?? 0 };
    case 'essay':
      return { rubric: d.rubric.map((r) => ({ criterion: r.criterion.trim(), points: parseNumber(r.points) ?? 0 })) };
    default:
      return {};
  }
}

/** The API's request for a valid draft (run `validateDraft` first). */
export function toRequest(d: ItemDraft): ItemRequest {
  const request: ItemRequest = {
    type: d.type,
    stem: d.stem.trim(),
    options: OPTION_TYPES.includes(d.type) ? d.options.map((o) => ({ id: o.id, text: o.text.trim() })) : [],
    key: keyOf(d),
    scoring: scoringOf(d),
    topic: d.topic.trim(),
    level: d.level,
    programIds: list(d.programIds),
    tags: list(d.tags),
  };
  if (d.explanation.trim()) request.explanation = d.explanation.trim();
  if (d.estimatedSeconds.trim()) request.estimatedSeconds = Number(d.estimatedSeconds.trim());
  if (d.sourceDocument.trim()) {
    request.source = { document: d.sourceDocument.trim() };
    if (d.sourceArticle.trim()) request.source.article = d.sourceArticle.trim();
    if (d.sourceUrl.trim()) request.source.url = d.sourceUrl.trim();
  }
  return request;
}
