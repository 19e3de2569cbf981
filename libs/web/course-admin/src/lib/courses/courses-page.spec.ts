import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { ORG_ADMIN, query, setupTestBed, type } from '@boiduong/web-testing';
import { CoursesPage, localToIso } from './courses-page';

describe('CoursesPage', { timeout: 20_000 }, () => {
  let backend: HttpTestingController;

  afterEach(() => backend.verify());

  it('lists the courses and creates one with capacity and an open window', async () => {
    backend = await setupTestBed({ user: ORG_ADMIN });
    const fixture = TestBed.createComponent(CoursesPage);
    fixture.detectChanges();
    backend.expectOne('/api/v1/courses').flush([]);
    backend.expectOne('/api/v1/programs').flush([{ id: 'p-1', code: 'HN-VP-01', name: 'Nghiệp vụ Văn phòng' }]);
    backend.expectOne('/api/v1/org-units').flush([{ id: 'o-hn', code: 'HNI', name: 'Thành đoàn Hà Nội', type: 'province', parentId: null, validFrom: '2025-07-01', validTo: null }]);
    await fixture.whenStable();
    const t = query(fixture.nativeElement as HTMLElement);
    expect(t.text('course-list-empty')).toBe('Chưa có lớp nào.');

    t.byId('course-create-toggle')?.click();
    await fixture.whenStable();
    t.byId('course-submit')?.click();
    await fixture.whenStable();
    expect(t.text('course-missing')).toBe('Vui lòng nhập tên lớp.');
    type(t.byId('course-name'), 'Lớp Văn phòng khóa 1');
    type(t.byId('course-starts'), '2026-12-01');
    type(t.byId('course-ends'), '2026-12-10');
    type(t.byId('course-capacity'), '30');
    type(t.byId('course-open-until'), '2026-12-10T17:00');
    type(t.byId('course-mode'), 'in_person');
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    t.byId('course-submit')?.click();
    const req = backend.expectOne('/api/v1/courses');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({
      programId: 'p-1',
      orgUnitId: 'o-hn',
      name: 'Lớp Văn phòng khóa 1',
      mode: 'in_person',
      startsOn: '2026-12-01',
      endsOn: '2026-12-10',
      capacity: 30,
      openFrom: undefined,
      openUntil: localToIso('2026-12-10T17:00'),
      selfEnrollment: false,
      openToAll: false,
      status: 'draft',
    });
    req.flush({ id: 'c-9' });
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith(['/manage/courses', 'c-9']);
  });
});
