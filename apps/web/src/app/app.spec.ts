import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { Permission } from '@boiduong/shared-contracts';
import { authInterceptor, LANGUAGE_STORAGE_KEY, provideNavItems, SESSION_STORAGE_KEY } from '@boiduong/web-core';
import { setupTestBed } from '@boiduong/web-testing';
import { appRoutes } from './app.routes';

const USER = {
  id: 'u1',
  username: 'lethic',
  fullName: 'Lê Thị Cúc',
  email: null,
  orgUnit: { id: 'o1', code: 'CT', name: 'Thành Đoàn Cần Thơ', type: 'province' as const },
  roles: [{ role: 'lecturer' as const, orgUnitId: 'o1', orgUnitCode: 'CT', orgUnitName: 'Thành Đoàn Cần Thơ' }],
  permissions: [Permission.CourseStudy],
  mustChangePassword: false,
};

describe('App routes and shell', () => {
  let backend: HttpTestingController;

  async function setup(signedIn: boolean) {
    backend = await setupTestBed({
      user: signedIn ? USER : null,
      routes: appRoutes,
      interceptors: [authInterceptor],
      providers: [
        provideNavItems(
          { path: '/', labelKey: 'nav.home', order: 0 },
          { path: '/users', labelKey: 'nav.users', order: 1, permissions: [Permission.UserRead] },
          { path: '/learning', labelKey: 'learning.nav.myCourses', order: 2, permissions: [Permission.CourseStudy] },
        ),
      ],
    });
    const harness = await RouterTestingHarness.create();
    const q = (id: string) => harness.routeNativeElement?.ownerDocument.querySelector(`[data-testid="${id}"]`) as HTMLElement | null;
    return { harness, q };
  }

  afterEach(() => backend.match(() => true).forEach((req) => req.cancelled || req.flush({})));

  /** The home page asks for health on arrival; answer so the app can settle. */
  const flushHealth = () =>
    backend.expectOne('/api/v1/health').flush({ status: 'ok', down: [], components: {}, version: '', uptimeSeconds: 1 });

  it('sends a signed-out visitor to login', async () => {
    const { harness } = await setup(false);
    await harness.navigateByUrl('/');
    expect(TestBed.inject(Router).url).toBe('/login');
  });

  it('shows the full name, and only the nav items the user may use', async () => {
    const { harness, q } = await setup(true);
    await harness.navigateByUrl('/');
    expect(q('user-name')?.textContent?.trim()).toBe('Lê Thị Cúc');
    const nav = [...document.querySelectorAll('nav a')].map((a) => a.textContent?.trim());
    expect(nav).toEqual(['Trang chủ', 'Học tập của tôi']);
  });

  it('shows the unread count on the bell, asked again after each navigation', async () => {
    const { harness, q } = await setup(true);
    await harness.navigateByUrl('/');
    flushHealth();
    backend.match('/api/v1/me/notifications?limit=1').forEach((req) => req.flush({ items: [], nextCursor: null, unreadCount: 4 }));
    await harness.fixture.whenStable();
    expect(q('notifications-badge')?.textContent?.trim()).toBe('4');
    expect(q('notifications-link')?.getAttribute('href')).toBe('/notifications');

    await harness.navigateByUrl('/profile');
    backend.expectOne('/api/v1/me/notifications?limit=1').flush({ items: [], nextCursor: null, unreadCount: 0 });
    await harness.fixture.whenStable();
    expect(q('notifications-badge')).toBeNull();
    expect(q('notifications-link')).not.toBeNull();
  });

  it('switches the interface to English from the toolbar and remembers it', async () => {
    const { harness, q } = await setup(true);
    await harness.navigateByUrl('/');
    flushHealth();
    q('lang-switch')?.click();
    await harness.fixture.whenStable();
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');
    expect(q('logout')?.textContent?.trim()).toBe('Log out');
  });

  it('logs out: forgets the tokens, tells the API and returns to login', async () => {
    const { harness, q } = await setup(true);
    await harness.navigateByUrl('/');
    flushHealth();
    q('logout')?.click();
    await harness.fixture.whenStable();
    expect(localStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
    expect(backend.expectOne('/api/v1/auth/logout').request.body).toEqual({ refreshToken: 'r' });
    expect(TestBed.inject(Router).url).toBe('/login');
  });

  it('keeps the admin screens behind their permissions and opens the profile to any signed-in user', async () => {
    const { harness } = await setup(true);
    await harness.navigateByUrl('/admin/units');
    expect(TestBed.inject(Router).url).toBe('/forbidden');
    await harness.navigateByUrl('/admin/users');
    expect(TestBed.inject(Router).url).toBe('/forbidden');
    await harness.navigateByUrl('/profile');
    expect(TestBed.inject(Router).url).toBe('/profile');
  });

  it('shows the not-found page for an unknown address', async () => {
    const { harness, q } = await setup(true);
    await harness.navigateByUrl('/no-such-page');
    expect(q('status-title')?.textContent?.trim()).toBe('Không tìm thấy trang');
  });
});
