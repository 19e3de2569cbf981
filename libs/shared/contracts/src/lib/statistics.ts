/** Item and test statistics over graded exam responses: shapes shared by api and web. */

/** A review flag: a stable code (translated in the UI) with the server's English and Vietnamese text. */
export interface StatisticsFlag {
  code: string;
  en: string;
  vi: string;
}

/** One option of a choice item in the distractor analysis (27% upper and lower groups). */
export interface DistractorStats {
  /** The option id, or null for "not answered". */
  optionId: string | null;
  text: string | null;
  isKey: boolean;
  count: number;
  proportion: number;
  proportionUpper: number;
  proportionLower: number;
  /** Upper minus lower proportion. */
  d: number;
  /** Correlation of choosing this option with the rest score; null when undefined (no variance). */
  restCorrelation: number | null;
  flags: StatisticsFlag[];
}

/** 2PL parameters on the logistic metric (D = 1): P = 1 / (1 + exp(-(a theta + d))), b = -d / a. */
export interface ItemIrtStats {
  a: number;
  b: number;
  d: number;
  seA: number | null;
  seD: number | null;
}

/** Statistics of one item version in one exam snapshot. */
export interface ItemVersionStatistics {
  itemId: string;
  itemVersionId: string;
  version: number;
  type: string;
  stem: string;
  topic: string;
  level: string;
  /** Attempts that drew this version (each counts, answered or not). */
  responses: number;
  maxMark: number;
  facility: number | null;
  sd: number | null;
  /** Moodle's discrimination index: 100 x item-rest correlation. */
  discriminationIndex: number | null;
  discriminativeEfficiency: number | null;
  /** Only when every attempt had the same items (Moodle's definition needs a common test). */
  effectiveWeight: number | null;
  pointBiserial: number | null;
  pointBiserialRest: number | null;
  upperLowerD: number | null;
  flags: StatisticsFlag[];
  distractors: DistractorStats[] | null;
  irt: ItemIrtStats | null;
}

export interface TestStatistics {
  /** Attempts counted (submitted and fully graded). */
  attempts: number;
  maxScore: number;
  mean: number;
  median: number;
  sd: number | null;
  skewness: number | null;
  kurtosis: number | null;
  /** Cronbach's alpha (= Moodle CIC / 100). */
  alpha: number | null;
  kr20: number | null;
  /** Standard error of measurement, in marks. */
  sem: number | null;
  /** 'items' when every attempt had the same items; 'slots' when forms were drawn from the blueprint (Moodle's random-question slots). */
  reliabilityBasis: 'items' | 'slots' | null;
  /** Counts of attempts by score on the 10-point scale: [0,1), [1,2), ..., [9,10]. */
  histogram: number[];
}

export interface TestIrtStatistics {
  model: '2pl';
  /** Items calibrated (dichotomous, enough responses, some variance). */
  items: number;
  persons: number;
  logLik: number;
  aic: number;
  bic: number;
  cycles: number;
  converged: boolean;
  /** EAP (empirical) reliability of the calibrated learners. */
  empiricalReliability: number;
}

export interface ExamStatisticsSnapshot {
  id: string;
  computedAt: string;
  durationMs: number;
  attempts: number;
  /** Graded item responses used (attempt x item pairs). */
  responses: number;
  test: TestStatistics;
  /** Null when there were too few attempts or items; see irtSkipped. */
  irt: TestIrtStatistics | null;
  irtSkipped: string | null;
  items: ItemVersionStatistics[];
}

/** `GET /api/v1/exams/:id/statistics`. */
export interface ExamStatisticsView {
  examId: string;
  title: string;
  closesAt: string;
  /** A computation is queued or running. */
  running: boolean;
  snapshot: ExamStatisticsSnapshot | null;
}

/** One row of `GET /api/v1/statistics/exams`. */
export interface ExamStatisticsSummary {
  examId: string;
  title: string;
  courseName: string;
  closesAt: string;
  computedAt: string | null;
  attempts: number | null;
  alpha: number | null;
  flaggedItems: number | null;
}

/** `GET /api/v1/items/:id/statistics`: every version of the item, with its latest statistics per exam. */
export interface ItemStatisticsView {
  itemId: string;
  versions: Array<{
    itemVersionId: string;
    version: number;
    exams: Array<{ examId: string; title: string; computedAt: string; statistics: ItemVersionStatistics }>;
  }>;
}

/** `POST /api/v1/exams/:id/statistics` (202). */
export interface StatisticsJobAccepted {
  jobId: string;
}
