import fc from 'fast-check';
import { contentHash } from './hash';
import { gradeResponse, matchesShortAnswer, parseNumericResponse } from './grading';
import { prepareContent, type ItemContentInput } from './item-content';
import { normalizeAnswer, searchText, stripDiacritics } from './normalize';
import { sanitizeRichText } from './sanitize';

const base = { topic: 'Điều lệ Đoàn', level: 'recognition' };
const choice = (over: Partial<ItemContentInput> = {}): ItemContentInput => ({
  ...base,
  type: 'single_choice',
  stem: 'Đoàn TNCS Hồ Chí Minh được thành lập năm nào?',
  options: [{ text: '1930' }, { text: '1931' }, { text: '1945' }],
  key: 'b',
  ...over,
});

describe('normalisation', () => {
  it('ignores case and spacing, and diacritics including đ/Đ only when asked', () => {
    expect(normalizeAnswer('  Đoàn   Thanh NIÊN ')).toBe('đoàn thanh niên');
    expect(normalizeAnswer('Đoàn Thanh Niên', { ignoreDiacritics: true })).toBe('doan thanh nien');
    expect(stripDiacritics('Đặng Thùy Trâm')).toBe('Dang Thuy Tram');
    expect(searchText('<p>Luật <b>Thanh niên</b> 2020!</p>')).toBe('luat thanh nien 2020');
  });

  it('treats composed and decomposed Vietnamese the same', () => {
    expect(normalizeAnswer('Hồ Chí Minh'.normalize('NFD'))).toBe(normalizeAnswer('Hồ Chí Minh'));
  });

  it('property: normalising is idempotent and stripping leaves no combining marks or đ', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const once = normalizeAnswer(s, { ignoreDiacritics: true });
        expect(normalizeAnswer(once, { ignoreDiacritics: true })).toBe(once);
        expect(/\p{M}|đ|Đ/u.test(stripDiacritics(s).normalize('NFD'))).toBe(false);
      }),
    );
  });
});

describe('sanitizing', () => {
  it('removes scripts, handlers and javascript links but keeps images and formatting', () => {
    const out = sanitizeRichText('<p onclick="x()">A<script>alert(1)</script><img src="https://a/b.png" onerror="x"><a href="javascript:x">l</a><b>b</b></p>');
    expect(out).toBe('<p>A<img src="https://a/b.png" /><a>l</a><b>b</b></p>');
  });

  it('property: no <script survives any input', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(sanitizeRichText(`${a}<script>${b}</script>${a}`).toLowerCase()).not.toContain('<script');
      }),
    );
  });
});

describe('content validation', () => {
  it('generates option ids a, b, c and accepts a matching key', () => {
    const { content, problems } = prepareContent(choice());
    expect(problems).toEqual([]);
    expect(content.options.map((o) => o.id)).toEqual(['a', 'b', 'c']);
  });

  it.each([
    ['a key that matches no option', choice({ key: 'z' }), 'ITEM_KEY_UNKNOWN_OPTION', 'key'],
    ['no correct answer', choice({ key: undefined }), 'ITEM_NO_CORRECT_ANSWER', 'key'],
    ['no correct answer (multiple response)', choice({ type: 'multiple_response', key: [] }), 'ITEM_NO_CORRECT_ANSWER', 'key'],
    ['duplicate options', choice({ options: [{ text: '1930' }, { text: ' 1930 ' }] , key: 'a' }), 'ITEM_DUPLICATE_OPTIONS', 'options'],
    ['duplicate option ids', choice({ options: [{ id: 'x', text: '1' }, { id: 'x', text: '2' }], key: 'x' }), 'ITEM_DUPLICATE_OPTIONS', 'options'],
    ['a stem over the size limit', choice({ stem: 'a'.repeat(10_001) }), 'ITEM_STEM_TOO_LONG', 'stem'],
    ['an unknown type', choice({ type: 'fill_in' }), 'ITEM_CONTENT_INVALID', 'type'],
    ['an ordering key missing an option', { ...base, type: 'ordering', stem: 'Sắp xếp', options: [{ text: 'x' }, { text: 'y' }], key: ['a'] }, 'ITEM_CONTENT_INVALID', 'key'],
    ['a numeric item without a number', { ...base, type: 'numeric', stem: 'Bao nhiêu?', key: 'năm' }, 'ITEM_NO_CORRECT_ANSWER', 'key'],
    ['a true/false item with options', { ...base, type: 'true_false', stem: 'Đúng hay sai?', options: [{ text: 'x' }], key: true }, 'ITEM_CONTENT_INVALID', 'options'],
  ])('refuses %s', (_name, input, code, field) => {
    const { problems } = prepareContent(input as ItemContentInput);
    expect(problems).toContainEqual(expect.objectContaining({ code, field }));
  });

  it('hashes content independently of key order and tag order', () => {
    const a = prepareContent(choice({ tags: ['x', 'y'] })).content;
    const b = prepareContent(choice({ tags: ['y', 'x'] })).content;
    expect(contentHash(a)).toBe(contentHash(b));
    expect(contentHash(a)).not.toBe(contentHash({ ...a, key: 'c' }));
  });
});

