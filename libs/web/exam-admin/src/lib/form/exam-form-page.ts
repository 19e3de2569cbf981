import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { Router, RouterLink } from '@angular/router';
import { FailureMessage } from '@boiduong/web-core';
import { TranslatePipe } from '@ngx-translate/core';
import { of } from 'rxjs';
import {
  ATTEMPTS_POLICIES,
  LEVELS,
  OVERDUE_HANDLINGS,
  RESULT_RELEASES,
  REVIEW_POLICIES,
  type ExamInput,
  type ShortCell,
} from '../data/exam-admin.models';
import { ExamAdminService } from '../data/exam-admin.service';
import { failureOf, shortCellsOf, type Failure } from '../data/failure';
import { availableFor, checkDraft, draftOf, emptyRow, maxScoreOf, neededFor, newDraft, type DraftProblem, type DraftRow, type ExamDraft } from './exam-draft';

/**
 * Creates an exam (`/exam-admin/new`) or edits one (`/exam-admin/:examId/edit`) until its window
 * opens; once it has opened the form shows the settings read-only with the reason.
 */
@Component({
  selector: 'bd-exam-form-page',
  imports: [RouterLink, MatButtonModule, TranslatePipe, FailureMessage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './exam-form-page.html',
  styleUrls: ['../../../../shared/ui/src/lib/styles/feature-page.css', '../exam-admin.css'],
})
export class ExamFormPage {
  private readonly service = inject(ExamAdminService);
  private readonly router = inject(Router);

  /** From the route; absent when creating. */
  readonly examId = input<string>();

  protected readonly levels = LEVELS;
  protected readonly policies = ATTEMPTS_POLICIES;
  protected readonly overdue = OVERDUE_HANDLINGS;
  protected readonly releases = RESULT_RELEASES;
  protected readonly reviews = REVIEW_POLICIES;

  protected readonly draft = signal<ExamDraft>(newDraft(new Date()));
  protected readonly problem = signal<DraftProblem | null>(null);
  protected readonly failure = signal<Failure | null>(null);
  protected readonly short = signal<ShortCell[]>([]);
  protected readonly saving = signal(false);

  protected readonly courses = rxResource({ stream: () => this.service.courses() });
  protected readonly existing = rxResource({
    params: () => this.examId(),
    stream: ({ params }) => (params ? this.service.settings(params) : of(null)),
  });
  protected readonly loadFailure = computed(() => (this.existing.error() ? failureOf(this.existing.error()) : null));
  protected readonly editing = computed(() => !!this.examId());
  protected readonly frozen = computed(() => this.existing.value()?.frozen === true);
  /** Its own signal, so typing elsewhere in the form does not reload the bank's cells. */
  private readonly courseId = computed(() => this.draft().courseId);
  protected readonly availability = rxResource({
    params: () => this.courseId(),
    stream: ({ params }) => (params ? this.service.availability(params) : of([])),
  });
  protected readonly cells = computed(() => (this.availability.hasValue() && this.courseId() ? (this.availability.value() ?? []) : null));
  /** Topics of the course's bank, offered as suggestions in the topic inputs. */
  protected readonly topics = computed(() => [...new Set((this.cells() ?? []).map((c) => c.topic))]);
  protected readonly maxScore = computed(() => maxScoreOf(this.draft().blueprint));

  constructor() {
    // The loaded exam fills the form once (later reloads must not overwrite the user's typing).
    let filledFor: string | null = null;
    effect(() => {
      const exam = this.existing.value();
      if (exam && exam.id !== filledFor) {
        filledFor = exam.id;
        untracked(() => this.draft.set(draftOf(exam)));
      }
    });
    // A single course: pick it for the user.
    effect(() => {
      const list = this.courses.value();
      if (list?.length === 1 && !untracked(() => this.draft().courseId) && !untracked(() => this.editing())) {
        untracked(() => this.patch({ courseId: list[0].id }));
      }
    });
  }

  protected patch(change: Partial<ExamDraft>): void {
    this.draft.update((d) => ({ ...d, ...change }));
  }

  protected patchRow(index: number, change: Partial<DraftRow>): void {
    this.draft.update((d) => ({ ...d, blueprint: d.blueprint.map((r, i) => (i === index ? { ...r, ...change } : r)) }));
    // A changed row is no longer the one the server refused.
    this.short.set([]);
  }

  protected addRow(): void {
    this.draft.update((d) => ({ ...d, blueprint: [...d.blueprint, emptyRow()] }));
  }

  protected removeRow(index: number): void {
    this.draft.update((d) => ({ ...d, blueprint: d.blueprint.filter((_, i) => i !== index) }));
    this.short.set([]);
  }

  protected available(row: DraftRow): number | null {
    return row.topic.trim() ? availableFor(this.cells(), row.topic, row.level) : null;
  }

  protected needed(row: DraftRow): number {
    return neededFor(this.draft().blueprint, row.topic, row.level);
  }

  /** The server's refusal of this row's cell, if it named it. */
  protected shortOf(row: DraftRow): ShortCell | undefined {
    return this.short().find((c) => c.topic === row.topic.trim() && c.level === row.level);
  }

  protected value(event: Event): string {
    return (event.target as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement).value;
  }

  protected checked(event: Event): boolean {
    return (event.target as HTMLInputElement).checked;
  }

  protected submit(): void {
    if (this.frozen() || this.saving()) return;
    const checked = checkDraft(this.draft());
    if ('problem' in checked) {
      this.problem.set(checked.problem);
      return;
    }
    this.problem.set(null);
    this.failure.set(null);
    this.short.set([]);
    this.saving.set(true);
    const id = this.examId();
    const { courseId, ...settings } = checked.input;
    const request = id ? this.service.update(id, settings) : this.service.create({ courseId, ...settings } satisfies ExamInput);
    request.subscribe({
      next: (saved) => {
        this.saving.set(false);
        void this.router.navigate(['/exam-admin', id ?? saved.id]);
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.short.set(shortCellsOf(error));
        this.failure.set(failureOf(error));
        // The window may have opened while the form was open: show the frozen state.
        if (id) this.existing.reload();
      },
    });
  }
}
