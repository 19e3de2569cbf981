import { randomBytes } from 'node:crypto';
import { AppConfig, CoreModule, configureHttpApp, createFastifyAdapter, validateEnvironment, type Environment } from '@boiduong/api-core';
import type { DynamicModule, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { createTestDatabase, testServices } from './test-database';

export interface TestApp {
  app: NestFastifyApplication;
  db: DataSource;
  env: Environment;
  /** The database name, for tests that need to point another process at it. */
  databaseName: string;
  /** In-process HTTP request (no socket), returning status, parsed JSON body and headers. */
  request: <T = unknown>(method: string, url: string, options?: { body?: unknown; token?: string; headers?: Record<string, string> }) => Promise<{ status: number; body: T; headers: Record<string, unknown> }>;
  close: () => Promise<void>;
}

/**
 * Boots an HTTP app exactly as main.ts does (same adapter, pipes, filter, guard) on a fresh
 * database cloned from the migrated template, with a queue prefix of its own in the shared Redis.
 */
export async function createTestApp(
  imports: Array<Type<unknown> | DynamicModule>,
  overrides: Record<string, string> = {},
): Promise<TestApp> {
  const services = testServices();
  const database = await createTestDatabase();
  const env = validateEnvironment({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: '4',
    REDIS_URL: services.redisUrl,
    QUEUE_PREFIX: `test-${randomBytes(4).toString('hex')}`,
    LOG_LEVEL: 'silent',
    SERVE_WEB: 'false',
    ...overrides,
  });
  const root: DynamicModule = {
    module: class TestRootModule {},
    imports: [CoreModule.forRoot({ env, applicationName: 'test', http: true }), ...imports],
  };
  const app = await NestFactory.create<NestFastifyApplication>(root, createFastifyAdapter(new AppConfig(env)), { logger: false });
  try {
    await configureHttpApp(app, { swagger: false });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  } catch (error) {
    // A test may expect the boot to fail: leave no connection or database behind.
    await app.close().catch(() => undefined);
    await database.drop();
    throw error;
  }
  const request: TestApp['request'] = async (method, url, options = {}) => {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    const res = await app.inject({
      method: method as 'GET',
      url,
      headers,
      ...(options.body === undefined ? {} : { payload: options.body as object }),
    });
    const text = res.body;
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON (HTML, files): leave the text.
    }
    return { status: res.statusCode, body: body as never, headers: res.headers };
  };
  return {
    app,
    db: app.get(DataSource),
    env,
    databaseName: database.name,
    request,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
