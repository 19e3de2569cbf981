/** Program families of the training decision (data values, stable across versions). */
export const PROGRAM_FAMILIES = ['title', 'basic', 'specialty', 'innovation', 'leadership', 'lecturer'] as const;
export type ProgramFamily = (typeof PROGRAM_FAMILIES)[number];

/** Content groups of civil-servant training (political theory; defence and security; state management; job-position skills; science, innovation and digital skills). */
export const CONTENT_GROUPS = ['political_theory', 'defence_security', 'state_management', 'job_skills', 'science_innovation_digital'] as const;
export type ContentGroup = (typeof CONTENT_GROUPS)[number];

/** Default title codes (a configurable list later); district titles are historical only. */
export const TITLES = [
  'secretary.province',
  'deputy_secretary.province',
  'secretary.commune',
  'deputy_secretary.commune',
  'secretary.grassroots',
  'deputy_secretary.grassroots',
  'secretary.branch',
  'youth_federation_chair.province',
  'youth_federation_chair.commune',
  'pioneer_council_chair.province',
  'pioneer_council_chair.commune',
  'secretary.district',
  'deputy_secretary.district',
] as const;
export type TitleCode = (typeof TITLES)[number];

export const COURSE_MODES = ['online', 'in_person', 'blended'] as const;
export type CourseMode = (typeof COURSE_MODES)[number];

export const COURSE_STATUSES = ['draft', 'open', 'running', 'closed'] as const;
export type CourseStatus = (typeof COURSE_STATUSES)[number];

export const LESSON_KINDS = ['text', 'video_link', 'file'] as const;
export type LessonKind = (typeof LESSON_KINDS)[number];

export const ENROLLMENT_STATUSES = ['enrolled', 'waitlisted', 'withdrawn'] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];

/** Why one user of a bulk enrollment was not enrolled nor waitlisted. */
export type EnrollmentRejection = 'user_not_found' | 'outside_audience' | 'already_enrolled' | 'course_closed';

/** When a learner completes a course; shares are 0..1, the pass mark is a percent per required assessment. */
export interface CertificatePolicy {
  minAttendanceShare: number;
  minLessonShare: number;
  passMark: number;
}
export const DEFAULT_CERTIFICATE_POLICY: CertificatePolicy = { minAttendanceShare: 1, minLessonShare: 1, passMark: 50 };

export interface EnrollmentResult {
  enrolled: string[];
  waitlisted: string[];
  rejected: Array<{ userId: string; reason: EnrollmentRejection }>;
}

export interface CompletionStatus {
  lessonsTotal: number;
  lessonsCompleted: number;
  sessionsTotal: number;
  sessionsAttended: number;
  assessmentsRequired: number;
  assessmentsPassed: number;
  completed: boolean;
}
