import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { AuthService, injectVisibleNavItems, LanguageService, SessionStore } from '@boiduong/web-core';
import { LayoutShell } from '@boiduong/web-shared-ui';

/** Wires the presentational layout to the session, the language and the registered nav items. */
@Component({
  selector: 'app-shell',
  imports: [LayoutShell, RouterOutlet],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <bd-layout-shell
      [userName]="userName()"
      [lang]="language.lang()"
      [navLinks]="navLinks()"
      (langChange)="language.use($event)"
      (logout)="auth.logout()"
    >
      <router-outlet />
    </bd-layout-shell>
  `,
})
export class Shell {
  protected readonly language = inject(LanguageService);
  protected readonly auth = inject(AuthService);
  private readonly session = inject(SessionStore);
  private readonly visible = injectVisibleNavItems();

  protected readonly userName = computed(() => this.session.user()?.fullName ?? '');
  protected readonly navLinks = computed(() => this.visible().map(({ path, labelKey }) => ({ path, labelKey })));
}
