import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ORG_ADMIN, setupTestBed } from '@boiduong/web-testing';
import { BADINH, BRANCH1, HANOI, HOANKIEM } from '../../test-fixtures';
import { OrgUnitsService, visibleRoots } from './org-units.service';
import { UsersService } from './users.service';

describe('admin data services', () => {
  let backend: HttpTestingController;

  beforeEach(async () => {
    backend = await setupTestBed({ user: ORG_ADMIN, permissions: [] });
  });

  afterEach(() => backend.verify());

  it('asks for org units, their children and a search, with the bearer token', () => {
    const units = TestBed.inject(OrgUnitsService);
    units.list().subscribe();
    units.list('  hoàn kiếm ').subscribe();
    units.children('o-hn').subscribe();
    const all = backend.expectOne('/api/v1/org-units');
    expect(all.request.method).toBe('GET');
    backend.expectOne('/api/v1/org-units?q=ho%C3%A0n%20ki%E1%BA%BFm').flush([]);
    backend.expectOne('/api/v1/org-units/o-hn/children').flush([]);
    all.flush([]);
  });

  it('takes the units whose parent is not visible as the roots', () => {
    expect(visibleRoots([HANOI, BADINH, HOANKIEM, BRANCH1])).toEqual([HANOI]);
    expect(visibleRoots([BADINH, HOANKIEM, BRANCH1])).toEqual([BADINH, HOANKIEM]);
  });

  it('lists users with optional search and unit, and reads one', () => {
    const users = TestBed.inject(UsersService);
    users.list().subscribe();
    users.list({ q: 'nguyen van duc', orgUnitId: 'o-bd' }).subscribe();
    users.get('u 1').subscribe();
    backend.expectOne('/api/v1/users').flush([]);
    backend.expectOne('/api/v1/users?q=nguyen%20van%20duc&orgUnitId=o-bd').flush([]);
    backend.expectOne('/api/v1/users/u%201').flush({});
  });

  it('changes the own password with a POST', () => {
    TestBed.inject(UsersService).changeOwnPassword({ currentPassword: 'a', newPassword: 'b' }).subscribe();
    const req = backend.expectOne({ method: 'POST', url: '/api/v1/me/password' });
    expect(req.request.body).toEqual({ currentPassword: 'a', newPassword: 'b' });
    req.flush(null, { status: 204, statusText: 'No Content' });
  });
});
