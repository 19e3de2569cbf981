import type { ErrorBody } from '@boiduong/shared-contracts';

export interface ErrorDefinition {
  status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 423 | 429 | 500 | 503;
  vi: string;
  en: string;
}

/**
 * A failure the caller can act on: a stable code, an HTTP status, and a message in
 * Vietnamese and English. Each context declares its codes once with `defineErrors`.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly status: ErrorDefinition['status'],
    readonly messages: { vi: string; en: string },
    readonly details?: unknown,
  ) {
    super(`${code}: ${messages.en}`);
    this.name = 'DomainError';
  }

  toBody(requestId?: string): ErrorBody {
    return {
      code: this.code,
      message: this.messages,
      ...(this.details === undefined ? {} : { details: this.details }),
      ...(requestId ? { requestId } : {}),
    };
  }
}

export type ErrorFactory = (details?: unknown) => DomainError;

/**
 * Declares a context's error catalogue: `const AuthErrors = defineErrors({ AUTH_LOCKED: {...} })`
 * then `throw AuthErrors.AUTH_LOCKED({ retryAfterSeconds })`.
 */
export function defineErrors<K extends string>(catalogue: Record<K, ErrorDefinition>): Record<K, ErrorFactory> {
  const out = {} as Record<K, ErrorFactory>;
  for (const code of Object.keys(catalogue) as K[]) {
    const def = catalogue[code];
    out[code] = (details?: unknown) => new DomainError(code, def.status, { vi: def.vi, en: def.en }, details);
  }
  return out;
}

/** Codes every context may raise. */
export const CommonErrors = defineErrors({
  VALIDATION_FAILED: { status: 400, vi: 'Dữ liệu gửi lên không hợp lệ.', en: 'The request is invalid.' },
  UNAUTHENTICATED: { status: 401, vi: 'Vui lòng đăng nhập.', en: 'Please sign in.' },
  FORBIDDEN: { status: 403, vi: 'Bạn không có quyền thực hiện thao tác này.', en: 'You are not allowed to do this.' },
  NOT_FOUND: { status: 404, vi: 'Không tìm thấy.', en: 'Not found.' },
  CONFLICT: { status: 409, vi: 'Dữ liệu đã tồn tại hoặc vừa bị thay đổi.', en: 'The data already exists or has just changed.' },
  PAYLOAD_TOO_LARGE: { status: 413, vi: 'Dữ liệu gửi lên quá lớn.', en: 'The request body is too large.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, vi: 'Định dạng dữ liệu không được hỗ trợ.', en: 'Unsupported media type.' },
  RATE_LIMITED: { status: 429, vi: 'Quá nhiều yêu cầu, vui lòng thử lại sau.', en: 'Too many requests, please retry later.' },
  SERVICE_UNAVAILABLE: {
    status: 503,
    vi: 'Hệ thống tạm thời không sẵn sàng, vui lòng thử lại sau.',
    en: 'The service is temporarily unavailable, please retry later.',
  },
  INTERNAL_ERROR: { status: 500, vi: 'Đã xảy ra lỗi hệ thống.', en: 'An internal error occurred.' },
});
