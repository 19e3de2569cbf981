import { HttpErrorResponse } from '@angular/common/http';
import type { ErrorBody } from '@boiduong/shared-contracts';
import { isNetworkError, readErrorBody } from '@boiduong/web-core';

/** Either the API's own bilingual message, or one of ours when the API sent no usable body. */
export type Failure = { kind: 'api'; status: number; body: ErrorBody } | { kind: 'local'; key: string };

export function failureOf(error: unknown): Failure {
  const body = readErrorBody(error);
  if (body) return { kind: 'api', status: error instanceof HttpErrorResponse ? error.status : 0, body };
  if (isNetworkError(error)) return { kind: 'local', key: 'certificates.errors.network' };
  if (error instanceof HttpErrorResponse && error.status === 403) return { kind: 'local', key: 'certificates.errors.forbidden' };
  if (error instanceof HttpErrorResponse && error.status === 404) return { kind: 'local', key: 'certificates.errors.notFound' };
  return { kind: 'local', key: 'certificates.errors.unexpected' };
}
