import { AppConfig, validateEnvironment } from '@boiduong/api-core';
import { CHECK_IN_STEP_SECONDS, CheckInTokens, stepOf, windowOf } from './check-in-tokens';

describe('CheckInTokens', () => {
  const tokens = new CheckInTokens(new AppConfig(validateEnvironment({})));
  const sessionId = '0b7c3e52-9d1f-4a6e-8f21-5c3d2e1a0b9f';
  const openedAt = new Date('2026-12-02T01:00:07.250Z');
  // The start of a step, so the arithmetic below reads plainly.
  const stepStart = new Date(Math.ceil(openedAt.getTime() / 30_000) * 30_000);
  const at = (seconds: number) => new Date(stepStart.getTime() + seconds * 1000);

  it('names the session, the time step and the window, in a short url-safe code', () => {
    const issued = tokens.issue(sessionId, openedAt, at(4));
    expect(issued.token).toMatch(/^[A-Za-z0-9_-]{55}$/);
    expect(issued.step).toBe(stepOf(at(4)));
    expect(issued.nextStepAt).toEqual(at(CHECK_IN_STEP_SECONDS));
    expect(issued.expiresAt).toEqual(at(2 * CHECK_IN_STEP_SECONDS));
    expect(tokens.verify(issued.token, at(4))).toEqual({ ok: true, claims: { sessionId, step: issued.step, window: windowOf(openedAt) } });
  });

  it('is accepted in its own step and the next one, and expired after', () => {
    const { token } = tokens.issue(sessionId, openedAt, at(29));
    expect(tokens.verify(token, at(0)).ok).toBe(true);
    expect(tokens.verify(token, at(30)).ok).toBe(true);
    expect(tokens.verify(token, at(59.999)).ok).toBe(true);
    expect(tokens.verify(token, at(60))).toEqual({ ok: false, reason: 'expired' });
    expect(tokens.verify(token, at(3600))).toEqual({ ok: false, reason: 'expired' });
  });

  it('tolerates one step of clock skew between replicas, not more', () => {
    const { token } = tokens.issue(sessionId, openedAt, at(31));
    expect(tokens.verify(token, at(29)).ok).toBe(true);
    expect(tokens.verify(token, at(-1))).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses a code whose claims or tag were changed, or that another key signed', () => {
    const { token } = tokens.issue(sessionId, openedAt, at(1));
    const raw = Buffer.from(token, 'base64url');
    for (const index of [1, 16, 20, 24, 30, 40]) {
      const forged = Buffer.from(raw);
      forged[index] ^= 0x01;
      expect(tokens.verify(forged.toString('base64url'), at(1))).toEqual({ ok: false, reason: 'invalid' });
    }
    // Another session's id under the same step and window, with the original tag.
    const other = Buffer.from(raw);
    Buffer.from('1'.repeat(32), 'hex').copy(other, 1);
    expect(tokens.verify(other.toString('base64url'), at(1))).toEqual({ ok: false, reason: 'invalid' });

    const elsewhere = new CheckInTokens(new AppConfig(validateEnvironment({ JWT_SECRET: 'another-deployment-secret-of-32-chars!!' })));
    expect(elsewhere.verify(token, at(1))).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses malformed codes without throwing', () => {
    const { token } = tokens.issue(sessionId, openedAt, at(1));
    for (const bad of ['', 'abc', token.slice(0, -1), `${token}A`, token.replace(/^./, '+'), `${token.slice(0, 10)} ${token.slice(11)}`, 'x'.repeat(500)]) {
      expect(tokens.verify(bad, at(1))).toEqual({ ok: false, reason: 'invalid' });
    }
    const wrongVersion = Buffer.from(token, 'base64url');
    wrongVersion[0] = 2;
    expect(tokens.verify(wrongVersion.toString('base64url'), at(1))).toEqual({ ok: false, reason: 'invalid' });
  });

  it('issues only for a session id', () => {
    expect(() => tokens.issue('not-a-uuid', openedAt, at(1))).toThrow(/uuid/);
  });
});
