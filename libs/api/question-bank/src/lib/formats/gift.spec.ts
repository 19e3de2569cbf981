import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { prepareContent } from '../content/item-content';
import { parseGift, writeGift } from './gift';

const dir = join(__dirname, '../../test-data');

describe('GIFT', () => {
  const good = parseGift(readFileSync(join(dir, 'good.gift'), 'utf8'));

  it('reads every question type, categories as topics, titles, escapes and general feedback', () => {
    expect(good.problems).toEqual([]);
    const byRef = Object.fromEntries(good.items.map((i) => [i.ref ?? 'untitled', i]));
    expect(good.items).toHaveLength(9);
    expect(byRef['lsd-01']).toMatchObject({ line: 4, input: { type: 'single_choice', key: 'a', topic: 'Lịch sử Đoàn', explanation: 'Theo Điều lệ Đoàn.' } });
    expect(byRef['lsd-01'].input.options).toHaveLength(3);
    expect(byRef['lsd-02'].input).toMatchObject({ type: 'true_false', key: true });
    expect(byRef['lsd-03'].input).toMatchObject({ type: 'multiple_response', key: ['a', 'b'] });
    expect(byRef['pl-01'].input).toMatchObject({ type: 'short_answer', key: ['TNCS', 'T.N.C.S'], topic: 'Pháp luật', stem: 'Viết tắt của "Thanh niên Cộng sản":' });
    expect(byRef['pl-02'].input).toMatchObject({ type: 'numeric', key: 30, scoring: { tolerance: 0 } });
    expect(byRef['pl-03'].input).toMatchObject({ type: 'numeric', key: 2020, scoring: { tolerance: 1 } });
    expect(byRef['pl-04'].input).toMatchObject({ type: 'matching', key: [['a', 'Luật'], ['b', 'Quyết định']] });
    expect(byRef['pl-05'].input).toMatchObject({ type: 'essay' });
    expect(byRef['untitled'].input).toMatchObject({ type: 'true_false', key: false, stem: 'Ký hiệu { và } cùng dấu = và ~ và #' });
    for (const item of good.items) expect(prepareContent(item.input).problems).toEqual([]);
  });

  it('round-trips: import -> export -> import keeps every field GIFT carries', () => {
    const contents = good.items.map((i) => ({ ref: i.ref, content: prepareContent(i.input).content }));
    const again = parseGift(writeGift(contents));
    expect(again.problems).toEqual([]);
    const strip = (c: ReturnType<typeof prepareContent>['content']) => ({ ...c, scoring: { ...c.scoring, partialCredit: undefined } });
    expect(again.items.map((i) => ({ ref: i.ref, content: strip(prepareContent(i.input).content) }))).toEqual(contents.map((c) => ({ ...c, content: strip(c.content) })));
  });

  it('never throws on arbitrary input', () => {
    for (const s of ['{', '}', '::', '::a::', '{#}', '{=}', '{~}', '$CATEGORY:', '\\', '{=a->}']) expect(() => parseGift(s)).not.toThrow();
  });

  describe('bad files', () => {
    const expected: Record<string, RegExp> = {
      'no-answer-block.gift': /no answer block/,
      'unbalanced-braces.gift': /unbalanced/,
      'bad-numeric.gift': /not a number/,
      'empty-range.gift': /range 5\.\.1 is empty/,
      'no-correct-weight.gift': /no answer is marked correct/,
      'text-before-marker.gift': /unexpected text "abc/,
      'weight-out-of-range.gift': /weight 150%/,
      'empty-category.gift': /category has no name/,
    };
    it('has a test for every file in the bad folder', () => {
      expect(readdirSync(join(dir, 'bad')).filter((f) => f.endsWith('.gift')).sort()).toEqual(Object.keys(expected).sort());
    });
    it.each(Object.entries(expected))('%s is reported with its line and reason', (file, reason) => {
      const r = parseGift(readFileSync(join(dir, 'bad', file), 'utf8'));
      expect(r.problems).toEqual([expect.objectContaining({ line: 1, message: expect.stringMatching(reason) })]);
    });
  });
});
