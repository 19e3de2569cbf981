import { dueWarning, formatRemaining } from './countdown';

describe('countdown', () => {
  it('formats the time left, rounding up and never below zero', () => {
    expect(formatRemaining(600_000)).toBe('10:00');
    expect(formatRemaining(59_001)).toBe('01:00');
    expect(formatRemaining(3_725_000)).toBe('1:02:05');
    expect(formatRemaining(-5)).toBe('00:00');
  });

  it('gives each warning once, and only the latest one due', () => {
    expect(dueWarning(301_000, new Set())).toBeNull();
    expect(dueWarning(300_000, new Set())).toBe('five');
    expect(dueWarning(200_000, new Set(['five']))).toBeNull();
    expect(dueWarning(60_000, new Set(['five']))).toBe('one');
    expect(dueWarning(30_000, new Set())).toBe('one');
    expect(dueWarning(30_000, new Set(['five', 'one']))).toBeNull();
  });
});
