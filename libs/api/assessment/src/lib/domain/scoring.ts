/** Results on the 10-point scale used in Vietnamese assessment, and which attempt counts. */

export type AttemptsPolicy = 'highest' | 'last' | 'first' | 'average';

export interface ScoredAttempt {
  score: number;
  maxScore: number;
  finishedAt: Date;
}

/** 10-point scale rounded to two decimals (half up), as printed on results. */
export function scaled10(score: number, maxScore: number): number {
  if (maxScore <= 0) return 0;
  return Math.round((score / maxScore) * 1000 + 1e-9) / 100;
}

export function percent(score: number, maxScore: number): number {
  if (maxScore <= 0) return 0;
  return Math.round((score / maxScore) * 10000 + 1e-9) / 100;
}

/** passMark is a percent of the maximum (0-100), compared before rounding. */
export function passed(score: number, maxScore: number, passMark: number): boolean {
  return maxScore > 0 && score * 100 >= passMark * maxScore - 1e-9;
}

/** The result that counts under the exam's policy; null when no attempt finished. */
export function countingResult(policy: AttemptsPolicy, attempts: readonly ScoredAttempt[]): { score: number; maxScore: number } | null {
  if (attempts.length === 0) return null;
  const byTime = [...attempts].sort((a, b) => a.finishedAt.getTime() - b.finishedAt.getTime());
  switch (policy) {
    case 'first':
      return pick(byTime[0]);
    case 'last':
      return pick(byTime[byTime.length - 1]);
    case 'highest':
      return pick(byTime.reduce((best, a) => (a.score / a.maxScore > best.score / best.maxScore ? a : best)));
    case 'average': {
      // Averaged on the percent scale, then expressed on the first attempt's maximum.
      const meanShare = byTime.reduce((s, a) => s + a.score / a.maxScore, 0) / byTime.length;
      return { score: meanShare * byTime[0].maxScore, maxScore: byTime[0].maxScore };
    }
  }
}

const pick = (a: ScoredAttempt) => ({ score: a.score, maxScore: a.maxScore });
