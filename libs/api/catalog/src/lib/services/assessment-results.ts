/**
 * The seam to the assessment context: how many assessments a course requires and how many each
 * learner passed at the policy's pass mark. The catalog cannot import assessment (assessment
 * imports the catalog), so the assessment module provides an implementation under
 * `EXAM_RESULTS` (a global provider) and calls `CompletionService.recompute` when a result changes.
 */
export const EXAM_RESULTS = Symbol('EXAM_RESULTS');

export abstract class AssessmentResults {
  abstract resultsFor(
    courseId: string,
    userIds: string[],
    passMark: number,
  ): Promise<Map<string, { required: number; passed: number }>>;
}

/** Until assessments exist: none is required. */
export class NoAssessments extends AssessmentResults {
  async resultsFor(): Promise<Map<string, { required: number; passed: number }>> {
    return new Map();
  }
}
