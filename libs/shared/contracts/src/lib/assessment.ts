/** Wire types of essay grading, shared by the api and the graders' screens. */
import type { CognitiveLevel, RubricCriterion } from './question-bank';

export interface GradingItem {
  itemId: string;
  stem: string;
  points: number;
  /** The item's own rubric, or one overall criterion (empty text) worth the item's points. */
  rubric: RubricCriterion[];
}

export interface EssayGrade {
  scores: number[];
  comment: string | null;
  credit: number;
  gradedBy: string;
  gradedAt: string;
}

export interface GradingEntry {
  attemptId: string;
  itemId: string;
  /** Null while the exam is graded blind: graders see `label` only. */
  learner: { userId: string; fullName: string } | null;
  /** A short code that names the attempt without naming the learner. */
  label: string;
  submittedAt: string | null;
  answer: unknown;
  /** 0 until graded; send it back with the grade so a concurrent grade is not overwritten. */
  revision: number;
  grade: EssayGrade | null;
}

/** Wire types of exam administration, shared by the api and the exam management screens. */
export const EXAM_STATUSES = ['upcoming', 'open', 'closed'] as const;
/** By the server clock: `upcoming` before the window, `open` inside it, `closed` from its close. */
export type ExamStatus = (typeof EXAM_STATUSES)[number];
export const RESULT_RELEASES = ['immediate', 'after_close', 'manual'] as const;
export type ResultRelease = (typeof RESULT_RELEASES)[number];
export const REVIEW_POLICIES = ['none', 'responses', 'full'] as const;
export type ReviewPolicy = (typeof REVIEW_POLICIES)[number];

export interface ManagedExamSummary {
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
  level: CognitiveLevel;
  /** Approved items an exam of the course may draw for this cell. */
  approved: number;
}
