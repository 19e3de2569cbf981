import type { HttpTestingController } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { Permission, type CheckInResult } from '@boiduong/shared-contracts';
import { LanguageService, permissionGuard } from '@boiduong/web-core';
import { apiError, LEARNER, query, setupTestBed } from '@boiduong/web-testing';
import { learningRoutes } from '../learning.routes';
import { formatDateTime } from '../ui/dates';
import { CheckInPage } from './check-in-page';

const RESULT: CheckInResult = {
  status: 'checked_in',
  sessionId: 's-1',
  sessionTitle: 'Buổi 1: Kỹ năng tổ chức sinh hoạt',
  courseId: 'c-7',
  courseName: 'Lớp Bí thư chi đoàn 2026',
  method: 'qr',
  recordedAt: '2026-12-02T01:03:00Z',
};

describe('CheckInPage (learner)', { timeout: 20_000 }, () => {
  let backend: HttpTestingController;

  async function setup(token: string | undefined) {
    backend = await setupTestBed({ user: LEARNER });
    const fixture = TestBed.createComponent(CheckInPage);
    fixture.componentRef.setInput('t', token);
    fixture.detectChanges();
    const root = fixture.nativeElement as HTMLElement;
    return { fixture, root, ...query(root) };
  }

  afterEach(() => backend.verify());

  it('sends the code once and says the learner is checked in, for which session and course', async () => {
    const t = await setup('tok-1');
    expect(t.text('check-in-pending')).toBe('Đang ghi nhận điểm danh…');
    const sent = backend.expectOne({ method: 'POST', url: '/api/v1/check-in' });
    expect(sent.request.body).toEqual({ token: 'tok-1' });
    sent.flush(RESULT);
    await t.fixture.whenStable();
    expect(t.byId('check-in-result')?.getAttribute('data-status')).toBe('checked_in');
    expect(t.text('check-in-verdict')).toBe('Điểm danh thành công');
    expect(t.text('check-in-what')).toBe('Buổi 1: Kỹ năng tổ chức sinh hoạtLớp Bí thư chi đoàn 2026');
    expect(t.text('check-in-when')).toBe(`Ghi nhận lúc ${formatDateTime(RESULT.recordedAt)}`);
    expect(t.byId('check-in-course')?.getAttribute('href')).toBe('/learning/courses/c-7');
    expect(t.byId('check-in-pending')).toBeNull();
    expect(t.byId('check-in-error')).toBeNull();
  });

  it('says so when the learner had already checked in', async () => {
    const t = await setup('tok-1');
    backend.expectOne('/api/v1/check-in').flush({ ...RESULT, status: 'already_checked_in' });
    await t.fixture.whenStable();
    expect(t.byId('check-in-result')?.getAttribute('data-status')).toBe('already_checked_in');
    expect(t.text('check-in-verdict')).toBe('Bạn đã điểm danh buổi này rồi');
  });

  it('shows the API’s reason when the code is refused, in the chosen language', async () => {
    const t = await setup('tok-old');
    backend
      .expectOne('/api/v1/check-in')
      .flush(apiError('CHECK_IN_TOKEN_EXPIRED', 'Mã điểm danh đã hết hạn. Hãy quét lại mã QR đang chiếu tại lớp.', 'The check-in code has expired. Scan the QR code shown in the room again.'), {
        status: 409,
        statusText: 'Conflict',
      });
    await t.fixture.whenStable();
    expect(t.text('check-in-error')).toBe('Mã điểm danh đã hết hạn. Hãy quét lại mã QR đang chiếu tại lớp.');
    expect(t.byId('check-in-result')).toBeNull();
    expect(t.byId('check-in-my-courses')?.getAttribute('href')).toBe('/learning');
    await TestBed.inject(LanguageService).use('en');
    t.fixture.detectChanges();
    expect(t.text('check-in-error')).toBe('The check-in code has expired. Scan the QR code shown in the room again.');
  });

  it('asks to scan the QR when the address carries no code, without calling the API', async () => {
    const t = await setup(undefined);
    await t.fixture.whenStable();
    expect(t.text('check-in-missing')).toBe('Đường dẫn không có mã điểm danh. Hãy quét mã QR đang chiếu tại lớp.');
    backend.expectNone('/api/v1/check-in');
  });
});

@Component({ template: '' })
class LoginStub {}

/** The address the QR encodes, through the app's guard and the learning routes. */
describe('the check-in address', { timeout: 20_000 }, () => {
  let backend: HttpTestingController;

  async function boot(signedIn: boolean) {
    backend = await setupTestBed({
      user: signedIn ? LEARNER : null,
      routes: [
        { path: 'login', component: LoginStub },
        { path: 'learning', canActivate: [permissionGuard], data: { permissions: [Permission.CourseStudy] }, children: learningRoutes },
      ],
    });
    return RouterTestingHarness.create();
  }

  afterEach(() => backend.verify());

  it('keeps the code in the return address when the learner must sign in first', async () => {
    const harness = await boot(false);
    await harness.navigateByUrl('/learning/check-in?t=AbC-123_x');
    expect(TestBed.inject(Router).url).toBe('/login?returnUrl=%2Flearning%2Fcheck-in%3Ft%3DAbC-123_x');
    backend.expectNone('/api/v1/check-in');
  });

  it('hands the code of the address to the page, which sends it', async () => {
    const harness = await boot(true);
    await harness.navigateByUrl('/learning/check-in?t=AbC-123_x');
    const sent = backend.expectOne('/api/v1/check-in');
    expect(sent.request.body).toEqual({ token: 'AbC-123_x' });
    sent.flush(RESULT);
    await harness.fixture.whenStable();
    expect(query(harness.routeNativeElement as HTMLElement).text('check-in-verdict')).toBe('Điểm danh thành công');
  });
});
