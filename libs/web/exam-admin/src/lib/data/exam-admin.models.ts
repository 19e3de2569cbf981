/** What the exam administration endpoints answer (libs/api/assessment). */

export const LEVELS = ['recognition', 'comprehension', 'application', 'high_application'] as const;
export type Level = (typeof LEVELS)[number];
export { EXAM_STATUSES, RESULT_RELEASES, REVIEW_POLICIES } from '@boiduong/shared-contracts';
export type { BankCell, ExamStatus, ManagedCourse, ResultRelease, ReviewPolicy } from '@boiduong/shared-contracts';
import type { ExamStatus, ManagedExamSummary, ResultRelease, ReviewPolicy } from '@boiduong/shared-contracts';
/** An exam as the list shows it. */
export type ManagedExam = ManagedExamSummary;
export const OVERDUE_HANDLINGS = ['autosubmit', 'graceperiod', 'autoabandon'] as const;
export type OverdueHandling = (typeof OVERDUE_HANDLINGS)[number];
export const ATTEMPTS_POLICIES = ['highest', 'last', 'first', 'average'] as const;
export type AttemptsPolicy = (typeof ATTEMPTS_POLICIES)[number];

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
