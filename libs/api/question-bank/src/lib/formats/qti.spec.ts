import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { unzipSync } from 'fflate';
import { prepareContent, type ItemContent } from '../content/item-content';
import { parseGift } from './gift';
import { readQtiPackage, writeQtiItem, writeQtiPackage } from './qti';
import { parseXlsx } from './xlsx';

const dir = join(__dirname, '../../test-data');

/** What QTI items and our manifest metadata carry; estimated time, source and two scoring switches do not round-trip. */
function carried(c: ItemContent) {
  const { estimatedSeconds: _time, source: _source, scoring, ...rest } = c;
  const { partialCredit: _rule, ignoreDiacritics: _diacritics, ...kept } = scoring;
  return { ...rest, scoring: kept };
}

async function sample(): Promise<Array<{ ref: string | null; content: ItemContent }>> {
  const xlsx = await parseXlsx(readFileSync(join(dir, 'good.xlsx')));
  const gift = parseGift(readFileSync(join(dir, 'good.gift'), 'utf8'));
  const matching = prepareContent({
    type: 'matching',
    stem: '<p>Ghép năm với sự kiện &amp; tổ chức<br /><b>(chú ý)</b></p>',
    options: [{ id: '1', text: '1931' }, { id: '2', text: '1941' }, { id: '3', text: '1930' }],
    key: [['1', 'Đoàn <TNCS>'], ['2', 'Mặt trận Việt Minh'], ['3', 'Đoàn <TNCS>']],
    topic: 'Lịch sử',
    level: 'comprehension',
    tags: ['ghép đôi'],
    explanation: '<p>Xem Lời nói đầu Điều lệ Đoàn.</p>',
  });
  expect(matching.problems).toEqual([]);
  return [...xlsx.items, ...gift.items].map((i) => ({ ref: i.ref ?? null, content: prepareContent(i.input).content })).concat({ ref: '9 bad id', content: matching.content });
}

describe('QTI 3.0', () => {
  it('writes a package whose manifest lists one well-formed assessment item per item', async () => {
    const items = await sample();
    const files = unzipSync(writeQtiPackage(items));
    const names = Object.keys(files).sort();
    expect(names).toContain('imsmanifest.xml');
    expect(names.filter((n) => n.startsWith('items/'))).toHaveLength(items.length);
    for (const [name, bytes] of Object.entries(files)) expect([name, XMLValidator.validate(new TextDecoder().decode(bytes))]).toEqual([name, true]);
    const manifest = new TextDecoder().decode(files['imsmanifest.xml']);
    expect(manifest.match(/type="imsqti_item_xmlv3p0"/g)).toHaveLength(items.length);
    // Identifiers are XML names even when the ref is not one.
    expect(manifest).toContain('identifier="item_');
    expect(names).toContain('items/x-01.xml');
  });

  it('round-trips type, stem, options, key, scoring, explanation, topic, level, tags and programs of every type', async () => {
    const items = await sample();
    expect(new Set(items.map((i) => i.content.type))).toEqual(new Set(['single_choice', 'multiple_response', 'true_false', 'short_answer', 'numeric', 'ordering', 'essay', 'matching']));
    const back = readQtiPackage(writeQtiPackage(items)).map((input) => prepareContent(input));
    for (const b of back) expect(b.problems).toEqual([]);
    expect(back.map((b) => carried(b.content))).toEqual(items.map((i) => carried(i.content)));
  });

  it('uses the standard templates and an absolute tolerance for numbers', async () => {
    const items = await sample();
    const numeric = items.find((i) => i.content.type === 'numeric') as { content: ItemContent };
    const xml = writeQtiItem(numeric.content, 'n1');
    expect(xml).toContain('xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0"');
    expect(xml).toMatch(/<qti-equal tolerance-mode="absolute" tolerance="([0-9.]+) \1">/);
    const single = writeQtiItem(items[0].content, 's1');
    expect(single).toContain('rptemplates/match_correct.xml');
    expect(single).toContain('<qti-choice-interaction response-identifier="RESPONSE" max-choices="1">');
  });
});
