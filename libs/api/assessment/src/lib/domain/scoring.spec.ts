import { countingResult, passed, percent, scaled10 } from './scoring';

describe('results', () => {
  it('puts scores on the 10-point scale and in percent, rounded half up to two decimals', () => {
    expect(scaled10(17, 20)).toBe(8.5);
    expect(scaled10(2, 3)).toBe(6.67);
    expect(scaled10(1, 8)).toBe(1.25);
    expect(percent(1, 3)).toBe(33.33);
    expect(scaled10(0, 0)).toBe(0);
  });

  it('passes at exactly the pass mark and not below', () => {
    expect(passed(10, 20, 50)).toBe(true);
    expect(passed(9.99, 20, 50)).toBe(false);
    expect(passed(1, 3, 33.3333333)).toBe(true);
    expect(passed(0, 0, 0)).toBe(false);
  });

  it('counts the attempt the exam policy names', () => {
    const attempts = [
      { score: 6, maxScore: 10, finishedAt: new Date('2026-12-01T02:00:00Z') },
      { score: 9, maxScore: 10, finishedAt: new Date('2026-12-01T01:00:00Z') },
      { score: 3, maxScore: 10, finishedAt: new Date('2026-12-01T03:00:00Z') },
    ];
    expect(countingResult('first', attempts)).toEqual({ score: 9, maxScore: 10 });
    expect(countingResult('last', attempts)).toEqual({ score: 3, maxScore: 10 });
    expect(countingResult('highest', attempts)).toEqual({ score: 9, maxScore: 10 });
    expect(countingResult('average', attempts)?.score).toBeCloseTo(6, 10);
    expect(countingResult('highest', [])).toBeNull();
  });
});
