import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { prepareContent } from '../content/item-content';
import { parseXlsx, writeXlsx } from './xlsx';

const dir = join(__dirname, '../../test-data');
const read = (f: string) => readFileSync(join(dir, f));

describe('XLSX template', () => {
  it('reads every type, with ids, plain and JSON keys, programs, tags, time, source and scoring', async () => {
    const r = await parseXlsx(read('good.xlsx'));
    expect(r.problems).toEqual([]);
    const contents = r.items.map((i) => prepareContent(i.input));
    for (const c of contents) expect(c.problems).toEqual([]);
    expect(r.items.map((i) => [i.line, i.ref, i.input.type])).toEqual([
      [2, 'x-01', 'single_choice'], [3, 'x-02', 'multiple_response'], [4, 'x-03', 'true_false'], [5, 'x-04', 'short_answer'],
      [6, 'x-05', 'numeric'], [7, 'x-06', 'ordering'], [8, 'x-07', 'essay'],
    ]);
    expect(contents[0].content).toMatchObject({ key: 'b', programIds: ['basic'], tags: ['lịch sử', 'đoàn'], estimatedSeconds: 60, source: { document: 'Điều lệ Đoàn', article: 'Lời nói đầu' } });
    expect(contents[1].content).toMatchObject({ key: ['a', 'b'], scoring: { partialCredit: 'right_minus_wrong' } });
    expect(contents[2].content.key).toBe(true);
    expect(contents[3].content).toMatchObject({ key: ['TNCS', 'Thanh niên Cộng sản'], scoring: { ignoreDiacritics: true } });
  });

  it('round-trips every field of the template', async () => {
    const first = (await parseXlsx(read('good.xlsx'))).items.map((i) => ({ ref: i.ref, content: prepareContent(i.input).content }));
    const again = await parseXlsx(await writeXlsx(first));
    expect(again.problems).toEqual([]);
    expect(again.items.map((i) => ({ ref: i.ref, content: prepareContent(i.input).content }))).toEqual(first);
  });

  const bad: Record<string, [number, RegExp]> = {
    'xlsx-missing-columns.xlsx': [1, /missing columns: key, level/],
    'xlsx-bad-estimated-time.xlsx': [2, /estimated_seconds "mười"/],
    'xlsx-bad-tolerance.xlsx': [2, /tolerance "một"/],
    'xlsx-not-a-workbook.xlsx': [0, /not an XLSX workbook/],
  };
  it('has a test for every XLSX file in the bad folder', () => {
    expect(readdirSync(join(dir, 'bad')).filter((f) => f.endsWith('.xlsx')).sort()).toEqual(Object.keys(bad).sort());
  });
  it.each(Object.entries(bad))('%s is reported with its row and reason', async (file, [line, reason]) => {
    const r = await parseXlsx(read(`bad/${file}`));
    expect(r.problems).toContainEqual({ line, message: expect.stringMatching(reason) });
  });
});
