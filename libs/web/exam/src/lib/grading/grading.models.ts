/** Shapes of the grading endpoints as the graders' screens use them. */

export interface GradedExam {
  examId: string;
  title: string;
  courseName: string;
  closesAt: string;
  pending: number;
  graded: number;
}

export type { EssayGrade, GradingEntry, GradingItem, RubricCriterion } from '@boiduong/shared-contracts';
import type { GradingEntry, GradingItem } from '@boiduong/shared-contracts';

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
