import { provideHttpClient, withInterceptors, type HttpInterceptorFn } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import type { EnvironmentProviders, Provider } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding, type Routes } from '@angular/router';
import type { CurrentUser, Permission } from '@boiduong/shared-contracts';
import { LanguageService, SessionStore } from '@boiduong/web-core';
import { provideTranslateService, TranslateService } from '@ngx-translate/core';
import { EN, VI } from './translations';

export interface TestBedOptions {
  /** Who is signed in; `null` for a visitor. */
  user: CurrentUser | null;
  /** Instead of the user's own permissions. */
  permissions?: readonly Permission[];
  /** Routes for specs that navigate (inputs bound from the route); none unless given. */
  routes?: Routes;
  /** HTTP interceptors as the app installs them (the auth interceptor); none unless given. */
  interceptors?: HttpInterceptorFn[];
  providers?: Array<Provider | EnvironmentProviders>;
}

/**
 * A TestBed as the app runs a screen: HTTP answered by the returned controller, the app's
 * translations in both languages (Vietnamese on screen), the user signed in.
 */
export async function setupTestBed(options: TestBedOptions): Promise<HttpTestingController> {
  localStorage.clear();
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(withInterceptors(options.interceptors ?? [])),
      provideHttpClientTesting(),
      provideRouter(options.routes ?? [], withComponentInputBinding()),
      provideTranslateService({ fallbackLang: 'vi' }),
      ...(options.providers ?? []),
    ],
  });
  const translate = TestBed.inject(TranslateService);
  translate.setTranslation('vi', VI);
  translate.setTranslation('en', EN);
  await TestBed.inject(LanguageService).init();
  const { user, permissions } = options;
  if (user) {
    TestBed.inject(SessionStore).start({ accessToken: 'a', refreshToken: 'r', expiresIn: 900, user: { ...user, permissions: [...(permissions ?? user.permissions)] } });
  }
  return TestBed.inject(HttpTestingController);
}
