import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Permission } from '@boiduong/shared-contracts';
import type { FastifyRequest } from 'fastify';
import { CommonErrors } from '../errors/domain-error';
import { Principal } from './principal';
import { IS_PUBLIC } from './public.decorator';
import { AccessTokenService } from './token.service';

export const REQUIRED_PERMISSIONS = 'auth:permissions';

/** The permissions a route needs (any one of them, somewhere in the user's grants). */
export const RequirePermissions = (...permissions: Permission[]) => SetMetadata(REQUIRED_PERMISSIONS, permissions);

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

/** What a route asks for, read once per handler from its decorators. */
interface RoutePolicy {
  isPublic: boolean;
  permissions: readonly Permission[];
}

/**
 * Global guard: every route needs a valid Bearer token unless marked @Public(); routes with
 * @RequirePermissions also need one of those permissions. Subtree checks happen in services,
 * which know the unit a resource belongs to.
 *
 * This runs on every request, so it stays cheap (tools/bench/http-overhead): the decorators of
 * a handler are read once and kept per handler, and a public route is answered synchronously
 * (Nest then skips awaiting a promise for it).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  /** Keyed by class, then handler: an inherited handler may serve classes with different decorators. */
  private readonly policies = new WeakMap<object, WeakMap<object, RoutePolicy>>();

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokenService,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const policy = this.policyOf(context);
    if (policy.isPublic) return true;
    return this.authenticate(context.switchToHttp().getRequest<AuthenticatedRequest>(), policy);
  }

  private async authenticate(request: AuthenticatedRequest, policy: RoutePolicy): Promise<boolean> {
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    const claims = token ? await this.tokens.verify(token) : null;
    if (!claims) throw CommonErrors.UNAUTHENTICATED();
    const principal = new Principal(claims.sub, claims.username, claims.grants);
    request.principal = principal;
    if (policy.permissions.length && !policy.permissions.some((p) => principal.hasPermission(p))) throw CommonErrors.FORBIDDEN();
    return true;
  }

  private policyOf(context: ExecutionContext): RoutePolicy {
    const handler = context.getHandler();
    const controller = context.getClass();
    let byHandler = this.policies.get(controller);
    if (!byHandler) this.policies.set(controller, (byHandler = new WeakMap()));
    let policy = byHandler.get(handler);
    if (!policy) {
      const targets = [handler, controller];
      policy = {
        isPublic: this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, targets) === true,
        permissions: this.reflector.getAllAndOverride<Permission[] | undefined>(REQUIRED_PERMISSIONS, targets) ?? [],
      };
      byHandler.set(handler, policy);
    }
    return policy;
  }
}
