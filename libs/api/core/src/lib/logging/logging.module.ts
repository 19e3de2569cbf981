import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Global, Injectable, LoggerService, Module, OnApplicationShutdown } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import pino, { type Logger as Pino } from 'pino';
import { AppConfig } from '../config/app-config';
import { LineWriter } from './line-writer';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Fresh request ids: this process's random tag and a sequence number ("3f9a1c2b7d4e-1042").
 * Unique per process by the sequence and across processes and restarts by the 48-bit tag, which
 * is all a request id needs (it finds the lines of one request; nothing stores or trusts it).
 * A random UUID per request cost 2 % of a cheap request's instructions (formatting 16 random
 * bytes as hex: 1.6k of 80k under callgrind; docs/PERFORMANCE.md, "HTTP overhead").
 */
const PROCESS_TAG = `${randomBytes(6).toString('hex')}-`;
let sequence = 0;

/** When the request came in (performance.now()), stamped on the raw request by requestIdFor. */
const RECEIVED_AT = Symbol('boiduong.receivedAt');
type StampedMessage = IncomingMessage & { [RECEIVED_AT]?: number };

/**
 * Fastify's genReqId: reuses a caller's x-request-id when it is sane, so one id follows a
 * request across services, else a fresh one. It also stamps the arrival time for the request
 * line's `ms`: Fastify calls it first thing for every request, so no onRequest hook is needed
 * for it (each hook is a runner, a callback and closures on every request).
 */
export function requestIdFor(req: IncomingMessage): string {
  (req as StampedMessage)[RECEIVED_AT] = performance.now();
  const header = req.headers['x-request-id'];
  const given = Array.isArray(header) ? header[0] : header;
  return given && REQUEST_ID.test(given) ? given : PROCESS_TAG + ++sequence;
}

/**
 * Nest's logger backed by one pino instance: structured JSON on stdout.
 *
 * Written here rather than taken from nestjs-pino: its per-request middleware (pino-http
 * child logger, redaction, AsyncLocalStorage, Nest's middleware bridge) cost about three
 * quarters of the api's throughput on a cheap route (tools/bench/http-overhead). Request
 * lines are written once per request by one onSend hook instead (see attachRequestLogging),
 * carrying the request id.
 */
@Injectable()
export class AppLogger implements LoggerService, OnApplicationShutdown, RequestLogSink {
  readonly pino: Pino;
  private readonly destination = new LineWriter(1);

  constructor(config: AppConfig) {
    // Buffered writes (see LineWriter) instead of one write syscall per line; flushed on shutdown and exit.
    this.pino = pino({ level: config.env.LOG_LEVEL, base: { pid: process.pid } }, this.destination);
    process.once('exit', () => this.flush());
  }

  get levelValue(): number {
    return this.pino.levelVal;
  }

  /** A line already serialised (request lines), into the same buffer as every other line. */
  writeLine(line: string, ascii = false): void {
    if (ascii) this.destination.writeAscii(line);
    else this.destination.write(line);
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

/** Where request lines go: the level threshold (pino's numbers) and a raw line writer. */
export interface RequestLogSink {
  /** The lowest pino level number that is written (info = 30). */
  readonly levelValue: number;
  /** Writes one complete, newline-terminated JSON line; `ascii` when every character is below 128. */
  writeLine(line: string, ascii?: boolean): void;
}

const INFO = 30;
const WARN = 40;
const ERROR = 50;

/** A URL that can go into a JSON string as it is: printable ASCII without a quote or a backslash. */
const JSON_SAFE_URL = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/** Milliseconds with one decimal, from integer arithmetic: formatting a double cost more than the rest of the line. */
function tenths(ms: number): string {
  const t = Math.round(ms * 10) | 0;
  return `${(t / 10) | 0}.${t % 10}`;
}

/**
 * One onSend hook for every request: it echoes the request id to a caller that sent one (a
 * proxy or another service tracing a request; every error response carries it too, see
 * AllExceptionsFilter) and, given a sink, writes the request line. Setting the header on every
 * successful response cost about a twentieth of a cheap request (tools/bench/http-overhead).
 *
 * The request line (level by status, with the request id) is the same JSON a pino call would
 * write ({level, time, pid, reqId, method, url, status, ms, msg}), built as one template string:
 * a pino call with a merge object (serializers, key checks, the object walk, its destination's
 * per-write bookkeeping) cost more than the rest of a cheap route's request. The fields are all
 * known in advance, and only the URL can hold characters that need escaping (JSON.stringify
 * only when it does). The request id is safe by construction (requestIdFor), the method comes
 * from Node's parser (token characters only).
 *
 * Written when the response is sent (onSend), with `ms` the time until then, not when it has
 * finished (onResponse): any onResponse hook makes Fastify watch every response's 'finish' and
 * 'error' events (two listeners added and removed, an event, a timestamp), which cost about an
 * eighth of a cheap request (tools/bench/http-overhead). The status is final by then (errors
 * have been turned into their response), and no route here writes past Fastify's reply.
 */
export function attachRequestLogging(fastify: FastifyInstance, sink: RequestLogSink | null): void {
  if (!sink) {
    fastify.addHook('onSend', (request, reply, payload, done) => {
      if (request.headers['x-request-id'] === request.id) void reply.header('x-request-id', request.id);
      done(null, payload);
    });
    return;
  }
  const pid = `,"pid":${process.pid},"reqId":"`;
  // Milliseconds since the epoch do not fit a small integer: turning one into text goes through
  // the double-to-string path, so the text is kept for the millisecond it stands for.
  let lastNow = 0;
  let lastTime = '';
  fastify.addHook('onSend', (request, reply, payload, done) => {
    const id = request.id;
    if (request.headers['x-request-id'] === id) void reply.header('x-request-id', id);
    const status = reply.statusCode;
    const level = status >= 500 ? ERROR : status >= 400 ? WARN : INFO;
    if (level >= sink.levelValue) {
      const now = Date.now();
      if (now !== lastNow) {
        lastNow = now;
        lastTime = String(now);
      }
      const url = request.url;
      // Every other field is ASCII by construction (requestIdFor; Node's parser for the method);
      // so is the URL when it needs no escaping.
      const plain = JSON_SAFE_URL.test(url);
      const receivedAt = (request.raw as StampedMessage)[RECEIVED_AT];
      const ms = receivedAt === undefined ? '0.0' : tenths(performance.now() - receivedAt);
      sink.writeLine(
        `{"level":${level},"time":${lastTime}${pid}${id}","method":"${request.method}","url":${plain ? `"${url}"` : JSON.stringify(url)},"status":${status},"ms":${ms},"msg":"request completed"}\n`,
        plain,
      );
    }
    done(null, payload);
  });
}

@Global()
@Module({ providers: [AppLogger], exports: [AppLogger] })
export class LoggingModule {}
