import type { EntityManager } from 'typeorm';

/**
 * The seam to the certification context: told when enrollments newly complete (or stop being
 * complete) and when a course closes, inside the transaction that caused it. The catalog cannot
 * import certification (certification imports the catalog), so certification provides an
 * implementation under `COMPLETION_LISTENER` (a global provider), as assessment does for
 * `EXAM_RESULTS`.
 */
export const COMPLETION_LISTENER = Symbol('COMPLETION_LISTENER');

export interface CompletionChange {
  /** Enrollments whose completion went from not met to met. */
  completed: Array<{ enrollmentId: string; userId: string }>;
  /** Enrollments whose completion went from met to not met (a grade corrected, attendance removed). */
  uncompleted: Array<{ enrollmentId: string; userId: string }>;
}

export abstract class CompletionListener {
  abstract completionChanged(manager: EntityManager, courseId: string, change: CompletionChange): Promise<void>;
  abstract courseClosed(manager: EntityManager, courseId: string): Promise<void>;
}

/** Without certification loaded, completion concerns nobody else. */
export class NoCompletionListener extends CompletionListener {
  async completionChanged(): Promise<void> {
    return;
  }
  async courseClosed(): Promise<void> {
    return;
  }
}
