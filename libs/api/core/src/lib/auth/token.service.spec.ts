import { Permission } from '@boiduong/shared-contracts';
import { AppConfig } from '../config/app-config';
import { validateEnvironment } from '../config/environment';
import { Principal } from './principal';
import { AccessTokenService } from './token.service';

// The environment allows 60 s at least; a 1 s token keeps the expiry test short.
const config = (ttl: number, secret = 'a'.repeat(64)) =>
  new AppConfig({
    ...validateEnvironment({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x', REDIS_URL: 'redis://127.0.0.1:6379', JWT_SECRET: secret }),
    ACCESS_TOKEN_TTL_SECONDS: ttl,
  });
const claims = { sub: '00000000-0000-4000-8000-000000000001', username: 'hocvien', grants: [{ role: 'learner' as const, unitId: 'u', path: 'a.b' }] };

describe('AccessTokenService verified-token cache', () => {
  it('answers a token seen before from memory with the same principal, and nothing else', async () => {
    const tokens = new AccessTokenService(config(900));
    const token = await tokens.sign(claims);
    expect(tokens.cachedPrincipal(token)).toBeUndefined();
    const first = await tokens.principal(token);
    expect(first).toBeInstanceOf(Principal);
    expect(first?.userId).toBe(claims.sub);
    expect(first?.hasPermission(Permission.ExamTake)).toBe(true);
    expect(tokens.cachedPrincipal(token)).toBe(first);
    expect(await tokens.principal(token)).toBe(first);
    // The signature tampered: verified afresh, refused, never cached. Its first character, not its
    // last: the last one of a 32-byte signature carries two unused bits, so some changes to it
    // decode to the very same signature.
    const signatureAt = token.lastIndexOf('.') + 1;
    const swapped = token[signatureAt] === 'A' ? 'g' : 'A';
    const forged = `${token.slice(0, signatureAt)}${swapped}${token.slice(signatureAt + 1)}`;
    expect(tokens.cachedPrincipal(forged)).toBeUndefined();
    expect(await tokens.principal(forged)).toBeNull();
    expect(tokens.cachedPrincipal(forged)).toBeUndefined();
  });

  it('does not trust a token from another key', async () => {
    const other = new AccessTokenService(config(900, 'b'.repeat(64)));
    const tokens = new AccessTokenService(config(900));
    expect(await tokens.principal(await other.sign(claims))).toBeNull();
  });

  it('forgets a token at its own expiry, after which it is refused as before', async () => {
    const tokens = new AccessTokenService(config(1));
    const token = await tokens.sign(claims);
    expect(await tokens.principal(token)).not.toBeNull();
    const exp = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).exp * 1000;
    expect(tokens.cachedPrincipal(token, exp - 1)).not.toBeUndefined();
    expect(tokens.cachedPrincipal(token, exp)).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, exp - Date.now()) + 50));
    expect(await tokens.principal(token)).toBeNull();
    expect(await tokens.verify(token)).toBeNull();
  });
});
