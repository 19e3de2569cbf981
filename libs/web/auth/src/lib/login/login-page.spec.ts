import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { authInterceptor, LanguageService, SessionStore } from '@boiduong/web-core';
import { provideTranslateService, TranslateService } from '@ngx-translate/core';
import { Component } from '@angular/core';
import { LoginPage } from './login-page';

@Component({ template: '' })
class Blank {}

const VI = {
  login: {
    submit: 'Đăng nhập',
    submitting: 'Đang đăng nhập…',
    errors: { network: 'Không kết nối được máy chủ.', unexpected: 'Đã có lỗi xảy ra.' },
  },
};
const EN = {
  login: { submit: 'Sign in', submitting: 'Signing in…', errors: { network: 'Cannot reach the server.' } },
};

const BAD_CREDENTIALS = {
  code: 'AUTH_INVALID_CREDENTIALS',
  message: { vi: 'Tên đăng nhập hoặc mật khẩu không đúng', en: 'Wrong username or password' },
};

describe('LoginPage', () => {
  let backend: HttpTestingController;

  async function setup(url = '/login') {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'login', component: LoginPage },
          { path: '**', component: Blank },
        ]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideTranslateService({ fallbackLang: 'vi' }),
      ],
    });
    const translate = TestBed.inject(TranslateService);
    translate.setTranslation('vi', VI);
    translate.setTranslation('en', EN);
    await TestBed.inject(LanguageService).use('vi');
    backend = TestBed.inject(HttpTestingController);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url);
    const el = harness.routeNativeElement as HTMLElement;
    const q = <T extends HTMLElement>(id: string) => el.querySelector(`[data-testid="${id}"]`) as T | null;
    const type = (id: string, value: string) => {
      const input = q<HTMLInputElement>(id);
      if (!input) throw new Error(`no ${id}`);
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    const submit = async () => {
      type('login-username', 'nguyenvana');
      type('login-password', 'sai-mat-khau');
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
    expect(q('login-error')?.textContent?.trim()).toBe('Không kết nối được máy chủ.');
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
