import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { nextRequest, ORG_ADMIN, query, settled, setupTestBed, type } from '@boiduong/web-testing';
import type { ManagedExam } from '../data/exam-admin.models';
import { ExamListPage } from './exam-list-page';

const exam = (n: number, overrides: Partial<ManagedExam> = {}): ManagedExam => ({
  id: `e-${n}`,
  title: `Bài kiểm tra ${n}`,
  courseId: 'c-1',
  courseName: 'Lớp nghiệp vụ 2026',
  opensAt: '2030-01-10T01:00:00.000Z',
  closesAt: '2030-01-10T03:00:00.000Z',
  status: 'upcoming',
  attempts: { started: 0, finished: 0, awaitingGrading: 0 },
  resultRelease: 'immediate',
  resultsReleasedAt: null,
  ...overrides,
});

describe('ExamListPage', () => {
  let backend: HttpTestingController;

  async function setup() {
    backend = await setupTestBed({ user: ORG_ADMIN });
    const fixture = TestBed.createComponent(ExamListPage);
    fixture.detectChanges();
    const root = fixture.nativeElement as HTMLElement;
    const settle = () => settled(fixture, 5);
    (await nextRequest(backend, '/api/v1/exams/courses')).flush([
      { id: 'c-1', name: 'Lớp nghiệp vụ 2026', orgUnitId: 'o-hn', orgUnitName: 'Thành đoàn Hà Nội', status: 'open' },
      { id: 'c-2', name: 'Lớp Bí thư xã', orgUnitId: 'o-hn', orgUnitName: 'Thành đoàn Hà Nội', status: 'open' },
    ]);
    return { fixture, root, settle, ...query(root) };
  }

  afterEach(() => backend.verify());

  it('lists the exams with course, status, attempts, grading backlog and release state', async () => {
    const t = await setup();
    (await nextRequest(backend, '/api/v1/exams?limit=20&offset=0')).flush([
      exam(1, { status: 'open', attempts: { started: 5, finished: 3, awaitingGrading: 2 }, resultRelease: 'manual' }),
      exam(2, { status: 'closed', resultRelease: 'after_close', resultsReleasedAt: '2030-01-10T04:00:00.000Z' }),
    ]);
    await t.settle();
    const rows = t.allById('exam-admin-row');
    expect(rows.map((r) => r.dataset['examId'])).toEqual(['e-1', 'e-2']);
    const first = query(rows[0]);
    expect(first.text('exam-admin-status')).toBe('Đang mở');
    expect(first.text('exam-admin-attempts')).toBe('5 lượt làm, 3 đã xong');
    expect(first.text('exam-admin-awaiting')).toBe('2 bài chờ chấm tự luận');
    expect(first.text('exam-admin-release')).toBe('Công bố thủ công');
    expect(query(rows[1]).text('exam-admin-release')).toBe('Đã công bố kết quả');
    expect(query(rows[1]).byId('exam-admin-awaiting')).toBeNull();
    expect(rows[0].querySelector('a')?.getAttribute('href')).toBe('/e-1');
  }, 20_000);

  it('filters by course, by status chip and by title, starting again from the first page', async () => {
    const t = await setup();
    (await nextRequest(backend, '/api/v1/exams?limit=20&offset=0')).flush(Array.from({ length: 20 }, (_, i) => exam(i + 1)));
    await t.settle();
    t.byId('exam-admin-next')?.click();
    (await nextRequest(backend, '/api/v1/exams?limit=20&offset=20')).flush([exam(21)]);
    await t.settle();
    expect(t.byId('exam-admin-next')?.hasAttribute('disabled')).toBe(true);
    type(t.byId('exam-admin-filter-course'), 'c-2');
    (await nextRequest(backend, '/api/v1/exams?limit=20&offset=0&courseId=c-2')).flush([exam(3)]);
    await t.settle();
    t.byId('exam-admin-status-closed')?.click();
    (await nextRequest(backend, '/api/v1/exams?limit=20&offset=0&courseId=c-2&status=closed')).flush([]);
    await t.settle();
    expect(t.byId('exam-admin-status-closed')?.getAttribute('aria-pressed')).toBe('true');
    expect(t.text('exam-admin-empty')).toBe('Không có bài kiểm tra nào khớp bộ lọc.');
    const q = t.byId('exam-admin-filter-q') as HTMLInputElement;
    q.value = 'cuối khóa';
    q.dispatchEvent(new Event('change'));
    (await nextRequest(backend, '/api/v1/exams?limit=20&offset=0&courseId=c-2&status=closed&q=cu%E1%BB%91i+kh%C3%B3a')).flush([exam(4)]);
    await t.settle();
    expect(t.allById('exam-admin-row')).toHaveLength(1);
  }, 20_000);

  it('shows the API failure in the shared failure message', async () => {
    const t = await setup();
    (await nextRequest(backend, '/api/v1/exams?limit=20&offset=0')).flush(
      { code: 'COURSE_NOT_FOUND', message: { vi: 'Không tìm thấy lớp bồi dưỡng.', en: 'Course not found.' } },
      { status: 404, statusText: 'Not Found' },
    );
    await t.settle();
    expect(t.text('exam-admin-list-error')).toBe('Không tìm thấy lớp bồi dưỡng.');
  }, 20_000);
});
