import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Permission } from '@boiduong/shared-contracts';
import { LanguageService } from '@boiduong/web-core';
import { apiError, ORG_ADMIN, query, setupTestBed, type } from '@boiduong/web-testing';
import { BADINH, HANOI, VISIBLE_UNITS } from '../../test-fixtures';
import { UserForm } from './user-form';

describe('UserForm', () => {
  let backend: HttpTestingController;

  async function setup() {
    backend = await setupTestBed({ user: ORG_ADMIN, permissions: [Permission.UserRead, Permission.UserManage] });
    const fixture = TestBed.createComponent(UserForm);
    fixture.componentRef.setInput('units', VISIBLE_UNITS);
    const created = vi.fn();
    fixture.componentInstance.created.subscribe(created);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const q = query(root);
    const fillRequired = () => {
      type(q.byId('user-fullname'), ' Phạm Minh Châu ');
      type(q.byId('user-username'), 'phamminhchau');
      type(q.byId('user-password'), 'MatKhau@2025');
    };
    const submit = async () => {
      q.byId('user-form-submit')?.click();
      fixture.detectChanges();
    };
    return { fixture, root, created, fillRequired, submit, ...q };
  }

  afterEach(() => backend.verify());

  it('does not send an incomplete form and says what is missing', async () => {
    const t = await setup();
    type(t.byId('user-password'), 'short');
    await t.submit();
    await t.fixture.whenStable();
    backend.expectNone('/api/v1/users');
    expect(t.root.textContent).toContain('Vui lòng nhập họ và tên.');
    expect(t.root.querySelectorAll('mat-error').length).toBeGreaterThanOrEqual(3);
  });

  it('sends only the filled fields, granting the role on the chosen unit', async () => {
    const t = await setup();
    expect((t.byId('user-org-unit') as HTMLSelectElement).value).toBe(HANOI.id);
    t.fillRequired();
    type(t.byId('user-org-unit'), BADINH.id);
    await t.submit();
    const req = backend.expectOne({ method: 'POST', url: '/api/v1/users' });
    expect(req.request.body).toEqual({
      username: 'phamminhchau',
      password: 'MatKhau@2025',
      fullName: 'Phạm Minh Châu',
      orgUnitId: BADINH.id,
      roles: [{ role: 'learner', orgUnitId: BADINH.id }],
    });
    req.flush({ id: 'u-chau' });
    await t.fixture.whenStable();
    expect(t.created).toHaveBeenCalledWith({ id: 'u-chau' });
  });

  it('sends the profile and cadre fields when filled, and asks for employment once a title is chosen', async () => {
    const t = await setup();
    t.fillRequired();
    type(t.byId('user-email'), 'chau@example.vn');
    type(t.byId('user-dob'), '1995-03-08');
    type(t.byId('user-gender'), 'female');
    type(t.byId('user-phone'), '0912 345 678');
    type(t.byId('user-title'), 'secretary.commune');
    await t.submit();
    await t.fixture.whenStable();
    backend.expectNone('/api/v1/users');
    expect(t.byId('user-employment-required')).not.toBeNull();

    type(t.byId('user-employment'), 'part_time');
    type(t.byId('user-theory-level'), 'intermediate');
    const planned = t.byId('user-planned-titles')?.querySelectorAll<HTMLInputElement>('input[type="checkbox"]');
    planned?.[0].click();
    await t.submit();
    const req = backend.expectOne({ method: 'POST', url: '/api/v1/users' });
    expect(req.request.body).toMatchObject({
      email: 'chau@example.vn',
      dateOfBirth: '1995-03-08',
      gender: 'female',
      phone: '0912 345 678',
      cadre: { title: 'secretary.commune', plannedTitles: ['secretary.province'], employment: 'part_time', theoryLevel: 'intermediate' },
    });
    expect(req.request.body.cadre).not.toHaveProperty('education');
    req.flush({ id: 'u-chau' });
  });

  it('shows the API error in the current language', async () => {
    const t = await setup();
    t.fillRequired();
    await t.submit();
    backend
      .expectOne({ method: 'POST', url: '/api/v1/users' })
      .flush(apiError('USERNAME_TAKEN', 'Tên đăng nhập đã được dùng.', 'The username is taken.'), { status: 409, statusText: 'Conflict' });
    await t.fixture.whenStable();
    expect(t.text('user-form-error')).toBe('Tên đăng nhập đã được dùng.');
    await TestBed.inject(LanguageService).use('en');
    await t.fixture.whenStable();
    expect(t.text('user-form-error')).toBe('The username is taken.');
    expect(t.created).not.toHaveBeenCalled();
  });
});
