import { prepareContent } from '../content/item-content';
import { adaptBankKey } from './bank-import.service';

describe('bank file keys', () => {
  it('turns a { left: right } matching key over both sides into pairs with the right text', () => {
    const f = {
      type: 'matching',
      options: [{ id: 'L1', text: 'Đoàn' }, { id: 'L2', text: 'Đội' }, { id: 'R1', text: '26/3/1931' }, { id: 'R2', text: '15/5/1941' }, { id: 'R9', text: '1/1/2000' }],
      key: { L1: 'R1', L2: 'R2' },
    };
    const a = adaptBankKey(f);
    expect(a.options?.map((o) => o.id)).toEqual(['L1', 'L2']);
    expect(a.key).toEqual([['L1', '26/3/1931'], ['L2', '15/5/1941']]);
    expect(prepareContent({ ...a, type: 'matching', stem: 'Ghép', topic: 'Lịch sử', level: 'recognition' }).problems).toEqual([]);
  });

  it('keeps an essay marking guide as a rubric and reads { value, tolerance } numeric keys', () => {
    const essay = adaptBankKey({ type: 'essay', key: 'Nêu đủ ba ý (10 điểm).' });
    expect(essay).toMatchObject({ key: null, scoring: { rubric: [{ criterion: 'Nêu đủ ba ý (10 điểm).', points: 10 }] } });
    const numeric = prepareContent({ type: 'numeric', stem: 'Bao nhiêu phần trăm?', key: { value: 72, tolerance: 0.5 }, topic: 'Thống kê', level: 'application' });
    expect(numeric.problems).toEqual([]);
    expect(numeric.content).toMatchObject({ key: 72, scoring: { tolerance: 0.5 } });
  });
});
