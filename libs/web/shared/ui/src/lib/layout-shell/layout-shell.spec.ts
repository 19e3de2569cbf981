import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideTranslateService, TranslateService } from '@ngx-translate/core';
import { UiLanguage } from '../language-switch/language-switch';
import { LayoutShell, ShellNavLink } from './layout-shell';

@Component({
  imports: [LayoutShell],
  template: `
    <bd-layout-shell [userName]="name" [lang]="lang()" [navLinks]="links()" [unreadCount]="unread()" (logout)="loggedOut = loggedOut + 1">
      <p id="content">content</p>
    </bd-layout-shell>
  `,
})
class Host {
  name = 'Trần Thị Bích';
  readonly lang = signal<UiLanguage>('vi');
  readonly links = signal<ShellNavLink[]>([{ path: '/', labelKey: 'nav.home' }]);
  readonly unread = signal<number | null>(null);
  loggedOut = 0;
}

describe('LayoutShell', () => {
  async function setup() {
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideTranslateService({ fallbackLang: 'vi' })] });
    const translate = TestBed.inject(TranslateService);
    translate.setTranslation('vi', {
      shell: { logout: 'Đăng xuất', notifications: 'Thông báo', notificationsUnread: 'Thông báo: {{count}} chưa đọc' },
      nav: { home: 'Trang chủ' },
    });
    translate.use('vi');
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  it('shows the user name, a translated logout and the projected page', async () => {
    const { el } = await setup();
    expect(el.querySelector('[data-testid="user-name"]')?.textContent?.trim()).toBe('Trần Thị Bích');
    expect(el.querySelector('[data-testid="logout"]')?.textContent?.trim()).toBe('Đăng xuất');
    expect(el.querySelector('main #content')).not.toBeNull();
  });

  it('emits logout when the button is pressed', async () => {
    const { fixture, el } = await setup();
    (el.querySelector('[data-testid="logout"]') as HTMLButtonElement).click();
    expect(fixture.componentInstance.loggedOut).toBe(1);
  });

  it('renders exactly the nav links it is given, and no nav when there are none', async () => {
    const { fixture, el } = await setup();
    expect([...el.querySelectorAll('nav a')].map((a) => a.textContent?.trim())).toEqual(['Trang chủ']);
    fixture.componentInstance.links.set([]);
    await fixture.whenStable();
    expect(el.querySelector('nav')).toBeNull();
  });

  it('shows a bell to /notifications with the unread count only when given one', async () => {
    const { fixture, el } = await setup();
    const bell = () => el.querySelector<HTMLAnchorElement>('[data-testid="notifications-link"]');
    const badge = () => el.querySelector('[data-testid="notifications-badge"]')?.textContent?.trim();
    expect(bell()).toBeNull();

    fixture.componentInstance.unread.set(3);
    await fixture.whenStable();
    expect(bell()?.getAttribute('href')).toBe('/notifications');
    expect(badge()).toBe('3');
    expect(bell()?.getAttribute('aria-label')).toBe('Thông báo: 3 chưa đọc');

    fixture.componentInstance.unread.set(120);
    await fixture.whenStable();
    expect(badge()).toBe('99+');

    fixture.componentInstance.unread.set(0);
    await fixture.whenStable();
    expect(bell()).not.toBeNull();
    expect(badge()).toBeUndefined();
    expect(bell()?.getAttribute('aria-label')).toBe('Thông báo');
  });
});
