import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { ASSIGNMENT_SUBMISSION_KINDS, type AssignmentSubmissionKind } from '@boiduong/shared-contracts';
import { FailureMessage } from '@boiduong/web-core';
import { TranslatePipe } from '@ngx-translate/core';
import { catchError, map, of } from 'rxjs';
import { localToIso } from '../courses/courses-page';
import type { CourseDetail, ProgramModule } from '../data/course-admin.models';
import { CourseAdminService } from '../data/course-admin.service';
import { type Failure, failureOf } from '../data/failure';
import { formatDateTime } from '../ui/dates';
import { RichTextEditor } from '../ui/rich-text-editor';

/**
 * The assignments (bài thu hoạch) of a course on its setup page: each with how many were handed in
 * and wait for grading, a link to grade them, and the form for a new one (lecturers of the course
 * and organisers alike).
 */
@Component({
  selector: 'bd-course-assignments-panel',
  imports: [RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule, TranslatePipe, FailureMessage, RichTextEditor],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './course-assignments-panel.html',
  styleUrls: ['../../../../shared/ui/src/lib/styles/feature-page.css', '../ui/course-admin.css'],
})
export class CourseAssignmentsPanel {
  private readonly admin = inject(CourseAdminService);

  readonly course = input.required<CourseDetail>();

  protected readonly kinds = ASSIGNMENT_SUBMISSION_KINDS;
  protected readonly time = formatDateTime;
  protected readonly list = rxResource({ params: () => this.course().id, stream: ({ params }) => this.admin.assignments(params) });
  protected readonly listFailure = computed(() => (this.list.error() ? failureOf(this.list.error()) : null));
  /** Modules offered only when the program's latest version is the one the course is pinned to. */
  protected readonly modules = rxResource({
    params: () => ({ programId: this.course().programId, versionId: this.course().programVersionId }),
    stream: ({ params }) =>
      this.admin.program(params.programId).pipe(
        map((p): ProgramModule[] => (p.versionId === params.versionId ? p.modules : [])),
        catchError(() => of([] as ProgramModule[])),
      ),
  });

  protected readonly open = signal(false);
  protected readonly form = {
    title: signal(''),
    instructionsHtml: signal(''),
    moduleId: signal(''),
    dueAt: signal(''),
    cutoffAt: signal(''),
    maxPoints: signal('10'),
    submissionKind: signal<AssignmentSubmissionKind>('both'),
    required: signal(true),
  };
  protected readonly invalid = signal<'nameRequired' | 'pointsInvalid' | null>(null);
  protected readonly busy = signal(false);
  protected readonly failure = signal<Failure | null>(null);
  protected readonly notice = signal<string | null>(null);

  protected create(): void {
    const f = this.form;
    const title = f.title().trim();
    const points = f.maxPoints().trim();
    const maxPoints = points === '' ? null : Number(points);
    if (!title) return this.invalid.set('nameRequired');
    if (maxPoints !== null && (!Number.isInteger(maxPoints) || maxPoints < 1 || maxPoints > 1000)) return this.invalid.set('pointsInvalid');
    this.invalid.set(null);
    this.busy.set(true);
    this.failure.set(null);
    this.notice.set(null);
    this.admin
      .createAssignment(this.course().id, {
        title,
        ...(f.instructionsHtml().trim() ? { instructionsHtml: f.instructionsHtml() } : {}),
        ...(f.moduleId() ? { moduleId: f.moduleId() } : {}),
        ...(localToIso(f.dueAt()) ? { dueAt: localToIso(f.dueAt()) } : {}),
        ...(localToIso(f.cutoffAt()) ? { cutoffAt: localToIso(f.cutoffAt()) } : {}),
        maxPoints,
        submissionKind: f.submissionKind(),
        required: f.required(),
      })
      .subscribe({
        next: (a) => {
          this.busy.set(false);
          this.notice.set(a.title);
          this.open.set(false);
          f.title.set('');
          f.instructionsHtml.set('');
          this.list.reload();
        },
        error: (e: unknown) => {
          this.busy.set(false);
          this.failure.set(failureOf(e));
        },
      });
  }
}
