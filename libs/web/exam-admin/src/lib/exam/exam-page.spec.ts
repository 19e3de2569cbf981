import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { nextRequest, ORG_ADMIN, query, settled, setupTestBed } from '@boiduong/web-testing';
import { settings } from '../../test-fixtures';
import type { ExamResultRow } from '../data/exam-admin.models';
import { ExamPage } from './exam-page';

const row = (n: number, overrides: Partial<ExamResultRow> = {}): ExamResultRow => ({
  attemptId: `a-${n}`,
  userId: `u-${n}`,
  fullName: `Học viên ${n}`,
  username: `hv${n}`,
  number: 1,
  status: 'submitted',
  startedAt: '2030-01-10T01:05:00.000Z',
  finishedAt: '2030-01-10T01:40:00.000Z',
  score: 3,
  maxScore: 4,
  scaled10: 7.5,
  percent: 75,
  passed: true,
  pendingManualGrading: false,
  ...overrides,
});

describe('ExamPage', () => {
  let backend: HttpTestingController;

  async function setup() {
    backend = await setupTestBed({ user: ORG_ADMIN });
    const fixture = TestBed.createComponent(ExamPage);
    fixture.componentRef.setInput('examId', 'e-1');
    fixture.detectChanges();
    const root = fixture.nativeElement as HTMLElement;
    const settle = () => settled(fixture, 5);
    return { fixture, root, settle, ...query(root) };
  }

  afterEach(() => backend.verify());

  it('shows every attempt with status, score out of 10, pass and pending grading', async () => {
    const t = await setup();
    (await nextRequest(backend, '/api/v1/exams/e-1')).flush(settings({ resultRelease: 'immediate', frozen: true }));
    (await nextRequest(backend, '/api/v1/exams/e-1/results')).flush([
      row(1),
      row(2, { score: null, scaled10: null, percent: null, passed: null, pendingManualGrading: true }),
      row(3, { status: 'in_progress', finishedAt: null, score: null, scaled10: null, passed: null }),
    ]);
    await t.settle();
    expect(t.text('exam-page-title')).toBe('Kiểm tra cuối khóa');
    expect(t.text('exam-page-edit')).toBe('Xem cấu hình');
    const rows = t.allById('exam-page-result').map((r) => query(r));
    expect(rows.map((r) => [r.text('exam-page-score'), r.text('exam-page-passed')])).toEqual([
      ['7,5/10', 'Đạt'],
      ['–', '–'],
      ['–', '–'],
    ]);
    expect(rows[1].text('exam-page-pending')).toBe('Chờ chấm tự luận');
    expect(rows[2].text('exam-page-result-status')).toBe('Đang làm');
    // Results out on submission: nothing to release.
    expect(t.byId('exam-page-release')).toBeNull();
  }, 20_000);

  it('releases results by hand only after a confirmation, then shows when', async () => {
    const t = await setup();
    (await nextRequest(backend, '/api/v1/exams/e-1')).flush(settings({ resultRelease: 'manual' }));
    (await nextRequest(backend, '/api/v1/exams/e-1/results')).flush([]);
    await t.settle();
    expect(t.text('exam-page-no-results')).toBe('Chưa có ai làm bài.');
    t.byId('exam-page-release')?.click();
    await t.settle();
    expect(t.text('exam-page-release-confirm')).toContain('không thể thu hồi');
    expect(document.body.contains(t.root)).toBe(true);
    await t.settle();
    expect(document.activeElement).toBe(t.byId('exam-page-release-yes'));
    t.byId('exam-page-release-no')?.click();
    await t.settle();
    expect(t.byId('exam-page-release-confirm')).toBeNull();
    t.byId('exam-page-release')?.click();
    await t.settle();
    t.byId('exam-page-release-yes')?.click();
    (await nextRequest(backend, '/api/v1/exams/e-1/release-results', { method: 'POST' })).flush({ examId: 'e-1', resultsReleasedAt: '2030-01-10T05:00:00.000Z' });
    (await nextRequest(backend, '/api/v1/exams/e-1')).flush(settings({ resultRelease: 'manual', resultsReleasedAt: '2030-01-10T05:00:00.000Z' }));
    // The results reload with the exam.
    const again = backend.match({ method: 'GET', url: '/api/v1/exams/e-1/results' });
    again.forEach((r) => r.flush([]));
    await t.settle();
    backend.match({ method: 'GET', url: '/api/v1/exams/e-1/results' }).forEach((r) => r.flush([]));
    expect(t.byId('exam-page-release')).toBeNull();
    expect(t.text('exam-page-released')).toContain('đã công bố lúc');
  }, 20_000);

  it('shows a refused release (already released elsewhere) in the shared failure message', async () => {
    const t = await setup();
    (await nextRequest(backend, '/api/v1/exams/e-1')).flush(settings({ resultRelease: 'after_close' }));
    (await nextRequest(backend, '/api/v1/exams/e-1/results')).flush([]);
    await t.settle();
    t.byId('exam-page-release')?.click();
    await t.settle();
    t.byId('exam-page-release-yes')?.click();
    (await nextRequest(backend, '/api/v1/exams/e-1/release-results', { method: 'POST' })).flush(
      { code: 'RESULTS_ALREADY_RELEASED', message: { vi: 'Kết quả đã được công bố.', en: 'Results were already released.' } },
      { status: 409, statusText: 'Conflict' },
    );
    await t.settle();
    expect(t.text('exam-page-release-error')).toBe('Kết quả đã được công bố.');
  }, 20_000);
});
