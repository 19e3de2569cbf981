import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import type { AppNotification, NotificationPage } from '@boiduong/shared-contracts';
import { LanguageService, NotificationsService } from '@boiduong/web-core';
import { LEARNER, query, settled, setupTestBed } from '@boiduong/web-testing';
import { NotificationsPage } from './notifications-page';

const answered = (
  id: string,
  over: Partial<{ name: string; title: string; readAt: string | null }> = {},
): AppNotification => ({
  id,
  kind: 'discussion.answered',
  params: {
    courseId: 'c-1',
    lessonId: 'l-1',
    questionId: 'q-1',
    questionTitle: over.title ?? 'Sinh hoạt chi đoàn mấy lần?',
    answererName: over.name ?? 'Lê Minh Đức',
  },
  createdAt: '2026-11-29T03:00:00.000Z',
  readAt: over.readAt ?? null,
});

const page = (items: AppNotification[], unreadCount: number, nextCursor: string | null = null): NotificationPage => ({
  items,
  nextCursor,
  unreadCount,
});

describe('NotificationsPage', () => {
  let backend: HttpTestingController;

  async function setup() {
    backend = await setupTestBed({ user: LEARNER, routes: [{ path: '**', children: [] }] });
    const fixture = TestBed.createComponent(NotificationsPage);
    fixture.detectChanges();
    const root = fixture.nativeElement as HTMLElement;
    return { fixture, root, ...query(root) };
  }

  afterEach(() => backend.verify());

  it('renders each notification in Vietnamese from its params, linked to the lesson, and follows a language switch', async () => {
    const t = await setup();
    expect(t.byId('notifications-loading')).not.toBeNull();
    backend
      .expectOne('/api/v1/me/notifications')
      .flush(
        page(
          [
            answered('n-1'),
            answered('n-2', { name: 'Trần Thị Hà', title: 'Đoàn phí', readAt: '2026-11-29T04:00:00.000Z' }),
          ],
          1,
        ),
      );
    await settled(t.fixture);

    const items = t.allById('notification');
    expect(items.map((i) => i.querySelector('[data-testid="notification-text"]')?.textContent?.trim())).toEqual([
      'Lê Minh Đức đã trả lời câu hỏi «Sinh hoạt chi đoàn mấy lần?» của bạn',
      'Trần Thị Hà đã trả lời câu hỏi «Đoàn phí» của bạn',
    ]);
    expect(items.map((i) => i.dataset['read'])).toEqual(['false', 'true']);
    expect(items[0]?.querySelector('a')?.getAttribute('href')).toBe('/learning/courses/c-1/lessons/l-1?question=q-1');
    expect(t.byId('notifications-more')).toBeNull();

    await TestBed.inject(LanguageService).use('en');
    await settled(t.fixture);
    expect(t.allById('notification-text')[1]?.textContent?.trim()).toBe(
      'Trần Thị Hà answered your question “Đoàn phí”',
    );
  });

  it('words a regraded exam with its old and new score, linked to the attempt’s result', async () => {
    const t = await setup();
    const regraded: AppNotification = {
      id: 'n-9',
      kind: 'exam.regraded',
      params: {
        examId: 'e-1',
        examTitle: 'Kiểm tra cuối khóa',
        attemptId: 'a-1',
        oldScore: 5,
        newScore: 6,
        maxScore: 6,
        oldScaled10: 8.33,
        newScaled10: 10,
      },
      createdAt: '2026-11-29T03:00:00.000Z',
      readAt: null,
    };
    backend.expectOne('/api/v1/me/notifications').flush(page([regraded], 1));
    await settled(t.fixture);
    expect(t.text('notification-text')).toBe(
      'Bài thi «Kiểm tra cuối khóa» được chấm lại: điểm của bạn từ 8,33 thành 10 (thang 10)',
    );
    expect(t.byId('notification')?.querySelector('a')?.getAttribute('href')).toBe('/exams/attempts/a-1/result');
    // The reader's language decides the decimal mark too, also after a switch on the page.
    await TestBed.inject(LanguageService).use('en');
    await settled(t.fixture);
    expect(t.text('notification-text')).toContain('8.33');
    expect(t.text('notification-text')).not.toContain('8,33');
  });

  it('words released results, linked to the learner’s attempt', async () => {
    const t = await setup();
    const released: AppNotification = {
      id: 'n-10',
      kind: 'exam.resultsReleased',
      params: { examId: 'e-2', examTitle: 'Kiểm tra giữa khóa', attemptId: 'a-7' },
      createdAt: '2026-11-29T04:00:00.000Z',
      readAt: null,
    };
    backend.expectOne('/api/v1/me/notifications').flush(page([released], 1));
    await settled(t.fixture);
    expect(t.text('notification-text')).toBe('Đã có kết quả bài thi «Kiểm tra giữa khóa»');
    expect(t.byId('notification')?.querySelector('a')?.getAttribute('href')).toBe('/exams/attempts/a-7/result');
  });

  it('says so when there is nothing', async () => {
    const t = await setup();
    backend.expectOne('/api/v1/me/notifications').flush(page([], 0));
    await settled(t.fixture);
    expect(t.text('notifications-empty')).toBe('Chưa có thông báo nào.');
    expect(t.byId('notifications-mark-all')).toBeNull();
  });

  it('marks all read through the API and updates the list and the badge count', async () => {
    const t = await setup();
    backend.expectOne('/api/v1/me/notifications').flush(page([answered('n-1'), answered('n-2')], 2));
    await settled(t.fixture);
    expect(TestBed.inject(NotificationsService).unread()).toBe(2);

    t.byId('notifications-mark-all')?.click();
    const req = backend.expectOne('/api/v1/me/notifications/read-all');
    expect(req.request.method).toBe('POST');
    req.flush({ unreadCount: 0 });
    await settled(t.fixture);

    expect(t.allById('notification').map((i) => i.dataset['read'])).toEqual(['true', 'true']);
    expect(TestBed.inject(NotificationsService).unread()).toBe(0);
    expect(t.byId('notifications-mark-all')).toBeNull();
  });

  it('marks one read when it is opened, and only unread ones', async () => {
    const t = await setup();
    backend
      .expectOne('/api/v1/me/notifications')
      .flush(page([answered('n-1'), answered('n-2', { readAt: '2026-11-29T04:00:00.000Z' })], 1));
    await settled(t.fixture);

    t.allById('notification')[1]?.querySelector('a')?.click();
    backend.expectNone('/api/v1/me/notifications/n-2/read');
    t.allById('notification')[0]?.querySelector('a')?.click();
    backend.expectOne({ method: 'POST', url: '/api/v1/me/notifications/n-1/read' }).flush({ unreadCount: 0 });
    await settled(t.fixture);
    expect(TestBed.inject(Router).url).toBe('/learning/courses/c-1/lessons/l-1?question=q-1');
    expect(TestBed.inject(NotificationsService).unread()).toBe(0);
  });

  it('loads older ones by cursor, each shown once, and shows the API’s error in the reader’s language', async () => {
    const t = await setup();
    backend.expectOne('/api/v1/me/notifications').flush(page([answered('n-3'), answered('n-2')], 3, 'cursor-1'));
    await settled(t.fixture);

    t.byId('notifications-more')?.click();
    // n-2 again: one arrived meanwhile and pushed it onto this page.
    backend
      .expectOne('/api/v1/me/notifications?cursor=cursor-1')
      .flush(page([answered('n-2'), answered('n-1')], 3, 'cursor-2'));
    await settled(t.fixture);
    expect(t.allById('notification')).toHaveLength(3);

    t.byId('notifications-more')?.click();
    backend.expectOne('/api/v1/me/notifications?cursor=cursor-2').flush(
      {
        code: 'NOTIFICATION_CURSOR_INVALID',
        message: { vi: 'Vị trí phân trang không hợp lệ.', en: 'The page cursor is invalid.' },
        details: null,
        requestId: 'r',
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settled(t.fixture);
    expect(t.text('notifications-error')).toBe('Vị trí phân trang không hợp lệ.');
    expect(t.allById('notification')).toHaveLength(3);
  });
});
