import { HttpContextToken, HttpErrorResponse, HttpInterceptorFn, HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, switchMap, throwError } from 'rxjs';
import { API_BASE_URL } from '../api/api-config';
import { SessionStore } from '../session/session.store';
import { SKIP_AUTH } from './auth-context';
import { AuthService } from './auth.service';

/** Marks a request already replayed after a refresh, so a second 401 cannot start a loop. */
const RETRIED_AFTER_REFRESH = new HttpContextToken<boolean>(() => false);

function withBearer<T>(request: HttpRequest<T>, token: string | null): HttpRequest<T> {
  return token ? request.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : request;
}

/**
 * A refresh that failed because the network or the server is unwell says nothing
 * about the session: logging out a cadre on a flaky rural link would lose their work.
 */
function refreshWasRejected(error: unknown): boolean {
  if (!(error instanceof HttpErrorResponse)) return true;
  return error.status >= 400 && error.status < 500;
}

export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const baseUrl = inject(API_BASE_URL);
  if (request.context.get(SKIP_AUTH) || !request.url.startsWith(baseUrl)) return next(request);

  const session = inject(SessionStore);
  const auth = inject(AuthService);
  const sentToken = session.accessToken();

  return next(withBearer(request, sentToken)).pipe(
    catchError((error: unknown) => {
      if (
        !(error instanceof HttpErrorResponse) ||
        error.status !== 401 ||
        !sentToken ||
        request.context.get(RETRIED_AFTER_REFRESH)
      ) {
        return throwError(() => error);
      }
      const retry = (token: string) =>
        next(withBearer(request.clone({ context: request.context.set(RETRIED_AFTER_REFRESH, true) }), token));

      // Another request may have refreshed while this one was in flight.
      const current = session.accessToken();
      if (current && current !== sentToken) return retry(current);

      return auth.refresh().pipe(
        catchError((refreshError: unknown) => {
          if (refreshWasRejected(refreshError)) void auth.expireSession();
          return throwError(() => error);
        }),
        switchMap(retry),
      );
    }),
  );
};
