import { AppConfig, RateLimiter } from '@boiduong/api-core';
import { Injectable } from '@nestjs/common';

/**
 * Public verification is counted per client address (VERIFY_RATE_PER_IP_*), shared by the page
 * and the JSON route: codes cannot be guessed, but a script walking through them is slowed down.
 */
@Injectable()
export class VerifyRateLimit {
  private readonly window: { max: number; windowSeconds: number };

  constructor(
    private readonly limiter: RateLimiter,
    config: AppConfig,
  ) {
    this.window = { max: config.env.VERIFY_RATE_PER_IP_MAX, windowSeconds: config.env.VERIFY_RATE_PER_IP_WINDOW_SECONDS };
  }

  hit(ip: string): Promise<void> {
    return this.limiter.hit('verify-ip', ip, this.window);
  }
}
