import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { FailureMessage, toFailure } from '@boiduong/web-core';
import { TranslatePipe } from '@ngx-translate/core';
import { LearningService } from '../data/learning.service';
import { formatDateTime } from '../ui/dates';

/**
 * Where a learner's phone lands after scanning the QR shown in the room: the code is sent once, and
 * the page says plainly whether the learner is now recorded present, was already, or why not (the
 * API's own message, e.g. "the code has expired, scan again").
 */
@Component({
  selector: 'bd-check-in-page',
  imports: [RouterLink, MatButtonModule, TranslatePipe, FailureMessage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './check-in-page.html',
  styleUrls: ['../../../../shared/ui/src/lib/styles/feature-page.css', './check-in-page.css'],
})
export class CheckInPage {
  private readonly learning = inject(LearningService);

  /** The code from the address (`?t=`: short, to keep the QR small), bound by the router. */
  readonly t = input<string | undefined>();

  protected readonly time = formatDateTime;
  protected readonly result = rxResource({
    params: () => this.t()?.trim() || undefined,
    stream: ({ params }) => this.learning.checkIn(params),
  });
  protected readonly missing = computed(() => !this.t()?.trim());
  protected readonly failure = computed(() => (this.result.error() ? toFailure(this.result.error(), 'checkIn') : null));
}
