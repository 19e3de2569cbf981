import { StreamableFile } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';

/** How many hooks Nest's adapter adds in its constructor (@nestjs/platform-fastify 11). */
export const NEST_ADAPTER_HOOKS = 5;

/**
 * Nest's Fastify adapter without the five hooks its constructor adds to every route.
 *
 * They serve features this api does not use: a hook slot for `setOnRequestHook`, another for
 * `setOnResponseHook`, CORS (`enableCors`), sending request targets that Nest middleware could
 * not match to the not-found handler (there is no Nest middleware, see `skipMiddie`), and
 * passing on errors of a custom version extractor (versioning here is by URI). Each does next
 * to nothing, yet together they were about a twentieth of a cheap request's CPU
 * (tools/bench/http-overhead, instruction counts under callgrind: 69.7k per request with them,
 * 64.5k without, on a one-route Nest app). The features they serve throw here instead of
 * silently doing nothing, and a unit test fails if a new Nest version adds a different number
 * of hooks.
 */
export class LeanFastifyAdapter extends FastifyAdapter {
  /** The hooks Nest's constructor tried to add; checked by a unit test. */
  readonly droppedHooks: readonly string[];

  constructor(options: FastifyServerOptions) {
    const instance = fastify(options);
    const dropped: string[] = [];
    const addHook = instance.addHook;
    // Only for the length of Nest's constructor; restored right after.
    instance.addHook = ((name: string) => {
      dropped.push(name);
      return instance;
    }) as FastifyInstance['addHook'];
    try {
      // With an instance given, Nest reads `skipMiddie` from it: no @fastify/middie either.
      super(Object.assign(instance, { skipMiddie: true }));
    } finally {
      instance.addHook = addHook;
    }
    this.droppedHooks = dropped;
  }

  override enableCors(): never {
    throw new Error('CORS is not available on this adapter: the api and the web app share one origin (see LeanFastifyAdapter).');
  }

  override setOnRequestHook(): never {
    throw new Error('Use a Fastify hook instead (see LeanFastifyAdapter).');
  }

  override setOnResponseHook(): never {
    throw new Error('Use a Fastify hook instead (see LeanFastifyAdapter).');
  }

  /**
   * How Nest sends what a route returned. For the common case, a Fastify reply and a value to
   * serialise, straight to Fastify: Nest's own version reads the Content-Type header twice on
   * every response (a lower-cased lookup each), only to warn when an error body goes out as
   * something other than JSON. Streams (StreamableFile), raw Node responses and error bodies
   * still take Nest's path, so its behaviour and warning are unchanged.
   *
   * The common case returns nothing rather than the reply: Nest returns this value from an
   * async function whose result it never reads (RouterResponseController.apply, its only caller
   * that keeps it), and a Fastify reply is a thenable, so handing it back made every response
   * pay for resolving it (a `then` lookup, a job and a call; 1.2k of 77k instructions per
   * request under callgrind, tools/bench/http-overhead).
   */
  override reply(response: unknown, body: unknown, statusCode?: number): FastifyReply {
    if (isPlainReply(response) && !(body instanceof StreamableFile) && !isErrorBody(body)) {
      if (statusCode) void response.status(statusCode);
      void response.send(body);
      return undefined as unknown as FastifyReply;
    }
    return super.reply(response as FastifyReply, body, statusCode);
  }

  /** Nest calls this for header, media-type and custom versioning only; URI versioning needs no filter. */
  override applyVersionFilter(): never {
    throw new Error('Only URI versioning is available on this adapter (see LeanFastifyAdapter).');
  }
}

/** A Fastify reply rather than Node's ServerResponse (Nest's own test: raw responses have no `status`). */
function isPlainReply(response: unknown): response is FastifyReply {
  return typeof response === 'object' && response !== null && 'status' in response;
}

/** What Nest's reply warns about when sent with a non-JSON Content-Type: an object with an error status code. */
function isErrorBody(body: unknown): boolean {
  return typeof body === 'object' && body !== null && Number((body as { statusCode?: unknown }).statusCode) >= 400;
}
