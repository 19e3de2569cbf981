import { Controller, Get, Inject, Res, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { HealthComponent, HealthResponse } from '@boiduong/shared-contracts';
import type { FastifyReply } from 'fastify';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { Public } from '../auth/public.decorator';
import { REDIS_CLIENT } from '../redis/redis.module';
import { TypeOrmHealthIndicator } from '@nestjs/terminus';
import { APP_VERSION } from '../version';
import { ReadinessProbes } from './readiness-probes';

const CHECK_TIMEOUT_MS = 1500;
const startedAt = Date.now();

@ApiTags('health')
@Controller({ path: 'health', version: ['1', VERSION_NEUTRAL] })
export class HealthController {
  constructor(
    private readonly db: TypeOrmHealthIndicator,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly probes: ReadinessProbes,
  ) {}

  /**
   * Readiness: really queries Postgres and Redis, and adds what other contexts registered (file
   * storage), which answer from a cached check; 503 names what is down.
   */
  @Public()
  @Get()
  @ApiOkResponse({ description: 'Postgres, Redis and the registered components answer' })
  @ApiServiceUnavailableResponse({ description: 'A dependency is down; `down` names it' })
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthResponse> {
    const components: Record<string, HealthComponent> = {};
    const timed = async (name: string, probe: () => Promise<unknown>) => {
      const started = performance.now();
      try {
        await probe();
        components[name] = { status: 'up', latencyMs: Math.round(performance.now() - started) };
      } catch (error) {
        components[name] = { status: 'down', message: error instanceof Error ? error.message : String(error) };
      }
    };
    await Promise.all([
      timed('database', () => this.db.pingCheck('database', { connection: this.dataSource, timeout: CHECK_TIMEOUT_MS })
        .then((r) => { if (r['database']?.status !== 'up') throw new Error(String(r['database']?.['message'] ?? 'down')); })),
      timed('redis', () => this.pingRedis()),
    ]);
    Object.assign(components, this.probes.snapshot());
    const down = Object.keys(components).filter((k) => components[k].status === 'down');
    if (down.length > 0) void reply.status(503);
    return {
      status: down.length ? 'error' : 'ok',
      down,
      components,
      version: APP_VERSION,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    };
  }

  /** Liveness: the process answers; touches nothing else (for load balancers and overhead benchmarks). */
  @Public()
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  private async pingRedis(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
    });
    try {
      const answer = await Promise.race([this.redis.ping(), timeout]);
      if (answer !== 'PONG') throw new Error(`unexpected answer ${answer}`);
    } finally {
      clearTimeout(timer);
    }
  }
}
