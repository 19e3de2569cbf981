import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { AppConfig } from '../config/app-config';
import { CommonErrors } from '../errors/domain-error';
import { REDIS_CLIENT } from './redis.token';

export interface RateWindow {
  max: number;
  windowSeconds: number;
}

// Increments a fixed-window counter, starting its expiry with the first hit; answers count and ms left.
const HIT = `local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {n, redis.call('PTTL', KEYS[1])}`;

/**
 * Fixed-window request counters in the shared Redis, so a limit holds across every api process.
 * When Redis is unreachable requests go on (fail open): a limit protects against abuse, and an
 * exam or a verification must not stop because a cache is down.
 */
@Injectable()
export class RateLimiter {
  private readonly logger = new Logger('RateLimiter');
  private readonly prefix: string;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    config: AppConfig,
  ) {
    this.prefix = `${config.env.QUEUE_PREFIX}:rate`;
  }

  /** Counts one request under `scope:key`; throws 429 RATE_LIMITED with a retry-after when over. */
  async hit(scope: string, key: string, window: RateWindow): Promise<void> {
    let result: [number, number];
    try {
      result = (await this.redis.eval(HIT, 1, `${this.prefix}:${scope}:${key}`, String(window.windowSeconds * 1000))) as [number, number];
    } catch (error) {
      this.logger.warn(`${scope} rate limit skipped: ${(error as Error).message}`);
      return;
    }
    const [count, msLeft] = result;
    if (count > window.max) throw CommonErrors.RATE_LIMITED({ retryAfterSeconds: Math.max(1, Math.ceil(msLeft / 1000)) });
  }
}
