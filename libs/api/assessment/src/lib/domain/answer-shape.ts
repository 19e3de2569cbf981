/**
 * Whether an answer has the shape its item type expects (the contract of the save endpoint).
 * Shape only: correctness is decided at grading. Option ids must be the attempt's own.
 */
export const MAX_TEXT_ANSWER = 20_000;

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

export function answerFits(type: string, answer: unknown, optionIds: readonly string[] | null): boolean {
  const known = (id: string) => optionIds === null || optionIds.includes(id);
  switch (type) {
    case 'single_choice':
      return typeof answer === 'string' && known(answer);
    case 'multiple_response':
      return isStringArray(answer) && new Set(answer).size === answer.length && answer.every(known);
    case 'ordering':
      return isStringArray(answer) && new Set(answer).size === answer.length && answer.every(known);
    case 'true_false':
      return typeof answer === 'boolean';
    case 'short_answer':
    case 'essay':
      return typeof answer === 'string' && answer.length <= MAX_TEXT_ANSWER;
    case 'numeric':
      return (typeof answer === 'number' && Number.isFinite(answer)) || (typeof answer === 'string' && answer.length <= 64);
    case 'matching':
      return (
        typeof answer === 'object' && answer !== null && !Array.isArray(answer) &&
        Object.entries(answer as Record<string, unknown>).every(([k, v]) => typeof k === 'string' && typeof v === 'string')
      );
    default:
      return false;
  }
}
