import { inject, Injectable } from '@angular/core';
import { ApiClient } from '@boiduong/web-core';
import { map, Observable } from 'rxjs';
import type { CheckInResult, SubmissionView, SubmitAssignmentRequest } from '@boiduong/shared-contracts';
import type { CatalogCourse, CompletionResult, CourseSession, CourseView, EnrollmentResult, FileLink, MyCourse, MyCourseDetail } from './learning.models';

/** The learner's side of the catalog API. */
@Injectable({ providedIn: 'root' })
export class LearningService {
  private readonly api = inject(ApiClient);

  myCourses(): Observable<MyCourse[]> {
    return this.api.get<MyCourse[]>('/me/courses');
  }

  myCourse(courseId: string): Observable<MyCourseDetail> {
    return this.api.get<MyCourseDetail>(`/me/courses/${encodeURIComponent(courseId)}`);
  }

  /** The course with its in-person sessions (an enrolled learner may read it). */
  sessions(courseId: string): Observable<CourseSession[]> {
    return this.api.get<CourseView & { sessions: CourseSession[] }>(`/courses/${encodeURIComponent(courseId)}`).pipe(map((c) => c.sessions));
  }

  catalog(): Observable<CatalogCourse[]> {
    return this.api.get<CatalogCourse[]>('/catalog/courses');
  }

  selfEnroll(courseId: string): Observable<EnrollmentResult> {
    return this.api.post<EnrollmentResult>(`/courses/${encodeURIComponent(courseId)}/self-enrollment`, {});
  }

  withdraw(courseId: string, userId: string): Observable<unknown> {
    return this.api.delete(`/courses/${encodeURIComponent(courseId)}/enrollments/${encodeURIComponent(userId)}`);
  }

  complete(lessonId: string): Observable<CompletionResult> {
    return this.api.post<CompletionResult>(`/lessons/${encodeURIComponent(lessonId)}/complete`, {});
  }

  /** Marks the lesson opened and raises the watched share of its video (never lowers it). */
  progress(lessonId: string, videoWatchedShare?: number): Observable<{ lessonId: string; videoWatchedShare: number }> {
    const body = videoWatchedShare === undefined ? {} : { videoWatchedShare: Math.min(1, Math.max(0, videoWatchedShare)) };
    return this.api.post(`/lessons/${encodeURIComponent(lessonId)}/progress`, body);
  }

  /** A signed address for a lesson file, resolved against the API base so media elements can load it. */
  fileLink(fileId: string): Observable<FileLink & { url: string }> {
    return this.api.post<FileLink>(`/files/${encodeURIComponent(fileId)}/link`, {}).pipe(map((l) => ({ ...l, url: this.api.url(l.path) })));
  }

  /** Multipart upload (field `file`) of a file to hand in; the API checks type and size before writing. */
  uploadSubmissionFile(assignmentId: string, file: File): Observable<{ id: string; originalName: string }> {
    const body = new FormData();
    body.append('file', file, file.name);
    return this.api.post(`/assignments/${encodeURIComponent(assignmentId)}/files`, body);
  }

  /** Records the learner present with the code of a session's QR; a repeated scan answers `already_checked_in`. */
  checkIn(token: string): Observable<CheckInResult> {
    return this.api.post<CheckInResult>('/check-in', { token });
  }

  /** Hands in (or replaces) the learner's submission. */
  submitAssignment(assignmentId: string, request: SubmitAssignmentRequest): Observable<SubmissionView> {
    return this.api.put<SubmissionView>(`/assignments/${encodeURIComponent(assignmentId)}/submission`, request);
  }
}
