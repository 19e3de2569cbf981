import { applyDecorators, SetMetadata } from '@nestjs/common';
import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants';
import type { Permission } from '@boiduong/shared-contracts';
import type { FastifyInstance, FastifyRequest, onRequestHookHandler, RouteOptions } from 'fastify';
import { CommonErrors } from '../errors/domain-error';
import { Principal } from './principal';
import { AccessTokenService } from './token.service';

export const IS_PUBLIC = 'auth:public';
export const REQUIRED_PERMISSIONS = 'auth:permissions';

/** Where a route's policy travels in Fastify's route config (`request.routeOptions.config`). */
export const ROUTE_POLICY = 'boiduongAuth';

/** What a route asks of the caller. */
export interface RoutePolicy {
  readonly isPublic: boolean;
  /** Any one of these, somewhere in the caller's grants; empty: any signed-in user. */
  readonly permissions: readonly Permission[];
}

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal | null };

const SIGNED_IN: RoutePolicy = { isPublic: false, permissions: [] };

/**
 * Puts the policy into the Fastify route config of the handler (Nest copies a handler's metadata
 * to the route it registers). Merges with any config already there. Method-only on purpose: a
 * class-level decorator would not reach the route config, so it must not compile.
 */
function withRoutePolicy(policy: RoutePolicy): MethodDecorator {
  return (_target, _key, descriptor) => {
    const handler = descriptor.value as object;
    const config = (Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, handler) as Record<string, unknown> | undefined) ?? {};
    Reflect.defineMetadata(FASTIFY_ROUTE_CONFIG_METADATA, { ...config, [ROUTE_POLICY]: policy }, handler);
    return descriptor;
  };
}

/** Marks a route that needs no sign-in. Everything else under /api requires a valid access token. */
export const Public = (): MethodDecorator =>
  applyDecorators(SetMetadata(IS_PUBLIC, true), withRoutePolicy({ isPublic: true, permissions: [] }));

/** The permissions a route needs (any one of them, somewhere in the user's grants). */
export const RequirePermissions = (...permissions: Permission[]): MethodDecorator =>
  applyDecorators(SetMetadata(REQUIRED_PERMISSIONS, permissions), withRoutePolicy({ isPublic: false, permissions }));

/**
 * The policy of a route as Fastify registers it, or null when it needs no check: declared by
 * @Public / @RequirePermissions, else every route under /api needs a signed-in user, except the
 * OpenAPI document. Routes outside /api are the web app's static files and the public
 * verification page.
 */
export function routePolicyOf(route: Pick<RouteOptions, 'url' | 'config'>): RoutePolicy | null {
  const declared = (route.config as Record<string, unknown> | undefined)?.[ROUTE_POLICY] as RoutePolicy | undefined;
  if (declared) return declared.isPublic ? null : declared;
  return route.url.startsWith('/api/') && !route.url.startsWith('/api/docs') ? SIGNED_IN : null;
}

/**
 * Authentication and the permission check as a Fastify onRequest hook attached, at registration,
 * only to the routes that need it. Done here rather than as a global Nest guard because a guard
 * runs (with its execution context and promise chain) on every request, public ones included,
 * and cost a large share of a cheap route's throughput (tools/bench/http-overhead). Running
 * before the body is read also refuses anonymous uploads without reading them. Errors go to
 * the same exception filter as everything else. Subtree checks happen in services, which know
 * the unit a resource belongs to. Call before the app registers its routes (before init).
 */
export function installRouteAuth(fastify: FastifyInstance, tokens: AccessTokenService): void {
  // Declared up front so every request object has the same shape: a property added only on
  // signed-in requests would make the property accesses Fastify and Nest share across routes polymorphic.
  fastify.decorateRequest('principal', null);
  fastify.addHook('onRoute', (route) => {
    const policy = routePolicyOf(route);
    if (!policy) return;
    const admit = (request: FastifyRequest, principal: Principal | null): Error | undefined => {
      if (!principal) return CommonErrors.UNAUTHENTICATED();
      (request as AuthenticatedRequest).principal = principal;
      if (policy.permissions.length && !policy.permissions.some((p) => principal.hasPermission(p))) return CommonErrors.FORBIDDEN();
      return undefined;
    };
    // Callback style: a token seen before is answered from the token cache without a promise.
    const check: onRequestHookHandler = (request, _reply, done) => {
      const header = request.headers.authorization;
      const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
      if (!token) return done(CommonErrors.UNAUTHENTICATED());
      const cached = tokens.cachedPrincipal(token);
      if (cached) return done(admit(request, cached));
      tokens.principal(token).then((principal) => done(admit(request, principal)), done);
    };
    const existing = route.onRequest;
    route.onRequest = existing ? [...(Array.isArray(existing) ? existing : [existing]), check] : [check];
  });
}
