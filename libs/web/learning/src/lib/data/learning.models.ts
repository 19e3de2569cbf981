import type { CourseListItem, CourseSessionView, CourseView, EnrollmentResult, EnrollmentStatus, LessonView, MyAssignment } from '@boiduong/shared-contracts';

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

export interface LessonWithProgress extends LessonView {
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

/** A self-enrollable course with the learner's own status in it. */
export type CatalogCourse = CourseListItem & { myStatus: EnrollmentStatus | null };

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
