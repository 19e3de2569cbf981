import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { prepareContent } from '../content/item-content';
import { parseAiken, writeAiken } from './aiken';
import { parseMoodleXml, writeMoodleXml } from './moodle-xml';

const dir = join(__dirname, '../../test-data');
const read = (f: string) => readFileSync(join(dir, f), 'utf8');
const clean = (items: Array<{ input: Parameters<typeof prepareContent>[0] }>) => items.map((i) => prepareContent(i.input).content);

describe('Aiken', () => {
  it('reads single-choice questions with either option style', () => {
    const r = parseAiken(read('good.aiken.txt'));
    expect(r.problems).toEqual([]);
    expect(r.items.map((i) => [i.line, i.input.key, i.input.options?.length])).toEqual([[1, 'b', 3], [7, 'b', 2]]);
    for (const c of clean(r.items)) expect(prepareContent(c).problems).toEqual([]);
  });

  it('round-trips every field Aiken carries (stem, options, key)', () => {
    const first = clean(parseAiken(read('good.aiken.txt')).items);
    const again = parseAiken(writeAiken(first));
    expect(again.problems).toEqual([]);
    expect(clean(again.items)).toEqual(first);
  });

  const bad: Record<string, [number, RegExp]> = {
    'aiken-missing-answer.txt': [1, /without an "ANSWER:"/],
    'aiken-unknown-letter.txt': [4, /not one of the option letters/],
    'aiken-one-option.txt': [1, /at least two options/],
    'aiken-letter-skipped.txt': [3, /"C" found where "B"/],
    'aiken-answer-without-question.txt': [1, /without a question/],
  };
  it('has a test for every Aiken file in the bad folder', () => {
    expect(readdirSync(join(dir, 'bad')).filter((f) => f.startsWith('aiken-')).sort()).toEqual(Object.keys(bad).sort());
  });
  it.each(Object.entries(bad))('%s is reported with its line and reason', (file, [line, reason]) => {
    const r = parseAiken(read(`bad/${file}`));
    expect(r.problems).toContainEqual({ line, message: expect.stringMatching(reason) });
  });
});

describe('Moodle XML', () => {
  const good = parseMoodleXml(read('good.moodle.xml'));

  it('reads every supported type with names, categories, general feedback and tags', () => {
    expect(good.problems).toEqual([]);
    expect(good.items.map((i) => [i.ref, i.input.type, i.line])).toEqual([
      ['dl-01', 'single_choice', 4],
      ['dl-02', 'multiple_response', 13],
      ['dl-03', 'true_false', 21],
      ['dl-04', 'short_answer', 27],
      ['dl-05', 'numeric', 32],
      ['dl-06', 'matching', 37],
      ['dl-07', 'essay', 43],
    ]);
    expect(good.items[0].input).toMatchObject({ topic: 'Điều lệ Đoàn', key: 'a', explanation: 'Điều 1 Điều lệ Đoàn.', tags: ['điều lệ'] });
    expect(good.items[1].input.key).toEqual(['a', 'b']);
    expect(good.items[5].input.key).toEqual([['a', 'Quốc hội'], ['b', 'Thủ tướng Chính phủ']]);
    for (const c of clean(good.items)) expect(prepareContent(c).problems).toEqual([]);
  });

  it('round-trips every field Moodle XML carries', () => {
    const first = good.items.map((i) => ({ ref: i.ref, content: prepareContent(i.input).content }));
    const again = parseMoodleXml(writeMoodleXml(first));
    expect(again.problems).toEqual([]);
    expect(again.items.map((i) => ({ ref: i.ref, content: prepareContent(i.input).content }))).toEqual(first);
  });

  const bad: Record<string, [number, RegExp]> = {
    'xml-not-well-formed.xml': [4, /not well-formed/],
    'xml-wrong-root.xml': [1, /root element must be <quiz>/],
    'xml-unsupported-type.xml': [2, /"cloze" is not supported/],
    'xml-no-correct.xml': [2, /no answer has a positive fraction/],
    'xml-numeric-not-number.xml': [2, /full-credit numeric answer/],
  };
  it('has a test for every XML file in the bad folder', () => {
    expect(readdirSync(join(dir, 'bad')).filter((f) => f.startsWith('xml-')).sort()).toEqual(Object.keys(bad).sort());
  });
  it.each(Object.entries(bad))('%s is reported with its line and reason', (file, [line, reason]) => {
    const r = parseMoodleXml(read(`bad/${file}`));
    expect(r.problems).toContainEqual({ line, message: expect.stringMatching(reason) });
  });
});
