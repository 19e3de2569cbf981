import { readErrorBody, toFailure, type Failure } from '@boiduong/web-core';
import type { ShortCell } from './exam-admin.models';

export type { Failure };

/** Failures of this feature, worded under the `examAdmin.errors` keys. */
export const failureOf = (error: unknown): Failure => toFailure(error, 'examAdmin');

/** The blueprint cells a 422 EXAM_BLUEPRINT_SHORT names, to show beside their rows. */
export function shortCellsOf(error: unknown): ShortCell[] {
  const body = readErrorBody(error);
  if (body?.code !== 'EXAM_BLUEPRINT_SHORT') return [];
  const cells = (body.details as { cells?: unknown } | undefined)?.cells;
  return Array.isArray(cells) ? (cells as ShortCell[]) : [];
}
