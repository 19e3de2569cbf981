import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppConfig } from '../config/app-config';

import { RateLimiter } from './rate-limiter';
import { REDIS_CLIENT } from './redis.token';

export { REDIS_CLIENT };

/** Closes the shared client on shutdown so test apps and Ctrl-C leave no open sockets. */
@Injectable()
class RedisLifecycle implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/**
 * One shared ioredis client for caches, rate limits and health. Commands fail fast while
 * Redis is down (no offline queue), so requests turn into 503 instead of hanging; the
 * client reconnects by itself, so recovery needs no restart.
 */
@Global()
@Module({
  providers: [
    {
      provide: REDIS_CLIENT,
      inject: [AppConfig],
      useFactory: async (config: AppConfig) => {
        const redis = new Redis({
          ...config.redisConnection,
          lazyConnect: false,
          enableOfflineQueue: false,
          maxRetriesPerRequest: 1,
          connectTimeout: 2000,
          retryStrategy: (times) => Math.min(times * 200, 2000),
        });
        // Errors surface through commands and health; without a listener ioredis would log each retry.
        redis.on('error', () => undefined);
        // Without an offline queue, commands fail until the first connection is up: wait for it (briefly).
        await new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            resolve();
          };
          const timer = setTimeout(done, 3000);
          if (redis.status === 'ready') done();
          else redis.once('ready', done);
        });
        return redis;
      },
    },
    RedisLifecycle,
    RateLimiter,
  ],
  exports: [REDIS_CLIENT, RateLimiter],
})
export class RedisModule {}
