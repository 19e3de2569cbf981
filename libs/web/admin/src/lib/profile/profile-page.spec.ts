import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { LanguageService } from '@boiduong/web-core';
import { apiError, ORG_ADMIN, query, setupTestBed, type } from '@boiduong/web-testing';
import { ProfilePage } from './profile-page';

describe('ProfilePage', () => {
  let backend: HttpTestingController;

  async function setup() {
    backend = await setupTestBed({ user: ORG_ADMIN, permissions: [] });
    const fixture = TestBed.createComponent(ProfilePage);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const q = query(root);
    const fill = (current: string, next: string, confirm: string) => {
      type(q.byId('password-current'), current);
      type(q.byId('password-new'), next);
      type(q.byId('password-confirm'), confirm);
    };
    const submit = () => {
      q.byId('password-submit')?.click();
      fixture.detectChanges();
    };
    return { fixture, root, fill, submit, ...q };
  }

  afterEach(() => backend.verify());

  it('shows the signed-in user from the session', async () => {
    const t = await setup();
    expect(t.text('profile-name')).toBe('Trần Thị Hà');
    expect(t.text('profile-username')).toBe('admin.hanoi');
    expect(t.text('profile-email')).toBe('ha@example.vn');
    expect(t.text('profile-unit')).toBe('Thành đoàn Hà Nội · Tỉnh/Thành');
    expect(t.text('profile-roles')).toBe('Quản trị đơn vị Thành đoàn Hà Nội');
  });

  it('refuses a mismatched confirmation or a short password without calling the API', async () => {
    const t = await setup();
    t.fill('BoiDuong@2025', 'MatKhauMoi@2026', 'MatKhauKhac@2026');
    t.submit();
    await t.fixture.whenStable();
    expect(t.text('password-mismatch')).toBe('Mật khẩu nhập lại không khớp.');
    t.fill('BoiDuong@2025', 'ngan', 'ngan');
    t.submit();
    await t.fixture.whenStable();
    expect(t.root.querySelectorAll('mat-error').length).toBe(1);
    backend.expectNone('/api/v1/me/password');
  });

  it('posts the current and new password and confirms on 204', async () => {
    const t = await setup();
    t.fill('BoiDuong@2025', 'MatKhauMoi@2026', 'MatKhauMoi@2026');
    t.submit();
    const req = backend.expectOne({ method: 'POST', url: '/api/v1/me/password' });
    expect(req.request.body).toEqual({ currentPassword: 'BoiDuong@2025', newPassword: 'MatKhauMoi@2026' });
    req.flush(null, { status: 204, statusText: 'No Content' });
    await t.fixture.whenStable();
    expect(t.text('password-success')).toBe('Đã đổi mật khẩu.');
    expect((t.byId('password-new') as HTMLInputElement).value).toBe('');
  });

  it('shows a wrong current password in the current language', async () => {
    const t = await setup();
    t.fill('sai-mat-khau', 'MatKhauMoi@2026', 'MatKhauMoi@2026');
    t.submit();
    backend
      .expectOne('/api/v1/me/password')
      .flush(apiError('AUTH_INVALID_CREDENTIALS', 'Mật khẩu hiện tại không đúng.', 'The current password is wrong.'), {
        status: 400,
        statusText: 'Bad Request',
      });
    await t.fixture.whenStable();
    expect(t.text('password-error')).toBe('Mật khẩu hiện tại không đúng.');
    await TestBed.inject(LanguageService).use('en');
    await t.fixture.whenStable();
    expect(t.text('password-error')).toBe('The current password is wrong.');
    expect(t.byId('password-success')).toBeNull();
  });
});
