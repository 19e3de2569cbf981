import { Injectable } from '@nestjs/common';
import { jwtVerify, SignJWT } from 'jose';
import { AppConfig } from '../config/app-config';
import type { AccessTokenClaims } from './principal';

const ISSUER = 'boiduong';
const AUDIENCE = 'boiduong-api';

/**
 * Short-lived access tokens (HS256 via jose). They are stateless so that any api replica
 * can check them without a lookup; revocation happens at refresh, which is stateful.
 */
@Injectable()
export class AccessTokenService {
  private readonly key: Uint8Array;

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
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
      if (typeof payload.sub !== 'string' || typeof payload['username'] !== 'string' || !Array.isArray(payload['grants'])) {
        return null;
      }
      return { sub: payload.sub, username: payload['username'], grants: payload['grants'] as AccessTokenClaims['grants'] };
    } catch {
      return null;
    }
  }
}
