import fc from 'fast-check';
import {
  analyzeCtt,
  cronbachAlpha,
  distractorAnalysis,
  extremeGroups,
  kr20,
  kr21,
  MarkMatrix,
  moodleItemStats,
  moodleTestStats,
  pointBiserialRest,
  pointBiserialTotal,
  randomGuessScore,
  scoreChoices,
  totalScores,
  upperLowerD,
} from './ctt';
import { expectClose, expectRelClose, num, readTable, readText } from '../test/fixtures';

function results00(): { m: MarkMatrix; summarks: Float64Array } {
  const rows = readTable('moodle/results00.csv');
  const items = 7;
  const marks = new Float64Array(rows.length * items);
  rows.forEach((r, p) => {
    for (let j = 0; j < items; j++) marks[p * items + j] = num(r[`slots.${j + 1}.mark`]);
  });
  return {
    m: { persons: rows.length, items, marks, maxMarks: new Float64Array(items).fill(1) },
    summarks: Float64Array.from(rows.map((r) => num(r['summarks']))),
  };
}

describe('Moodle quiz statistics, results00 / qstats00 / quiz00', () => {
  const { m, summarks } = results00();
  const stats = moodleItemStats(m, summarks);
  const expected = readTable('moodle/qstats00.csv');
  const fields = [
    ['facility', 'facility'],
    ['sd', 'sd'],
    ['effectiveweight', 'effectiveWeight'],
    ['covariance', 'covariance'],
    ['markvariance', 'markVariance'],
    ['othermarkvariance', 'otherMarkVariance'],
    ['discriminationindex', 'discriminationIndex'],
    ['covariancemax', 'covarianceMax'],
    ['discriminativeefficiency', 'discriminativeEfficiency'],
  ] as const;
  it.each(expected.map((e) => [e['slot'], e] as const))('slot %s matches within relative 1e-5', (_slot, e) => {
    const s = stats[num(e['slot']) - 1];
    for (const [col, key] of fields) expectRelClose(s[key], num(e[col]), 1e-5, `slot ${e['slot']} ${col}`);
  });

  it('quiz-level values match within relative 1.5e-5', () => {
    const q = JSON.parse(readText('moodle/quiz00_expected_quizstats.json')) as Record<string, number>;
    const t = moodleTestStats(
      summarks,
      stats.map((s) => s.markVariance ?? 0),
    );
    const tol = q['relative_tolerance'];
    expectRelClose(t.median, q['median'], tol, 'median');
    expectRelClose(t.mean, q['allattemptsavg'], tol, 'mean');
    expectRelClose(t.sd, q['standarddeviation'], tol, 'sd');
    expectRelClose(t.skewness, q['skewness'], tol, 'skewness');
    expectRelClose(t.kurtosis, q['kurtosis'], tol, 'kurtosis');
    expectRelClose(t.cic, q['cic'], tol, 'cic');
    expectRelClose(t.errorRatio, q['errorratio'], tol, 'errorratio');
    expectRelClose(t.standardError, q['standarderror'], tol, 'standarderror');
    expect(t.count).toBe(q['allattemptscount']);
  });

  it('alpha equals CIC/100 and psych::alpha (psych_ref.txt)', () => {
    const ref = readText('reference/psych_ref.txt');
    const raw = Number(/raw_alpha=(-?[\d.]+)/.exec(ref)?.[1]);
    expectClose(cronbachAlpha(m), raw, 1e-9, 'alpha vs psych');
  });
});

