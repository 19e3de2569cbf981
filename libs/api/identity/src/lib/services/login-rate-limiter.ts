import { createHash } from 'node:crypto';
import { AppConfig, RateLimiter, type Environment, type RateWindow } from '@boiduong/api-core';
import { Injectable } from '@nestjs/common';

export type { RateWindow };

/** The windows in force, from `LOGIN_RATE_*` (see the Environment class for why the defaults are what they are). */
export function loginLimitsOf(env: Environment): { perIp: RateWindow; perAccount: RateWindow } {
  return {
    perIp: { max: env.LOGIN_RATE_PER_IP_MAX, windowSeconds: env.LOGIN_RATE_PER_IP_WINDOW_SECONDS },
    perAccount: { max: env.LOGIN_RATE_PER_ACCOUNT_MAX, windowSeconds: env.LOGIN_RATE_PER_ACCOUNT_WINDOW_SECONDS },
  };
}

/**
 * Login attempts counted in the shared Redis, so the limit holds across every api process.
 * When Redis is unreachable logins go on (fail open): the per-account lockout in PostgreSQL
 * still protects passwords, and an exam must not stop because a cache is down.
 */
@Injectable()
export class LoginRateLimiter {
  private readonly limits: { perIp: RateWindow; perAccount: RateWindow };

  constructor(
    private readonly limiter: RateLimiter,
    config: AppConfig,
  ) {
    this.limits = loginLimitsOf(config.env);
  }

  /** Counts one attempt for the address and the account; throws 429 with a retry-after when either is over. */
  async hit(ip: string, identifier: string): Promise<void> {
    const account = createHash('sha256').update(identifier.trim().toLowerCase()).digest('hex').slice(0, 32);
    await this.limiter.hit('login-ip', ip, this.limits.perIp);
    await this.limiter.hit('login-acct', account, this.limits.perAccount);
  }
}
