import { TestBed } from '@angular/core/testing';
import { provideTranslateService, TranslateService } from '@ngx-translate/core';
import { LANGUAGE_STORAGE_KEY, LanguageService } from './language.service';

describe('LanguageService', () => {
  function setup(): LanguageService {
    TestBed.configureTestingModule({ providers: [provideTranslateService({ fallbackLang: 'vi' })] });
    return TestBed.inject(LanguageService);
  }

  beforeEach(() => {
    localStorage.clear();
    document.documentElement.lang = 'x';
  });

  it('starts in Vietnamese and says so on <html>', async () => {
    const service = setup();
    await service.init();
    expect(service.lang()).toBe('vi');
    expect(document.documentElement.lang).toBe('vi');
    expect(TestBed.inject(TranslateService).getCurrentLang()).toBe('vi');
  });

  it('switches to English, persists the choice and updates <html lang>', async () => {
    const service = setup();
    await service.init();
    await service.toggle();
    expect(service.lang()).toBe('en');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    expect(TestBed.inject(TranslateService).getCurrentLang()).toBe('en');
  });

  it('restores the stored choice and ignores unknown values', async () => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'en');
    expect(setup().lang()).toBe('en');

    TestBed.resetTestingModule();
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'fr');
    expect(setup().lang()).toBe('vi');
  });

  it('picks the current language from a bilingual API message', async () => {
    const service = setup();
    const message = { vi: 'Sai mật khẩu', en: 'Wrong password' };
    expect(service.localize(message)).toBe('Sai mật khẩu');
    await service.use('en');
    expect(service.localize(message)).toBe('Wrong password');
  });
});
