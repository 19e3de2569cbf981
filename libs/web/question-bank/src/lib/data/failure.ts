import { HttpErrorResponse } from '@angular/common/http';
import type { ErrorBody } from '@boiduong/shared-contracts';
import { isNetworkError, readErrorBody } from '@boiduong/web-core';

/** Either the API's own bilingual message, or one of ours when the API sent no usable body. */
export type Failure = { kind: 'api'; status: number; body: ErrorBody } | { kind: 'local'; key: string };

export function failureOf(error: unknown): Failure {
  const body = readErrorBody(error);
  if (body) return { kind: 'api', status: error instanceof HttpErrorResponse ? error.status : 0, body };
  if (isNetworkError(error)) return { kind: 'local', key: 'questionBank.errors.network' };
  if (error instanceof HttpErrorResponse && error.status === 403) return { kind: 'local', key: 'questionBank.errors.forbidden' };
  if (error instanceof HttpErrorResponse && error.status === 404) return { kind: 'local', key: 'questionBank.errors.notFound' };
  return { kind: 'local', key: 'questionBank.errors.unexpected' };
}

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
