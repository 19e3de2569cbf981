import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { AuthService, injectVisibleNavItems, LanguageService, NotificationsService, SessionStore } from '@boiduong/web-core';
import { LayoutShell } from '@boiduong/web-shared-ui';

/** Wires the presentational layout to the session, the language, the registered nav items and the unread notifications. */
@Component({
  selector: 'app-shell',
  imports: [LayoutShell, RouterOutlet],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <bd-layout-shell
      [userName]="userName()"
      [lang]="language.lang()"
      [navLinks]="navLinks()"
      [unreadCount]="unreadCount()"
      (langChange)="language.use($event)"
      (logout)="logout()"
    >
      <router-outlet />
    </bd-layout-shell>
  `,
})
export class Shell {
  protected readonly language = inject(LanguageService);
  private readonly auth = inject(AuthService);
  private readonly session = inject(SessionStore);
  private readonly notifications = inject(NotificationsService);
  private readonly visible = injectVisibleNavItems();

  protected readonly userName = computed(() => this.session.user()?.fullName ?? '');
  protected readonly navLinks = computed(() => this.visible().map(({ path, labelKey }) => ({ path, labelKey })));
  /** No bell until signed in and counted; 0 shows the bell without a badge. */
  protected readonly unreadCount = computed(() => (this.session.user() ? this.notifications.unread() : null));

  constructor() {
    this.notifications.watchUnread();
  }

  protected logout(): void {
    this.notifications.forget();
    this.auth.logout();
  }
}
