import { EnvironmentProviders, inject, makeEnvironmentProviders, provideAppInitializer } from '@angular/core';
import { provideTranslateService } from '@ngx-translate/core';
import { provideTranslateHttpLoader } from '@ngx-translate/http-loader';
import { DEFAULT_LANGUAGE, LanguageService } from './language.service';

/**
 * Translations are static files next to index.html (`public/i18n/<lang>.json`).
 * They bypass the interceptors: they need no token and must load before sign-in.
 */
export function provideI18n(path = 'i18n/'): EnvironmentProviders {
  return makeEnvironmentProviders([
    provideTranslateService({
      fallbackLang: DEFAULT_LANGUAGE,
      loader: provideTranslateHttpLoader({ prefix: path, suffix: '.json', useHttpBackend: true }),
    }),
    provideAppInitializer(() => inject(LanguageService).init()),
  ]);
}
