import { createHash } from 'node:crypto';
import { AppConfig, CommonErrors, REDIS_CLIENT } from '@boiduong/api-core';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';

export interface RateWindow {
  max: number;
  windowSeconds: number;
}

/**
 * Defaults. Per IP is generous because a whole exam room or commune office signs in from one
 * NAT address within minutes; per account is tight because one person never needs more, and it
 * stops password spraying against one account from many addresses before the lockout even counts.
 */
export const DEFAULT_LOGIN_LIMITS: { perIp: RateWindow; perAccount: RateWindow } = {
  perIp: { max: 600, windowSeconds: 60 },
  perAccount: { max: 20, windowSeconds: 900 },
};

// Increments a fixed-window counter, starting its expiry with the first hit; answers count and ms left.
const HIT = `local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {n, redis.call('PTTL', KEYS[1])}`;

/**
 * Login attempts counted in the shared Redis, so the limit holds across every api process.
 * When Redis is unreachable logins go on (fail open): the per-account lockout in PostgreSQL
 * still protects passwords, and an exam must not stop because a cache is down.
 */
@Injectable()
export class LoginRateLimiter {
  private readonly logger = new Logger('LoginRateLimiter');
  /** Mutable so that operators' tests can tighten the windows. */
  limits = { ...DEFAULT_LOGIN_LIMITS };
  private readonly prefix: string;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    config: AppConfig,
  ) {
    this.prefix = `${config.env.QUEUE_PREFIX}:login-rate`;
  }

  /** Counts one attempt for the address and the account; throws 429 with a retry-after when either is over. */
  async hit(ip: string, identifier: string): Promise<void> {
    const account = createHash('sha256').update(identifier.trim().toLowerCase()).digest('hex').slice(0, 32);
    const checks: Array<[string, RateWindow]> = [
      [`${this.prefix}:ip:${ip}`, this.limits.perIp],
      [`${this.prefix}:acct:${account}`, this.limits.perAccount],
    ];
    for (const [key, window] of checks) {
      let result: [number, number];
      try {
        result = (await this.redis.eval(HIT, 1, key, String(window.windowSeconds * 1000))) as [number, number];
      } catch (error) {
        this.logger.warn(`login rate limit skipped: ${(error as Error).message}`);
        return;
      }
      const [count, msLeft] = result;
      if (count > window.max) {
        throw CommonErrors.RATE_LIMITED({ retryAfterSeconds: Math.max(1, Math.ceil(msLeft / 1000)) });
      }
    }
  }
}
