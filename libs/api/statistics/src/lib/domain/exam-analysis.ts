/**
 * Item and test statistics of one exam, from its graded attempts: pure (no Nest, no database),
 * every number from @boiduong/psychometrics. A person is an attempt; an item is an item VERSION,
 * so a response always counts for the version the learner saw.
 *
 * Forms drawn from a blueprint differ between attempts. Then each version's statistics use the
 * attempts that drew it, with those attempts' totals (Moodle's treatment of random questions), and
 * test reliability is computed over blueprint slots (the i-th item drawn from each cell), which is
 * what Moodle does for quizzes made of random questions. When every attempt had the same items,
 * the whole person x item matrix goes to `analyzeCtt` unchanged.
 */
import type { DistractorStats, ItemIrtStats, ItemVersionStatistics, StatisticsFlag, TestIrtStatistics, TestStatistics } from '@boiduong/shared-contracts';
import {
  analyzeCtt,
  calibrate,
  distractorFlags,
  empiricalReliability,
  extremeGroups,
  itemFlags,
  mean,
  moodleItemStats,
  moodleTestStats,
  pearson,
  pointBiserialRest,
  pointBiserialTotal,
  upperLowerD,
  type MarkMatrix,
} from '@boiduong/psychometrics';

export interface AnalysisVersion {
  itemVersionId: string;
  itemId: string;
  version: number;
  type: string;
  stem: string;
  topic: string;
  level: string;
  key: unknown;
  options: ReadonlyArray<{ id: string; text: string }>;
}

export interface AnalysisEntry {
  itemVersionId: string;
  position: number;
  points: number;
  /** Credit in [0, 1]; null or absent scores 0 (not answered, as Moodle scores it). */
  credit: number | null;
  /** The stored answer; undefined when the learner never answered. */
  answer?: unknown;
}

export interface AnalysisAttempt {
  attemptId: string;
  entries: readonly AnalysisEntry[];
}

export interface AnalysisOptions {
  /** Attempts needed before a 2PL calibration is tried. */
  irtMinAttempts: number;
  /** Responses an item version needs to be calibrated. */
  irtMinItemResponses: number;
  /** Calibrated items needed for the model to be worth fitting. */
  irtMinItems: number;
}

export const DEFAULT_ANALYSIS_OPTIONS: AnalysisOptions = { irtMinAttempts: 100, irtMinItemResponses: 50, irtMinItems: 3 };

export type IrtSkipReason = 'too_few_attempts' | 'too_few_items' | 'calibration_failed';

export interface ExamAnalysis {
  attempts: number;
  responses: number;
  test: TestStatistics;
  irt: TestIrtStatistics | null;
  irtSkipped: IrtSkipReason | null;
  items: ItemVersionStatistics[];
}

const finite = (x: number | null | undefined): number | null => (x === null || x === undefined || !Number.isFinite(x) ? null : x);

/** Choice items whose options the distractor analysis can read from the stored answer. */
function choiceOf(v: AnalysisVersion, answer: unknown): { options: Array<{ id: string; text: string | null }>; chosen: string | null; key: string | null } | null {
  if (v.type === 'single_choice') {
    return { options: v.options.map((o) => ({ id: o.id, text: o.text })), chosen: typeof answer === 'string' ? answer : null, key: typeof v.key === 'string' ? v.key : null };
  }
  if (v.type === 'true_false') {
    return { options: [{ id: 'true', text: null }, { id: 'false', text: null }], chosen: typeof answer === 'boolean' ? String(answer) : null, key: typeof v.key === 'boolean' ? String(v.key) : null };
  }
  return null;
}

