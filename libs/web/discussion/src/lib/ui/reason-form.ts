import { ChangeDetectionStrategy, Component, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { DISCUSSION_LIMITS } from '@boiduong/shared-contracts';
import { TranslatePipe } from '@ngx-translate/core';

/**
 * A short reason asked before a report or a hiding (optional for a report, required to hide);
 * `testId` names the form, its text box (`-reason`) and its button (`-send`).
 */
@Component({
  selector: 'bd-reason-form',
  imports: [MatButtonModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="field" [attr.data-testid]="testId()" (submit)="$event.preventDefault(); send()">
      <label class="field">
        <span>{{ label() | translate }}</span>
        <textarea rows="2" [attr.maxlength]="max" [attr.data-testid]="testId() + '-reason'" [value]="reason()" (input)="reason.set($any($event.target).value)"></textarea>
      </label>
      @if (missing()) {
        <p class="error-text" role="alert" [attr.data-testid]="testId() + '-missing'">{{ 'discussion.post.reasonRequired' | translate }}</p>
      }
      <div class="actions">
        <button mat-flat-button type="submit" [attr.data-testid]="testId() + '-send'" [disabled]="busy()">{{ submitLabel() | translate }}</button>
        <button mat-button type="button" (click)="cancelled.emit()">{{ 'discussion.form.cancel' | translate }}</button>
      </div>
    </form>
  `,
  styleUrls: ['../../../../shared/ui/src/lib/styles/feature-page.css', './discussion.css'],
})
export class ReasonForm {
  readonly label = input.required<string>();
  readonly submitLabel = input.required<string>();
  readonly required = input(false);
  readonly busy = input(false);
  readonly testId = input.required<string>();
  readonly submitted = output<string>();
  readonly cancelled = output<void>();

  protected readonly max = DISCUSSION_LIMITS.reasonMax;
  protected readonly reason = signal('');
  protected readonly missing = signal(false);

  protected send(): void {
    const reason = this.reason().trim();
    if (this.required() && !reason) return this.missing.set(true);
    this.missing.set(false);
    this.submitted.emit(reason);
  }
}
