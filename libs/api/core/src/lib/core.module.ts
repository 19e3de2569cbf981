import { DynamicModule, Module } from '@nestjs/common';
import { AccessTokenService } from './auth/token.service';
import { CoreConfigModule } from './config/config.module';
import type { Environment } from './config/environment';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { ReadinessProbes } from './health/readiness-probes';
import { LoggingModule } from './logging/logging.module';
import { QueueModule } from './queue/queue.module';
import { RedisModule } from './redis/redis.module';

export interface CoreOptions {
  /** The validated environment (omit to validate process.env). */
  env?: Environment;
  /** Shown in pg_stat_activity and logs: `api`, `worker`, `test`. */
  applicationName: string;
  /** HTTP apps get the health routes; the worker does not. (Authentication is installed by configureHttpApp.) */
  http: boolean;
}

@Module({})
export class CoreModule {
  static forRoot(options: CoreOptions): DynamicModule {
    return {
      module: CoreModule,
      global: true,
      imports: [
        CoreConfigModule.forRoot(options.env),
        LoggingModule,
        DatabaseModule.forRoot(`boiduong-${options.applicationName}`),
        RedisModule,
        QueueModule.forRoot(),
        ...(options.http ? [HealthModule] : []),
      ],
      // ReadinessProbes exists in the worker too, so contexts register without asking whether HTTP is on.
      providers: [AccessTokenService, ReadinessProbes],
      exports: [AccessTokenService, ReadinessProbes],
    };
  }
}
