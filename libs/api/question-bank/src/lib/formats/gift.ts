import type { ItemContent, ItemContentInput } from '../content/item-content';
import type { ParsedItem, ParseProblem, ParseResult } from './parsed-item';

/**
 * GIFT as documented by Moodle: `//` comments, `$CATEGORY:` lines, `::title::`, `[html]` and other
 * format markers, escapes `\~ \= \# \{ \} \:`, answer feedback `#`, general feedback `####`,
 * weights `%50%`, true/false, short answer, numeric (`#5:1`, `#1..5`), matching (`=a -> b`),
 * essay `{}`, multiple answers with weights. Never throws: every problem carries its line.
 */

export interface GiftDefaults {
  topic?: string;
  level?: string;
}

const ESCAPABLE = '~=#{}:';
const PLACEHOLDER = (c: string) => `\uE000${ESCAPABLE.indexOf(c)}\uE000`;

/** Replaces escaped specials with placeholders so that splitting never sees them. */
function protect(text: string): string {
  return text.replace(/\\([~=#{}:])/g, (_, c: string) => PLACEHOLDER(c)).replace(/\\n/g, '\n');
}

function restore(text: string): string {
  return text.replace(/\uE000(\d)\uE000/g, (_, i: string) => ESCAPABLE[Number(i)]);
}

export function escapeGift(text: string): string {
  return text.replace(/([~=#{}:])/g, '\\$1').replace(/\n/g, '\\n');
}

interface Answer {
  mark: '=' | '~';
  weight: number | null;
  text: string;
  feedback: string | null;
}

export function parseGift(source: string, defaults: GiftDefaults = {}): ParseResult {
  const items: ParsedItem[] = [];
  const problems: ParseProblem[] = [];
  let topic = defaults.topic ?? 'Chưa phân loại';
  const lines = source.replace(/^\uFEFF/, '').split(/\r?\n/);
  let block: string[] = [];
  let blockStart = 0;
  const flush = () => {
    if (block.length === 0) return;
    const text = block.join('\n');
    try {
      const r = parseQuestion(protect(text), blockStart, topic, defaults.level ?? 'recognition');
      if ('message' in r) problems.push(r);
      else items.push(r);
    } catch (e) {
      problems.push({ line: blockStart, message: `unreadable question: ${e instanceof Error ? e.message : String(e)}` });
    }
    block = [];
  };
  lines.forEach((raw, i) => {
    const lineNo = i + 1;
    const trimmed = raw.trim();
    if (trimmed.startsWith('//')) return;
    if (trimmed.startsWith('$CATEGORY:')) {
      flush();
      const path = trimmed.slice('$CATEGORY:'.length).trim();
      const last = path.split('/').filter(Boolean).pop() ?? '';
      if (!last || last === '$course$' || last === 'top') problems.push({ line: lineNo, message: 'the category has no name' });
      else topic = last;
      return;
    }
    if (trimmed === '') {
      // A blank line ends a question unless its answer braces are still open.
      if (block.length && !openBrace(block.join('\n'))) flush();
      else if (block.length) block.push('');
      return;
    }
    if (block.length === 0) blockStart = lineNo;
    block.push(raw);
  });
  flush();
  return { items, problems };
}

function openBrace(text: string): boolean {
  const p = protect(text);
  return (p.match(/{/g)?.length ?? 0) > (p.match(/}/g)?.length ?? 0);
}

function parseQuestion(text: string, line: number, topic: string, level: string): ParsedItem | ParseProblem {
  let body = text.trim();
  let ref: string | undefined;
  const title = /^::([\s\S]*?)::/.exec(body);
  if (title) {
    ref = restore(title[1]).trim() || undefined;
    body = body.slice(title[0].length).trim();
  }
  body = body.replace(/^\[(html|moodle|plain|markdown)\]/, '').trim();
  const open = body.indexOf('{');
  const close = body.lastIndexOf('}');
  if (open < 0 || close < 0) return { line, message: 'no answer block {…} was found' };
  if (close < open || body.indexOf('{', open + 1) >= 0 && body.indexOf('{', open + 1) < close) return { line, message: 'the answer braces are unbalanced' };
  const before = body.slice(0, open).trim();
  const after = body.slice(close + 1).trim();
  const stem = restore(after ? `${before} _____ ${after}` : before).replace(/\n/g, ' ').trim();
  if (!stem) return { line, message: 'the question has no text' };
  let answerText = body.slice(open + 1, close).trim();
  let explanation: string | null = null;
  const general = answerText.indexOf('####');
  if (general >= 0) {
    explanation = restore(answerText.slice(general + 4)).trim() || null;
    answerText = answerText.slice(0, general).trim();
  }
  const base = { stem, topic, level, explanation, ...(ref ? {} : {}) };
  const make = (input: Omit<ItemContentInput, 'topic' | 'level' | 'stem'>): ParsedItem => ({ line, ref, input: { ...base, ...input } });

  if (answerText === '') return make({ type: 'essay', key: null });
  const tf = /^(T|TRUE|F|FALSE)\s*(#[\s\S]*)?$/i.exec(answerText);
  if (tf) return make({ type: 'true_false', key: tf[1].toUpperCase().startsWith('T') });
  if (answerText.startsWith('#')) return parseNumeric(answerText.slice(1), line, make);

  const answers = splitAnswers(answerText);
  if (typeof answers === 'string') return { line, message: answers };
  if (answers.length === 0) return { line, message: 'the answer block has no answers' };
  const rights = answers.filter((a) => a.mark === '=');
  const wrongs = answers.filter((a) => a.mark === '~');
  if (rights.length > 0 && rights.every((a) => a.text.includes('->'))) {
    if (wrongs.length) return { line, message: 'a matching question takes only "=a -> b" answers' };
    const options = rights.map((a, i) => ({ id: String.fromCharCode(97 + i), text: a.text.split('->')[0].trim() }));
    return make({ type: 'matching', options, key: rights.map((a, i) => [options[i].id, a.text.split('->').slice(1).join('->').trim()]) });
  }
  if (wrongs.length === 0) {
    return make({ type: 'short_answer', key: rights.map((a) => a.text), scoring: { ignoreDiacritics: false } });
  }
  const options = answers.map((a, i) => ({ id: String.fromCharCode(97 + i), text: a.text }));
  const weighted = answers.some((a) => a.weight !== null && a.weight > 0 && a.weight < 100);
  if (rights.length === 1 && !weighted) return make({ type: 'single_choice', options, key: options[answers.indexOf(rights[0])].id });
  // Multiple answers: every positively weighted answer is part of the key, credit shared among them.
  const key = answers.map((a, i) => (a.mark === '=' || (a.weight ?? 0) > 0 ? options[i].id : null)).filter((k): k is string => k !== null);
  if (key.length === 0) return { line, message: 'no answer is marked correct (= or a positive %weight%)' };
  return make({ type: 'multiple_response', options, key, scoring: { partialCredit: 'proportional' } });
}

function splitAnswers(text: string): Answer[] | string {
  const answers: Answer[] = [];
  const parts = text.split(/(?=[=~])/);
  for (const part of parts) {
    const trimmed = part.trim();
    if (!trimmed) continue;
    const mark = trimmed[0];
    if (mark !== '=' && mark !== '~') return `unexpected text "${restore(trimmed).slice(0, 30)}" before the first = or ~`;
    let rest = trimmed.slice(1).trim();
    let weight: number | null = null;
    const w = /^%(-?\d+(?:\.\d+)?)%/.exec(rest);
    if (w) {
      weight = Number(w[1]);
      rest = rest.slice(w[0].length);
      if (weight < -100 || weight > 100) return `the weight ${weight}% is outside -100..100`;
    }
    const hash = rest.indexOf('#');
    const feedback = hash >= 0 ? restore(rest.slice(hash + 1)).trim() : null;
    const body = restore(hash >= 0 ? rest.slice(0, hash) : rest).trim();
    if (!body) return 'an answer is empty';
    answers.push({ mark: mark as '=' | '~', weight, text: body, feedback });
  }
  return answers;
}

function parseNumeric(text: string, line: number, make: (input: Omit<ItemContentInput, 'topic' | 'level' | 'stem'>) => ParsedItem): ParsedItem | ParseProblem {
  // Either "#5:1" / "#1..5" or a list "#=5:0 =%50%4:1"; the first full-credit answer is the key.
  let spec = text.trim();
  if (spec.startsWith('=')) {
    const full = spec.split(/(?==)/).map((s) => s.trim()).find((s) => !/^=%(?!100%)\d+%/.test(s));
    if (!full) return { line, message: 'no full-credit numeric answer' };
    spec = full.slice(1).replace(/^%100%/, '');
  }
  spec = restore(spec.split('#')[0]).trim();
  const range = /^(-?\d+(?:\.\d+)?)\.\.(-?\d+(?:\.\d+)?)$/.exec(spec);
  if (range) {
    const lo = Number(range[1]);
    const hi = Number(range[2]);
    if (lo > hi) return { line, message: `the range ${lo}..${hi} is empty` };
    return make({ type: 'numeric', key: (lo + hi) / 2, scoring: { tolerance: (hi - lo) / 2 } });
  }
  const tol = /^(-?\d+(?:\.\d+)?)(?::(\d+(?:\.\d+)?))?$/.exec(spec);
  if (!tol) return { line, message: `"${spec}" is not a number, number:tolerance or min..max` };
  return make({ type: 'numeric', key: Number(tol[1]), scoring: { tolerance: tol[2] ? Number(tol[2]) : 0 } });
}

/** Writes items as GIFT; a category line whenever the topic changes. */
export function writeGift(items: Array<{ ref?: string | null; content: ItemContent }>): string {
  const out: string[] = [];
  let topic: string | null = null;
  for (const { ref, content: c } of items) {
    if (c.topic !== topic) {
      topic = c.topic;
      out.push(`$CATEGORY: $course$/top/${c.topic.replace(/\//g, '-')}`, '');
    }
    const title = ref ? `::${escapeGift(ref)}::` : '';
    const stem = `${/</.test(c.stem) ? '[html]' : ''}${escapeGift(c.stem)}`;
    const general = c.explanation ? ` ####${escapeGift(c.explanation)}` : '';
    const opt = (id: string) => escapeGift(c.options.find((o) => o.id === id)?.text ?? '');
    let answers: string;
    switch (c.type) {
      case 'single_choice':
        answers = c.options.map((o) => `${o.id === c.key ? '=' : '~'}${escapeGift(o.text)}`).join(' ');
        break;
      case 'multiple_response': {
        const key = c.key as string[];
        const share = Math.floor((100 / key.length) * 100000) / 100000;
        answers = c.options.map((o) => `~%${key.includes(o.id) ? share : -100}%${escapeGift(o.text)}`).join(' ');
        break;
      }
      case 'true_false':
        answers = c.key ? 'TRUE' : 'FALSE';
        break;
      case 'short_answer':
        answers = (c.key as string[]).map((a) => `=${escapeGift(a)}`).join(' ');
        break;
      case 'matching':
        answers = (c.key as Array<[string, string]>).map(([o, m]) => `=${opt(o)} -> ${escapeGift(m)}`).join(' ');
        break;
      case 'numeric':
        answers = `#${c.key as number}:${c.scoring.tolerance ?? 0}`;
        break;
      case 'essay':
        answers = '';
        break;
      default:
        // Ordering has no GIFT form; callers skip it (see exportableAsGift).
        continue;
    }
    out.push(`${title}${stem} {${answers}${general}}`, '');
  }
  return out.join('\n');
}

export const GIFT_TYPES = ['single_choice', 'multiple_response', 'true_false', 'short_answer', 'matching', 'numeric', 'essay'] as const;
