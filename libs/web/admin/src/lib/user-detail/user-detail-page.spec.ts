import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Permission } from '@boiduong/shared-contracts';
import { apiError, ORG_ADMIN, query, setupTestBed } from '@boiduong/web-testing';
import { BADINH, HANOI, VISIBLE_UNITS } from '../../test-fixtures';
import type { UserDetail } from '../data/admin.models';
import { UserDetailPage } from './user-detail-page';

const DUC: UserDetail = {
  id: 'u-duc',
  username: 'hocvien',
  fullName: 'Nguyễn Văn Đức',
  email: null,
  orgUnitId: BADINH.id,
  roles: [
    { role: 'learner', orgUnitId: BADINH.id },
    { role: 'lecturer', orgUnitId: HANOI.id },
  ],
  createdAt: '2025-07-01T00:00:00.000Z',
};

describe('UserDetailPage', () => {
  let backend: HttpTestingController;

  async function setup() {
    backend = await setupTestBed({ user: ORG_ADMIN, permissions: [Permission.UserRead] });
    const fixture = TestBed.createComponent(UserDetailPage);
    fixture.componentRef.setInput('id', 'u-duc');
    fixture.detectChanges();
    backend.expectOne('/api/v1/org-units').flush(VISIBLE_UNITS);
    const root = fixture.nativeElement as HTMLElement;
    return { fixture, root, ...query(root) };
  }

  afterEach(() => backend.verify());

  it('shows the user with each role and the name of its unit', async () => {
    const t = await setup();
    backend.expectOne('/api/v1/users/u-duc').flush(DUC);
    await t.fixture.whenStable();
    expect(t.text('user-detail-name')).toBe('Nguyễn Văn Đức');
    expect(t.text('user-detail-unit')).toBe('Đoàn phường Ba Đình (HNI-BADINH)');
    const roles = [...(t.byId('user-detail-roles')?.querySelectorAll('li') ?? [])].map((li) => li.textContent?.trim());
    expect(roles).toEqual(['Học viên Đoàn phường Ba Đình (HNI-BADINH)', 'Giảng viên Thành đoàn Hà Nội (HNI)']);
    expect(t.byId('user-detail-cadre')).toBeNull();
    expect(t.byId('user-detail-personal')).toBeNull();
  });

  it('shows the profile fields when the API sends them', async () => {
    const t = await setup();
    backend.expectOne('/api/v1/users/u-duc').flush({
      ...DUC,
      gender: 'female',
      phone: '0912345678',
      dateOfBirth: '1995-03-08',
      cadre: { title: 'secretary.commune', plannedTitles: [], employment: 'part_time', theoryLevel: null, education: null },
    });
    // Not whenStable: the panel's request stays pending until flushed.
    await new Promise((resolve) => setTimeout(resolve, 0));
    t.fixture.detectChanges();
    // The cadre's page asks whether they may be nominated for the title they hold.
    backend.expectOne((r) => r.url.startsWith('/api/v1/eligibility?userId=u-duc&title=secretary.commune&on=')).flush({
      eligible: false,
      reason: 'no_certificate',
      message: { vi: '', en: '' },
      userId: 'u-duc',
      title: 'secretary.commune',
      on: '2026-11-29',
    });
    await t.fixture.whenStable();
    t.fixture.detectChanges();
    expect(t.text('eligibility-panel')).toContain('Chưa đủ điều kiện');
    expect(t.text('user-detail-personal')).toContain('Nữ');
    expect(t.text('user-detail-personal')).toContain('0912345678');
    expect(t.text('user-detail-cadre')).toContain('Bí thư Đoàn xã/phường/đặc khu');
    expect(t.text('user-detail-cadre')).toContain('Bán chuyên trách');
  });

  it('shows the API message when the user is outside the subtree', async () => {
    const t = await setup();
    backend
      .expectOne('/api/v1/users/u-duc')
      .flush(apiError('NOT_FOUND', 'Không tìm thấy người dùng.', 'User not found.'), { status: 404, statusText: 'Not Found' });
    await t.fixture.whenStable();
    expect(t.text('user-detail-error')).toBe('Không tìm thấy người dùng.');
    expect(t.byId('user-detail-name')).toBeNull();
  });
});
