import { HttpErrorResponse } from '@angular/common/http';
import { toFailure } from './to-failure';

describe('toFailure', () => {
  it('keeps the API body and status when the API sent one', () => {
    const body = { code: 'COURSE_CLOSED', message: { vi: 'Lớp đã kết thúc.', en: 'The course is closed.' } };
    const failure = toFailure(new HttpErrorResponse({ status: 409, error: body }), 'learning');
    expect(failure).toEqual({ kind: 'api', status: 409, body });
  });

  it.each([
    [0, 'network'],
    [403, 'forbidden'],
    [404, 'notFound'],
    [502, 'unexpected'],
  ])('words a status %i without a body under the feature namespace (%s)', (status, key) => {
    expect(toFailure(new HttpErrorResponse({ status, error: 'Bad gateway' }), 'exam')).toEqual({ kind: 'local', key: `exam.errors.${key}` });
  });

  it('treats a thrown non-HTTP error as unexpected', () => {
    expect(toFailure(new TypeError('boom'), 'statistics')).toEqual({ kind: 'local', key: 'statistics.errors.unexpected' });
  });
});
