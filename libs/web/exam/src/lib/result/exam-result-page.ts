import { DatePipe, DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, input, OnInit, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { ExamApi } from '../data/exam-api.service';
import { isAttemptView, type AttemptResult } from '../data/exam.models';
import { failureOf, type Failure } from '../data/failure';
import { FailureMessage } from '@boiduong/web-core';

/** After the submit: the score on the 10-point scale and percent when graded, or that grading is pending. */
@Component({
  selector: 'bd-exam-result-page',
  imports: [DatePipe, DecimalPipe, RouterLink, TranslatePipe, FailureMessage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './exam-result-page.html',
  styleUrl: '../exam.css',
})
export class ExamResultPage implements OnInit {
  private readonly api = inject(ExamApi);
  /** From the route (`attempts/:attemptId/result`). */
  readonly attemptId = input.required<string>();

  protected readonly result = signal<AttemptResult | null>(null);
  /** The attempt is still open (a submit waits on this device, or was never made). */
  protected readonly stillOpen = signal(false);
  protected readonly failure = signal<Failure | null>(null);

  ngOnInit(): void {
    this.load();
  }

  protected load(): void {
    this.failure.set(null);
    this.api.attempt(this.attemptId()).subscribe({
      next: (res) => {
        if (isAttemptView(res)) this.stillOpen.set(true);
        else this.result.set(res);
      },
      error: (error: unknown) => this.failure.set(failureOf(error)),
    });
  }
}
