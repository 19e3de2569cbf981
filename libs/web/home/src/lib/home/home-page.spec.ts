import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { query, setupTestBed } from '@boiduong/web-testing';
import { HomePage } from './home-page';

describe('HomePage', () => {
  let backend: HttpTestingController;

  async function setup() {
    backend = await setupTestBed({
      user: {
        id: 'u1',
        username: 'tranthib',
        fullName: 'Trần Thị Bích',
        email: null,
        orgUnit: { id: 'o1', code: 'DN', name: 'Thành Đoàn Đà Nẵng', type: 'province' },
        roles: [
          { role: 'lecturer', orgUnitId: 'o1', orgUnitCode: 'DN', orgUnitName: 'Thành Đoàn Đà Nẵng' },
          { role: 'org_admin', orgUnitId: 'o2', orgUnitCode: 'DN-HC', orgUnitName: 'Đoàn phường Hải Châu' },
        ],
        permissions: [],
        mustChangePassword: false,
      },
    });
    const fixture = TestBed.createComponent(HomePage);
    // Not whenStable(): the pending health request keeps the app unstable until flushed.
    fixture.detectChanges();
    return { fixture, text: query(fixture.nativeElement as HTMLElement).text };
  }

  afterEach(() => backend.verify());

  it('greets the user by full name and lists each role with its unit', async () => {
    const { fixture, text } = await setup();
    backend.expectOne('/api/v1/health').flush({ status: 'ok', down: [], components: {}, version: '1', uptimeSeconds: 1 });
    await fixture.whenStable();
    expect(text('home-greeting')).toBe('Xin chào, Trần Thị Bích!');
    const items = [...(fixture.nativeElement as HTMLElement).querySelectorAll('[data-testid="role-list"] li')];
    expect(items.map((li) => li.textContent?.trim())).toEqual([
      'Giảng viên Thành Đoàn Đà Nẵng',
      'Quản trị đơn vị Đoàn phường Hải Châu',
    ]);
  });

  it('reports a healthy system', async () => {
    const { fixture, text } = await setup();
    expect(text('system-status')).toBe('Đang kiểm tra trạng thái hệ thống…');
    backend.expectOne('/api/v1/health').flush({ status: 'ok', down: [], components: {}, version: '', uptimeSeconds: 1 });
    await fixture.whenStable();
    expect(text('system-status')).toBe('Hệ thống hoạt động bình thường');
  });

  it('reads the 503 body and names the components that are down', async () => {
    const { fixture, text } = await setup();
    backend
      .expectOne('/api/v1/health')
      .flush(
        { status: 'error', down: ['redis'], components: {}, version: '', uptimeSeconds: 1 },
        { status: 503, statusText: 'Service Unavailable' },
      );
    await fixture.whenStable();
    expect(text('system-status')).toBe('Hệ thống đang gặp sự cố Thành phần ngừng hoạt động: redis');
  });
});
