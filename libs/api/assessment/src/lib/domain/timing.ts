/**
 * Attempt timing, decided by the server alone: the client's clock only displays what these
 * functions compute. Pure functions of instants so that tests run with any clock.
 */

export type OverdueHandling = 'autosubmit' | 'graceperiod' | 'autoabandon';

export interface TimingPolicy {
  /** null: no limit other than the window. */
  timeLimitSeconds: number | null;
  opensAt: Date;
  closesAt: Date;
}

/** Extra time for one learner (accessibility, connection problems): minutes, a multiplier, or both. */
export interface ExtraTime {
  minutes?: number;
  multiplier?: number;
}

/** Saves are accepted this long after the deadline: requests in flight when time ran out still land. */
export const SERVER_GRACE_MS = 60_000;

/** deadline = min(start + limit x multiplier + extra minutes, window close). */
export function attemptDeadline(startedAt: Date, policy: TimingPolicy, extra: ExtraTime = {}): Date {
  const close = policy.closesAt.getTime();
  if (policy.timeLimitSeconds === null) return new Date(close);
  const multiplier = extra.multiplier && extra.multiplier > 0 ? extra.multiplier : 1;
  const limitMs = policy.timeLimitSeconds * 1000 * multiplier + (extra.minutes ?? 0) * 60_000;
  return new Date(Math.min(startedAt.getTime() + Math.round(limitMs), close));
}

export type StartRefusal = 'NOT_OPEN_YET' | 'CLOSED' | 'NO_ATTEMPTS_LEFT';

/** Why a learner may not start now, or null when they may. */
export function startRefusal(now: Date, policy: TimingPolicy, attemptsUsed: number, maxAttempts: number | null): StartRefusal | null {
  if (now.getTime() < policy.opensAt.getTime()) return 'NOT_OPEN_YET';
  if (now.getTime() >= policy.closesAt.getTime()) return 'CLOSED';
  if (maxAttempts !== null && attemptsUsed >= maxAttempts) return 'NO_ATTEMPTS_LEFT';
  return null;
}

/** Whether a save that reaches the server at `now` still counts. */
export function acceptsSave(now: Date, deadline: Date, graceMs = SERVER_GRACE_MS): boolean {
  return now.getTime() <= deadline.getTime() + graceMs;
}

/** What the client shows; never negative. */
export function timeLeftMs(now: Date, deadline: Date): number {
  return Math.max(0, deadline.getTime() - now.getTime());
}

export type OverdueOutcome =
  | { action: 'submit'; finishedAt: Date }
  | { action: 'wait'; until: Date }
  | { action: 'abandon'; finishedAt: Date };

/**
 * What happens to an attempt still open when its deadline passes. The recorded finish time
 * is the deadline, never the moment a job or sweeper got round to it, so a late sweep cannot
 * change anyone's result.
 */
export function overdueOutcome(handling: OverdueHandling, now: Date, deadline: Date, gracePeriodSeconds = 0): OverdueOutcome {
  switch (handling) {
    case 'autosubmit':
      return { action: 'submit', finishedAt: deadline };
    case 'graceperiod': {
      const until = new Date(deadline.getTime() + gracePeriodSeconds * 1000);
      // During the grace period the learner may only submit; after it the attempt is not counted.
      return now.getTime() < until.getTime() ? { action: 'wait', until } : { action: 'abandon', finishedAt: until };
    }
    case 'autoabandon':
      return { action: 'abandon', finishedAt: deadline };
  }
}
