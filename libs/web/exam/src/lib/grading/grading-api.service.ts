import { inject, Injectable } from '@angular/core';
import { ApiClient } from '@boiduong/web-core';
import type { Observable } from 'rxjs';
import type { GradedExam, GradeResult, GradingQueue, ProctorEvent } from './grading.models';

/** The graders' and proctors' side of the assessment API. */
@Injectable({ providedIn: 'root' })
export class GradingApi {
  private readonly api = inject(ApiClient);

  exams(): Observable<GradedExam[]> {
    return this.api.get<GradedExam[]>('/grading/exams');
  }

  queue(examId: string): Observable<GradingQueue> {
    return this.api.get<GradingQueue>(`/exams/${examId}/grading`);
  }

  /** `revision` is the one the grader saw: a newer grade on the server answers 409 GRADE_CONFLICT. */
  grade(attemptId: string, itemId: string, body: { scores: number[]; comment?: string; revision: number }): Observable<GradeResult> {
    return this.api.put<GradeResult>(`/attempts/${attemptId}/grades/${itemId}`, body);
  }

  attemptEvents(attemptId: string): Observable<{ attemptId: string; events: ProctorEvent[] }> {
    return this.api.get<{ attemptId: string; events: ProctorEvent[] }>(`/attempts/${attemptId}/events`);
  }
}
