import fc from 'fast-check';
import { acceptsSave, attemptDeadline, overdueOutcome, SERVER_GRACE_MS, startRefusal, timeLeftMs } from './timing';

const at = (iso: string) => new Date(iso);
const policy = { timeLimitSeconds: 45 * 60, opensAt: at('2026-12-01T01:00:00Z'), closesAt: at('2026-12-01T03:00:00Z') };

describe('attempt timing', () => {
  it('gives the time limit from the start', () => {
    expect(attemptDeadline(at('2026-12-01T01:10:00Z'), policy)).toEqual(at('2026-12-01T01:55:00Z'));
  });

  it('never runs past the window close, even for late starters', () => {
    expect(attemptDeadline(at('2026-12-01T02:40:00Z'), policy)).toEqual(at('2026-12-01T03:00:00Z'));
  });

  it('adds extra minutes and multiplies the limit for learners who have extra time', () => {
    expect(attemptDeadline(at('2026-12-01T01:00:00Z'), policy, { minutes: 10 })).toEqual(at('2026-12-01T01:55:00Z'));
    expect(attemptDeadline(at('2026-12-01T01:00:00Z'), policy, { multiplier: 1.5 })).toEqual(at('2026-12-01T02:07:30Z'));
    expect(attemptDeadline(at('2026-12-01T01:00:00Z'), { ...policy, timeLimitSeconds: null })).toEqual(policy.closesAt);
  });

  it('lets a learner start only inside the window and within the allowed attempts', () => {
    expect(startRefusal(at('2026-12-01T00:59:59Z'), policy, 0, 1)).toBe('NOT_OPEN_YET');
    expect(startRefusal(at('2026-12-01T03:00:00Z'), policy, 0, 1)).toBe('CLOSED');
    expect(startRefusal(at('2026-12-01T02:00:00Z'), policy, 1, 1)).toBe('NO_ATTEMPTS_LEFT');
    expect(startRefusal(at('2026-12-01T02:00:00Z'), policy, 5, null)).toBeNull();
  });

  it('accepts saves until deadline plus the server grace, not a millisecond later', () => {
    const deadline = at('2026-12-01T01:45:00Z');
    expect(acceptsSave(new Date(deadline.getTime() + SERVER_GRACE_MS), deadline)).toBe(true);
    expect(acceptsSave(new Date(deadline.getTime() + SERVER_GRACE_MS + 1), deadline)).toBe(false);
    expect(timeLeftMs(at('2026-12-01T01:50:00Z'), deadline)).toBe(0);
  });

  it('records the deadline, not the sweep time, as the finish of an overdue attempt', () => {
    const deadline = at('2026-12-01T01:45:00Z');
    const lateSweep = at('2026-12-01T05:00:00Z');
    expect(overdueOutcome('autosubmit', lateSweep, deadline)).toEqual({ action: 'submit', finishedAt: deadline });
    expect(overdueOutcome('autoabandon', lateSweep, deadline)).toEqual({ action: 'abandon', finishedAt: deadline });
    expect(overdueOutcome('graceperiod', at('2026-12-01T01:46:00Z'), deadline, 300)).toEqual({ action: 'wait', until: at('2026-12-01T01:50:00Z') });
    expect(overdueOutcome('graceperiod', lateSweep, deadline, 300)).toEqual({ action: 'abandon', finishedAt: at('2026-12-01T01:50:00Z') });
  });

  it('never gives a deadline before the start or after the close', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 7200 }),
        fc.integer({ min: 60, max: 10_800 }),
        fc.integer({ min: 0, max: 120 }),
        fc.double({ min: 1, max: 3, noNaN: true }),
        (offsetS, limitS, minutes, multiplier) => {
          const start = new Date(policy.opensAt.getTime() + offsetS * 1000);
          const d = attemptDeadline(start, { ...policy, timeLimitSeconds: limitS }, { minutes, multiplier });
          expect(d.getTime()).toBeGreaterThan(start.getTime() - 1);
          expect(d.getTime()).toBeLessThanOrEqual(policy.closesAt.getTime());
        },
      ),
    );
  });
});
