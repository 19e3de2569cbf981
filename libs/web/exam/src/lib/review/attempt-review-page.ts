import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, input, OnInit, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { ExamApi } from '../data/exam-api.service';
import type { AttemptReview } from '../data/exam.models';
import { failureOf, type Failure } from '../data/failure';
import { FailureMessage } from '@boiduong/web-core';

type ReviewItem = AttemptReview['items'][number];

/**
 * The finished attempt item by item: the learner's own answers and credit, and the keys with
 * explanations when the exam's review policy gives them. The server decides what is shown; this
 * page only renders what it received.
 */
@Component({
  selector: 'bd-attempt-review-page',
  imports: [DecimalPipe, RouterLink, TranslatePipe, FailureMessage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './attempt-review-page.html',
  styleUrl: '../exam.css',
})
export class AttemptReviewPage implements OnInit {
  private readonly api = inject(ExamApi);
  private readonly translate = inject(TranslateService);
  /** From the route (`attempts/:attemptId/review`). */
  readonly attemptId = input.required<string>();

  protected readonly review = signal<AttemptReview | null>(null);
  protected readonly failure = signal<Failure | null>(null);

  ngOnInit(): void {
    this.api.review(this.attemptId()).subscribe({
      next: (review) => this.review.set(review),
      error: (error: unknown) => this.failure.set(failureOf(error)),
    });
  }

  /** 'full', 'partial', 'none' or 'pending' (unanswered or not graded yet). */
  protected creditClass(item: ReviewItem): string {
    if (item.credit === null) return item.answer === null ? 'none' : 'pending';
    return item.credit >= 1 ? 'full' : item.credit > 0 ? 'partial' : 'none';
  }

  /** An answer or key in words: option texts for choices and orderings, pairs for matching. */
  protected describe(item: ReviewItem, value: unknown): string {
    if (value === null || value === undefined) return '';
    const text = (id: unknown) => item.options.find((o) => o.id === id)?.text ?? String(id);
    if (typeof value === 'boolean') return this.translate.instant(value ? 'exam.reviewAttempt.true' : 'exam.reviewAttempt.false');
    if (Array.isArray(value)) {
      if (value.every((v) => Array.isArray(v) && v.length === 2)) return value.map(([left, right]) => `${text(left)} → ${String(right)}`).join('; ');
      const separator = item.type === 'ordering' ? ' → ' : '; ';
      return value.map(text).join(separator);
    }
    if (typeof value === 'string' && item.options.length > 0) return text(value);
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}
