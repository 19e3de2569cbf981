import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';

/** Lessons done out of the total, as a bar and in words (the words are what screen readers get). */
@Component({
  selector: 'bd-progress-meter',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="meter" role="progressbar" aria-valuemin="0" aria-valuemax="100" [attr.aria-valuenow]="percent()" [attr.aria-label]="'learning.progress.label' | translate">
      <div class="fill" [style.width.%]="percent()"></div>
    </div>
    <p class="words" [attr.data-testid]="testId()">
      {{ 'learning.progress.lessons' | translate: { done: done(), total: total(), percent: percent() } }}
    </p>
  `,
  styles: `
    :host { display: block; }
    .meter { height: 8px; border-radius: 4px; background: var(--mat-sys-surface-container-highest); overflow: hidden; }
    .fill { height: 100%; background: var(--mat-sys-primary); transition: width 200ms ease-out; }
    .words { margin: 4px 0 0; font-size: 0.875rem; color: var(--mat-sys-on-surface-variant); }
  `,
})
export class ProgressMeter {
  readonly done = input.required<number>();
  readonly total = input.required<number>();
  readonly testId = input<string | null>(null);
  protected readonly percent = computed(() => (this.total() > 0 ? Math.round((100 * Math.min(this.done(), this.total())) / this.total()) : 0));
}
