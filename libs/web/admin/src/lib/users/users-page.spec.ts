import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { Permission } from '@boiduong/shared-contracts';
import { ORG_ADMIN, query, setupTestBed, sleep, type } from '@boiduong/web-testing';
import { BADINH, HANOI, VISIBLE_UNITS } from '../../test-fixtures';
import type { UserSummary } from '../data/admin.models';
import { USER_SEARCH_DEBOUNCE_MS, UsersPage } from './users-page';

const DUC: UserSummary = {
  id: 'u-duc',
  username: 'hocvien',
  fullName: 'Nguyễn Văn Đức',
  email: null,
  orgUnitId: BADINH.id,
  roles: [{ role: 'learner', orgUnitId: BADINH.id }],
  createdAt: '2025-07-01T00:00:00.000Z',
};
const HA: UserSummary = {
  id: 'u-ha',
  username: 'admin.hanoi',
  fullName: 'Trần Thị Hà',
  email: null,
  orgUnitId: HANOI.id,
  roles: [{ role: 'org_admin', orgUnitId: HANOI.id }],
  createdAt: '2025-07-01T00:00:00.000Z',
};

describe('UsersPage', () => {
  let backend: HttpTestingController;

  async function setup(permissions: Permission[] = [Permission.UserRead]) {
    backend = await setupTestBed({ user: ORG_ADMIN, permissions });
    const fixture = TestBed.createComponent(UsersPage);
    fixture.detectChanges();
    const root = fixture.nativeElement as HTMLElement;
    backend.expectOne('/api/v1/org-units').flush(VISIBLE_UNITS);
    backend.expectOne('/api/v1/users').flush([HA, DUC]);
    await fixture.whenStable();
    fixture.detectChanges();
    return { fixture, root, ...query(root) };
  }

  afterEach(() => backend.verify());

  it('lists people with their unit and roles, each linking to the detail page', async () => {
    const t = await setup();
    const rows = t.allById('user-row');
    expect(rows.map((r) => r.querySelector('[data-testid="user-link"]')?.textContent?.trim())).toEqual([
      'Trần Thị Hà',
      'Nguyễn Văn Đức',
    ]);
    expect(rows[1].textContent).toContain('Đoàn phường Ba Đình');
    expect(rows[1].textContent).toContain('Học viên');
    expect(rows[1].querySelector('a')?.getAttribute('href')).toBe('/u-duc');
  });

  it('searches by name after a pause and filters by unit', async () => {
    const t = await setup();
    type(t.byId('user-search'), 'nguyen van duc');
    await sleep(USER_SEARCH_DEBOUNCE_MS + 50);
    t.fixture.detectChanges();
    backend.expectOne('/api/v1/users?q=nguyen%20van%20duc').flush([DUC]);
    await t.fixture.whenStable();
    expect(t.allById('user-row')).toHaveLength(1);

    type(t.byId('user-unit-filter'), BADINH.id);
    t.fixture.detectChanges();
    backend.expectOne(`/api/v1/users?q=nguyen%20van%20duc&orgUnitId=${BADINH.id}`).flush([]);
    await t.fixture.whenStable();
    expect(t.text('user-list-empty')).toBe('Không có người dùng nào phù hợp.');
    // Kept in the address, so going back from a user's page restores the search.
    expect(TestBed.inject(Router).url).toBe(`/?q=nguyen%20van%20duc&unit=${BADINH.id}`);
  });

  it('offers create and import only with user.manage', async () => {
    const reader = await setup([Permission.UserRead]);
    expect(reader.byId('user-create-toggle')).toBeNull();
    expect(reader.byId('import-toggle')).toBeNull();
    TestBed.resetTestingModule();

    const manager = await setup([Permission.UserRead, Permission.UserManage]);
    manager.byId('user-create-toggle')?.click();
    await manager.fixture.whenStable();
    expect(manager.byId('user-form')).not.toBeNull();
    manager.byId('import-toggle')?.click();
    await manager.fixture.whenStable();
    expect(manager.byId('user-form')).toBeNull();
    expect(manager.byId('import-panel')).not.toBeNull();
  });

  it('reloads the list after a user is created', async () => {
    const t = await setup([Permission.UserRead, Permission.UserManage]);
    t.byId('user-create-toggle')?.click();
    await t.fixture.whenStable();
    type(t.byId('user-fullname'), 'Phạm Minh Châu');
    type(t.byId('user-username'), 'phamminhchau');
    type(t.byId('user-password'), 'MatKhau@2025');
    t.byId('user-form-submit')?.click();
    t.fixture.detectChanges();
    backend
      .expectOne({ method: 'POST', url: '/api/v1/users' })
      .flush({ ...DUC, id: 'u-chau', username: 'phamminhchau', fullName: 'Phạm Minh Châu' });
    t.fixture.detectChanges();
    backend.expectOne('/api/v1/users').flush([HA, DUC]);
    await t.fixture.whenStable();
    expect(t.byId('user-form')).toBeNull();
    expect(t.byId('user-created')).not.toBeNull();
  });
});
