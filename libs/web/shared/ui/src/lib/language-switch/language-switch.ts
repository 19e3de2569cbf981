import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { TranslatePipe } from '@ngx-translate/core';

export type UiLanguage = 'vi' | 'en';

/**
 * One button that names the other language in that language ("English" /
 * "Tiếng Việt"), so a user who cannot read the current one can still find it.
 */
@Component({
  selector: 'bd-language-switch',
  imports: [MatButtonModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button
      mat-stroked-button
      type="button"
      class="lang-switch"
      data-testid="lang-switch"
      [attr.aria-label]="'language.switchAria' | translate"
      (click)="langChange.emit(next())"
    >
      <span class="lang-name" [attr.lang]="next()">{{ 'language.other' | translate }}</span>
    </button>
  `,
  styles: `
    .lang-switch {
      min-width: 0;
      padding-inline: 12px;
    }
  `,
})
export class LanguageSwitch {
  readonly lang = input.required<UiLanguage>();
  readonly langChange = output<UiLanguage>();
  protected readonly next = computed<UiLanguage>(() => (this.lang() === 'vi' ? 'en' : 'vi'));
}
