import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { catchError, of } from 'rxjs';
import { failureOf } from '../data/failure';
import type { LessonWithProgress } from '../data/learning.models';
import { LearningService } from '../data/learning.service';
import { formatDateTime, formatDay } from '../ui/dates';
import { FailureMessage } from '@boiduong/web-core';
import { ProgressMeter } from '../ui/progress-meter';
import { AssignmentCard } from './assignment-card';

/** One course as its learner sees it: progress, modules with their lessons, assignments to hand in, and in-person sessions. */
@Component({
  selector: 'bd-course-page',
  imports: [RouterLink, MatButtonModule, TranslatePipe, FailureMessage, ProgressMeter, AssignmentCard],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './course-page.html',
  styleUrls: ['../../../../shared/ui/src/lib/styles/feature-page.css', './course-page.css'],
})
export class CoursePage {
  private readonly learning = inject(LearningService);

  /** Route parameter (component input binding). */
  readonly courseId = input.required<string>();

  protected readonly detail = rxResource({ params: () => this.courseId(), stream: ({ params }) => this.learning.myCourse(params) });
  /** Sessions come from the course itself; the lessons still show if they cannot be read. */
  protected readonly sessions = rxResource({
    params: () => this.courseId(),
    stream: ({ params }) => this.learning.sessions(params).pipe(catchError(() => of([]))),
  });
  protected readonly failure = computed(() => (this.detail.error() ? failureOf(this.detail.error()) : null));
  /** The first lesson not yet completed, to continue from. */
  protected readonly next = computed<LessonWithProgress | null>(() => {
    if (!this.detail.hasValue()) return null;
    for (const m of this.detail.value().modules) for (const l of m.lessons) if (!l.completedAt) return l;
    return null;
  });
  protected readonly day = formatDay;
  protected readonly time = formatDateTime;

  protected lessonState(l: LessonWithProgress): 'completed' | 'opened' | 'new' {
    return l.completedAt ? 'completed' : l.openedAt ? 'opened' : 'new';
  }
}
