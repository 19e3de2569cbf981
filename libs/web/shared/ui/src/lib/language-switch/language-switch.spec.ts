import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideTranslateService, TranslateService } from '@ngx-translate/core';
import { LanguageSwitch, UiLanguage } from './language-switch';

@Component({
  imports: [LanguageSwitch],
  template: `<bd-language-switch [lang]="lang()" (langChange)="chosen.push($event); lang.set($event)" />`,
})
class Host {
  readonly lang = signal<UiLanguage>('vi');
  readonly chosen: UiLanguage[] = [];
}

describe('LanguageSwitch', () => {
  async function setup() {
    TestBed.configureTestingModule({ providers: [provideTranslateService({ fallbackLang: 'vi' })] });
    const translate = TestBed.inject(TranslateService);
    translate.setTranslation('vi', { language: { other: 'English', switchAria: 'English – chuyển sang tiếng Anh' } });
    translate.setTranslation('en', { language: { other: 'Tiếng Việt', switchAria: 'Tiếng Việt – switch to Vietnamese' } });
    translate.use('vi');
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const button = () => fixture.nativeElement.querySelector('[data-testid="lang-switch"]') as HTMLButtonElement;
    return { fixture, translate, button };
  }

  it('offers English, labelled in English, while the interface is Vietnamese', async () => {
    const { button } = await setup();
    expect(button().tagName).toBe('BUTTON');
    expect(button().textContent?.trim()).toBe('English');
    expect(button().querySelector('.lang-name')?.getAttribute('lang')).toBe('en');
    expect(button().getAttribute('aria-label')).toContain('English');
  });

  it('asks for English on the first click from Vietnamese, then for Vietnamese', async () => {
    const { fixture, translate, button } = await setup();
    button().click();
    translate.use('en');
    await fixture.whenStable();
    expect(fixture.componentInstance.chosen).toEqual(['en']);
    expect(button().textContent?.trim()).toBe('Tiếng Việt');
    expect(button().querySelector('.lang-name')?.getAttribute('lang')).toBe('vi');

    button().click();
    expect(fixture.componentInstance.chosen).toEqual(['en', 'vi']);
  });

  it('is reachable and operable from the keyboard (a native button)', async () => {
    const { button } = await setup();
    button().focus();
    expect(document.activeElement).toBe(button());
    expect(button().getAttribute('type')).toBe('button');
  });
});
