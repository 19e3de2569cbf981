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
  /** Required assignments (bài thu hoạch) of the course and how many of them the learner passed. */
  assignmentsRequired: number;
  assignmentsPassed: number;
  completed: boolean;
}

/** A course as the catalog API answers it (one run of a program version). */
export interface CourseView {
  id: string;
  programId: string;
  programVersionId: string;
  orgUnitId: string;
  name: string;
  mode: CourseMode;
  status: CourseStatus;
  startsOn: string;
  endsOn: string;
  openFrom: string | null;
  openUntil: string | null;
  capacity: number | null;
  selfEnrollment: boolean;
  openToAll: boolean;
}

/** A course in a list, with its program and unit names and its seat counts. */
export interface CourseListItem {
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
}

/** A lesson of a program version. */
export interface LessonView {
  id: string;
  position: number;
  title: string;
  kind: LessonKind;
  bodyHtml: string | null;
  videoUrl: string | null;
  fileId: string | null;
  durationMinutes: number | null;
}

/** An in-person session of a course. */
export interface CourseSessionView {
  id: string;
  title: string;
  place: string | null;
  startsAt: string;
  endsAt: string;
}

/** How a learner hands in an assignment. */
export const ASSIGNMENT_SUBMISSION_KINDS = ['file', 'text', 'both'] as const;
export type AssignmentSubmissionKind = (typeof ASSIGNMENT_SUBMISSION_KINDS)[number];

/** `returned`: sent back for revision, the learner may submit again. */
export const SUBMISSION_STATUSES = ['submitted', 'graded', 'returned'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/** A field-survey or essay assignment (bài thu hoạch) of a course. `maxPoints` null = pass/fail. */
export interface AssignmentView {
  id: string;
  courseId: string;
  moduleId: string | null;
  title: string;
  instructionsHtml: string;
  dueAt: string | null;
  cutoffAt: string | null;
  maxPoints: number | null;
  submissionKind: AssignmentSubmissionKind;
  required: boolean;
  createdAt: string;
}

/** An assignment with counts, for lecturers. */
export type AssignmentSummary = AssignmentView & { submitted: number; ungraded: number };

export interface SubmissionFileView {
  id: string;
  originalName: string;
  contentType: string;
  sizeBytes: number;
}

/** A learner's current submission of an assignment. */
export interface SubmissionView {
  id: string;
  assignmentId: string;
  userId: string;
  version: number;
  textBody: string | null;
  file: SubmissionFileView | null;
  submittedAt: string;
  late: boolean;
  status: SubmissionStatus;
  score: number | null;
  passed: boolean | null;
  comment: string | null;
  gradedAt: string | null;
}

/** A submission in the lecturer's list, with who handed it in. */
export type SubmissionListItem = SubmissionView & { username: string; fullName: string };

/** An assignment on the learner's course page, with the learner's own submission. */
export type MyAssignment = AssignmentView & { submission: SubmissionView | null };

export interface SubmitAssignmentRequest {
  textBody?: string;
  fileId?: string;
}

/** `returned` sends the work back for revision; `version` is the submission version that was read. */
export interface GradeSubmissionRequest {
  version: number;
  decision: 'graded' | 'returned';
  score?: number;
  passed?: boolean;
  comment?: string;
}

/** How an attendance was taken: ticked on the lecturer's list, or the learner scanning the session's QR code. */
export const ATTENDANCE_METHODS = ['list', 'qr'] as const;
export type AttendanceMethod = (typeof ATTENDANCE_METHODS)[number];

/** The QR check-in window of an in-person session; `open` is true while now is before `closesAt`. */
export interface CheckInState {
  sessionId: string;
  open: boolean;
  openedAt: string | null;
  closesAt: string | null;
}

/** `minutes`: how long the window stays open from now (default 15, at most 240). */
export interface OpenCheckInRequest {
  minutes?: number;
}

/** One learner recorded present at a session. */
export interface CheckInAttendee {
  userId: string;
  username: string;
  fullName: string;
  method: AttendanceMethod;
  recordedAt: string;
}

/** The lecturer's check-in screen: the window, the session and course, and who is present so far. */
export type CheckInSheet = CheckInState & {
  courseId: string;
  courseName: string;
  sessionTitle: string;
  sessionPlace: string | null;
  sessionStartsAt: string;
  /** Learners enrolled in the course (waitlisted ones not counted). */
  enrolled: number;
  attendees: CheckInAttendee[];
};

/**
 * The code shown as a QR on the lecturer's screen. It is valid in its time step and the next one,
 * so the screen asks again after `refreshInMs` (the start of the next step), well before `expiresAt`.
 * `path` is the web address a learner's phone opens (the token in `t`).
 */
export interface CheckInCode {
  sessionId: string;
  token: string;
  path: string;
  stepSeconds: number;
  expiresAt: string;
  refreshInMs: number;
  closesAt: string;
}

export interface CheckInRequest {
  token: string;
}

/** What a learner's scan did: recorded now, or found already recorded (a second scan changes nothing). */
export interface CheckInResult {
  status: 'checked_in' | 'already_checked_in';
  sessionId: string;
  sessionTitle: string;
  courseId: string;
  courseName: string;
  method: AttendanceMethod;
  recordedAt: string;
}
