import type { CourseMode, CourseStatus, CourseSessionView, CourseView, EnrollmentResult, EnrollmentStatus, LessonKind, MyAssignment } from '@boiduong/shared-contracts';

/** Shapes of the catalog API's answers, as the learner screens read them (course wire types are shared). */
export type { CourseView, MyAssignment };
export type CourseSession = CourseSessionView;

export interface MyCourse {
  course: CourseView;
  enrollmentStatus: EnrollmentStatus;
  lessonsTotal: number;
  lessonsCompleted: number;
  sessionsTotal: number;
  sessionsAttended: number;
  completed: boolean;
}

export interface LessonWithProgress {
  id: string;
  position: number;
  title: string;
  kind: LessonKind;
  bodyHtml: string | null;
  videoUrl: string | null;
  fileId: string | null;
  durationMinutes: number | null;
  openedAt: string | null;
  completedAt: string | null;
  videoWatchedShare: number;
}

export interface ModuleWithLessons {
  id: string;
  position: number;
  title: string;
  description: string | null;
  lessons: LessonWithProgress[];
}

export type MyCourseDetail = MyCourse & { modules: ModuleWithLessons[]; assignments: MyAssignment[] };

export interface CatalogCourse {
  id: string;
  name: string;
  programId: string;
  programCode: string;
  programName: string;
  orgUnitId: string;
  orgUnitName: string;
  mode: CourseMode;
  status: CourseStatus;
  startsOn: string;
  endsOn: string;
  openFrom: string | null;
  openUntil: string | null;
  capacity: number | null;
  selfEnrollment: boolean;
  openToAll: boolean;
  enrolled: number;
  waitlisted: number;
  myStatus: EnrollmentStatus | null;
}

export interface CompletionResult {
  lessonId: string;
  courses: Array<{
    courseId: string;
    lessonsTotal: number;
    lessonsCompleted: number;
    sessionsTotal: number;
    sessionsAttended: number;
    completed: boolean;
  }>;
}

export interface FileLink {
  fileId: string;
  /** Relative to the API base, signed and expiring; usable as a media `src`. */
  path: string;
  expiresAt: string;
  contentType: string;
  originalName: string;
  sizeBytes: number;
}

export type { EnrollmentResult };

/** Share 0..1 of lessons done, for progress bars. */
export function lessonShare(c: Pick<MyCourse, 'lessonsTotal' | 'lessonsCompleted'>): number {
  return c.lessonsTotal > 0 ? Math.min(1, c.lessonsCompleted / c.lessonsTotal) : 0;
}
