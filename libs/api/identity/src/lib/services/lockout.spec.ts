import { LOCKOUT_THRESHOLD, lockoutSeconds } from './auth.service';

describe('lockoutSeconds', () => {
  it('does not lock before the threshold, then doubles up to an hour', () => {
    expect(lockoutSeconds(LOCKOUT_THRESHOLD - 1)).toBe(0);
    expect(lockoutSeconds(LOCKOUT_THRESHOLD)).toBe(30);
    expect(lockoutSeconds(LOCKOUT_THRESHOLD + 1)).toBe(60);
    expect(lockoutSeconds(LOCKOUT_THRESHOLD + 3)).toBe(240);
    expect(lockoutSeconds(LOCKOUT_THRESHOLD + 20)).toBe(3600);
  });
});
