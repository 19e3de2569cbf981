/** What the exam administration endpoints answer (libs/api/assessment). */

export const LEVELS = ['recognition', 'comprehension', 'application', 'high_application'] as const;
export type Level = (typeof LEVELS)[number];
export const EXAM_STATUSES = ['upcoming', 'open', 'closed'] as const;
export type ExamStatus = (typeof EXAM_STATUSES)[number];
export const RESULT_RELEASES = ['immediate', 'after_close', 'manual'] as const;
export type ResultRelease = (typeof RESULT_RELEASES)[number];
export const REVIEW_POLICIES = ['none', 'responses', 'full'] as const;
export type ReviewPolicy = (typeof REVIEW_POLICIES)[number];
export const OVERDUE_HANDLINGS = ['autosubmit', 'graceperiod', 'autoabandon'] as const;
export type OverdueHandling = (typeof OVERDUE_HANDLINGS)[number];
export const ATTEMPTS_POLICIES = ['highest', 'last', 'first', 'average'] as const;
export type AttemptsPolicy = (typeof ATTEMPTS_POLICIES)[number];

export interface ManagedExam {
  id: string;
  title: string;
  courseId: string;
  courseName: string;
  opensAt: string;
  closesAt: string;
  status: ExamStatus;
  attempts: { started: number; finished: number; awaitingGrading: number };
  resultRelease: ResultRelease;
  resultsReleasedAt: string | null;
}

export interface ManagedCourse {
  id: string;
  name: string;
  orgUnitId: string;
  orgUnitName: string;
  status: string;
}

export interface BankCell {
  topic: string;
  level: Level;
  approved: number;
}

export interface BlueprintRow {
  topic: string;
  level: Level;
  count: number;
  points: number;
}

/** The settings both create and edit send. */
export interface ExamInput {
  courseId: string;
  title: string;
  blueprint: BlueprintRow[];
  timeLimitSeconds: number | null;
  opensAt: string;
  closesAt: string;
  maxAttempts: number | null;
  attemptsPolicy: AttemptsPolicy;
  passMark: number;
  overdueHandling: OverdueHandling;
  gracePeriodSeconds: number;
  shuffleItems: boolean;
  shuffleOptions: boolean;
  resultRelease: ResultRelease;
  reviewPolicy: ReviewPolicy;
  accessCode: string | null;
  allowedNetworks: string[];
}

export interface ExamSettings extends ExamInput {
  id: string;
  resultsReleasedAt: string | null;
  /** The window has opened: nothing can change any more. */
  frozen: boolean;
}

export interface ExamResultRow {
  attemptId: string;
  userId: string;
  fullName: string;
  username: string;
  number: number;
  status: 'in_progress' | 'submitted' | 'abandoned';
  startedAt: string;
  finishedAt: string | null;
  score: number | null;
  maxScore: number;
  scaled10: number | null;
  percent: number | null;
  passed: boolean | null;
  pendingManualGrading: boolean;
}

/** A blueprint cell the bank cannot fill (422 EXAM_BLUEPRINT_SHORT). */
export interface ShortCell {
  topic: string;
  level: Level;
  needed: number;
  available: number;
}

export interface ExamListFilter {
  courseId?: string;
  status?: ExamStatus;
  q?: string;
  offset?: number;
}
