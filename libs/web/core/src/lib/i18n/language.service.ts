import { DOCUMENT } from '@angular/common';
import { inject, Injectable, signal } from '@angular/core';
import { TranslateService } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';
import { BROWSER_STORAGE } from '../session/browser-storage';

export const SUPPORTED_LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];
/** The product's language; English is offered alongside. */
export const DEFAULT_LANGUAGE: Language = 'vi';
export const LANGUAGE_STORAGE_KEY = 'boiduong.lang';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (SUPPORTED_LANGUAGES as readonly string[]).includes(value);
}

/** A message the API sends in both languages, e.g. `ErrorBody.message`. */
export type LocalizedText = Readonly<Record<Language, string>>;

@Injectable({ providedIn: 'root' })
export class LanguageService {
  private readonly translate = inject(TranslateService);
  private readonly storage = inject(BROWSER_STORAGE);
  private readonly document = inject(DOCUMENT);
  private readonly current = signal<Language>(this.stored() ?? DEFAULT_LANGUAGE);

  readonly lang = this.current.asReadonly();

  /** Resolves once the translations of the starting language are loaded, so no raw keys flash on screen. */
  init(): Promise<unknown> {
    this.translate.addLangs([...SUPPORTED_LANGUAGES]);
    return this.use(this.current());
  }

  use(lang: Language): Promise<unknown> {
    this.current.set(lang);
    this.storage.setItem(LANGUAGE_STORAGE_KEY, lang);
    this.document.documentElement.lang = lang;
    return firstValueFrom(this.translate.use(lang)).catch(() => undefined);
  }

  toggle(): Promise<unknown> {
    return this.use(this.current() === 'vi' ? 'en' : 'vi');
  }

  localize(text: LocalizedText): string {
    return text[this.current()];
  }

  private stored(): Language | null {
    const value = this.storage.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(value) ? value : null;
  }
}
