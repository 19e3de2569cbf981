import { createHash } from 'node:crypto';
import { AppConfig, CommonErrors, REDIS_CLIENT, type Environment } from '@boiduong/api-core';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';

export interface RateWindow {
  max: number;
  windowSeconds: number;
}

/** The windows in force, from `LOGIN_RATE_*` (see the Environment class for why the defaults are what they are). */
export function loginLimitsOf(env: Environment): { perIp: RateWindow; perAccount: RateWindow } {
  return {
    perIp: { max: env.LOGIN_RATE_PER_IP_MAX, windowSeconds: env.LOGIN_RATE_PER_IP_WINDOW_SECONDS },
    perAccount: { max: env.LOGIN_RATE_PER_ACCOUNT_MAX, windowSeconds: env.LOGIN_RATE_PER_ACCOUNT_WINDOW_SECONDS },
  };
}

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
  private readonly limits: { perIp: RateWindow; perAccount: RateWindow };
  private readonly prefix: string;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    config: AppConfig,
  ) {
    this.prefix = `${config.env.QUEUE_PREFIX}:login-rate`;
    this.limits = loginLimitsOf(config.env);
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
