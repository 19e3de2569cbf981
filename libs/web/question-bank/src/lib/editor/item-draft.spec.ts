import { changeType, draftFromVersion, emptyDraft, nextOptionId, optionId, toRequest, validateDraft, type ItemDraft } from './item-draft';
import { version } from '../../test-fixtures';


const base = (over: Partial<ItemDraft>): ItemDraft => ({ ...emptyDraft(over.type), stem: 'Câu hỏi?', topic: 'Lịch sử Đoàn', ...over });
const opts = (...texts: string[]) => texts.map((text, i) => ({ id: optionId(i), text, correct: false, match: '' }));
const fields = (d: ItemDraft) => validateDraft(d).map((p) => `${p.field}:${p.key}`);

describe('item drafts', () => {
  it('names option ids as the API does and fills gaps', () => {
    expect([0, 1, 25, 26, 27].map(optionId)).toEqual(['a', 'b', 'z', 'aa', 'ab']);
    expect(nextOptionId(opts('x', 'y').filter((o) => o.id !== 'a'))).toBe('a');
  });

  it('refuses what the API refuses, naming the API field', () => {
    expect(fields(base({ stem: '<p> </p>', topic: 'x' }))).toEqual(expect.arrayContaining(['stem:stemRequired', 'topic:topicLength']));
    expect(fields(base({ stem: 'x'.repeat(10_001) }))).toContain('stem:stemTooLong');
    const single = base({ type: 'single_choice', options: opts('A', 'a ') });
    expect(fields(single)).toEqual(['options:duplicateOptions', 'key:oneCorrect']);
    expect(fields(base({ type: 'single_choice', options: opts('A') }))).toContain('options:twoOptions');
    expect(fields(base({ type: 'multiple_response', options: opts('A', 'B') }))).toEqual(['key:someCorrect']);
    expect(fields(base({ type: 'true_false' }))).toEqual(['key:trueFalseRequired']);
    expect(fields(base({ type: 'short_answer', accepted: ' \n ' }))).toEqual(['key:acceptedRequired']);
    expect(fields(base({ type: 'matching', options: opts('A', 'A') }))).toEqual(['key[0]:matchRequired', 'key[1]:matchRequired']);
    expect(fields(base({ type: 'numeric', numeric: 'abc', tolerance: '-1' }))).toEqual(['key:numberRequired', 'scoring.tolerance:toleranceInvalid']);
    expect(fields(base({ type: 'essay', rubric: [{ criterion: 'Nội dung', points: '0' }] }))).toEqual(['scoring.rubric[0]:rubricInvalid']);
    const tf = (over: Partial<ItemDraft>) => base({ type: 'true_false', trueFalse: true, ...over });
    expect(fields(tf({}))).toEqual([]);
    expect(fields(tf({ estimatedSeconds: '1.5', sourceArticle: 'Điều 1' }))).toEqual(['estimatedSeconds:secondsInvalid', 'source.document:sourceDocumentRequired']);
    expect(fields(tf({ tags: Array.from({ length: 31 }, (_, i) => `t${i}`).join(',') }))).toEqual(['tags:tagsInvalid']);
  });

  it('builds the request of each type', () => {
    const single = base({ type: 'single_choice', options: opts('A', 'B').map((o, i) => ({ ...o, correct: i === 1 })), tags: 'a, b, a', sourceDocument: 'Luật Thanh niên 2020' });
    expect(validateDraft(single)).toEqual([]);
    expect(toRequest(single)).toEqual({
      type: 'single_choice',
      stem: 'Câu hỏi?',
      options: [{ id: 'a', text: 'A' }, { id: 'b', text: 'B' }],
      key: 'b',
      scoring: {},
      topic: 'Lịch sử Đoàn',
      level: 'recognition',
      programIds: [],
      tags: ['a', 'b'],
      source: { document: 'Luật Thanh niên 2020' },
    });
    expect(toRequest(base({ type: 'multiple_response', options: opts('A', 'B', 'C').map((o) => ({ ...o, correct: o.id !== 'b' })), partialCredit: 'proportional' }))).toMatchObject({
      key: ['a', 'c'],
      scoring: { partialCredit: 'proportional' },
    });
    expect(toRequest(base({ type: 'true_false', trueFalse: false }))).toMatchObject({ key: false, options: [] });
    expect(toRequest(base({ type: 'short_answer', accepted: 'Hà Nội\n ha noi \nHà Nội', ignoreDiacritics: true }))).toMatchObject({
      key: ['Hà Nội', 'ha noi'],
      scoring: { ignoreDiacritics: true },
    });
    expect(toRequest(base({ type: 'matching', options: opts('1931', '1941').map((o, i) => ({ ...o, match: ['Đoàn', 'Việt Minh'][i] })) })).key).toEqual([
      ['a', 'Đoàn'],
      ['b', 'Việt Minh'],
    ]);
    expect(toRequest(base({ type: 'ordering', options: opts('x', 'y', 'z').reverse() })).key).toEqual(['c', 'b', 'a']);
    expect(toRequest(base({ type: 'numeric', numeric: '3,5', tolerance: '0.1' }))).toMatchObject({ key: 3.5, scoring: { tolerance: 0.1 } });
    expect(toRequest(base({ type: 'essay', rubric: [{ criterion: ' Lập luận ', points: '2' }], estimatedSeconds: '600' }))).toMatchObject({
      key: null,
      scoring: { rubric: [{ criterion: 'Lập luận', points: 2 }] },
      estimatedSeconds: 600,
    });
  });

  it('loads a version back into the form so that saving it unchanged sends the same content', () => {
    const cases = [
      version(),
      version({ type: 'multiple_response', key: ['a', 'b'], scoring: { partialCredit: 'right_minus_wrong' } }),
      version({ type: 'ordering', key: ['b', 'a'] }),
      version({ type: 'matching', key: [['a', 'X'], ['b', 'Y']] }),
      version({ type: 'short_answer', options: [], key: ['Hà Nội'], scoring: { ignoreDiacritics: true } }),
      version({ type: 'numeric', options: [], key: 12, scoring: { tolerance: 0.5 }, estimatedSeconds: 60, explanation: 'Vì…' }),
      version({ type: 'true_false', options: [], key: true, programIds: ['basic'], source: { document: 'Điều lệ Đoàn', article: 'Điều 1' } }),
    ];
    for (const v of cases) {
      const request = toRequest(draftFromVersion(v));
      expect(request.key).toEqual(v.key);
      expect(request.options).toEqual(v.type === 'ordering' ? [v.options[1], v.options[0]] : v.options);
      expect(request.scoring).toEqual(expect.objectContaining(v.scoring));
      expect(request.tags).toEqual(v.tags);
      expect(request.source ?? null).toEqual(v.source);
      expect(request.programIds).toEqual(v.programIds);
    }
  });

  it('keeps shared fields and option texts when the type changes', () => {
    const d = changeType(base({ type: 'single_choice', options: opts('A', 'B').map((o) => ({ ...o, correct: true })), tags: 'x' }), 'ordering');
    expect(d).toMatchObject({ type: 'ordering', stem: 'Câu hỏi?', tags: 'x' });
    expect(d.options.map((o) => [o.text, o.correct])).toEqual([['A', false], ['B', false]]);
    expect(changeType(d, 'essay').options).toEqual([]);
  });
});
