import { HttpTestingController } from '@angular/common/http/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { TestBed } from '@angular/core/testing';
import { Permission, type CheckInCode, type CheckInSheet } from '@boiduong/shared-contracts';
import { apiError, nextRequest, ORG_ADMIN, query, setupTestBed, type, until } from '@boiduong/web-testing';
import { formatTime } from '../ui/dates';
import { CHECK_IN_SHEET_POLL_MS, CheckInPage } from './check-in-page';

const SHEET: CheckInSheet = {
  sessionId: 's-1',
  open: false,
  openedAt: null,
  closesAt: null,
  courseId: 'c-1',
  courseName: 'Lớp Văn phòng khóa 1',
  sessionTitle: 'Buổi 1: Nghiệp vụ văn phòng',
  sessionPlace: 'Hội trường Thành đoàn',
  sessionStartsAt: '2026-12-02T01:00:00Z',
  enrolled: 2,
  attendees: [],
};
const OPEN: CheckInSheet = { ...SHEET, open: true, openedAt: '2026-12-02T01:00:00Z', closesAt: '2026-12-02T01:15:00Z' };
const code = (token: string, refreshInMs = 3_600_000): CheckInCode => ({
  sessionId: 's-1',
  token,
  path: `/learning/check-in?t=${token}`,
  stepSeconds: 30,
  expiresAt: '2026-12-02T01:01:00Z',
  refreshInMs,
  closesAt: '2026-12-02T01:15:00Z',
});
const SHEET_URL = '/api/v1/sessions/s-1/check-in';
const CODE_URL = '/api/v1/sessions/s-1/check-in/code';

