import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { failureOf, type Failure } from '../data/failure';
import { FailureMessage } from '@boiduong/web-core';
import { GradingApi } from './grading-api.service';
import type { GradedExam } from './grading.models';

/** The exams a lecturer or examiner grades, those with essays waiting first. */
@Component({
  selector: 'bd-grading-exams-page',
  imports: [DatePipe, RouterLink, TranslatePipe, FailureMessage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>{{ 'grading.exams.title' | translate }}</h1>
    <bd-failure-message [failure]="failure()" testId="grading-exams-error" />
    @if (exams(); as list) {
      @if (list.length === 0) {
        <p class="muted" data-testid="grading-exams-empty">{{ 'grading.exams.empty' | translate }}</p>
      } @else {
        <ul class="cards">
          @for (e of list; track e.examId) {
            <li class="card" data-testid="grading-exam" [attr.data-exam-id]="e.examId">
              <h2>
                <a [routerLink]="['/grading/exams', e.examId]" data-testid="grading-exam-open">{{ e.title }}</a>
              </h2>
              <p class="muted">{{ e.courseName }} · {{ 'grading.exams.closes' | translate: { at: (e.closesAt | date: 'dd/MM/yyyy HH:mm') } }}</p>
              <p>
                <span class="chip" [class.warn]="e.pending > 0" data-testid="grading-exam-pending">{{ 'grading.exams.pending' | translate: { count: e.pending } }}</span>
                <span class="muted">{{ 'grading.exams.graded' | translate: { count: e.graded } }}</span>
              </p>
            </li>
          }
        </ul>
      }
    } @else if (!failure()) {
      <p class="muted">{{ 'grading.common.loading' | translate }}</p>
    }
  `,
  styleUrl: '../exam.css',
})
export class GradingExamsPage implements OnInit {
  private readonly api = inject(GradingApi);
  protected readonly exams = signal<GradedExam[] | null>(null);
  protected readonly failure = signal<Failure | null>(null);

  ngOnInit(): void {
    this.api.exams().subscribe({ next: (list) => this.exams.set(list), error: (e: unknown) => this.failure.set(failureOf(e)) });
  }
}
