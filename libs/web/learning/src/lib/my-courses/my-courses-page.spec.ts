import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { apiError, LEARNER, query, setupTestBed } from '@boiduong/web-testing';
import { courseDetail } from '../../test-fixtures';
import type { MyCourse } from '../data/learning.models';
import { MyCoursesPage } from './my-courses-page';

describe('MyCoursesPage', { timeout: 20_000 }, () => {
  let backend: HttpTestingController;

  async function setup() {
    backend = await setupTestBed({ user: LEARNER });
    const fixture = TestBed.createComponent(MyCoursesPage);
    fixture.detectChanges();
    const root = fixture.nativeElement as HTMLElement;
    return { fixture, root, ...query(root) };
  }

  afterEach(() => backend.verify());

  const { modules: _modules, ...base } = courseDetail();
  const enrolled: MyCourse = { ...base, sessionsTotal: 2, sessionsAttended: 1 };

  it('lists enrolled courses with lessons done and attendance, and waitlisted ones apart', async () => {
    const t = await setup();
    const waiting: MyCourse = { ...base, course: { ...base.course, id: 'c-2', name: 'Lớp kỹ năng số' }, enrollmentStatus: 'waitlisted' };
    backend.expectOne('/api/v1/me/courses').flush([enrolled, waiting]);
    await t.fixture.whenStable();
    const cards = t.allById('my-course');
    expect(cards).toHaveLength(1);
    expect(cards[0].textContent).toContain('Lớp Bí thư Đoàn xã toàn quốc');
    expect(cards[0].textContent).toContain('Trực tuyến · 01/12/2026 – 10/12/2026');
    expect(t.text('my-course-progress')).toBe('Đã học 1/3 bài (33%)');
    expect(cards[0].textContent).toContain('Đã dự 1/2 buổi học trực tiếp');
    expect(cards[0].querySelector('a')?.getAttribute('href')).toBe('/learning/courses/c-1');
    expect(t.text('my-waitlist')).toContain('Lớp kỹ năng số');
    expect(t.byId('my-course-completed')).toBeNull();
  });

  it('marks a completed course', async () => {
    const t = await setup();
    backend.expectOne('/api/v1/me/courses').flush([{ ...enrolled, lessonsCompleted: 3, completed: true }]);
    await t.fixture.whenStable();
    expect(t.text('my-course-completed')).toBe('Đã hoàn thành');
    expect(t.text('my-course-progress')).toBe('Đã học 3/3 bài (100%)');
  });

  it('invites a learner without courses to the catalog', async () => {
    const again = await setup();
    backend.expectOne('/api/v1/me/courses').flush([]);
    await again.fixture.whenStable();
    expect(again.text('my-courses-empty')).toContain('Hãy tìm lớp đang mở');
    expect(again.byId('open-catalog')?.getAttribute('href')).toBe('/learning/catalog');
  });

  it('shows the API message when the list cannot be read', async () => {
    const t = await setup();
    backend.expectOne('/api/v1/me/courses').flush(apiError('INTERNAL', 'Lỗi máy chủ.', 'Server error.'), { status: 500, statusText: 'Error' });
    await t.fixture.whenStable();
    expect(t.text('my-courses-error')).toBe('Lỗi máy chủ.');
  });
});