export function analyzeExam(versions: readonly AnalysisVersion[], attempts: readonly AnalysisAttempt[], options: AnalysisOptions = DEFAULT_ANALYSIS_OPTIONS): ExamAnalysis {
  const ordered = [...versions].sort((a, b) => a.topic.localeCompare(b.topic) || a.level.localeCompare(b.level) || a.itemId.localeCompare(b.itemId) || a.version - b.version);
  const column = new Map(ordered.map((v, j) => [v.itemVersionId, j]));
  const J = ordered.length;
  const N = attempts.length;
  // Marks per attempt and version (NaN where the version was not drawn), totals, max scores.
  const marks = new Float64Array(N * J).fill(Number.NaN);
  const answers: unknown[] = new Array(N * J);
  const maxMark = new Float64Array(J);
  const totals = new Float64Array(N);
  const maxScores = new Float64Array(N);
  let responses = 0;
  attempts.forEach((a, p) => {
    for (const e of a.entries) {
      const j = column.get(e.itemVersionId);
      if (j === undefined) throw new Error(`Attempt ${a.attemptId} has item version ${e.itemVersionId} missing from the versions`);
      const mark = (e.credit ?? 0) * e.points;
      marks[p * J + j] = mark;
      answers[p * J + j] = e.answer;
      maxMark[j] = Math.max(maxMark[j], e.points);
      totals[p] += mark;
      maxScores[p] += e.points;
      responses++;
    }
  });
  const fixedForm = N > 0 && marks.every((m) => !Number.isNaN(m));
  const maxScore = N ? Math.max(...maxScores) : 0;

  let items: ItemVersionStatistics[];
  let testStats: ReturnType<typeof moodleTestStats> & { alpha: number | null; kr20: number | null; sem: number | null };
  let basis: TestStatistics['reliabilityBasis'] = null;
  if (fixedForm) {
    const matrix: MarkMatrix = { persons: N, items: J, marks, maxMarks: maxMark };
    const ctt = analyzeCtt(matrix);
    testStats = ctt.test;
    basis = 'items';
    items = ordered.map((v, j) => {
      const s = ctt.items[j];
      return itemStats(v, N, maxMark[j], {
        facility: s.facility,
        sd: s.sd,
        discriminationIndex: s.discriminationIndex,
        discriminativeEfficiency: s.discriminativeEfficiency,
        effectiveWeight: s.effectiveWeight,
        pointBiserial: s.pointBiserial,
        pointBiserialRest: s.pointBiserialRest,
        upperLowerD: s.upperLowerD,
      });
    });
  } else {
    const slots = slotMatrix(ordered, attempts, column);
    if (slots) {
      testStats = analyzeCtt(slots).test;
      basis = 'slots';
    } else {
      testStats = { ...moodleTestStats(totals, []), alpha: null, kr20: null, sem: null };
    }
    items = ordered.map((v, j) => {
      const rows: number[] = [];
      for (let p = 0; p < N; p++) if (!Number.isNaN(marks[p * J + j])) rows.push(p);
      const sub: MarkMatrix = { persons: rows.length, items: 1, marks: Float64Array.from(rows, (p) => marks[p * J + j]), maxMarks: Float64Array.of(maxMark[j]) };
      const subTotals = Float64Array.from(rows, (p) => totals[p]);
      const moodle = moodleItemStats(sub, subTotals)[0];
      const groups = extremeGroups(subTotals);
      return itemStats(v, rows.length, maxMark[j], {
        facility: moodle.facility,
        sd: moodle.sd,
        discriminationIndex: moodle.discriminationIndex,
        discriminativeEfficiency: moodle.discriminativeEfficiency,
        // Effective weight needs every item in every attempt.
        effectiveWeight: null,
        pointBiserial: rows.length > 1 ? pointBiserialTotal(sub, 0, subTotals) : null,
        pointBiserialRest: rows.length > 1 ? pointBiserialRest(sub, 0, subTotals) : null,
        upperLowerD: groups.upper.length > 0 ? upperLowerD(sub, 0, groups) : null,
      });
    });
  }

  // Distractors: per choice version, over the attempts that drew it, with their totals.
  items.forEach((item, j) => {
    const v = ordered[j];
    const rows: number[] = [];
    for (let p = 0; p < N; p++) if (!Number.isNaN(marks[p * J + j])) rows.push(p);
    const probe = choiceOf(v, undefined);
    if (!probe || rows.length === 0) return;
    const subTotals = Float64Array.from(rows, (p) => totals[p]);
    const rest = Float64Array.from(rows, (p, i) => subTotals[i] - marks[p * J + j]);
    const chosen = rows.map((p) => choiceOf(v, answers[p * J + j])?.chosen ?? null);
    const groups = extremeGroups(subTotals);
    const codes: Array<{ id: string | null; text: string | null }> = [...probe.options];
    if (chosen.some((c) => c === null)) codes.push({ id: null, text: null });
    item.distractors = codes.map((o, index) => {
      const ind = Float64Array.from(chosen, (c) => (c === o.id ? 1 : 0));
      let u = 0;
      let l = 0;
      for (const i of groups.upper) u += ind[i];
      for (const i of groups.lower) l += ind[i];
      const pu = groups.upper.length ? u / groups.upper.length : 0;
      const pl = groups.lower.length ? l / groups.lower.length : 0;
      const stats = {
        option: index + 1,
        isKey: o.id !== null && o.id === probe.key,
        proportion: mean(ind),
        proportionUpper: pu,
        proportionLower: pl,
        d: pu - pl,
        restCorrelation: pearson(ind, rest),
      };
      const row: DistractorStats = {
        optionId: o.id,
        text: o.text,
        isKey: stats.isKey,
        count: ind.reduce((s, x) => s + x, 0),
        proportion: stats.proportion,
        proportionUpper: pu,
        proportionLower: pl,
        d: stats.d,
        restCorrelation: finite(stats.restCorrelation),
        // "Not answered" is no distractor: it gets numbers, not flags.
        flags: o.id === null ? [] : distractorFlags(stats),
      };
      return row;
    });
    for (const d of item.distractors) item.flags.push(...d.flags);
  });

  // 2PL over dichotomous versions with enough responses; versions not drawn are missing (-1).
  let irt: TestIrtStatistics | null = null;
  let irtSkipped: IrtSkipReason | null = null;
  if (N < options.irtMinAttempts) irtSkipped = 'too_few_attempts';
  else {
    const calibrated: number[] = [];
    for (let j = 0; j < J; j++) {
      let n = 0;
      let correct = 0;
      let dichotomous = maxMark[j] > 0;
      for (let p = 0; p < N && dichotomous; p++) {
        const m = marks[p * J + j];
        if (Number.isNaN(m)) continue;
        n++;
        if (m === maxMark[j]) correct++;
        else if (m !== 0) dichotomous = false;
      }
      if (dichotomous && n >= options.irtMinItemResponses && correct > 0 && correct < n) calibrated.push(j);
    }
    if (calibrated.length < options.irtMinItems) irtSkipped = 'too_few_items';
    else {
      const K = calibrated.length;
      const data = new Int8Array(N * K);
      for (let p = 0; p < N; p++)
        calibrated.forEach((j, k) => {
          const m = marks[p * J + j];
          data[p * K + k] = Number.isNaN(m) ? -1 : m === maxMark[j] ? 1 : 0;
        });
      try {
        const fit = calibrate({ persons: N, items: K, responses: data }, { model: '2pl' });
        calibrated.forEach((j, k) => {
          const e = fit.items[k];
          const params: ItemIrtStats = { a: e.a, b: e.b, d: e.d, seA: finite(e.seA), seD: finite(e.seD) };
          items[j].irt = params;
        });
        irt = {
          model: '2pl',
          items: K,
          persons: N,
          logLik: fit.logLik,
          aic: fit.aic,
          bic: fit.bic,
          cycles: fit.cycles,
          converged: fit.converged,
          // EAP reliability of these learners (var of EAP over var plus mean posterior variance), as
          // mirt's empirical_rxx: the prior-averaged marginal form is dominated by the far tails
          // where steep items carry no information.
          empiricalReliability: empiricalReliability(Array.from({ length: N }, (_, p) => ({ theta: fit.patternEap[fit.patterns.patternOfRow[p]], se: fit.patternEapSd[fit.patterns.patternOfRow[p]] }))),
        };
      } catch {
        irtSkipped = 'calibration_failed';
      }
    }
  }

  const histogram = new Array<number>(10).fill(0);
  for (let p = 0; p < N; p++) histogram[Math.min(9, Math.max(0, Math.floor(maxScores[p] ? (totals[p] / maxScores[p]) * 10 : 0)))]++;
  const test: TestStatistics = {
    attempts: N,
    maxScore,
    mean: N ? testStats.mean : 0,
    median: N ? testStats.median : 0,
    sd: finite(testStats.sd),
    skewness: finite(testStats.skewness),
    kurtosis: finite(testStats.kurtosis),
    alpha: finite(testStats.alpha),
    kr20: finite(testStats.kr20),
    sem: finite(testStats.sem),
    reliabilityBasis: basis,
    histogram,
  };
  return { attempts: N, responses, test, irt, irtSkipped, items };
}

