import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { CheckInCode, CheckInSheet, CheckInState, CourseStatus, EnrollmentResult, OrgUnitSummary } from '@boiduong/shared-contracts';
import { ApiClient } from '@boiduong/web-core';
import { Observable } from 'rxjs';
import type {
  AssignmentSummary,
  CourseDetail,
  CourseListItem,
  CourseProgress,
  CourseSession,
  CreateAssignmentRequest,
  CreateCourseRequest,
  GradeSubmissionRequest,
  CreateLessonRequest,
  CreateProgramRequest,
  Lecturer,
  Lesson,
  PersonSummary,
  Program,
  ProgramDetail,
  ProgramModule,
  SubmissionListItem,
  UploadedFile,
} from './course-admin.models';

const id = encodeURIComponent;

/** The organiser's and lecturer's side of the catalog API (and the people and unit look-ups it needs). */
@Injectable({ providedIn: 'root' })
export class CourseAdminService {
  private readonly api = inject(ApiClient);
  private readonly http = inject(HttpClient);

  programs(q = ''): Observable<Program[]> {
    return this.api.get<Program[]>(`/programs${q.trim() ? `?${new HttpParams().set('q', q.trim())}` : ''}`);
  }

  program(programId: string): Observable<ProgramDetail> {
    return this.api.get<ProgramDetail>(`/programs/${id(programId)}`);
  }

  createProgram(request: CreateProgramRequest): Observable<ProgramDetail> {
    return this.api.post<ProgramDetail>('/programs', request);
  }

  addModule(programId: string, title: string, description?: string): Observable<ProgramModule> {
    return this.api.post<ProgramModule>(`/programs/${id(programId)}/modules`, description ? { title, description } : { title });
  }

  addLesson(moduleId: string, request: CreateLessonRequest): Observable<Lesson> {
    return this.api.post<Lesson>(`/modules/${id(moduleId)}/lessons`, request);
  }

  /** Multipart upload (field `file`); type and size are checked by the API before it writes anything. */
  upload(ownerOrgUnitId: string, file: File): Observable<UploadedFile> {
    const body = new FormData();
    body.append('file', file, file.name);
    return this.api.post<UploadedFile>(`/files?${new HttpParams().set('ownerOrgUnitId', ownerOrgUnitId)}`, body);
  }

  courses(programId?: string): Observable<CourseListItem[]> {
    return this.api.get<CourseListItem[]>(`/courses${programId ? `?${new HttpParams().set('programId', programId)}` : ''}`);
  }

  course(courseId: string): Observable<CourseDetail> {
    return this.api.get<CourseDetail>(`/courses/${id(courseId)}`);
  }

  createCourse(request: CreateCourseRequest): Observable<CourseDetail> {
    return this.api.post<CourseDetail>('/courses', request);
  }

  setStatus(courseId: string, status: CourseStatus): Observable<unknown> {
    return this.api.post(`/courses/${id(courseId)}/status`, { status });
  }

  addSession(courseId: string, session: Omit<CourseSession, 'id'>): Observable<CourseSession> {
    const body = session.place ? session : { title: session.title, startsAt: session.startsAt, endsAt: session.endsAt };
    return this.api.post<CourseSession>(`/courses/${id(courseId)}/sessions`, body);
  }

  lecturers(courseId: string): Observable<Lecturer[]> {
    return this.api.get<Lecturer[]>(`/courses/${id(courseId)}/lecturers`);
  }

  addLecturers(courseId: string, userIds: string[]): Observable<unknown> {
    return this.api.post(`/courses/${id(courseId)}/lecturers`, { userIds });
  }

  enroll(courseId: string, userIds: string[]): Observable<EnrollmentResult> {
    return this.api.post<EnrollmentResult>(`/courses/${id(courseId)}/enrollments`, { userIds });
  }

  withdraw(courseId: string, userId: string): Observable<{ withdrawn: string; promoted: string | null }> {
    return this.api.delete(`/courses/${id(courseId)}/enrollments/${id(userId)}`);
  }

  progress(courseId: string): Observable<CourseProgress> {
    return this.api.get<CourseProgress>(`/courses/${id(courseId)}/progress?limit=1000`);
  }

  attendance(sessionId: string): Observable<{ sessionId: string; present: string[] }> {
    return this.api.get(`/sessions/${id(sessionId)}/attendance`);
  }

  recordAttendance(sessionId: string, present: string[]): Observable<{ sessionId: string; present: string[] }> {
    return this.api.post(`/sessions/${id(sessionId)}/attendance`, { present });
  }

  /** The session's QR check-in window and who is present so far. */
  checkInSheet(sessionId: string): Observable<CheckInSheet> {
    return this.api.get<CheckInSheet>(`/sessions/${id(sessionId)}/check-in`);
  }

  /** Opens the window for `minutes` from now (an open window only gets a new end). */
  openCheckIn(sessionId: string, minutes: number): Observable<CheckInState> {
    return this.api.post<CheckInState>(`/sessions/${id(sessionId)}/check-in/open`, { minutes });
  }

  closeCheckIn(sessionId: string): Observable<CheckInState> {
    return this.api.post<CheckInState>(`/sessions/${id(sessionId)}/check-in/close`, {});
  }

  /** The rotating code of the current time step (only while the window is open). */
  checkInCode(sessionId: string): Observable<CheckInCode> {
    return this.api.get<CheckInCode>(`/sessions/${id(sessionId)}/check-in/code`);
  }

  /** People search (needs `user.read`); diacritics are ignored by the API. */
  people(q: string): Observable<PersonSummary[]> {
    return this.api.get<PersonSummary[]>(`/users?${new HttpParams().set('q', q.trim())}`);
  }

  units(): Observable<OrgUnitSummary[]> {
    return this.api.get<OrgUnitSummary[]>('/org-units');
  }

  assignments(courseId: string): Observable<AssignmentSummary[]> {
    return this.api.get<AssignmentSummary[]>(`/courses/${id(courseId)}/assignments`);
  }

  createAssignment(courseId: string, request: CreateAssignmentRequest): Observable<AssignmentSummary> {
    return this.api.post<AssignmentSummary>(`/courses/${id(courseId)}/assignments`, request);
  }

  submissions(assignmentId: string, ungradedOnly: boolean): Observable<SubmissionListItem[]> {
    return this.api.get<SubmissionListItem[]>(`/assignments/${id(assignmentId)}/submissions${ungradedOnly ? '?filter=ungraded' : ''}`);
  }

  grade(submissionId: string, request: GradeSubmissionRequest): Observable<SubmissionListItem> {
    return this.api.post<SubmissionListItem>(`/submissions/${id(submissionId)}/grade`, request);
  }

  /** A submission's file, fetched with the bearer token (never through a shareable address). */
  submissionFile(submissionId: string): Observable<Blob> {
    return this.http.get(this.api.url(`/submissions/${id(submissionId)}/file`), { responseType: 'blob' });
  }
}
