import 'reflect-metadata';
import { Readable } from 'node:stream';
import { Controller, Get, HttpCode, Module, Post, Res, StreamableFile, VersioningType } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
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

/** What routes return, each kind Nest's reply distinguishes. */
@Controller('kinds')
class KindsController {
  @Get('object')
  object(): unknown {
    return { a: 1, list: [1, 2], nested: { vi: 'Bồi dưỡng' } };
  }

  @Post('created')
  created(): unknown {
    return { id: 7 };
  }

  @Post('accepted')
  @HttpCode(202)
  accepted(): unknown {
    return { queued: true };
  }

  @Get('text')
  text(): string {
    return 'plain text';
  }

  @Get('nothing')
  nothing(): undefined {
    return undefined;
  }

  @Get('async')
  async later(): Promise<unknown> {
    return { later: true };
  }

  @Get('file')
  file(): StreamableFile {
    return new StreamableFile(Readable.from([Buffer.from('file bytes')]), { type: 'text/csv', disposition: 'attachment; filename="a.csv"', length: 10 });
  }

  @Get('error-shaped')
  errorShaped(@Res({ passthrough: true }) reply: FastifyReply): unknown {
    void reply.header('content-type', 'text/plain');
    return { statusCode: 418, message: 'teapot' };
  }
}

@Module({ controllers: [KindsController] })
class KindsModule {}

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

  it('answers every kind of route result exactly as the adapter it extends does', async () => {
    const requests = [
      { method: 'GET', url: '/kinds/object' },
      { method: 'POST', url: '/kinds/created' },
      { method: 'POST', url: '/kinds/accepted' },
      { method: 'GET', url: '/kinds/text' },
      { method: 'GET', url: '/kinds/nothing' },
      { method: 'GET', url: '/kinds/async' },
      { method: 'GET', url: '/kinds/file' },
      { method: 'HEAD', url: '/kinds/file' },
      { method: 'GET', url: '/kinds/error-shaped' },
      { method: 'GET', url: '/kinds/missing' },
    ] as const;
    const answers = async (adapter: FastifyAdapter) => {
      const app = await NestFactory.create<NestFastifyApplication>(KindsModule, adapter, { logger: false, abortOnError: false });
      await app.init();
      const fastify = app.getHttpAdapter().getInstance();
      const out = [];
      for (const request of requests) {
        const res = await fastify.inject(request);
        out.push({
          request: `${request.method} ${request.url}`,
          status: res.statusCode,
          type: res.headers['content-type'],
          length: res.headers['content-length'],
          disposition: res.headers['content-disposition'],
          body: res.body,
        });
      }
      await app.close();
      return out;
    };
    const lean = await answers(new LeanFastifyAdapter({}));
    expect(lean).toEqual(await answers(new FastifyAdapter()));
    // The comparison is only worth something if the answers differ from each other.
    expect(lean.map((a) => a.status)).toEqual([200, 201, 202, 200, 200, 200, 200, 200, 200, 404]);
    expect(lean[6]).toMatchObject({ type: 'text/csv', body: 'file bytes' });
  });
});
