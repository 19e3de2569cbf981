import { inject, Injectable } from '@angular/core';
import { Router } from '@angular/router';
import type { CurrentUser, LoginRequest, LoginResponse, TokenPair } from '@boiduong/shared-contracts';
import { finalize, map, Observable, shareReplay, tap, throwError } from 'rxjs';
import { ApiClient } from '../api/api-client';
import { SessionStore } from '../session/session.store';
import { skipAuth } from './auth-context';

export class NoRefreshTokenError extends Error {
  constructor() {
    super('No refresh token in the session');
  }
}

@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly api = inject(ApiClient);
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);
  private refreshInFlight: Observable<string> | null = null;

  login(request: LoginRequest): Observable<CurrentUser> {
    return this.api.post<LoginResponse>('/auth/login', request, { context: skipAuth() }).pipe(
      tap((response) => this.session.start(response)),
      map((response) => response.user),
    );
  }

  /**
   * Emits the new access token. Concurrent callers share one request: the refresh
   * token is spent by the first call, so a second parallel call would fail.
   */
  refresh(): Observable<string> {
    if (this.refreshInFlight) return this.refreshInFlight;
    const refreshToken = this.session.refreshToken();
    if (!refreshToken) return throwError(() => new NoRefreshTokenError());
    this.refreshInFlight = this.api.post<TokenPair>('/auth/refresh', { refreshToken }, { context: skipAuth() }).pipe(
      tap((pair) => this.session.replaceTokens(pair)),
      map((pair) => pair.accessToken),
      finalize(() => (this.refreshInFlight = null)),
      shareReplay({ bufferSize: 1, refCount: false }),
    );
    return this.refreshInFlight;
  }

  loadCurrentUser(): Observable<CurrentUser> {
    return this.api.get<CurrentUser>('/me').pipe(tap((user) => this.session.setUser(user)));
  }

  /**
   * Ends the session locally at once, so logging out never waits on a slow link;
   * the server is told best-effort to revoke the refresh token.
   */
  logout(): Promise<boolean> {
    const accessToken = this.session.accessToken();
    const refreshToken = this.session.refreshToken();
    this.session.clear();
    if (refreshToken) {
      this.api
        .post<void>(
          '/auth/logout',
          { refreshToken },
          { context: skipAuth(), headers: accessToken ? { Authorization: `Bearer ${accessToken}` } : {} },
        )
        .subscribe({ error: () => undefined });
    }
    return this.router.navigateByUrl('/login');
  }

  /** The server no longer accepts our tokens: drop them and ask the user to sign in again. */
  expireSession(): Promise<boolean> {
    const returnUrl = this.router.url;
    this.session.clear();
    return this.router.navigate(['/login'], {
      queryParams: returnUrl && returnUrl !== '/' && !returnUrl.startsWith('/login') ? { returnUrl } : {},
    });
  }
}
