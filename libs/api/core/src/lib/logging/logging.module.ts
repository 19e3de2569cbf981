import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Global, Injectable, LoggerService, Module, OnApplicationShutdown } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import pino, { type Logger as Pino } from 'pino';
import { AppConfig } from '../config/app-config';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Reuses a caller's x-request-id when it is sane, so one id follows a request across services. */
export function requestIdFor(req: IncomingMessage): string {
  const header = req.headers['x-request-id'];
  const given = Array.isArray(header) ? header[0] : header;
  return given && REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * Nest's logger backed by one pino instance: structured JSON on stdout.
 *
 * Written here rather than taken from nestjs-pino: its per-request middleware (pino-http
 * child logger, redaction, AsyncLocalStorage, Nest's middleware bridge) cost about three
 * quarters of the api's throughput on a cheap route (tools/bench/http-overhead). Request
 * lines are written once per request by an onResponse hook instead (see attachRequestLogging),
 * carrying the request id; nothing runs per request when LOG_REQUESTS=false.
 */
@Injectable()
export class AppLogger implements LoggerService, OnApplicationShutdown {
  readonly pino: Pino;
  private readonly destination: pino.DestinationStream & { flushSync(): void };

  constructor(config: AppConfig) {
    // Buffered writes (4 KiB) instead of one write syscall per line; flushed on shutdown and exit.
    this.destination = pino.destination({ dest: 1, sync: false, minLength: 4096 });
    this.pino = pino({ level: config.env.LOG_LEVEL, base: { pid: process.pid } }, this.destination);
    process.once('exit', () => this.flush());
  }

  onApplicationShutdown(): void {
    this.flush();
  }

  private flush(): void {
    try {
      this.destination.flushSync();
    } catch {
      // Not ready yet or already closed: nothing buffered to lose.
    }
  }

  log(message: unknown, context?: string): void {
    this.write('info', message, context);
  }
  error(message: unknown, trace?: string, context?: string): void {
    // Nest calls error(message, stack, context) or error(message, context).
    if (context === undefined && trace !== undefined && !trace.includes('\n')) this.write('error', message, trace);
    else this.write('error', message, context, trace);
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    this.write('trace', message, context);
  }
  fatal(message: unknown, context?: string): void {
    this.write('fatal', message, context);
  }

  private write(level: pino.Level, message: unknown, context?: string, stack?: string): void {
    if (!this.pino.isLevelEnabled(level)) return;
    if (message instanceof Error) this.pino[level]({ context, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) this.pino[level]({ context, ...message, ...(stack ? { stack } : {}) });
    else this.pino[level]({ context, ...(stack ? { stack } : {}) }, String(message));
  }
}

/** One log line per finished request (level by status), with the request id. */
export function attachRequestLogging(fastify: FastifyInstance, logger: Pick<AppLogger, 'pino'>): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode;
    const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
    logger.pino[level](
      { reqId: request.id, method: request.method, url: request.url, status, ms: Math.round(reply.elapsedTime * 10) / 10 },
      'request completed',
    );
    done();
  });
}

@Global()
@Module({ providers: [AppLogger], exports: [AppLogger] })
export class LoggingModule {}
