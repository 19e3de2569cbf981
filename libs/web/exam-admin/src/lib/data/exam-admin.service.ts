import { inject, Injectable } from '@angular/core';
import { ApiClient } from '@boiduong/web-core';
import type { Observable } from 'rxjs';
import type { BankCell, ExamInput, ExamListFilter, ExamResultRow, ExamSettings, ManagedCourse, ManagedExam } from './exam-admin.models';

/** Rows per page of the exam list. */
export const PAGE_SIZE = 20;

/** The exam administration endpoints (exam.manage in the course's subtree). */
@Injectable({ providedIn: 'root' })
export class ExamAdminService {
  private readonly api = inject(ApiClient);

  exams(filter: ExamListFilter): Observable<ManagedExam[]> {
    const params = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String(filter.offset ?? 0) });
    if (filter.courseId) params.set('courseId', filter.courseId);
    if (filter.status) params.set('status', filter.status);
    if (filter.q?.trim()) params.set('q', filter.q.trim());
    return this.api.get<ManagedExam[]>(`/exams?${params.toString()}`);
  }

  courses(): Observable<ManagedCourse[]> {
    return this.api.get<ManagedCourse[]>('/exams/courses');
  }

  availability(courseId: string): Observable<BankCell[]> {
    return this.api.get<BankCell[]>(`/exams/bank-availability?courseId=${encodeURIComponent(courseId)}`);
  }

  settings(examId: string): Observable<ExamSettings> {
    return this.api.get<ExamSettings>(`/exams/${encodeURIComponent(examId)}`);
  }

  create(input: ExamInput): Observable<{ id: string }> {
    return this.api.post<{ id: string }>('/exams', input);
  }

  /** The course cannot change once the exam exists: every other setting until the window opens. */
  update(examId: string, input: Omit<ExamInput, 'courseId'>): Observable<ExamSettings> {
    return this.api.patch<ExamSettings>(`/exams/${encodeURIComponent(examId)}`, input);
  }

  results(examId: string): Observable<ExamResultRow[]> {
    return this.api.get<ExamResultRow[]>(`/exams/${encodeURIComponent(examId)}/results`);
  }

  releaseResults(examId: string): Observable<{ examId: string; resultsReleasedAt: string }> {
    return this.api.post<{ examId: string; resultsReleasedAt: string }>(`/exams/${encodeURIComponent(examId)}/release-results`, {});
  }
}
