import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { ErrorBody } from '@boiduong/shared-contracts';
import { LanguageService } from '../i18n/language.service';
import { TranslatePipe } from '@ngx-translate/core';

/** Either the API's own bilingual message, or a translation key of the feature when the API sent no usable body. */
export type Failure = { kind: 'api'; status: number; body: ErrorBody } | { kind: 'local'; key: string };

/** Shows a failure in the current language, and follows a language switch. Shared by the feature screens. */
@Component({
  selector: 'bd-failure-message',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (failure(); as f) {
      <p class="error" role="alert" [attr.data-testid]="testId()">
        @if (f.kind === 'api') {
          {{ apiMessage() }}
        } @else {
          {{ f.key | translate }}
        }
      </p>
    }
  `,
  styles: `
    .error {
      margin: 8px 0;
      padding: 8px 12px;
      border-radius: 8px;
      color: var(--mat-sys-on-error-container);
      background: var(--mat-sys-error-container);
    }
  `,
})
export class FailureMessage {
  private readonly language = inject(LanguageService);
  readonly failure = input<Failure | null>(null);
  readonly testId = input<string | null>(null);

  protected readonly apiMessage = computed(() => {
    const f = this.failure();
    return f?.kind === 'api' ? f.body.message[this.language.lang()] : '';
  });
}
