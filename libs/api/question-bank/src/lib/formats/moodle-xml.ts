import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import type { ItemContent, ItemContentInput } from '../content/item-content';
import type { ParsedItem, ParseProblem, ParseResult } from './parsed-item';

/**
 * Moodle XML: `<quiz>` of `<question type=…>` (category, multichoice single/multiple with
 * fractions, truefalse, shortanswer, numerical with tolerance, matching, essay), names, general
 * feedback and tags. Never throws; each problem names the line of its `<question>`.
 */
type Node = Record<string, unknown>;
const ARRAYS = new Set(['question', 'answer', 'subquestion', 'tag']);

const text = (n: unknown): string => {
  if (n === undefined || n === null) return '';
  if (typeof n === 'object') return text((n as Node)['text']);
  return String(n);
};

export function parseMoodleXml(source: string, defaults: { topic?: string; level?: string } = {}): ParseResult {
  const items: ParsedItem[] = [];
  const problems: ParseProblem[] = [];
  const valid = XMLValidator.validate(source);
  if (valid !== true) return { items, problems: [{ line: valid.err.line, message: `not well-formed XML: ${valid.err.msg}` }] };
  let doc: Node;
  try {
    doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', isArray: (name) => ARRAYS.has(name), parseTagValue: false }).parse(source) as Node;
  } catch (e) {
    return { items, problems: [{ line: 1, message: `unreadable XML: ${e instanceof Error ? e.message : String(e)}` }] };
  }
  const quiz = doc['quiz'] as Node | undefined;
  if (!quiz || typeof quiz !== 'object') return { items, problems: [{ line: 1, message: 'the root element must be <quiz>' }] };
  // Line of the n-th <question, for reports (the parser keeps no positions).
  const lines: number[] = [];
  for (const m of source.matchAll(/<question[\s>]/g)) lines.push(source.slice(0, m.index).split('\n').length);
  let topic = defaults.topic ?? 'Chưa phân loại';
  const level = defaults.level ?? 'recognition';
  ((quiz['question'] as Node[] | undefined) ?? []).forEach((q, i) => {
    const line = lines[i] ?? 1;
    const type = String(q['@_type'] ?? '');
    if (type === 'category') {
      const last = text(q['category']).split('/').filter(Boolean).pop();
      if (last && last !== '$course$' && last !== 'top') topic = last;
      return;
    }
    const stem = text(q['questiontext']).trim();
    const ref = text(q['name']).trim() || undefined;
    const explanation = text(q['generalfeedback']).trim() || null;
    const tags = (((q['tags'] as Node | undefined)?.['tag'] as unknown[]) ?? []).map(text).filter(Boolean);
    const answers = ((q['answer'] as Node[] | undefined) ?? []).map((a) => ({ text: text(a).trim(), fraction: Number(a['@_fraction'] ?? 0), tolerance: a['tolerance'] }));
    const base = { stem, topic, level, explanation, tags };
    const push = (input: Omit<ItemContentInput, 'stem' | 'topic' | 'level'>) => items.push({ line, ref, input: { ...base, ...input } });
    switch (type) {
      case 'multichoice': {
        const single = text(q['single']).trim() !== 'false';
        const options = answers.map((a, k) => ({ id: String.fromCharCode(97 + k), text: a.text }));
        const key = answers.map((a, k) => (a.fraction > 0 ? options[k].id : null)).filter((k): k is string => k !== null);
        if (answers.some((a) => Number.isNaN(a.fraction))) problems.push({ line, message: 'an answer fraction is not a number' });
        else if (key.length === 0) problems.push({ line, message: 'no answer has a positive fraction' });
        else if (single) push({ type: 'single_choice', options, key: options[answers.findIndex((a) => a.fraction === 100)]?.id ?? key[0] });
        else push({ type: 'multiple_response', options, key, scoring: { partialCredit: 'proportional' } });
        return;
      }
      case 'truefalse': {
        const right = answers.find((a) => a.fraction === 100);
        if (!right || !/^(true|false)$/i.test(right.text)) problems.push({ line, message: 'a true/false question needs the answer "true" or "false" with fraction 100' });
        else push({ type: 'true_false', key: right.text.toLowerCase() === 'true' });
        return;
      }
      case 'shortanswer':
        push({ type: 'short_answer', key: answers.filter((a) => a.fraction === 100).map((a) => a.text), scoring: { ignoreDiacritics: false } });
        return;
      case 'numerical': {
        const right = answers.find((a) => a.fraction === 100);
        const value = right ? Number(right.text) : NaN;
        const tolerance = right?.tolerance === undefined ? 0 : Number(text(right.tolerance));
        if (!right || Number.isNaN(value) || Number.isNaN(tolerance)) problems.push({ line, message: 'a numerical question needs a full-credit numeric answer and a numeric tolerance' });
        else push({ type: 'numeric', key: value, scoring: { tolerance } });
        return;
      }
      case 'matching': {
        const subs = ((q['subquestion'] as Node[] | undefined) ?? []).map((s) => ({ left: text(s).trim(), right: text((s['answer'] as Node[] | undefined)?.[0]).trim() })).filter((s) => s.left);
        const options = subs.map((s, k) => ({ id: String.fromCharCode(97 + k), text: s.left }));
        push({ type: 'matching', options, key: subs.map((s, k) => [options[k].id, s.right]) });
        return;
      }
      case 'essay':
        push({ type: 'essay', key: null });
        return;
      default:
        problems.push({ line, message: `the question type "${type}" is not supported` });
    }
  });
  return { items, problems };
}

