import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import { EnvironmentProviders, inject, makeEnvironmentProviders, provideAppInitializer } from '@angular/core';
import { TitleStrategy } from '@angular/router';
import { API_BASE_URL } from './api/api-config';
import { authInterceptor } from './auth/auth.interceptor';
import { AuthService } from './auth/auth.service';
import { provideI18n } from './i18n/provide-i18n';
import { TranslatedTitleStrategy } from './i18n/translated-title.strategy';
import { SessionStore } from './session/session.store';

export interface WebCoreOptions {
  apiBaseUrl?: string;
  i18nPath?: string;
}

/** HTTP with auth, i18n and session restore: everything the shell needs before the first route. */
export function provideWebCore(options: WebCoreOptions = {}): EnvironmentProviders {
  return makeEnvironmentProviders([
    provideHttpClient(withFetch(), withInterceptors([authInterceptor])),
    ...(options.apiBaseUrl ? [{ provide: API_BASE_URL, useValue: options.apiBaseUrl }] : []),
    provideI18n(options.i18nPath),
    { provide: TitleStrategy, useExisting: TranslatedTitleStrategy },
    // Refresh the cached user (roles may have changed) without blocking start-up:
    // on a weak connection the cached copy lets the shell render at once.
    provideAppInitializer(() => {
      if (inject(SessionStore).isAuthenticated()) {
        inject(AuthService)
          .loadCurrentUser()
          .subscribe({ error: () => undefined });
      }
    }),
  ]);
}
