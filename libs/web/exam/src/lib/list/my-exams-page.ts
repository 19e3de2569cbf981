import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { ExamApi } from '../data/exam-api.service';
import type { MyExam } from '../data/exam.models';
import { failureOf, type Failure } from '../data/failure';
import { FailureMessage } from '@boiduong/web-core';

/** The learner's exams: those of the courses they are enrolled in, soonest close first. */
@Component({
  selector: 'bd-my-exams-page',
  imports: [DatePipe, RouterLink, TranslatePipe, FailureMessage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './my-exams-page.html',
  styleUrl: '../exam.css',
})
export class MyExamsPage implements OnInit {
  private readonly api = inject(ExamApi);
  protected readonly exams = signal<MyExam[] | null>(null);
  protected readonly failure = signal<Failure | null>(null);

  ngOnInit(): void {
    this.load();
  }

  protected load(): void {
    this.failure.set(null);
    this.api.myExams().subscribe({
      next: (res) => this.exams.set(res.exams),
      error: (error: unknown) => this.failure.set(failureOf(error)),
    });
  }
}
