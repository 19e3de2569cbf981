import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';

/** Full-page notice (not found, forbidden). Inputs come from route data via component input binding. */
@Component({
  selector: 'bd-status-page',
  imports: [MatButtonModule, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="status" aria-labelledby="status-title">
      @if (code()) {
        <p class="code" aria-hidden="true">{{ code() }}</p>
      }
      <h1 id="status-title" data-testid="status-title">{{ titleKey() | translate }}</h1>
      <p>{{ messageKey() | translate }}</p>
      <a mat-flat-button routerLink="/">{{ 'common.backHome' | translate }}</a>
    </section>
  `,
  styles: `
    .status {
      max-width: 32rem;
      margin: 10vh auto 0;
      padding: 16px;
      text-align: center;
    }
    .code {
      margin: 0;
      color: var(--mat-sys-primary);
      font-size: 3.5rem;
      font-weight: 700;
      line-height: 1;
    }
    h1 {
      font-size: 1.5rem;
    }
  `,
})
export class StatusPage {
  readonly code = input('');
  readonly titleKey = input.required<string>();
  readonly messageKey = input.required<string>();
}
