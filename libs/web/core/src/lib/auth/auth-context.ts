import { HttpContext, HttpContextToken } from '@angular/common/http';

/** Requests that manage tokens themselves (login, refresh, logout) must not be touched by the interceptor. */
export const SKIP_AUTH = new HttpContextToken<boolean>(() => false);

export function skipAuth(): HttpContext {
  return new HttpContext().set(SKIP_AUTH, true);
}
