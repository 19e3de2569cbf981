import type { HttpTestingController } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { authInterceptor, LanguageService, SessionStore } from '@boiduong/web-core';
import { apiError, setupTestBed, type } from '@boiduong/web-testing';
import { LoginPage } from './login-page';

@Component({ template: '' })
class Blank {}

const BAD_CREDENTIALS = apiError('AUTH_INVALID_CREDENTIALS', 'Tên đăng nhập hoặc mật khẩu không đúng', 'Wrong username or password');

describe('LoginPage', () => {
  let backend: HttpTestingController;

  async function setup(url = '/login') {
    backend = await setupTestBed({
      user: null,
      interceptors: [authInterceptor],
      routes: [
        { path: 'login', component: LoginPage },
        { path: '**', component: Blank },
      ],
    });
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url);
    const el = harness.routeNativeElement as HTMLElement;
    const q = <T extends HTMLElement>(id: string) => el.querySelector(`[data-testid="${id}"]`) as T | null;
    const submit = async () => {
      type(q('login-username'), 'nguyenvana');
      type(q('login-password'), 'sai-mat-khau');
      q<HTMLButtonElement>('login-submit')?.click();
      await harness.fixture.whenStable();
    };
    return { harness, q, submit };
  }

  afterEach(() => backend.verify());

  it('posts the credentials and disables the button while waiting', async () => {
    const { harness, q, submit } = await setup();
    await submit();
    const req = backend.expectOne('/api/v1/auth/login');
    expect(req.request.body).toEqual({ username: 'nguyenvana', password: 'sai-mat-khau' });
    expect(q<HTMLButtonElement>('login-submit')?.disabled).toBe(true);
    expect(q('login-submit')?.textContent?.trim()).toBe('Đang đăng nhập…');
    req.flush(BAD_CREDENTIALS, { status: 401, statusText: 'Unauthorized' });
    await harness.fixture.whenStable();
    expect(q<HTMLButtonElement>('login-submit')?.disabled).toBe(false);
  });

  it('shows the API error message in the current language, and follows a language switch', async () => {
    const { harness, q, submit } = await setup();
    await submit();
    backend.expectOne('/api/v1/auth/login').flush(BAD_CREDENTIALS, { status: 401, statusText: 'Unauthorized' });
    await harness.fixture.whenStable();
    expect(q('login-error')?.textContent?.trim()).toBe('Tên đăng nhập hoặc mật khẩu không đúng');

    q<HTMLButtonElement>('lang-switch')?.click();
    await harness.fixture.whenStable();
    expect(TestBed.inject(LanguageService).lang()).toBe('en');
    expect(q('login-error')?.textContent?.trim()).toBe('Wrong username or password');
  });

  it('explains a network failure in words of its own', async () => {
    const { harness, q, submit } = await setup();
    await submit();
    backend.expectOne('/api/v1/auth/login').error(new ProgressEvent('error'));
    await harness.fixture.whenStable();
    expect(q('login-error')?.textContent?.trim()).toBe('Không kết nối được máy chủ. Vui lòng kiểm tra kết nối mạng rồi thử lại.');
  });

  it('does not call the API with empty fields', async () => {
    const { harness, q } = await setup();
    q<HTMLButtonElement>('login-submit')?.click();
    await harness.fixture.whenStable();
    backend.expectNone('/api/v1/auth/login');
  });

  it('on success starts the session and goes back where the user was headed', async () => {
    const { harness, submit } = await setup('/login?returnUrl=%2Fcourses%2F7');
    await submit();
    backend.expectOne('/api/v1/auth/login').flush({
      accessToken: 'a1',
      refreshToken: 'r1',
      expiresIn: 900,
      user: { id: 'u1', fullName: 'Nguyễn Văn A', permissions: [], roles: [] },
    });
    await harness.fixture.whenStable();
    expect(TestBed.inject(SessionStore).accessToken()).toBe('a1');
    expect(TestBed.inject(Router).url).toBe('/courses/7');
  });

  it('refuses to redirect off-site after login', async () => {
    const { harness, submit } = await setup('/login?returnUrl=%2F%2Fevil.example');
    await submit();
    backend.expectOne('/api/v1/auth/login').flush({ accessToken: 'a1', refreshToken: 'r1', expiresIn: 900, user: {} });
    await harness.fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/');
  });
});
