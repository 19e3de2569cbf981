import { Injectable } from '@nestjs/common';
import { jwtVerify, SignJWT } from 'jose';
import { AppConfig } from '../config/app-config';
import { Principal, type AccessTokenClaims } from './principal';

const ISSUER = 'boiduong';
const AUDIENCE = 'boiduong-api';
/** Verified tokens kept per process (an examinee's token is a few hundred bytes). */
const VERIFIED_CACHE_SIZE = 20_000;

interface Verified {
  principal: Principal;
  /** The token's own `exp`, in ms: past it the token is verified again (and refused). */
  expiresAtMs: number;
}

/**
 * Short-lived access tokens (HS256 via jose). They are stateless so that any api replica
 * can check them without a lookup; revocation happens at refresh, which is stateful.
 */
@Injectable()
export class AccessTokenService {
  private readonly key: Uint8Array;
  /**
   * Tokens already verified, by their full text, until their own expiry. A token's signature
   * and claims cannot change, and access tokens are stateless (no revocation before `exp`), so
   * answering a token seen before from memory is exactly what verifying it again would answer;
   * it saves the HMAC, the base64/JSON decoding and the Principal's permission sets on every
   * request of a signed-in client (exam saves arrive every few seconds per examinee). Keyed by
   * the whole token: only a byte-identical token hits. Bounded, oldest entries dropped first.
   */
  private readonly verified = new Map<string, Verified>();

  constructor(private readonly config: AppConfig) {
    this.key = new TextEncoder().encode(config.jwtSecret);
  }

  get ttlSeconds(): number {
    return this.config.env.ACCESS_TOKEN_TTL_SECONDS;
  }

  async sign(claims: AccessTokenClaims): Promise<string> {
    return new SignJWT({ username: claims.username, grants: claims.grants })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.sub)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(this.key);
  }

  /** Returns the claims, or null for any invalid, expired or foreign token. */
  async verify(token: string): Promise<AccessTokenClaims | null> {
    return (await this.verifyWithExpiry(token))?.claims ?? null;
  }

  /** The signed-in user of a token verified before and not yet expired, without any async work. */
  cachedPrincipal(token: string, nowMs = Date.now()): Principal | undefined {
    const hit = this.verified.get(token);
    if (hit === undefined) return undefined;
    if (nowMs < hit.expiresAtMs) return hit.principal;
    this.verified.delete(token);
    return undefined;
  }

  /** Verifies a token (see verify) and remembers the result until the token expires. */
  async principal(token: string): Promise<Principal | null> {
    const cached = this.cachedPrincipal(token);
    if (cached) return cached;
    const verified = await this.verifyWithExpiry(token);
    if (!verified) return null;
    const principal = new Principal(verified.claims.sub, verified.claims.username, verified.claims.grants);
    if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, { principal, expiresAtMs: verified.expiresAtMs });
    return principal;
  }

  private async verifyWithExpiry(token: string): Promise<{ claims: AccessTokenClaims; expiresAtMs: number } | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
      if (typeof payload.sub !== 'string' || typeof payload['username'] !== 'string' || !Array.isArray(payload['grants']) || typeof payload.exp !== 'number') {
        return null;
      }
      return {
        claims: { sub: payload.sub, username: payload['username'], grants: payload['grants'] as AccessTokenClaims['grants'] },
        expiresAtMs: payload.exp * 1000,
      };
    } catch {
      return null;
    }
  }
}
