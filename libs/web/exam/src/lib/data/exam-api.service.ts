import { inject, Injectable } from '@angular/core';
import { ApiClient } from '@boiduong/web-core';
import type { Observable } from 'rxjs';
import { DeviceId } from './device-id';
import type { AttemptResult, AttemptReview, AttemptView, MyExam, MyExamsResponse, ProctorEventEntry, SaveRequestEntry, SaveResult } from './exam.models';

/** The learner's side of the assessment API. Attempt requests carry this device's id. */
@Injectable({ providedIn: 'root' })
export class ExamApi {
  private readonly api = inject(ApiClient);
  private readonly device = inject(DeviceId);

  private get withDevice() {
    return { headers: { 'x-device-id': this.device.value } };
  }

  myExams(): Observable<MyExamsResponse> {
    return this.api.get<MyExamsResponse>('/me/exams');
  }

  myExam(examId: string): Observable<MyExam & { serverNow: string }> {
    return this.api.get<MyExam & { serverNow: string }>(`/me/exams/${examId}`);
  }

  /**
   * Starts an attempt, or resumes the open one; from another device it takes the attempt over.
   * A supervised room wants its access code.
   */
  start(examId: string, accessCode?: string): Observable<AttemptView> {
    return this.api.post<AttemptView>(`/exams/${examId}/attempts`, accessCode ? { accessCode } : {}, this.withDevice);
  }

  review(attemptId: string): Observable<AttemptReview> {
    return this.api.get<AttemptReview>(`/attempts/${attemptId}/review`);
  }

  attempt(attemptId: string): Observable<AttemptView | AttemptResult> {
    return this.api.get<AttemptView | AttemptResult>(`/attempts/${attemptId}`, this.withDevice);
  }

  save(attemptId: string, responses: SaveRequestEntry[]): Observable<SaveResult> {
    return this.api.put<SaveResult>(`/attempts/${attemptId}/responses`, { responses }, this.withDevice);
  }

  submit(attemptId: string): Observable<AttemptResult> {
    return this.api.post<AttemptResult>(`/attempts/${attemptId}/submit`, {}, this.withDevice);
  }

  /** Focus, visibility, fullscreen and connection events for the proctors. */
  reportEvents(attemptId: string, events: ProctorEventEntry[]): Observable<{ recorded: string[]; duplicates: string[] }> {
    return this.api.post<{ recorded: string[]; duplicates: string[] }>(`/attempts/${attemptId}/events`, { events }, this.withDevice);
  }
}
