import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TITLES, type TitleEligibility } from '@boiduong/shared-contracts';
import { ApiClient, FailureMessage, toFailure } from '@boiduong/web-core';
import { EligibilityVerdict, todayInVietnam } from '@boiduong/web-shared-ui';
import { TranslatePipe } from '@ngx-translate/core';
import { forkJoin, of } from 'rxjs';
import type { CadreProfile } from '../data/admin.models';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * "May this cadre be nominated for the title?" on the cadre's page: for the title held now, the
 * titles planned, and any title the admin adds, as of a chosen date (today by default).
 */
@Component({
  selector: 'bd-eligibility-panel',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule, TranslatePipe, FailureMessage, EligibilityVerdict],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './eligibility-panel.html',
  styleUrl: './eligibility-panel.css',
})
export class EligibilityPanel {
  private readonly api = inject(ApiClient);

  readonly userId = input.required<string>();
  readonly cadre = input<CadreProfile | null | undefined>(null);

  protected readonly allTitles = TITLES;
  protected readonly on = signal(todayInVietnam());
  protected readonly added = signal<string[]>([]);
  protected pick = '';

  /** The title held first, then the planned ones, then those added here; each once. */
  protected readonly titles = computed(() => {
    const cadre = this.cadre();
    return [...new Set([...(cadre ? [cadre.title, ...cadre.plannedTitles] : []), ...this.added()])];
  });
  protected readonly results = rxResource({
    params: () => ({ userId: this.userId(), on: this.on(), titles: this.titles() }),
    stream: ({ params: { userId, on, titles } }) =>
      titles.length
        ? forkJoin(
            titles.map((title) =>
              this.api.get<TitleEligibility>(`/eligibility?userId=${encodeURIComponent(userId)}&title=${encodeURIComponent(title)}&on=${on}`),
            ),
          )
        : of([] as TitleEligibility[]),
  });
  protected readonly failure = computed(() => (this.results.error() ? toFailure(this.results.error(), 'eligibility') : null));

  protected role(title: string): string | null {
    const cadre = this.cadre();
    if (cadre?.title === title) return 'eligibility.panel.current';
    return cadre?.plannedTitles.includes(title) ? 'eligibility.panel.planned' : null;
  }

  protected setDate(value: string): void {
    if (DATE.test(value)) this.on.set(value);
  }

  protected add(): void {
    if (this.pick && !this.titles().includes(this.pick)) this.added.update((list) => [...list, this.pick]);
    this.pick = '';
  }
}
