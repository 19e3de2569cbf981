/** Shapes of the grading endpoints as the graders' screens use them. */

export interface GradedExam {
  examId: string;
  title: string;
  courseName: string;
  closesAt: string;
  pending: number;
  graded: number;
}

export interface RubricCriterion {
  /** Empty when the item has no rubric: one overall score. */
  criterion: string;
  points: number;
}

export interface GradingItem {
  itemId: string;
  stem: string;
  points: number;
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
  learner: { userId: string; fullName: string } | null;
  label: string;
  submittedAt: string | null;
  answer: unknown;
  revision: number;
  grade: EssayGrade | null;
}

export interface GradingQueue {
  examId: string;
  title: string;
  blind: boolean;
  pending: number;
  items: GradingItem[];
  responses: GradingEntry[];
}

export interface GradeResult {
  attemptId: string;
  itemId: string;
  revision: number;
  credit: number;
  result: { score: number | null; maxScore: number; scaled10: number | null; passed: boolean | null; pendingManualGrading: boolean };
}

export interface ProctorEvent {
  attemptId: string;
  learner: { userId: string; fullName: string };
  kind: string;
  source: 'client' | 'server';
  deviceId: string | null;
  occurredAt: string;
  recordedAt: string;
  details: Record<string, unknown> | null;
}
