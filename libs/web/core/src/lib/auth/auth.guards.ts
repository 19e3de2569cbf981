import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import type { Permission } from '@boiduong/shared-contracts';
import { SessionStore } from '../session/session.store';

/** Route data key holding the permissions a route needs (all of them). */
export const ROUTE_PERMISSIONS = 'permissions';
/** Route data key holding permissions of which a route needs at least one (e.g. lecturers or examiners). */
export const ROUTE_ANY_PERMISSIONS = 'anyPermissions';

export const authGuard: CanActivateFn = (_route, state) => {
  if (inject(SessionStore).isAuthenticated()) return true;
  return inject(Router).createUrlTree(['/login'], {
    queryParams: state.url && state.url !== '/' ? { returnUrl: state.url } : {},
  });
};

/** Keeps a signed-in user away from the login page. */
export const guestGuard: CanActivateFn = () =>
  inject(SessionStore).isAuthenticated() ? inject(Router).createUrlTree(['/']) : true;

/**
 * Reads `data.permissions` from the route. Hiding a nav item is a convenience;
 * this guard is what stops a typed-in URL (the API still enforces for real).
 */
export const permissionGuard: CanActivateFn = (route, state) => {
  const session = inject(SessionStore);
  const router = inject(Router);
  if (!session.isAuthenticated()) {
    return router.createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });
  }
  const required = (route.data[ROUTE_PERMISSIONS] ?? []) as readonly Permission[];
  const any = (route.data[ROUTE_ANY_PERMISSIONS] ?? []) as readonly Permission[];
  const allowed = session.hasAllPermissions(required) && (any.length === 0 || any.some((p) => session.hasPermission(p)));
  return allowed ? true : router.createUrlTree(['/forbidden']);
};