function itemStats(
  v: AnalysisVersion,
  responses: number,
  maxMark: number,
  s: Pick<ItemVersionStatistics, 'facility' | 'sd' | 'discriminationIndex' | 'discriminativeEfficiency' | 'effectiveWeight' | 'pointBiserial' | 'pointBiserialRest' | 'upperLowerD'>,
): ItemVersionStatistics {
  const clean = {
    facility: finite(s.facility),
    sd: finite(s.sd),
    discriminationIndex: finite(s.discriminationIndex),
    discriminativeEfficiency: finite(s.discriminativeEfficiency),
    effectiveWeight: finite(s.effectiveWeight),
    pointBiserial: finite(s.pointBiserial),
    pointBiserialRest: finite(s.pointBiserialRest),
    upperLowerD: finite(s.upperLowerD),
  };
  const flags: StatisticsFlag[] = itemFlags(clean);
  return {
    itemId: v.itemId,
    itemVersionId: v.itemVersionId,
    version: v.version,
    type: v.type,
    stem: v.stem,
    topic: v.topic,
    level: v.level,
    responses,
    maxMark,
    ...clean,
    flags,
    distractors: null,
    irt: null,
  };
}

/**
 * Marks by blueprint slot: each attempt's items ordered by (topic, level, position), so slot s
 * is "the i-th item drawn from cell c". Null when attempts do not share one slot layout.
 */
function slotMatrix(ordered: readonly AnalysisVersion[], attempts: readonly AnalysisAttempt[], column: ReadonlyMap<string, number>): MarkMatrix | null {
  if (attempts.length === 0) return null;
  const layouts = attempts.map((a) =>
    [...a.entries]
      .map((e) => ({ e, v: ordered[column.get(e.itemVersionId) as number] }))
      .sort((x, y) => x.v.topic.localeCompare(y.v.topic) || x.v.level.localeCompare(y.v.level) || x.e.position - y.e.position),
  );
  const signature = (l: (typeof layouts)[number]) => l.map(({ e, v }) => `${v.topic}\u0000${v.level}\u0000${e.points}`).join('\u0001');
  const first = signature(layouts[0]);
  if (layouts.some((l) => signature(l) !== first)) return null;
  const K = layouts[0].length;
  const marks = new Float64Array(attempts.length * K);
  layouts.forEach((l, p) => l.forEach(({ e }, s) => (marks[p * K + s] = (e.credit ?? 0) * e.points)));
  return { persons: attempts.length, items: K, marks, maxMarks: Float64Array.from(layouts[0], ({ e }) => e.points) };
}
