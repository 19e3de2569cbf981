import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { failureOf } from '../data/failure';
import { LearningService } from '../data/learning.service';
import { formatDay } from '../ui/dates';
import { FailureMessage } from '@boiduong/web-core';
import { ProgressMeter } from '../ui/progress-meter';

/** The learner's courses: enrolled first with their progress, then waitlisted ones. */
@Component({
  selector: 'bd-my-courses-page',
  imports: [RouterLink, MatButtonModule, TranslatePipe, FailureMessage, ProgressMeter],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './my-courses-page.html',
  styleUrl: '../../../../shared/ui/src/lib/styles/feature-page.css',
})
export class MyCoursesPage {
  private readonly learning = inject(LearningService);

  protected readonly courses = rxResource({ stream: () => this.learning.myCourses() });
  protected readonly failure = computed(() => (this.courses.error() ? failureOf(this.courses.error()) : null));
  protected readonly enrolled = computed(() => (this.courses.hasValue() ? this.courses.value().filter((c) => c.enrollmentStatus === 'enrolled') : []));
  protected readonly waitlisted = computed(() => (this.courses.hasValue() ? this.courses.value().filter((c) => c.enrollmentStatus === 'waitlisted') : []));
  protected readonly day = formatDay;
}
