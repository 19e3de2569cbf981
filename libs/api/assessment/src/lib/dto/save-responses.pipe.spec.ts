import 'reflect-metadata';
import { createValidationPipe, DomainError } from '@boiduong/api-core';
import { SaveResponsesDto } from './exam.dto';
import { acceptSaveResponses, SaveResponsesPipe } from './save-responses.pipe';

const ITEM = '3f1c8e2a-9b4d-4c7e-8a1f-2d3e4f5a6b7c';
const one = (r: Record<string, unknown>) => ({ responses: [r] });
const ok = { itemId: ITEM, answer: 'a', seq: 1 };

const valid: unknown[] = [
  one(ok),
  one({ itemId: ITEM.toUpperCase(), answer: ['a', 'b'], seq: 0 }),
  one({ itemId: '00000000-0000-0000-0000-000000000000', answer: false, seq: 2_000_000_000 }),
  one({ itemId: ITEM, answer: { l1: 'r2' }, seq: 7 }),
  one({ itemId: ITEM, answer: 0, seq: 3 }),
  one({ itemId: ITEM, answer: '', seq: 3 }),
  { responses: Array.from({ length: 200 }, (_, i) => ({ itemId: ITEM, answer: 'x', seq: i })) },
];
const invalid: unknown[] = [
  null,
  'text',
  [],
  {},
  { responses: [] },
  { responses: 'a' },
  { responses: [ok], extra: 1 },
  { responses: Array.from({ length: 201 }, (_, i) => ({ itemId: ITEM, answer: 'x', seq: i })) },
  { responses: [null] },
  { responses: [[ok]] },
  { responses: ['a'] },
  one({ ...ok, extra: true }),
  one({ ...ok, itemId: 'not-a-uuid' }),
  one({ ...ok, itemId: '3f1c8e2a-9b4d-9c7e-8a1f-2d3e4f5a6b7c' }),
  one({ ...ok, itemId: 42 }),
  one({ itemId: ITEM, seq: 1 }),
  one({ ...ok, answer: null }),
  one({ ...ok, seq: -1 }),
  one({ ...ok, seq: 1.5 }),
  one({ ...ok, seq: '1' }),
  one({ ...ok, seq: 2_000_000_001 }),
  one({ ...ok, seq: Number.NaN }),
  one({ itemId: ITEM, answer: 'a' }),
];

const clone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));
const full = createValidationPipe();
const viaFullPipe = async (body: unknown) => {
  try {
    return { ok: true as const, value: (await full.transform(clone(body), { type: 'body', metatype: SaveResponsesDto })) as SaveResponsesDto };
  } catch (error) {
    return { ok: false as const, error };
  }
};

describe('answer-save body validation', () => {
  it.each(valid.map((b, i) => [i, b]))('accepts valid body %i exactly as the DTO rules do, with the same content', async (_i, body) => {
    const fast = acceptSaveResponses(clone(body));
    const reference = await viaFullPipe(body);
    expect(reference.ok).toBe(true);
    expect(fast).toBeInstanceOf(SaveResponsesDto);
    expect(JSON.parse(JSON.stringify(fast))).toEqual(JSON.parse(JSON.stringify(reference.ok && reference.value)));
  });

  it.each(invalid.map((b, i) => [i, b]))('leaves body %i, which the plain check refuses, to the full pipe, with its verdict', async (_i, body) => {
    expect(acceptSaveResponses(clone(body))).toBeNull();
    const reference = await viaFullPipe(body);
    // Every body here is invalid except a nested array, which class-transformer turns into an item.
    expect(reference.ok).toBe(JSON.stringify(body) === JSON.stringify({ responses: [[ok]] }));
    const mine = await new SaveResponsesPipe().transform(clone(body)).then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    expect(JSON.stringify(mine)).toBe(JSON.stringify(reference));
  });

  it('answers a refused body with the usual VALIDATION_FAILED error naming the field', async () => {
    const pipe = new SaveResponsesPipe();
    const error = await pipe.transform(one({ ...ok, seq: -1 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify((error as DomainError).details)).toContain('responses.0.seq');
    await expect(pipe.transform(one(ok))).resolves.toEqual({ responses: [ok] });
  });
});
