import { ChangeDetectionStrategy, Component, ElementRef, input, output, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatToolbarModule } from '@angular/material/toolbar';
import { RouterLink, RouterLinkActive } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { LanguageSwitch, UiLanguage } from '../language-switch/language-switch';

export interface ShellNavLink {
  path: string;
  labelKey: string;
}

/** The frame around every signed-in page. Presentational: the app wires it to the session. */
@Component({
  selector: 'bd-layout-shell',
  imports: [MatToolbarModule, MatButtonModule, RouterLink, RouterLinkActive, TranslatePipe, LanguageSwitch],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './layout-shell.html',
  styleUrl: './layout-shell.css',
})
export class LayoutShell {
  readonly userName = input('');
  readonly lang = input.required<UiLanguage>();
  readonly navLinks = input<readonly ShellNavLink[]>([]);
  /** Unread notifications for the bell linking to `/notifications`; `null` shows no bell. */
  readonly unreadCount = input<number | null>(null);
  readonly langChange = output<UiLanguage>();
  readonly logout = output<void>();

  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');

  /** A button, not an `#fragment` link: with `<base href="/">` a fragment link would navigate to the root. */
  protected skipToContent(): void {
    this.main().nativeElement.focus();
  }
}
