import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { CommonErrors } from '../errors/domain-error';
import type { AuthenticatedRequest } from './auth.guard';
import type { Principal } from './principal';

/** The signed-in user of the current request (set by the route auth hook, see installRouteAuth). */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw CommonErrors.UNAUTHENTICATED();
  return principal;
});
