import { todayInVietnam } from './issuance';

describe('todayInVietnam', () => {
  it('turns to the next day at midnight in Vietnam (UTC+7), whatever the server time zone', () => {
    expect(todayInVietnam(new Date('2026-11-28T16:59:59.999Z'))).toBe('2026-11-28');
    expect(todayInVietnam(new Date('2026-11-28T17:00:00.000Z'))).toBe('2026-11-29');
    expect(todayInVietnam(new Date('2026-12-31T17:00:00.000Z'))).toBe('2027-01-01');
  });
});
