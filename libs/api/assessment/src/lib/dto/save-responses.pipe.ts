import { createValidationPipe } from '@boiduong/api-core';
import { Injectable, type PipeTransform } from '@nestjs/common';
import { SaveResponsesDto, type SaveResponseDto } from './exam.dto';

/** The same pattern as class-validator's @IsUUID() (any version, nil and max). */
const UUID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/i;
const MAX_RESPONSES = 200;
const MAX_SEQ = 2_000_000_000;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Only the listed own keys (what whitelist + forbidNonWhitelisted allow). */
function onlyKeys(value: Record<string, unknown>, allowed: readonly string[]): boolean {
  for (const key in value) if (!allowed.includes(key)) return false;
  return true;
}

/**
 * The body of an answer save, accepted exactly when SaveResponsesDto's rules accept it, or null.
 * Mirrors the decorators on SaveResponsesDto / SaveResponseDto one by one (the unit test
 * compares both on valid and invalid bodies): an object with only `responses`, an array of 1 to
 * 200 objects with only `itemId` (a UUID), `answer` (anything but null or undefined) and `seq`
 * (an integer from 0 to 2,000,000,000).
 */
export function acceptSaveResponses(body: unknown): SaveResponsesDto | null {
  if (!isRecord(body) || !onlyKeys(body, ['responses'])) return null;
  const list = body['responses'];
  if (!Array.isArray(list) || list.length < 1 || list.length > MAX_RESPONSES) return null;
  const responses: SaveResponseDto[] = [];
  for (let i = 0; i < list.length; i++) {
    if (!(i in list)) return null;
    const r: unknown = list[i];
    if (!isRecord(r) || !onlyKeys(r, ['itemId', 'answer', 'seq'])) return null;
    const { itemId, answer, seq } = r;
    if (typeof itemId !== 'string' || !UUID.test(itemId)) return null;
    if (answer === undefined || answer === null) return null;
    if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 0 || seq > MAX_SEQ) return null;
    responses.push({ itemId, answer, seq });
  }
  return Object.assign(new SaveResponsesDto(), { responses });
}

/**
 * Validation of the answer-save body, the busiest request of an exam. A valid body is checked by
 * acceptSaveResponses (plain property checks); only a body it refuses goes through the global
 * ValidationPipe (class-transformer + class-validator), which refuses it with the usual
 * VALIDATION_FAILED error naming each field. class-transformer and class-validator walking the
 * nested DTO cost more per save than the rest of the request's own work (tools/bench/exam-save).
 * The handler's parameter is typed with an interface so the global pipe leaves it to this one.
 */
@Injectable()
export class SaveResponsesPipe implements PipeTransform<unknown, Promise<SaveResponsesDto>> {
  private readonly full = createValidationPipe();

  async transform(value: unknown): Promise<SaveResponsesDto> {
    return acceptSaveResponses(value) ?? ((await this.full.transform(value, { type: 'body', metatype: SaveResponsesDto })) as SaveResponsesDto);
  }
}