describe('Moodle quiz statistics, mdl_question_states (fractional marks, zero-mark slots)', () => {
  const rows = readTable('moodle/mdl_question_states.csv');
  const attempts = [...new Set(rows.map((r) => r['sumgrades'] + '|' + r['id']))];
  void attempts;
  // Rows come in blocks of one attempt (20 slots in slot order).
  const slots = 20;
  const persons = rows.length / slots;
  const marks = new Float64Array(persons * slots);
  const maxMarks = new Float64Array(slots);
  const sumgrades = new Float64Array(persons);
  rows.forEach((r, i) => {
    const p = Math.floor(i / slots);
    const slot = num(r['slot']);
    marks[p * slots + slot - 1] = num(r['mark']);
    maxMarks[slot - 1] = num(r['maxmark']);
    sumgrades[p] = num(r['sumgrades']);
  });
  const m: MarkMatrix = { persons, items: slots, marks, maxMarks };
  const stats = moodleItemStats(m, sumgrades);
  const expected = readTable('moodle/mdl_question_states_expected.csv');
  it.each(expected.map((e) => [e['slot'], e] as const))('slot %s matches within absolute 1e-6', (_slot, e) => {
    const s = stats[num(e['slot']) - 1];
    const check = (col: string, actual: number | null, scale: number): void => {
      const want = e[col];
      if (want === '' || want === undefined) expect(actual).toBeNull();
      else expectClose(actual === null ? null : actual * scale, num(want), 1e-6, `slot ${e['slot']} ${col}`);
    };
    check('facility_x100', s.facility, 100);
    check('sd_x1000', s.sd, 1000);
    check('effectiveweight', s.effectiveWeight, 1);
    check('discriminationindex', s.discriminationIndex, 1);
    check('discriminativeefficiency', s.discriminativeEfficiency, 1);
  });
  it('sumgrades is the sum of the slot marks', () => {
    const t = totalScores(m);
    for (let p = 0; p < persons; p++) expectClose(t[p], sumgrades[p], 1e-9, `attempt ${p}`);
  });
});

function sat12() {
  const rows = readText('irt/SAT12_raw.csv')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((l) => l.split(',').map(Number));
  const key = [1, 4, 5, 2, 3, 1, 2, 1, 3, 1, 2, 4, 2, 1, 5, 3, 4, 4, 1, 4, 3, 3, 4, 1, 3, 5, 1, 3, 1, 5, 4, 5];
  const items = key.length;
  const choices = new Int32Array(rows.length * items);
  rows.forEach((r, p) => r.forEach((v, j) => (choices[p * items + j] = v)));
  return { persons: rows.length, items, choices, key };
}

describe('SAT12 classical and distractor tables', () => {
  const c = sat12();
  const m = scoreChoices(c);
  const totals = totalScores(m);
  const groups = extremeGroups(totals);
  it('uses k = round(0.27 N) = 162', () => {
    expect(groups.lower.length).toBe(162);
    expect(groups.upper.length).toBe(162);
  });
  it('KR-20 = alpha = 0.797892 (psych_ref.txt)', () => {
    const ref = readText('reference/psych_ref.txt');
    const want = Number(/KR-20\/alpha=([\d.]+)/.exec(ref)?.[1]);
    expectClose(kr20(m), want, 1e-6, 'KR-20');
    expectClose(cronbachAlpha(m), want, 1e-6, 'alpha');
    expect(kr21(m)).toBeLessThanOrEqual(kr20(m) + 1e-12);
  });
  it.each(readTable('ctt/sat12_ctt_expected.csv').map((e) => [e['item'], e] as const))('item %s: p, r_pb, r_rest, D27', (_i, e) => {
    const j = num(e['item']) - 1;
    const p = totals.length;
    let s = 0;
    for (let i = 0; i < p; i++) s += m.marks[i * m.items + j];
    expectClose(s / p, num(e['p']), 1e-5, 'p');
    expectClose(pointBiserialTotal(m, j, totals), num(e['r_pb']), 1e-5, 'r_pb');
    expectClose(pointBiserialRest(m, j, totals), num(e['r_pbis_corrected']), 1e-5, 'r_rest');
    expectClose(upperLowerD(m, j, groups), num(e['D27']), 1e-5, 'D27');
  });
  it('distractor table matches every option row within 1e-5', () => {
    const d = distractorAnalysis(c);
    const expected = readTable('ctt/sat12_distractors_expected.csv');
    let rowsSeen = 0;
    for (const e of expected) {
      const rows = d[num(e['item']) - 1];
      const o = rows.find((r) => r.option === num(e['option']));
      if (!o) throw new Error(`item ${e['item']} option ${e['option']} missing`);
      const what = `item ${e['item']} option ${e['option']}`;
      expect(o.isKey).toBe(e['is_key'] === '1');
      expectClose(o.proportion, num(e['prop']), 1e-5, what + ' prop');
      expectClose(o.proportionUpper, num(e['prop_upper27']), 1e-5, what + ' upper');
      expectClose(o.proportionLower, num(e['prop_lower27']), 1e-5, what + ' lower');
      expectClose(o.d, num(e['D_option']), 1e-5, what + ' D');
      expectClose(o.restCorrelation, num(e['r_pb_option_rest']), 1e-5, what + ' r');
      rowsSeen++;
    }
    expect(rowsSeen).toBe(d.reduce((a, r) => a + r.length, 0));
  });
});

