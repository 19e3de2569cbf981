import { HttpClient, HttpErrorResponse, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { TEST_LOGIN } from '../../test-fixtures';
import { SessionStore } from '../session/session.store';
import { authInterceptor } from './auth.interceptor';
import { AuthService } from './auth.service';

describe('authInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let session: SessionStore;
  let router: Router;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    session = TestBed.inject(SessionStore);
    router = TestBed.inject(Router);
  });

  afterEach(() => backend.verify());

  const unauthorized = { status: 401, statusText: 'Unauthorized' };
  const errorBody = { code: 'UNAUTHENTICATED', message: { vi: 'Phiên đã hết hạn', en: 'Session expired' } };

  it('adds the bearer token to API requests', () => {
    session.start(TEST_LOGIN);
    http.get('/api/v1/me').subscribe();
    expect(backend.expectOne('/api/v1/me').request.headers.get('Authorization')).toBe('Bearer a1');
  });

  it('sends no Authorization header without a session', () => {
    http.get('/api/v1/health').subscribe();
    expect(backend.expectOne('/api/v1/health').request.headers.has('Authorization')).toBe(false);
  });

  it('leaves requests outside the API alone', () => {
    session.start(TEST_LOGIN);
    http.get('/i18n/vi.json').subscribe();
    expect(backend.expectOne('/i18n/vi.json').request.headers.has('Authorization')).toBe(false);
  });

  it('on 401 refreshes once, stores the new pair and retries with the new token', () => {
    session.start(TEST_LOGIN);
    let result: unknown;
    http.get('/api/v1/me').subscribe((body) => (result = body));

    backend.expectOne('/api/v1/me').flush(errorBody, unauthorized);

    const refresh = backend.expectOne('/api/v1/auth/refresh');
    expect(refresh.request.method).toBe('POST');
    expect(refresh.request.body).toEqual({ refreshToken: 'r1' });
    expect(refresh.request.headers.has('Authorization')).toBe(false);
    refresh.flush({ accessToken: 'a2', refreshToken: 'r2', expiresIn: 900 });

    const retried = backend.expectOne('/api/v1/me');
    expect(retried.request.headers.get('Authorization')).toBe('Bearer a2');
    retried.flush({ ok: true });

    expect(result).toEqual({ ok: true });
    expect(session.refreshToken()).toBe('r2');
  });

  it('shares one refresh between concurrent 401s (the refresh token is single-use)', () => {
    session.start(TEST_LOGIN);
    http.get('/api/v1/a').subscribe();
    http.get('/api/v1/b').subscribe();
    backend.expectOne('/api/v1/a').flush(errorBody, unauthorized);
    backend.expectOne('/api/v1/b').flush(errorBody, unauthorized);

    backend.expectOne('/api/v1/auth/refresh').flush({ accessToken: 'a2', refreshToken: 'r2', expiresIn: 900 });

    for (const url of ['/api/v1/a', '/api/v1/b']) {
      const retried = backend.expectOne(url);
      expect(retried.request.headers.get('Authorization')).toBe('Bearer a2');
      retried.flush({});
    }
  });

  it('does not refresh a second time when the retried request is also refused', () => {
    session.start(TEST_LOGIN);
    let error: HttpErrorResponse | undefined;
    http.get('/api/v1/me').subscribe({ error: (e: HttpErrorResponse) => (error = e) });

    backend.expectOne('/api/v1/me').flush(errorBody, unauthorized);
    backend.expectOne('/api/v1/auth/refresh').flush({ accessToken: 'a2', refreshToken: 'r2', expiresIn: 900 });
    backend.expectOne('/api/v1/me').flush(errorBody, unauthorized);

    backend.expectNone('/api/v1/auth/refresh');
    expect(error?.status).toBe(401);
  });

  it('when the refresh is rejected, clears the session, goes to login and reports the original 401', async () => {
    session.start(TEST_LOGIN);
    const navigate = vi.spyOn(router, 'navigate').mockResolvedValue(true);
    let error: HttpErrorResponse | undefined;
    http.get('/api/v1/me').subscribe({ error: (e: HttpErrorResponse) => (error = e) });

    backend.expectOne('/api/v1/me').flush(errorBody, unauthorized);
    backend.expectOne('/api/v1/auth/refresh').flush(errorBody, unauthorized);

    expect(error?.status).toBe(401);
    expect(error?.url).toBe('/api/v1/me');
    expect(session.isAuthenticated()).toBe(false);
    expect(localStorage.length).toBe(0);
    expect(navigate).toHaveBeenCalledWith(['/login'], expect.anything());
  });

  it('keeps the session when the refresh fails for lack of network', () => {
    session.start(TEST_LOGIN);
    let error: HttpErrorResponse | undefined;
    http.get('/api/v1/me').subscribe({ error: (e: HttpErrorResponse) => (error = e) });

    backend.expectOne('/api/v1/me').flush(errorBody, unauthorized);
    backend.expectOne('/api/v1/auth/refresh').error(new ProgressEvent('error'));

    expect(error?.status).toBe(401);
    expect(session.isAuthenticated()).toBe(true);
  });

  it('leaves the login request alone, even with a session open', () => {
    session.start(TEST_LOGIN);
    let error: HttpErrorResponse | undefined;
    TestBed.inject(AuthService)
      .login({ username: 'x', password: 'y' })
      .subscribe({ error: (e: HttpErrorResponse) => (error = e) });
    const login = backend.expectOne('/api/v1/auth/login');
    expect(login.request.headers.has('Authorization')).toBe(false);
    login.flush(errorBody, unauthorized);
    backend.expectNone('/api/v1/auth/refresh');
    expect(error?.status).toBe(401);
  });

  it('passes other errors through untouched', () => {
    session.start(TEST_LOGIN);
    let error: HttpErrorResponse | undefined;
    http.get('/api/v1/me').subscribe({ error: (e: HttpErrorResponse) => (error = e) });
    backend.expectOne('/api/v1/me').flush(errorBody, { status: 403, statusText: 'Forbidden' });
    backend.expectNone('/api/v1/auth/refresh');
    expect(error?.status).toBe(403);
    expect(session.isAuthenticated()).toBe(true);
  });
});
