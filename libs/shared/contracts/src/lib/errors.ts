/** The body of every error response: a stable code for programs, a message for people. */
export interface ErrorBody {
  code: string;
  /** Vietnamese first (the product's language), English alongside. */
  message: { vi: string; en: string };
  details?: unknown;
  requestId?: string;
}

/** Codes shared by every context; contexts add their own (e.g. `AUTH_INVALID_CREDENTIALS`). */
export const CommonErrorCode = {
  ValidationFailed: 'VALIDATION_FAILED',
  NotFound: 'NOT_FOUND',
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  Conflict: 'CONFLICT',
  RateLimited: 'RATE_LIMITED',
  ServiceUnavailable: 'SERVICE_UNAVAILABLE',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  Internal: 'INTERNAL_ERROR',
} as const;
