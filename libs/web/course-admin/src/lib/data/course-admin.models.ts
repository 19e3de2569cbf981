import type {
  AssignmentSummary,
  AssignmentSubmissionKind,
  CertificatePolicy,
  ContentGroup,
  CourseMode,
  CourseListItem,
  CourseSessionView,
  CourseStatus,
  CourseView,
  GradeSubmissionRequest,
  LessonView,
  SubmissionListItem,
  EnrollmentStatus,
  LessonKind,
  ProgramFamily,
  TitleCode,
} from '@boiduong/shared-contracts';

/** Shapes of the catalog API's answers, as the lecturer and organiser screens read them. */
export type Lesson = LessonView;

export interface ProgramModule {
  id: string;
  position: number;
  title: string;
  description: string | null;
  lessons: Lesson[];
}

export interface Program {
  id: string;
  code: string;
  name: string;
  family: ProgramFamily;
  contentGroup: ContentGroup;
  ownerOrgUnitId: string;
  version: number;
  versionId: string;
  targetTitles: TitleCode[];
  requiredHours: number;
  learningOutcomes: string[];
  certificatePolicy: CertificatePolicy;
}

export type ProgramDetail = Program & { modules: ProgramModule[] };

export interface CreateProgramRequest {
  code: string;
  name: string;
  family: ProgramFamily;
  contentGroup: ContentGroup;
  ownerOrgUnitId: string;
  targetTitles: TitleCode[];
  requiredHours: number;
  learningOutcomes: string[];
  certificatePolicy: Partial<CertificatePolicy>;
}

export interface CreateLessonRequest {
  title: string;
  kind: LessonKind;
  bodyHtml?: string;
  videoUrl?: string;
  fileId?: string;
  durationMinutes?: number;
}

export interface UploadedFile {
  id: string;
  originalName: string;
  contentType: string;
  sizeBytes: number;
}

export type { CourseListItem };

/** Course wire types are shared with the learner screens (`@boiduong/shared-contracts`). */
export type CourseSession = CourseSessionView;

export type CourseDetail = CourseView & { sessions: CourseSession[] };

export type { AssignmentSummary, GradeSubmissionRequest, SubmissionListItem };

export interface CreateAssignmentRequest {
  title: string;
  instructionsHtml?: string;
  moduleId?: string;
  dueAt?: string;
  cutoffAt?: string;
  maxPoints: number | null;
  submissionKind: AssignmentSubmissionKind;
  required: boolean;
}

export interface CreateCourseRequest {
  programId: string;
  orgUnitId: string;
  name: string;
  mode: CourseMode;
  startsOn: string;
  endsOn: string;
  capacity: number | null;
  openFrom?: string;
  openUntil?: string;
  selfEnrollment: boolean;
  openToAll: boolean;
  status: CourseStatus;
}

export interface Lecturer {
  userId: string;
  username: string;
  fullName: string;
}

export interface RosterLearner {
  userId: string;
  username: string;
  fullName: string;
  status: EnrollmentStatus;
  lessonsCompleted: number;
  sessionsAttended: number;
  completed: boolean;
}

export interface CourseProgress {
  courseId: string;
  lessonsTotal: number;
  sessionsTotal: number;
  enrolled: number;
  waitlisted: number;
  completed: number;
  learners: RosterLearner[];
}

export interface PersonSummary {
  id: string;
  username: string;
  fullName: string;
  orgUnitId: string;
}
