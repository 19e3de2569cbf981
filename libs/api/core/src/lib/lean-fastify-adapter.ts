import { FastifyAdapter } from '@nestjs/platform-fastify';
import fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';

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

  /** Nest calls this for header, media-type and custom versioning only; URI versioning needs no filter. */
  override applyVersionFilter(): never {
    throw new Error('Only URI versioning is available on this adapter (see LeanFastifyAdapter).');
  }
}