describe('grading one response', () => {
  const mr = (rule: 'all_or_nothing' | 'proportional' | 'right_minus_wrong') =>
    ({ type: 'multiple_response' as const, key: ['a', 'b'], scoring: { partialCredit: rule }, options: [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }] });

  it('single choice and true/false', () => {
    expect(gradeResponse({ type: 'single_choice', key: 'b', scoring: {} }, 'b').credit).toBe(1);
    expect(gradeResponse({ type: 'single_choice', key: 'b', scoring: {} }, 'a').credit).toBe(0);
    expect(gradeResponse({ type: 'true_false', key: false, scoring: {} }, false).credit).toBe(1);
    expect(gradeResponse({ type: 'true_false', key: false, scoring: {} }, 'false').credit).toBe(0);
  });

  it('multiple response by each partial-credit rule', () => {
    expect(gradeResponse(mr('all_or_nothing'), ['a']).credit).toBe(0);
    expect(gradeResponse(mr('all_or_nothing'), ['b', 'a']).credit).toBe(1);
    expect(gradeResponse(mr('proportional'), ['a']).credit).toBe(0.5);
    expect(gradeResponse(mr('proportional'), ['a', 'c']).credit).toBe(0);
    expect(gradeResponse(mr('right_minus_wrong'), ['a', 'b', 'c']).credit).toBe(0.5);
    expect(gradeResponse(mr('right_minus_wrong'), ['c', 'd']).credit).toBe(0);
  });

  it('short answer with optional diacritics-insensitive matching', () => {
    const item = (ignoreDiacritics: boolean) => ({ type: 'short_answer' as const, key: ['Đoàn Thanh niên'], scoring: { ignoreDiacritics } });
    expect(gradeResponse(item(false), '  đoàn  THANH niên').credit).toBe(1);
    expect(gradeResponse(item(false), 'doan thanh nien').credit).toBe(0);
    expect(gradeResponse(item(true), 'doan thanh nien').credit).toBe(1);
    expect(matchesShortAnswer('', [''])).toBe(false);
  });

  it('numeric with tolerance and a decimal comma', () => {
    const item = { type: 'numeric' as const, key: 3.5, scoring: { tolerance: 0.1 } };
    expect(gradeResponse(item, '3,45').credit).toBe(1);
    expect(gradeResponse(item, 3.7).credit).toBe(0);
    expect(gradeResponse(item, 'ba').credit).toBe(0);
    expect(parseNumericResponse('1e5')).toBeNull();
  });

  it('matching earns a share per pair, ordering all or nothing, essays go to a person', () => {
    const matching = { type: 'matching' as const, key: [['a', 'Hà Nội'], ['b', 'Huế']] as Array<[string, string]>, scoring: {} };
    expect(gradeResponse(matching, { a: 'hà nội', b: 'Đà Nẵng' }).credit).toBe(0.5);
    expect(gradeResponse(matching, [['a', 'Hà Nội'], ['b', 'Huế']]).credit).toBe(1);
    expect(gradeResponse({ type: 'ordering', key: ['b', 'a'], scoring: {} }, ['b', 'a']).credit).toBe(1);
    expect(gradeResponse({ type: 'ordering', key: ['b', 'a'], scoring: {} }, ['a', 'b']).credit).toBe(0);
    expect(gradeResponse({ type: 'essay', key: null, scoring: {} }, 'bài viết')).toEqual({ credit: null, manual: true });
  });

  it('property: credit always lies in [0, 1] for any response to any auto-graded multiple-response rule', () => {
    const rules = fc.constantFrom('all_or_nothing', 'proportional', 'right_minus_wrong') as fc.Arbitrary<'all_or_nothing'>;
    fc.assert(
      fc.property(rules, fc.anything(), (rule, response) => {
        const c = gradeResponse(mr(rule), response).credit as number;
        expect(c).toBeGreaterThanOrEqual(0);
        expect(c).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('property: the key itself always earns full credit, and adding a distractor never raises credit', () => {
    fc.assert(
      fc.property(fc.subarray(['a', 'b', 'c', 'd', 'e'], { minLength: 1 }), fc.constantFrom('all_or_nothing', 'proportional', 'right_minus_wrong'), (key, rule) => {
        const item = { type: 'multiple_response' as const, key, scoring: { partialCredit: rule as 'proportional' }, options: ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => ({ id })) };
        expect(gradeResponse(item, key).credit).toBe(1);
        expect(gradeResponse(item, [...key, 'f']).credit as number).toBeLessThanOrEqual(1 - Number.EPSILON);
      }),
    );
  });

  it('property: a number within the tolerance earns credit, one clearly outside does not', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }), (key, tol, t) => {
        const item = { type: 'numeric' as const, key, scoring: { tolerance: tol } };
        expect(gradeResponse(item, key + t * tol).credit).toBe(1);
        expect(gradeResponse(item, key + tol + 1).credit).toBe(0);
      }),
    );
  });
});
