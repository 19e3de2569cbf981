import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { FailureMessage } from '@boiduong/web-core';
import { TranslatePipe } from '@ngx-translate/core';
import type { SubmissionListItem } from '../data/course-admin.models';
import { CourseAdminService } from '../data/course-admin.service';
import { type Failure, failureOf } from '../data/failure';
import { formatDateTime } from '../ui/dates';

/**
 * Grading one assignment of a course: its submissions (all, or only those awaiting a grade), one
 * opened at a time with its text and file, and the score (or pass/fail) with a comment, or a
 * return for revision. The version read is sent along, so work replaced meanwhile is not graded blind.
 */
@Component({
  selector: 'bd-grading-page',
  imports: [RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule, TranslatePipe, FailureMessage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './grading-page.html',
  styleUrls: ['../../../../shared/ui/src/lib/styles/feature-page.css', '../ui/course-admin.css', './grading-page.css'],
})
export class GradingPage {
  private readonly admin = inject(CourseAdminService);

  /** Route parameters (component input binding). */
  readonly courseId = input.required<string>();
  readonly assignmentId = input.required<string>();

  protected readonly time = formatDateTime;
  protected readonly ungradedOnly = signal(true);
  protected readonly assignments = rxResource({ params: () => this.courseId(), stream: ({ params }) => this.admin.assignments(params) });
  protected readonly assignment = computed(() => (this.assignments.hasValue() ? (this.assignments.value().find((a) => a.id === this.assignmentId()) ?? null) : null));
  protected readonly submissions = rxResource({
    params: () => ({ id: this.assignmentId(), ungraded: this.ungradedOnly() }),
    stream: ({ params }) => this.admin.submissions(params.id, params.ungraded),
  });
  protected readonly loadFailure = computed(() => {
    const e = this.assignments.error() ?? this.submissions.error();
    return e ? failureOf(e) : null;
  });

  protected readonly opened = signal<SubmissionListItem | null>(null);
  protected readonly score = signal('');
  protected readonly passed = signal<boolean | null>(null);
  protected readonly comment = signal('');
  protected readonly invalid = signal<'scoreInvalid' | 'resultRequired' | null>(null);
  protected readonly busy = signal(false);
  protected readonly failure = signal<Failure | null>(null);
  protected readonly notice = signal<'saved' | 'returned' | null>(null);

  protected open(s: SubmissionListItem): void {
    this.opened.set(s);
    this.score.set(s.score === null ? '' : String(s.score));
    this.passed.set(s.passed);
    this.comment.set(s.comment ?? '');
    this.invalid.set(null);
    this.failure.set(null);
    this.notice.set(null);
  }

  protected download(s: SubmissionListItem): void {
    if (!s.file) return;
    const name = s.file.originalName;
    this.admin.submissionFile(s.id).subscribe({
      next: (blob) => {
        const url = URL.createObjectURL(blob);
        const a = document.createElement('a');
        a.href = url;
        a.download = name;
        a.click();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
      },
      error: (e: unknown) => this.failure.set(failureOf(e)),
    });
  }

  protected save(decision: 'graded' | 'returned'): void {
    const s = this.opened();
    const a = this.assignment();
    if (!s || !a) return;
    let grade: { score?: number; passed?: boolean } = {};
    if (decision === 'graded') {
      if (a.maxPoints !== null) {
        const score = Number(this.score().trim());
        if (this.score().trim() === '' || !Number.isInteger(score) || score < 0 || score > a.maxPoints) return this.invalid.set('scoreInvalid');
        grade = { score };
      } else {
        const passed = this.passed();
        if (passed === null) return this.invalid.set('resultRequired');
        grade = { passed };
      }
    }
    this.invalid.set(null);
    this.busy.set(true);
    this.failure.set(null);
    this.notice.set(null);
    const comment = this.comment().trim();
    this.admin.grade(s.id, { version: s.version, decision, ...grade, ...(comment ? { comment } : {}) }).subscribe({
      next: (updated) => {
        this.busy.set(false);
        this.notice.set(decision === 'graded' ? 'saved' : 'returned');
        this.opened.set({ ...s, ...updated });
        this.submissions.reload();
        this.assignments.reload();
      },
      error: (e: unknown) => {
        this.busy.set(false);
        this.failure.set(failureOf(e));
        // A stale version: show the learner's current work before anyone grades again.
        this.submissions.reload();
      },
    });
  }
}
