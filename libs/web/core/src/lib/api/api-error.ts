import { HttpErrorResponse } from '@angular/common/http';
import type { ErrorBody } from '@boiduong/shared-contracts';

/** The API's error body if the response carries one; proxies and crashes may send anything else. */
export function readErrorBody(error: unknown): ErrorBody | null {
  if (!(error instanceof HttpErrorResponse)) return null;
  const body: unknown = error.error;
  if (typeof body !== 'object' || body === null) return null;
  const { code, message } = body as Partial<ErrorBody>;
  if (typeof code !== 'string' || typeof message !== 'object' || message === null) return null;
  if (typeof message.vi !== 'string' || typeof message.en !== 'string') return null;
  return body as ErrorBody;
}

/** Status 0 means the request never got an HTTP answer: offline, DNS, dropped connection. */
export function isNetworkError(error: unknown): boolean {
  return error instanceof HttpErrorResponse && error.status === 0;
}
