import { toFailure, type Failure } from '@boiduong/web-core';

export type { Failure };

/** Failures of this feature, worded under the `questionBank.errors` keys. */
export const failureOf = (error: unknown): Failure => toFailure(error, 'questionBank');

/**
 * The fields an API error names: a content 422 carries `details.field` (and every problem in
 * `details.problems`), a validation 400 carries `details.fields`.
 */
export function failureFields(failure: Failure | null): Array<{ field: string; reason: string }> {
  if (failure?.kind !== 'api') return [];
  const details = failure.body.details as
    | { field?: unknown; reason?: unknown; problems?: unknown; fields?: unknown }
    | undefined;
  if (!details || typeof details !== 'object') return [];
  const list = Array.isArray(details.problems) ? details.problems : Array.isArray(details.fields) ? details.fields : [details];
  return list
    .map((p: { field?: unknown; message?: unknown; reason?: unknown }) => ({
      field: typeof p?.field === 'string' ? p.field : '',
      reason: typeof p?.message === 'string' ? p.message : typeof p?.reason === 'string' ? p.reason : '',
    }))
    .filter((p) => p.field !== '');
}
