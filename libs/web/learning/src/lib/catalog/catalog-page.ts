import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { type Failure, failureOf } from '../data/failure';
import type { CatalogCourse } from '../data/learning.models';
import { LearningService } from '../data/learning.service';
import { formatDay } from '../ui/dates';
import { FailureMessage } from '@boiduong/web-core';

/** Courses the learner may join by themselves; joining puts them in, or on the waitlist when full. */
@Component({
  selector: 'bd-catalog-page',
  imports: [RouterLink, MatButtonModule, TranslatePipe, FailureMessage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './catalog-page.html',
  styleUrl: '../../../../shared/ui/src/lib/styles/feature-page.css',
})
export class CatalogPage {
  private readonly learning = inject(LearningService);

  protected readonly courses = rxResource({ stream: () => this.learning.catalog() });
  protected readonly listFailure = computed(() => (this.courses.error() ? failureOf(this.courses.error()) : null));
  protected readonly busy = signal<string | null>(null);
  protected readonly enrollFailure = signal<Failure | null>(null);
  protected readonly notice = signal<{ key: string; name: string } | null>(null);
  protected readonly day = formatDay;

  protected seatsLeft(c: CatalogCourse): number | null {
    return c.capacity === null ? null : Math.max(0, c.capacity - c.enrolled);
  }

  protected enroll(c: CatalogCourse): void {
    this.busy.set(c.id);
    this.enrollFailure.set(null);
    this.notice.set(null);
    this.learning.selfEnroll(c.id).subscribe({
      next: (result) => {
        this.busy.set(null);
        const status = result.enrolled.length ? 'enrolled' : result.waitlisted.length ? 'waitlisted' : null;
        this.notice.set({ key: status === 'waitlisted' ? 'learning.catalog.waitlistedNotice' : 'learning.catalog.enrolledNotice', name: c.name });
        this.courses.update((list) => list?.map((x) => (x.id === c.id ? { ...x, myStatus: status ?? x.myStatus, enrolled: x.enrolled + (status === 'enrolled' ? 1 : 0) } : x)));
      },
      error: (error: unknown) => {
        this.busy.set(null);
        this.enrollFailure.set(failureOf(error));
      },
    });
  }
}
