import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { apiError, LEARNER, query, setupTestBed } from '@boiduong/web-testing';
import type { CatalogCourse } from '../data/learning.models';
import { CatalogPage } from './catalog-page';

const NATIONAL: CatalogCourse = {
  id: 'c-1',
  name: 'Lớp Bí thư Đoàn xã toàn quốc',
  programId: 'p-1',
  programCode: 'TW-CD-BTX',
  programName: 'Bồi dưỡng Bí thư Đoàn cấp xã',
  orgUnitId: 'o-tw',
  orgUnitName: 'Trung ương Đoàn',
  mode: 'online',
  status: 'open',
  startsOn: '2026-12-01',
  endsOn: '2026-12-10',
  openFrom: null,
  openUntil: null,
  capacity: null,
  selfEnrollment: true,
  openToAll: true,
  enrolled: 120,
  waitlisted: 0,
  myStatus: null,
};
const FULL: CatalogCourse = { ...NATIONAL, id: 'c-2', name: 'Lớp kỹ năng số', capacity: 30, enrolled: 30, mode: 'in_person' };

describe('CatalogPage', { timeout: 20_000 }, () => {
  let backend: HttpTestingController;

  async function setup(list: CatalogCourse[]) {
    backend = await setupTestBed({ user: LEARNER });
    const fixture = TestBed.createComponent(CatalogPage);
    fixture.detectChanges();
    backend.expectOne('/api/v1/catalog/courses').flush(list);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    return { fixture, root, ...query(root) };
  }

  afterEach(() => backend.verify());

  it('lists the open courses with their seats, and enrols the learner on request', async () => {
    const t = await setup([NATIONAL, FULL]);
    const cards = t.allById('catalog-course');
    expect(cards).toHaveLength(2);
    expect(cards[0].textContent).toContain('Không giới hạn số học viên');
    expect(cards[1].textContent).toContain('Đã đủ chỗ');
    expect(cards[1].querySelector('[data-testid="catalog-enroll"]')?.textContent?.trim()).toBe('Vào danh sách chờ');

    (cards[0].querySelector('[data-testid="catalog-enroll"]') as HTMLButtonElement).click();
    const req = backend.expectOne('/api/v1/courses/c-1/self-enrollment');
    expect(req.request.method).toBe('POST');
    req.flush({ enrolled: ['u-duc'], waitlisted: [], rejected: [] });
    await t.fixture.whenStable();
    expect(t.text('catalog-notice')).toBe('Đã ghi danh lớp Lớp Bí thư Đoàn xã toàn quốc.');
    expect(t.allById('catalog-course')[0].querySelector('[data-testid="catalog-open"]')?.getAttribute('href')).toBe('/learning/courses/c-1');
  });

  it('says when the learner went to the waitlist, and shows a refusal in the API words', async () => {
    const t = await setup([FULL, { ...NATIONAL, id: 'c-3', name: 'Lớp đã đóng' }]);
    (t.allById('catalog-enroll')[0] as HTMLButtonElement).click();
    backend.expectOne('/api/v1/courses/c-2/self-enrollment').flush({ enrolled: [], waitlisted: ['u-duc'], rejected: [] });
    await t.fixture.whenStable();
    expect(t.text('catalog-notice')).toContain('danh sách chờ');
    expect(t.text('catalog-waitlisted')).toBe('Đang trong danh sách chờ');

    (t.allById('catalog-enroll')[0] as HTMLButtonElement).click();
    backend.expectOne('/api/v1/courses/c-3/self-enrollment').flush(apiError('COURSE_CLOSED', 'Lớp đã kết thúc.', 'The course is closed.'), { status: 409, statusText: 'Conflict' });
    await t.fixture.whenStable();
    expect(t.text('catalog-enroll-error')).toBe('Lớp đã kết thúc.');
  });

  it('says so when nothing is open', async () => {
    const t = await setup([]);
    expect(t.text('catalog-empty')).toContain('chưa có lớp nào');
  });
});
