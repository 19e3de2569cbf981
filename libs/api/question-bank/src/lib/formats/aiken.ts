import type { ItemContent } from '../content/item-content';
import type { ParsedItem, ParseProblem, ParseResult } from './parsed-item';

/**
 * Aiken (Moodle): a question line, options `A.` or `A)` one per line, then `ANSWER: X`; blank lines
 * between questions. Only single choice. Never throws; problems name their line.
 */
export function parseAiken(source: string, defaults: { topic?: string; level?: string } = {}): ParseResult {
  const items: ParsedItem[] = [];
  const problems: ParseProblem[] = [];
  const lines = source.replace(/^\uFEFF/, '').split(/\r?\n/);
  let stem: string[] = [];
  let start = 0;
  let options: Array<{ letter: string; text: string }> = [];
  const reset = () => {
    stem = [];
    options = [];
  };
  lines.forEach((raw, i) => {
    const line = raw.trim();
    const no = i + 1;
    if (!line) {
      if (stem.length && !options.length) return;
      if (stem.length || options.length) {
        problems.push({ line: start, message: 'the question ended without an "ANSWER:" line' });
        reset();
      }
      return;
    }
    const answer = /^ANSWER\s*:\s*(.*)$/i.exec(line);
    if (answer) {
      if (!stem.length) problems.push({ line: no, message: '"ANSWER:" without a question' });
      else if (options.length < 2) problems.push({ line: start, message: 'a question needs at least two options "A." "B."' });
      else {
        const letter = answer[1].trim().toUpperCase();
        const index = options.findIndex((o) => o.letter === letter);
        if (index < 0) problems.push({ line: no, message: `the answer "${answer[1].trim()}" is not one of the option letters` });
        else
          items.push({
            line: start,
            input: {
              type: 'single_choice',
              stem: stem.join(' '),
              options: options.map((o) => ({ id: o.letter.toLowerCase(), text: o.text })),
              key: options[index].letter.toLowerCase(),
              topic: defaults.topic ?? 'Chưa phân loại',
              level: defaults.level ?? 'recognition',
            },
          });
      }
      reset();
      return;
    }
    const option = /^([A-Z])[.)]\s+(.*)$/.exec(line);
    if (option && stem.length) {
      const expected = String.fromCharCode(65 + options.length);
      if (option[1] !== expected) problems.push({ line: no, message: `option "${option[1]}" found where "${expected}" was expected` });
      options.push({ letter: option[1], text: option[2].trim() });
      return;
    }
    if (options.length) {
      problems.push({ line: no, message: 'text after the options: expected another option or "ANSWER:"' });
      return;
    }
    if (!stem.length) start = no;
    stem.push(line);
  });
  if (stem.length || options.length) problems.push({ line: start, message: 'the question ended without an "ANSWER:" line' });
  return { items, problems };
}

/** Aiken carries single-choice items only, as plain text on one line each. */
export function writeAiken(items: ItemContent[]): string {
  const oneLine = (s: string) => s.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return items
    .filter((c) => c.type === 'single_choice' && c.options.length <= 26)
    .map((c) => {
      const letters = c.options.map((_, i) => String.fromCharCode(65 + i));
      const answer = letters[c.options.findIndex((o) => o.id === c.key)];
      return [oneLine(c.stem), ...c.options.map((o, i) => `${letters[i]}. ${oneLine(o.text)}`), `ANSWER: ${answer}`, ''].join('\n');
    })
    .join('\n');
}