describe('properties', () => {
  const matrix = fc
    .tuple(fc.integer({ min: 3, max: 25 }), fc.integer({ min: 2, max: 8 }))
    .chain(([n, k]) =>
      fc.array(fc.integer({ min: 0, max: 4 }), { minLength: n * k, maxLength: n * k }).map((v) => ({ n, k, v })),
    );
  const toM = ({ n, k, v }: { n: number; k: number; v: number[] }): MarkMatrix => ({
    persons: n,
    items: k,
    marks: Float64Array.from(v),
    maxMarks: new Float64Array(k).fill(4),
  });
  it('alpha is invariant to permuting items and persons and to a common rescaling of marks', () => {
    fc.assert(
      fc.property(matrix, fc.double({ min: 0.1, max: 10, noNaN: true }), (x, scale) => {
        const m = toM(x);
        const a = cronbachAlpha(m);
        fc.pre(Number.isFinite(a));
        const perm = new Float64Array(m.marks.length);
        for (let p = 0; p < m.persons; p++)
          for (let j = 0; j < m.items; j++) perm[(m.persons - 1 - p) * m.items + (m.items - 1 - j)] = m.marks[p * m.items + j] * scale;
        const b = cronbachAlpha({ ...m, marks: perm });
        return Math.abs(a - b) < 1e-9 * Math.max(1, Math.abs(a));
      }),
    );
  });
  it('alpha equals CIC/100 and effective weights of non-negative items sum to 100', () => {
    fc.assert(
      fc.property(matrix, (x) => {
        const m = toM(x);
        const r = analyzeCtt(m);
        fc.pre(r.test.cic !== null);
        if (Math.abs((r.test.alpha ?? NaN) - cronbachAlpha(m)) > 1e-9) return false;
        const w = r.moodle.map((s) => s.effectiveWeight).filter((v): v is number => v !== null);
        const sum = w.reduce((a, b) => a + b, 0);
        return w.length === 0 || sum === 0 || Math.abs(sum - 100) < 1e-9;
      }),
    );
  });
  it('upper-lower D lies in [-1, 1] and discrimination efficiency never exceeds 100', () => {
    fc.assert(
      fc.property(matrix, (x) => {
        const m = toM(x);
        const r = analyzeCtt(m);
        return r.items.every(
          (i) => Math.abs(i.upperLowerD) <= 1 + 1e-12 && (i.discriminativeEfficiency === null || i.discriminativeEfficiency <= 100 + 1e-9),
        );
      }),
    );
  });
});

describe('random-guess score per question type (Moodle definitions)', () => {
  it('true/false is 1/2, single-answer multichoice the mean answer fraction, match 1/choices', () => {
    expect(randomGuessScore({ type: 'truefalse' })).toBe(0.5);
    expect(randomGuessScore({ type: 'multichoice', single: true, answerFractions: [1, 0, 0, 0] })).toBe(0.25);
    expect(randomGuessScore({ type: 'multichoice', single: false, answerFractions: [0.5, 0.5, -1] })).toBeNull();
    expect(randomGuessScore({ type: 'match', choices: 5 })).toBe(0.2);
    expect(randomGuessScore({ type: 'essay' })).toBeNull();
  });
});
