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

/**
 * Global guard: every route needs a valid Bearer token unless marked @Public(); routes with
 * @RequirePermissions also need one of those permissions. Subtree checks happen in services,
 * which know the unit a resource belongs to.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    const claims = token ? await this.tokens.verify(token) : null;
    if (!claims) throw CommonErrors.UNAUTHENTICATED();
    const principal = new Principal(claims.sub, claims.username, claims.grants);
    request.principal = principal;
    const required = this.reflector.getAllAndOverride<Permission[] | undefined>(REQUIRED_PERMISSIONS, targets);
    if (required?.length && !required.some((p) => principal.hasPermission(p))) throw CommonErrors.FORBIDDEN();
    return true;
  }
}
