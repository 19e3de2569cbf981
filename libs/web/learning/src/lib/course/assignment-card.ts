import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { MyAssignment, SubmissionView } from '@boiduong/shared-contracts';
import { FailureMessage } from '@boiduong/web-core';
import { TranslatePipe } from '@ngx-translate/core';
import { type Observable, of, switchMap } from 'rxjs';
import { type Failure, failureOf } from '../data/failure';
import { LearningService } from '../data/learning.service';
import { formatDateTime } from '../ui/dates';

/** What a learner may pick; the API checks again (type, magic bytes, size). */
export const SUBMISSION_ACCEPT = '.pdf,.docx,.png,.jpg,.jpeg,.webp';

/**
 * One assignment (bài thu hoạch) on the learner's course page: instructions, deadlines, the
 * learner's submission with its grade and the lecturer's comment, and the form to hand in or
 * replace it while that is still allowed.
 */
@Component({
  selector: 'bd-assignment-card',
  imports: [MatButtonModule, TranslatePipe, FailureMessage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './assignment-card.html',
  styleUrls: ['../../../../shared/ui/src/lib/styles/feature-page.css', './assignment-card.css'],
})
export class AssignmentCard {
  private readonly learning = inject(LearningService);

  readonly assignment = input.required<MyAssignment>();
  /** Emitted after a submission was stored, so the page can reload completion and the card. */
  readonly submitted = output<SubmissionView>();

  protected readonly text = signal('');
  protected readonly file = signal<File | null>(null);
  protected readonly busy = signal(false);
  protected readonly failure = signal<Failure | null>(null);
  protected readonly missing = signal(false);
  protected readonly notice = signal(false);
  protected readonly accept = SUBMISSION_ACCEPT;
  protected readonly time = formatDateTime;

  protected readonly takesText = computed(() => this.assignment().submissionKind !== 'file');
  protected readonly takesFile = computed(() => this.assignment().submissionKind !== 'text');

  /** Why the form is not offered, or null when the learner may hand in now. */
  protected readonly closedReason = computed<'graded' | 'cutoff' | 'due' | null>(() => {
    const a = this.assignment();
    const s = a.submission;
    const now = Date.now();
    if (s?.status === 'graded') return 'graded';
    if (a.cutoffAt && now > new Date(a.cutoffAt).getTime()) return 'cutoff';
    if (s?.status === 'submitted' && a.dueAt && now > new Date(a.dueAt).getTime()) return 'due';
    return null;
  });

  protected pick(event: Event): void {
    const input = event.target as HTMLInputElement;
    this.file.set(input.files?.[0] ?? null);
  }

  protected send(): void {
    const a = this.assignment();
    const text = this.takesText() ? this.text().trim() : '';
    const file = this.takesFile() ? this.file() : null;
    // A replaced text-and-file submission keeps its earlier file unless a new one is picked.
    const keptFile = !file && a.submissionKind === 'both' ? (a.submission?.file?.id ?? null) : null;
    const ok = a.submissionKind === 'text' ? !!text : a.submissionKind === 'file' ? !!file : !!(text || file || keptFile);
    this.missing.set(!ok);
    if (!ok) return;
    this.busy.set(true);
    this.failure.set(null);
    this.notice.set(false);
    const upload: Observable<{ id: string } | null> = file ? this.learning.uploadSubmissionFile(a.id, file) : of(null);
    upload
      .pipe(
        switchMap((uploaded) =>
          this.learning.submitAssignment(a.id, {
            ...(text ? { textBody: text } : {}),
            ...(uploaded ? { fileId: uploaded.id } : keptFile ? { fileId: keptFile } : {}),
          }),
        ),
      )
      .subscribe({
        next: (s) => {
          this.busy.set(false);
          this.notice.set(true);
          this.text.set('');
          this.file.set(null);
          this.submitted.emit(s);
        },
        error: (e: unknown) => {
          this.busy.set(false);
          this.failure.set(failureOf(e));
        },
      });
  }
}
