/** Wire types of essay grading, shared by the api and the graders' screens. */
import type { RubricCriterion } from './question-bank';

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
