import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { FailureMessage, LanguageService } from '@boiduong/web-core';
import { TranslatePipe } from '@ngx-translate/core';
import { of } from 'rxjs';
import { ExamAdminService } from '../data/exam-admin.service';
import { failureOf, type Failure } from '../data/failure';
import { FocusOnShow } from './focus-on-show';

/**
 * One exam for those who manage it: its settings at a glance, every attempt with its result, and
 * releasing results by hand (manual, or early for after_close) after a confirmation.
 */
@Component({
  selector: 'bd-exam-admin-page',
  imports: [RouterLink, DatePipe, MatButtonModule, TranslatePipe, FailureMessage, FocusOnShow],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './exam-page.html',
  styleUrls: ['../../../../shared/ui/src/lib/styles/feature-page.css', '../exam-admin.css'],
})
export class ExamPage {
  private readonly service = inject(ExamAdminService);
  private readonly lang = inject(LanguageService).lang;

  readonly examId = input.required<string>();

  protected readonly exam = rxResource({ params: () => this.examId(), stream: ({ params }) => this.service.settings(params) });
  protected readonly results = rxResource({
    params: () => (this.exam.hasValue() ? this.examId() : null),
    stream: ({ params }) => (params ? this.service.results(params) : of([])),
  });
  protected readonly examFailure = computed(() => (this.exam.error() ? failureOf(this.exam.error()) : null));
  protected readonly resultsFailure = computed(() => (this.results.error() ? failureOf(this.results.error()) : null));
  protected readonly maxScore = computed(() => (this.exam.value()?.blueprint ?? []).reduce((sum, r) => sum + r.count * r.points, 0));

  /** A score on the 10-point scale in the reader's language (Vietnamese writes 7,5). */
  protected score10(value: number | null): string {
    if (value === null) return '–';
    return `${new Intl.NumberFormat(this.lang() === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 2 }).format(value)}/10`;
  }

  /** Release by hand is offered while the rule holds results back and they are not yet out. */
  protected readonly canRelease = computed(() => {
    const e = this.exam.value();
    return !!e && e.resultRelease !== 'immediate' && e.resultsReleasedAt === null;
  });
  protected readonly confirming = signal(false);
  protected readonly releasing = signal(false);
  protected readonly releaseFailure = signal<Failure | null>(null);

  protected release(): void {
    this.releasing.set(true);
    this.releaseFailure.set(null);
    this.service.releaseResults(this.examId()).subscribe({
      next: () => {
        this.releasing.set(false);
        this.confirming.set(false);
        this.exam.reload();
      },
      error: (error: unknown) => {
        this.releasing.set(false);
        this.releaseFailure.set(failureOf(error));
      },
    });
  }
}
