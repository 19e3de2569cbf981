import 'reflect-metadata';
import { Controller, Get, Module, VersioningType } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { LeanFastifyAdapter, NEST_ADAPTER_HOOKS } from './lean-fastify-adapter';

@Controller({ path: 'health', version: '1' })
class PingController {
  @Get('live')
  live(): { status: string } {
    return { status: 'ok' };
  }
}

@Module({ controllers: [PingController] })
class PingModule {}

async function appOn(adapter: LeanFastifyAdapter): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(PingModule, adapter, { logger: false, abortOnError: false });
  app.setGlobalPrefix('api');
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  return app;
}

describe('LeanFastifyAdapter', () => {
  it('drops exactly the hooks Nest adds in its constructor, so a new Nest version that changes them is noticed', () => {
    const adapter = new LeanFastifyAdapter({});
    expect(adapter.droppedHooks).toHaveLength(NEST_ADAPTER_HOOKS);
    expect([...adapter.droppedHooks].sort()).toEqual(['onRequest', 'onRequest', 'onRequest', 'onRequest', 'onResponse']);
  });

  it('serves routes with URI versioning, runs hooks added afterwards, and answers unknown versions with 404', async () => {
    const adapter = new LeanFastifyAdapter({});
    const seen: string[] = [];
    adapter.getInstance().addHook('onRequest', (request, _reply, done) => {
      seen.push(request.url);
      done();
    });
    const app = await appOn(adapter);
    await app.init();
    const fastify = app.getHttpAdapter().getInstance();
    const ok = await fastify.inject({ url: '/api/v1/health/live' });
    expect([ok.statusCode, ok.json()]).toEqual([200, { status: 'ok' }]);
    expect((await fastify.inject({ url: '/api/v2/health/live' })).statusCode).toBe(404);
    expect(seen).toContain('/api/v1/health/live');
    await app.close();
  });

  it('refuses the features whose hooks it dropped instead of silently ignoring them', async () => {
    const adapter = new LeanFastifyAdapter({});
    const app = await appOn(adapter);
    expect(() => app.enableCors()).toThrow(/CORS/);
    expect(() => adapter.setOnRequestHook()).toThrow(/Fastify hook/);
    expect(() => adapter.setOnResponseHook()).toThrow(/Fastify hook/);
    await app.close();
    const byHeader = await NestFactory.create<NestFastifyApplication>(PingModule, new LeanFastifyAdapter({}), { logger: false, abortOnError: false });
    byHeader.enableVersioning({ type: VersioningType.HEADER, header: 'x-version' });
    await expect(byHeader.init()).rejects.toThrow(/URI versioning/);
  });
});