const t = (s: string) => ({ text: s });

/** Writes items as Moodle XML, one category question whenever the topic changes. */
export function writeMoodleXml(items: Array<{ ref?: string | null; content: ItemContent }>): string {
  const questions: Node[] = [];
  let topic: string | null = null;
  for (const { ref, content: c } of items) {
    if (c.topic !== topic) {
      topic = c.topic;
      questions.push({ '@_type': 'category', category: t(`$course$/top/${c.topic.replace(/\//g, '-')}`) });
    }
    const q: Node = {
      '@_type': '',
      name: t(ref ?? c.stem.replace(/<[^>]*>/g, ' ').trim().slice(0, 60)),
      questiontext: { '@_format': 'html', text: c.stem },
      ...(c.explanation ? { generalfeedback: { '@_format': 'html', text: c.explanation } } : {}),
    };
    const answer = (s: string, fraction: number, extra: Node = {}) => ({ '@_fraction': String(fraction), '@_format': 'html', text: s, ...extra });
    switch (c.type) {
      case 'single_choice':
        Object.assign(q, { '@_type': 'multichoice', single: 'true', answer: c.options.map((o) => answer(o.text, o.id === c.key ? 100 : 0)) });
        break;
      case 'multiple_response': {
        const key = c.key as string[];
        const share = Math.floor((100 / key.length) * 100000) / 100000;
        Object.assign(q, { '@_type': 'multichoice', single: 'false', answer: c.options.map((o) => answer(o.text, key.includes(o.id) ? share : -100)) });
        break;
      }
      case 'true_false':
        Object.assign(q, { '@_type': 'truefalse', answer: [answer('true', c.key ? 100 : 0), answer('false', c.key ? 0 : 100)] });
        break;
      case 'short_answer':
        Object.assign(q, { '@_type': 'shortanswer', usecase: '0', answer: (c.key as string[]).map((a) => answer(a, 100)) });
        break;
      case 'numeric':
        Object.assign(q, { '@_type': 'numerical', answer: [answer(String(c.key), 100, { tolerance: String(c.scoring.tolerance ?? 0) })] });
        break;
      case 'matching':
        Object.assign(q, {
          '@_type': 'matching',
          subquestion: (c.key as Array<[string, string]>).map(([o, m]) => ({ '@_format': 'html', text: c.options.find((x) => x.id === o)?.text ?? '', answer: t(m) })),
        });
        break;
      case 'essay':
        q['@_type'] = 'essay';
        break;
      default:
        continue;
    }
    if (c.tags.length) q['tags'] = { tag: c.tags.map(t) };
    questions.push(q);
  }
  const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, suppressEmptyNode: true });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ quiz: { question: questions } }) as string}`;
}
