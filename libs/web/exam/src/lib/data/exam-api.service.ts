import { inject, Injectable } from '@angular/core';
import { ApiClient } from '@boiduong/web-core';
import type { Observable } from 'rxjs';
import type { AttemptResult, AttemptView, MyExam, MyExamsResponse, SaveRequestEntry, SaveResult } from './exam.models';

/** The learner's side of the assessment API. */
@Injectable({ providedIn: 'root' })
export class ExamApi {
  private readonly api = inject(ApiClient);

  myExams(): Observable<MyExamsResponse> {
    return this.api.get<MyExamsResponse>('/me/exams');
  }

  myExam(examId: string): Observable<MyExam & { serverNow: string }> {
    return this.api.get<MyExam & { serverNow: string }>(`/me/exams/${examId}`);
  }

  /** Starts an attempt, or resumes the open one. */
  start(examId: string): Observable<AttemptView> {
    return this.api.post<AttemptView>(`/exams/${examId}/attempts`, {});
  }

  attempt(attemptId: string): Observable<AttemptView | AttemptResult> {
    return this.api.get<AttemptView | AttemptResult>(`/attempts/${attemptId}`);
  }

  save(attemptId: string, responses: SaveRequestEntry[]): Observable<SaveResult> {
    return this.api.put<SaveResult>(`/attempts/${attemptId}/responses`, { responses });
  }

  submit(attemptId: string): Observable<AttemptResult> {
    return this.api.post<AttemptResult>(`/attempts/${attemptId}/submit`, {});
  }
}
