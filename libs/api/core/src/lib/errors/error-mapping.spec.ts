import { BadRequestException, ForbiddenException, NotFoundException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { CommonErrors, defineErrors, DomainError } from './domain-error';
import { isConnectionFailure, toDomainError } from './error-mapping';

describe('toDomainError', () => {
  it('keeps domain errors as they are, with both languages', () => {
    const errors = defineErrors({ THING_BROKEN: { status: 422, vi: 'Hỏng', en: 'Broken' } });
    const e = errors.THING_BROKEN({ field: 'x' });
    expect(toDomainError(e)).toBe(e);
    expect(e.toBody('r1')).toEqual({ code: 'THING_BROKEN', message: { vi: 'Hỏng', en: 'Broken' }, details: { field: 'x' }, requestId: 'r1' });
  });

  it('maps Nest HTTP exceptions to the common codes', () => {
    expect(toDomainError(new NotFoundException()).code).toBe('NOT_FOUND');
    expect(toDomainError(new ForbiddenException()).status).toBe(403);
    expect(toDomainError(new BadRequestException('Validation failed (uuid is expected)')).toBody()).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: 'Validation failed (uuid is expected)',
    });
  });

  it('maps Fastify body errors by their status code', () => {
    const tooLarge = Object.assign(new Error('Request body is too large'), { statusCode: 413 });
    expect(toDomainError(tooLarge).code).toBe('PAYLOAD_TOO_LARGE');
    const badJson = Object.assign(new Error('Unexpected end of JSON input'), { statusCode: 400 });
    expect(toDomainError(badJson).code).toBe('VALIDATION_FAILED');
  });

  it('turns lost Postgres or Redis connections into 503, and unexpected failures into 500', () => {
    expect(toDomainError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })).status).toBe(503);
    expect(isConnectionFailure(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isConnectionFailure(new Error('Connection is closed.'))).toBe(true);
    expect(toDomainError(new Error('boom')).code).toBe('INTERNAL_ERROR');
    expect(toDomainError('not even an error')).toBeInstanceOf(DomainError);
  });

  it('turns unanticipated unique violations into 409', () => {
    const err = new QueryFailedError('INSERT', [], Object.assign(new Error('duplicate key'), { code: '23505' }));
    expect(toDomainError(err).status).toBe(409);
  });

  it('has Vietnamese and English text for every common code', () => {
    for (const make of Object.values(CommonErrors)) {
      const e = make();
      expect(e.messages.vi.length).toBeGreaterThan(3);
      expect(e.messages.en.length).toBeGreaterThan(3);
      expect(e.messages.vi).not.toEqual(e.messages.en);
    }
  });
});