describe('CheckInPage (lecturer)', { timeout: 20_000 }, () => {
  let backend: HttpTestingController;
  let fixture: ComponentFixture<CheckInPage> | undefined;

  /** The sheet is read at once, then every `pollMs` (an hour unless a test wants to see polling). */
  async function setup(sheet: CheckInSheet, pollMs = 3_600_000) {
    backend = await setupTestBed({ user: ORG_ADMIN, permissions: [Permission.CourseTeach], providers: [{ provide: CHECK_IN_SHEET_POLL_MS, useValue: pollMs }] });
    fixture = TestBed.createComponent(CheckInPage);
    fixture.componentRef.setInput('courseId', 'c-1');
    fixture.componentRef.setInput('sessionId', 's-1');
    (await nextRequest(backend, SHEET_URL, { render: fixture })).flush(sheet);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    return { fixture, root, ...query(root) };
  }

  /** Polls, re-rendering the page between tries. */
  const shown = <T>(probe: () => T | null | undefined | false) => until(probe, { render: () => fixture?.detectChanges() });

  const learnerUrl = (token: string) => new URL(`/learning/check-in?t=${token}`, document.baseURI).toString();

  afterEach(() => {
    // Stops the polling first: what it started after the test's last answer is cancelled, not outstanding.
    fixture?.destroy();
    fixture = undefined;
    backend.verify();
  });

  it('opens check-in and shows the QR of the learner’s address, replaced as each step starts', async () => {
    const t = await setup(SHEET);
    expect(t.text('check-in-session')).toContain('Buổi 1: Nghiệp vụ văn phòng · Lớp Văn phòng khóa 1');
    expect(t.text('check-in-status')).toBe('Chưa mở điểm danh.');
    expect(t.text('check-in-count')).toBe('Có mặt: 0/2 học viên');
    expect(t.text('check-in-empty')).toBe('Chưa có học viên nào điểm danh.');
    expect(t.byId('check-in-qr')).toBeNull();
    expect(t.byId('check-in-back')?.getAttribute('href')).toBe('/manage/courses/c-1');

    type(t.byId('check-in-minutes'), '20');
    t.byId('check-in-open')?.click();
    const opened = backend.expectOne({ method: 'POST', url: '/api/v1/sessions/s-1/check-in/open' });
    expect(opened.request.body).toEqual({ minutes: 20 });
    opened.flush({ sessionId: 's-1', open: true, openedAt: OPEN.openedAt, closesAt: '2026-12-02T01:20:00Z' });
    (await nextRequest(backend, SHEET_URL, { render: t.fixture })).flush({ ...OPEN, closesAt: '2026-12-02T01:20:00Z' });
    // Asked again as soon as the next step starts (here 20 ms away).
    (await nextRequest(backend, CODE_URL, { render: t.fixture })).flush(code('tok-1', 20));

    const qr = await shown(() => (t.byId('check-in-qr')?.getAttribute('data-url') === learnerUrl('tok-1') ? t.byId('check-in-qr') : null));
    expect(qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;charset=utf-8,%3Csvg/);
    expect(qr.getAttribute('alt')).toBe('Mã QR điểm danh Buổi 1: Nghiệp vụ văn phòng');
    expect(t.text('check-in-notice')).toBe(`Đã mở điểm danh đến ${formatTime('2026-12-02T01:20:00Z')}.`);
    expect(t.text('check-in-status')).toBe(`Đang mở điểm danh đến ${formatTime('2026-12-02T01:20:00Z')}`);
    expect(t.byId('check-in-open')?.textContent?.trim()).toBe('Gia hạn');

    (await nextRequest(backend, CODE_URL, { render: t.fixture })).flush(code('tok-2'));
    await shown(() => t.byId('check-in-qr')?.getAttribute('data-url') === learnerUrl('tok-2'));
    expect(backend.match(CODE_URL).filter((r) => !r.cancelled)).toEqual([]);
  });

  it('keeps the list of who is present up to date by reading it again', async () => {
    const t = await setup(OPEN, 40);
    (await nextRequest(backend, CODE_URL, { render: t.fixture })).flush(code('tok-1'));
    (await nextRequest(backend, SHEET_URL, { render: t.fixture })).flush({
      ...OPEN,
      attendees: [
        { userId: 'u-lan', username: 'lan', fullName: 'Lê Thị Lan', method: 'list', recordedAt: '2026-12-02T01:02:00Z' },
        { userId: 'u-duc', username: 'hocvien', fullName: 'Nguyễn Văn Đức', method: 'qr', recordedAt: '2026-12-02T01:03:00Z' },
      ],
    });
    await shown(() => t.allById('check-in-attendee').length === 2);
    expect(t.text('check-in-count')).toBe('Có mặt: 2/2 học viên');
    const rows = t.allById('check-in-attendee');
    expect(rows.map((r) => [r.getAttribute('data-username'), r.getAttribute('data-method')])).toEqual([['lan', 'list'], ['hocvien', 'qr']]);
    expect(rows[1].textContent).toContain('Nguyễn Văn Đức');
    expect(rows[1].textContent).toContain(`Quét mã QR ${formatTime('2026-12-02T01:03:00Z')}`);
    expect(rows[0].textContent).toContain('Theo danh sách');
  });

  it('closes check-in: the QR goes away and no code is asked for any more', async () => {
    const t = await setup(OPEN);
    (await nextRequest(backend, CODE_URL, { render: t.fixture })).flush(code('tok-1', 3_600_000));
    await shown(() => t.byId('check-in-qr'));

    t.byId('check-in-close')?.click();
    backend.expectOne({ method: 'POST', url: '/api/v1/sessions/s-1/check-in/close' }).flush({ ...OPEN, open: false, closesAt: '2026-12-02T01:05:00Z' });
    (await nextRequest(backend, SHEET_URL, { render: t.fixture })).flush({ ...OPEN, open: false, closesAt: '2026-12-02T01:05:00Z' });
    await t.fixture.whenStable();
    expect(t.byId('check-in-qr')).toBeNull();
    expect(t.byId('check-in-close')).toBeNull();
    expect(t.text('check-in-notice')).toBe('Đã đóng điểm danh.');
    expect(t.text('check-in-status')).toBe(`Đã đóng điểm danh lúc ${formatTime('2026-12-02T01:05:00Z')}.`);
    expect(t.byId('check-in-open')?.textContent?.trim()).toBe('Mở điểm danh');
    expect(backend.match(CODE_URL).filter((r) => !r.cancelled)).toEqual([]);
  });

  it('refuses a wrong number of minutes itself, and shows the API’s refusal', async () => {
    const t = await setup(SHEET);
    for (const bad of ['0', '241', '1.5', '']) {
      type(t.byId('check-in-minutes'), bad);
      t.byId('check-in-open')?.click();
      t.fixture.detectChanges();
      expect(t.text('check-in-minutes-invalid')).toBe('Thời gian mở phải là số phút nguyên từ 1 đến 240.');
    }
    backend.expectNone('/api/v1/sessions/s-1/check-in/open');

    type(t.byId('check-in-minutes'), '15');
    t.byId('check-in-open')?.click();
    backend.expectOne('/api/v1/sessions/s-1/check-in/open').flush(apiError('COURSE_CLOSED', 'Lớp đã kết thúc.', 'The course is closed.'), { status: 409, statusText: 'Conflict' });
    await t.fixture.whenStable();
    expect(t.byId('check-in-minutes-invalid')).toBeNull();
    expect(t.text('check-in-error')).toBe('Lớp đã kết thúc.');
    expect(t.byId('check-in-qr')).toBeNull();
  });

  it('shows why the code could not be read, and asks the sheet again', async () => {
    const t = await setup(OPEN);
    (await nextRequest(backend, CODE_URL, { render: t.fixture })).flush(apiError('CHECK_IN_CLOSED', 'Buổi học đã đóng điểm danh bằng mã QR.', 'Closed.'), { status: 409, statusText: 'Conflict' });
    expect(await shown(() => t.text('check-in-code-error'))).toBe('Buổi học đã đóng điểm danh bằng mã QR.');
    (await nextRequest(backend, SHEET_URL, { render: t.fixture })).flush({ ...OPEN, open: false });
    await t.fixture.whenStable();
    expect(t.byId('check-in-qr')).toBeNull();
    expect(t.text('check-in-status')).toBe(`Đã đóng điểm danh lúc ${formatTime(OPEN.closesAt ?? '')}.`);
  });
});
