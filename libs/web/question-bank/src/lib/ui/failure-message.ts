import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { LanguageService } from '@boiduong/web-core';
import { TranslatePipe } from '@ngx-translate/core';
import { failureFields, type Failure } from '../data/failure';

/** Shows a failure in the current language (following a language switch), with the fields the API named. */
@Component({
  selector: 'bd-qb-failure',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (failure(); as f) {
      <div class="error" role="alert" [attr.data-testid]="testId()">
        <p>
          @if (f.kind === 'api') {
            {{ apiMessage() }}
          } @else {
            {{ f.key | translate }}
          }
        </p>
        @if (fields().length) {
          <ul>
            @for (p of fields(); track $index) {
              <li data-testid="failure-field"><code>{{ p.field }}</code>@if (p.reason) {: {{ p.reason }}}</li>
            }
          </ul>
        }
      </div>
    }
  `,
  styles: `
    .error {
      margin: 8px 0;
      padding: 8px 12px;
      border-radius: 8px;
      color: var(--mat-sys-on-error-container);
      background: var(--mat-sys-error-container);
      overflow-wrap: anywhere;
    }
    p,
    ul {
      margin: 0;
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
  protected readonly fields = computed(() => failureFields(this.failure()));
}
