import { HttpException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { CommonErrors, DomainError } from './domain-error';

/** Network-level failures of Postgres or Redis: the request failed because a dependency is down. */
const CONNECTION_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', '57P01', '57P03', '08006', '08001', '08003']);
const CONNECTION_MESSAGES = [/Connection terminated/i, /connect ECONNREFUSED/i, /Connection is closed/i, /timeout exceeded when trying to connect/i, /Stream isn't writeable/i, /MaxRetriesPerRequest/i];

export function isConnectionFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code ?? (error as { driverError?: { code?: unknown } }).driverError?.code;
  if (typeof code === 'string' && CONNECTION_ERROR_CODES.has(code)) return true;
  return CONNECTION_MESSAGES.some((re) => re.test(error.message));
}

const STATUS_TO_COMMON: Record<number, keyof typeof CommonErrors> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  // @fastify/multipart answers a non-multipart request with 406; to clients it is a media-type error.
  406: 'UNSUPPORTED_MEDIA_TYPE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

/** Maps anything thrown during a request to one DomainError (and so to one response shape). */
export function toDomainError(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const common = STATUS_TO_COMMON[status];
    if (common) {
      const response = error.getResponse();
      const detail = typeof response === 'object' && response !== null ? (response as { message?: unknown }).message : response;
      return CommonErrors[common](status === 404 ? undefined : detail);
    }
    return CommonErrors.INTERNAL_ERROR();
  }
  // Fastify's own errors (bad JSON, body too large, wrong content type) carry a statusCode.
  const fastifyStatus = (error as { statusCode?: unknown })?.statusCode;
  if (typeof fastifyStatus === 'number' && STATUS_TO_COMMON[fastifyStatus]) {
    return CommonErrors[STATUS_TO_COMMON[fastifyStatus]]({ reason: (error as Error).message });
  }
  if (isConnectionFailure(error)) return CommonErrors.SERVICE_UNAVAILABLE();
  if (error instanceof QueryFailedError) {
    const code = (error.driverError as { code?: string } | undefined)?.code;
    // Unique and exclusion violations that a service did not anticipate are still conflicts, not crashes.
    if (code === '23505' || code === '23P01') return CommonErrors.CONFLICT();
    if (code === '40001' || code === '40P01') return CommonErrors.CONFLICT({ retry: true });
  }
  return CommonErrors.INTERNAL_ERROR();
}
