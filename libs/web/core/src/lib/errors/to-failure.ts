import { HttpErrorResponse } from '@angular/common/http';
import { isNetworkError, readErrorBody } from '../api/api-error';
import type { Failure } from './failure-message';

/**
 * Turns whatever an API call threw into a Failure: the API's own bilingual body when it sent one,
 * otherwise a key under `<namespace>.errors` (network, forbidden, notFound, unexpected), so each
 * feature keeps its own wording ("no such exam" reads better than "no such data").
 */
export function toFailure(error: unknown, namespace: string): Failure {
  const body = readErrorBody(error);
  if (body) return { kind: 'api', status: error instanceof HttpErrorResponse ? error.status : 0, body };
  if (isNetworkError(error)) return { kind: 'local', key: `${namespace}.errors.network` };
  if (error instanceof HttpErrorResponse && error.status === 403) return { kind: 'local', key: `${namespace}.errors.forbidden` };
  if (error instanceof HttpErrorResponse && error.status === 404) return { kind: 'local', key: `${namespace}.errors.notFound` };
  return { kind: 'local', key: `${namespace}.errors.unexpected` };
}
