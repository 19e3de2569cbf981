import { creditFromRubric, rubricOf } from './rubric';

describe('essay rubrics', () => {
  it('uses the item rubric, or one overall criterion worth the item points', () => {
    expect(rubricOf({ rubric: [{ criterion: 'Nêu đủ ý', points: 4 }, { criterion: 'Dẫn chứng', points: 6 }] }, 2)).toHaveLength(2);
    expect(rubricOf({}, 2)).toEqual([{ criterion: '', points: 2 }]);
    expect(rubricOf(null, 3)).toEqual([{ criterion: '', points: 3 }]);
    expect(rubricOf({ rubric: [{ criterion: 'x', points: 0 }] }, 3)).toEqual([{ criterion: '', points: 3 }]);
  });

  const rubric = [
    { criterion: 'Nêu đủ ý', points: 4 },
    { criterion: 'Dẫn chứng', points: 6 },
  ];

  it('gives the share of the rubric points earned', () => {
    expect(creditFromRubric(rubric, [4, 6])).toEqual({ credit: 1 });
    expect(creditFromRubric(rubric, [0, 0])).toEqual({ credit: 0 });
    expect(creditFromRubric(rubric, [2, 1.5])).toEqual({ credit: 0.35 });
    expect(creditFromRubric(rubric, [0.35, 0.07])).toEqual({ credit: 0.042 });
  });

  it('refuses a wrong number of scores and scores outside a criterion bounds', () => {
    expect(creditFromRubric(rubric, [4])).toEqual({ problem: { kind: 'count', expected: 2, given: 1 } });
    expect(creditFromRubric(rubric, [4, 6.5])).toEqual({ problem: { kind: 'range', index: 1, max: 6, given: 6.5 } });
    expect(creditFromRubric(rubric, [-1, 0])).toEqual({ problem: { kind: 'range', index: 0, max: 4, given: -1 } });
    expect(creditFromRubric(rubric, [1.234, 0])).toEqual({ problem: { kind: 'range', index: 0, max: 4, given: 1.234 } });
    expect(creditFromRubric(rubric, [Number.NaN, 0])).toMatchObject({ problem: { kind: 'range', index: 0 } });
  });
});
