import { HttpErrorResponse } from '@angular/common/http';
import { isNetworkError, readErrorBody, type Failure } from '@boiduong/web-core';

export type { Failure };

export function failureOf(error: unknown): Failure {
  const body = readErrorBody(error);
  if (body) return { kind: 'api', status: error instanceof HttpErrorResponse ? error.status : 0, body };
  if (isNetworkError(error)) return { kind: 'local', key: 'courseAdmin.errors.network' };
  if (error instanceof HttpErrorResponse && error.status === 403) return { kind: 'local', key: 'courseAdmin.errors.forbidden' };
  if (error instanceof HttpErrorResponse && error.status === 404) return { kind: 'local', key: 'courseAdmin.errors.notFound' };
  return { kind: 'local', key: 'courseAdmin.errors.unexpected' };
}
