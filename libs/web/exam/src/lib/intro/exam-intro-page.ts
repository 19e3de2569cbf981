import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { ExamApi } from '../data/exam-api.service';
import type { MyExam } from '../data/exam.models';
import { failureOf, type Failure } from '../data/failure';
import { EXAM_JOURNAL } from '../journal/journal.token';
import { FailureMessage } from '@boiduong/web-core';

/** What the learner reads before starting: time limit, window, attempts left; then start or resume. */
@Component({
  selector: 'bd-exam-intro-page',
  imports: [DatePipe, RouterLink, TranslatePipe, FailureMessage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './exam-intro-page.html',
  styleUrl: '../exam.css',
})
export class ExamIntroPage implements OnInit {
  private readonly api = inject(ExamApi);
  private readonly router = inject(Router);
  private readonly journal = inject(EXAM_JOURNAL);
  /** From the route (`:examId`). */
  readonly examId = input.required<string>();

  protected readonly exam = signal<MyExam | null>(null);
  protected readonly failure = signal<Failure | null>(null);
  protected readonly starting = signal(false);
  /** A supervised room's code, as the proctor reads it out. */
  protected readonly accessCode = signal('');
  protected readonly minutes = computed(() => {
    const limit = this.exam()?.timeLimitSeconds;
    return limit == null ? null : Math.round(limit / 60);
  });
  protected readonly canStart = computed(() => {
    const status = this.exam()?.status;
    return status === 'open' || status === 'in_progress';
  });

  ngOnInit(): void {
    this.api.myExam(this.examId()).subscribe({
      next: (exam) => this.exam.set(exam),
      error: (error: unknown) => this.failure.set(failureOf(error)),
    });
  }

  protected start(): void {
    if (this.starting()) return;
    this.starting.set(true);
    this.failure.set(null);
    this.api.start(this.examId(), this.accessCode().trim() || undefined).subscribe({
      next: async (view) => {
        // Kept on the device at once, so the player opens even if the connection drops now.
        await this.journal.updateAttempt(view.attemptId, { view, clockOffsetMs: Date.parse(view.serverNow) - Date.now() });
        await this.router.navigate(['/exams/attempts', view.attemptId]);
      },
      error: (error: unknown) => {
        this.starting.set(false);
        this.failure.set(failureOf(error));
      },
    });
  }
}
