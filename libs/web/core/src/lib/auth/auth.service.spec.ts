import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { TEST_LOGIN } from '../../test-fixtures';
import { SessionStore } from '../session/session.store';
import { authInterceptor } from './auth.interceptor';
import { AuthService } from './auth.service';

describe('AuthService', () => {
  let backend: HttpTestingController;
  let auth: AuthService;
  let session: SessionStore;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(withInterceptors([authInterceptor])), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    auth = TestBed.inject(AuthService);
    session = TestBed.inject(SessionStore);
  });

  afterEach(() => backend.verify());

  it('starts a session from a successful login', () => {
    let name: string | undefined;
    auth.login({ username: 'nguyenvana', password: 'secret' }).subscribe((user) => (name = user.fullName));
    const req = backend.expectOne('/api/v1/auth/login');
    expect(req.request.body).toEqual({ username: 'nguyenvana', password: 'secret' });
    req.flush(TEST_LOGIN);
    expect(name).toBe('Nguyễn Văn A');
    expect(session.accessToken()).toBe('a1');
  });

  it('logs out locally at once and tells the server which refresh token to revoke', async () => {
    session.start(TEST_LOGIN);
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    await auth.logout();
    expect(session.isAuthenticated()).toBe(false);
    expect(navigate).toHaveBeenCalledWith('/login');
    const req = backend.expectOne('/api/v1/auth/logout');
    expect(req.request.body).toEqual({ refreshToken: 'r1' });
    expect(req.request.headers.get('Authorization')).toBe('Bearer a1');
    req.flush(null, { status: 204, statusText: 'No Content' });
  });

  it('updates the cached user from /me', () => {
    session.start(TEST_LOGIN);
    auth.loadCurrentUser().subscribe();
    backend.expectOne('/api/v1/me').flush({ ...TEST_LOGIN.user, fullName: 'Nguyễn Văn B' });
    expect(session.user()?.fullName).toBe('Nguyễn Văn B');
  });
});
