import type { IncomingMessage } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyMultipart, { type FastifyMultipartOptions } from '@fastify/multipart';
import { INestApplication, VersioningType } from '@nestjs/common';
import type { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyInstance } from 'fastify';
import { installRouteAuth } from './auth/auth.guard';
import { LeanFastifyAdapter } from './lean-fastify-adapter';
import { AccessTokenService } from './auth/token.service';
import { AppConfig } from './config/app-config';
import { AllExceptionsFilter } from './errors/all-exceptions.filter';
import { createValidationPipe } from './errors/validation';
import { AppLogger, attachRequestLogging, requestIdFor } from './logging/logging.module';
import { APP_VERSION } from './version';

/**
 * Fastify with request ids taken from `x-request-id` when sane, else a fresh one, behind Nest's
 * adapter without the hooks it adds to every route (see LeanFastifyAdapter).
 *
 * No @fastify/middie: the api has no Nest (Express-style) middleware; Nest would register it
 * anyway, and its onRequest hook would run on every request for nothing
 * (tools/bench/http-overhead). Cross-cutting request work belongs in Fastify hooks (see
 * installRouteAuth, attachRequestLogging); `app.use()` fails loudly.
 */
export function createFastifyAdapter(config: AppConfig): FastifyAdapter {
  return new LeanFastifyAdapter({
    trustProxy: config.env.TRUST_PROXY,
    bodyLimit: config.env.BODY_LIMIT_BYTES,
    requestIdHeader: false,
    genReqId: (req: IncomingMessage) => requestIdFor(req),
  });
}

/**
 * @fastify/multipart minus the one thing it adds to every request: an async onResponse hook that
 * deletes the temporary files of `request.saveRequestFiles()`. This api never writes uploads to
 * disk (they are streamed through `request.file()`, see the controllers), so the hook has
 * nothing to delete, yet as an async hook it cost a promise on every response of every route
 * (tools/bench/http-overhead). The plugin sees the real instance except that this one
 * addHook('onResponse') is dropped; the parser and request decorators are registered as usual,
 * at the root (skip-override, as the published plugin does).
 */
const multipartWithoutCleanupHook = Object.assign(
  (instance: FastifyInstance, options: FastifyMultipartOptions, done: (error?: Error) => void) => {
    const withoutCleanup = new Proxy(instance, {
      get(target, property, receiver) {
        if (property === 'addHook') {
          return (name: string, hook: never) => (name === 'onResponse' ? receiver : target.addHook(name as never, hook));
        }
        return Reflect.get(target, property, target) as unknown;
      },
    });
    fastifyMultipart(withoutCleanup, options, done);
  },
  { [Symbol.for('skip-override')]: true, [Symbol.for('fastify.display-name')]: '@fastify/multipart (streaming only)' },
);

/**
 * Everything an HTTP app needs besides its modules: `/api` prefix, URI versioning, the one
 * validation pipe and error filter, OpenAPI at /api/docs, and the web app at `/`.
 * Shared by main.ts and the test app factory so tests run exactly what production runs.
 */
export async function configureHttpApp(app: NestFastifyApplication, options: { swagger?: boolean } = {}): Promise<void> {
  const config = app.get(AppConfig);
  const logger = app.get(AppLogger);
  app.useLogger(logger);
  app.setGlobalPrefix('api', { exclude: ['verify/{*code}'] });
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  // Multipart uploads (imports, lesson files): read with `request.file()`; the size limit is
  // enforced while streaming, so an oversized file is refused with 413 before it is stored.
  await app.register(multipartWithoutCleanupHook, { limits: { fileSize: config.env.UPLOAD_LIMIT_BYTES, files: 1, fields: 20 } });

  const fastify = app.getHttpAdapter().getInstance();
  // Before init, so it sees every route Nest registers.
  installRouteAuth(fastify, app.get(AccessTokenService));
  attachRequestLogging(fastify, config.env.LOG_REQUESTS ? logger : null);

  const webRoot = resolve(config.env.WEB_DIST_PATH);
  const indexHtml = config.env.SERVE_WEB && existsSync(join(webRoot, 'index.html'))
    ? readFileSync(join(webRoot, 'index.html'), 'utf8')
    : undefined;
  app.useGlobalFilters(new AllExceptionsFilter(indexHtml));
  if (indexHtml) {
    // Loaded only when there is a web build to serve (the package is ESM-only; test runs never need it).
    const { default: fastifyStatic } = await import('@fastify/static');
    await app.register(fastifyStatic, { root: webRoot, prefix: '/', wildcard: false, index: false, maxAge: '1h' });
  }

  if (options.swagger !== false) {
    const document = SwaggerModule.createDocument(
      app as INestApplication,
      new DocumentBuilder()
        .setTitle('Bồi dưỡng API')
        .setDescription('Training and assessment of Youth Union cadres')
        .setVersion(APP_VERSION)
        .addBearerAuth()
        .build(),
    );
    SwaggerModule.setup('api/docs', app as INestApplication, document, { jsonDocumentUrl: 'api/docs-json' });
  }
}
