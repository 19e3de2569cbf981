import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Permission, type DiscussionAnswer, type DiscussionModerationItem, type DiscussionModerationPage } from '@boiduong/shared-contracts';
import { nextRequest, ORG_ADMIN, query, setupTestBed, type } from '@boiduong/web-testing';
import { CourseDiscussionLink } from './course-discussion-link';
import { CourseDiscussionPage } from './course-discussion-page';

const QUEUE = '/api/v1/courses/c-1/discussion/moderation';

const REPORTED: DiscussionAnswer = {
  id: 'a-1',
  kind: 'answer',
  courseId: 'c-1',
  lessonId: 'l-1',
  questionId: 'q-1',
  author: { id: 'u-b', fullName: 'Phạm Bình', role: 'learner' },
  bodyHtml: '<p>Mua khóa học cấp tốc tại đây</p>',
  createdAt: '2026-12-01T01:00:00.000Z',
  editedAt: null,
  mine: false,
  reportedByMe: false,
  canEdit: false,
  canDelete: false,
  hidden: null,
  openReports: 2,
  accepted: false,
  acceptedBy: null,
  acceptedAt: null,
};

const item = (post: DiscussionAnswer = REPORTED): DiscussionModerationItem => ({
  post,
  lessonTitle: 'Bài 1: Nội dung sinh hoạt',
  questionId: 'q-1',
  questionTitle: 'Chi đoàn sinh hoạt mấy lần?',
  reports: [
    { reporter: { id: 'u-duc', fullName: 'Nguyễn Văn Đức' }, reason: 'Quảng cáo', createdAt: '2026-12-01T02:00:00.000Z', resolvedAt: null },
    { reporter: { id: 'u-an', fullName: 'Trần Thị An' }, reason: null, createdAt: '2026-12-01T03:00:00.000Z', resolvedAt: null },
  ],
});

const page = (items: DiscussionModerationItem[], counts = { reported: items.length, hidden: 0 }, nextCursor: string | null = null): DiscussionModerationPage => ({ items, counts, nextCursor });

describe('CourseDiscussionPage', { timeout: 20_000 }, () => {
  let backend: HttpTestingController;

  async function setup(queue: DiscussionModerationPage) {
    backend = await setupTestBed({ user: ORG_ADMIN, permissions: [Permission.CourseTeach] });
    const fixture = TestBed.createComponent(CourseDiscussionPage);
    fixture.componentRef.setInput('courseId', 'c-1');
    fixture.detectChanges();
    backend.expectOne(`${QUEUE}?filter=reported`).flush(queue);
    (await nextRequest(backend, '/api/v1/courses/c-1', { render: fixture })).flush({ id: 'c-1', name: 'Lớp Văn phòng khóa 1', sessions: [] });
    (await nextRequest(backend, '/api/v1/courses/c-1/discussion/lessons', { render: fixture })).flush([
      { moduleId: 'm-1', moduleTitle: 'Chuyên đề 1', lessonId: 'l-1', lessonTitle: 'Bài 1: Nội dung sinh hoạt', questions: 3, unanswered: 1, lastActivityAt: null },
      { moduleId: 'm-1', moduleTitle: 'Chuyên đề 1', lessonId: 'l-2', lessonTitle: 'Bài 2: Hình thức', questions: 0, unanswered: 0, lastActivityAt: null },
    ]);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const settle = async () => {
      fixture.detectChanges();
      await fixture.whenStable();
    };
    return { fixture, root, settle, ...query(root) };
  }

  afterEach(() => backend.verify());

  it('lists reported posts with where they were written and who reported them, and hides one only with a reason', async () => {
    const t = await setup(page([item()], { reported: 1, hidden: 2 }));
    expect(t.text('moderation-course')).toBe('Lớp Văn phòng khóa 1');
    expect(t.text('moderation-filter-reported')).toBe('Bị báo cáo (1)');
    expect(t.text('moderation-filter-hidden')).toBe('Đã ẩn (2)');
    const row = t.byId('moderation-item') as HTMLElement;
    expect(row.textContent).toContain('Bài giảng: Bài 1: Nội dung sinh hoạt · Câu hỏi: Chi đoàn sinh hoạt mấy lần?');
    expect(t.text('moderation-author')).toContain('Phạm Bình (Học viên)');
    expect(t.text('moderation-body')).toBe('Mua khóa học cấp tốc tại đây');
    expect(t.allById('moderation-report').map((r) => r.textContent?.replace(/\s+/g, ' ').trim().replace(/ · \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:/, ':'))).toEqual([
      'Nguyễn Văn Đức: Quảng cáo',
      'Trần Thị An: (không ghi lý do)',
    ]);

    t.byId('moderation-hide')?.click();
    await t.settle();
    t.byId('moderation-hide-form-send')?.click();
    await t.settle();
    expect(t.text('moderation-hide-form-missing')).toBe('Vui lòng nhập lý do.');
    type(t.byId('moderation-hide-form-reason'), 'Quảng cáo, lạc đề');
    await t.settle();
    t.byId('moderation-hide-form-send')?.click();
    const hide = backend.expectOne('/api/v1/discussion/posts/a-1/hide');
    expect(hide.request.body).toEqual({ reason: 'Quảng cáo, lạc đề' });
    hide.flush({ ...REPORTED, hidden: { at: '2026-12-02T00:00:00.000Z', by: null, reason: 'Quảng cáo, lạc đề' }, openReports: 0 });
    (await nextRequest(backend, `${QUEUE}?filter=reported`, { render: t.fixture })).flush(page([], { reported: 0, hidden: 3 }));
    (await nextRequest(backend, '/api/v1/courses/c-1/discussion/lessons', { render: t.fixture })).flush([]);
    await t.settle();
    expect(t.text('moderation-notice')).toBe('Đã ẩn bài viết.');
    expect(t.text('moderation-empty')).toBe('Không có bài viết nào đang bị báo cáo.');
    expect(t.text('moderation-filter-hidden')).toBe('Đã ẩn (3)');
  });

  it('keeps a reported post, and restores a hidden one from the hidden list', async () => {
    const t = await setup(page([item()]));
    t.byId('moderation-keep')?.click();
    backend.expectOne('/api/v1/discussion/posts/a-1/restore').flush({ ...REPORTED, openReports: 0 });
    (await nextRequest(backend, `${QUEUE}?filter=reported`, { render: t.fixture })).flush(page([]));
    (await nextRequest(backend, '/api/v1/courses/c-1/discussion/lessons', { render: t.fixture })).flush([]);
    await t.settle();
    expect(t.text('moderation-notice')).toBe('Đã khôi phục bài viết và đóng các báo cáo.');

    t.byId('moderation-filter-hidden')?.click();
    const hidden = { ...REPORTED, openReports: 0, hidden: { at: '2026-12-02T00:00:00.000Z', by: { id: 'u-gv', fullName: 'Lê Minh Đức' }, reason: 'Lạc đề' } };
    (await nextRequest(backend, `${QUEUE}?filter=hidden`, { render: t.fixture })).flush(page([item(hidden)], { reported: 0, hidden: 1 }, 'NEXT'));
    await t.settle();
    expect(t.byId('moderation-filter-hidden')?.getAttribute('aria-pressed')).toBe('true');
    expect(t.text('moderation-hidden')).toContain('Đã ẩn bởi Lê Minh Đức');
    expect(t.text('moderation-hidden')).toContain('Lạc đề');
    expect(t.byId('moderation-hide')).toBeNull();

    t.byId('moderation-more')?.click();
    (await nextRequest(backend, `${QUEUE}?filter=hidden&cursor=NEXT`, { render: t.fixture })).flush(page([item({ ...hidden, id: 'a-2' })], { reported: 0, hidden: 2 }));
    await t.settle();
    expect(t.allById('moderation-item').map((r) => r.getAttribute('data-post-id'))).toEqual(['a-1', 'a-2']);

    t.byId('moderation-restore')?.click();
    backend.expectOne('/api/v1/discussion/posts/a-1/restore').flush({ ...REPORTED, openReports: 0 });
    (await nextRequest(backend, `${QUEUE}?filter=hidden`, { render: t.fixture })).flush(page([], { reported: 0, hidden: 1 }));
    (await nextRequest(backend, '/api/v1/courses/c-1/discussion/lessons', { render: t.fixture })).flush([]);
    await t.settle();
    expect(t.text('moderation-empty')).toBe('Không có bài viết nào bị ẩn.');
  });

  it('lists the course lessons with their questions and opens one in the discussion panel', async () => {
    const t = await setup(page([]));
    const lessons = t.allById('moderation-lesson');
    expect(lessons.map((l) => l.querySelector('[data-testid="moderation-lesson-counts"]')?.textContent?.trim())).toEqual([
      '3 câu hỏi · 1 chưa có trả lời',
      '0 câu hỏi · 0 chưa có trả lời',
    ]);
    (lessons[0].querySelector('[data-testid="moderation-lesson-open"]') as HTMLElement).click();
    (await nextRequest(backend, '/api/v1/courses/c-1/lessons/l-1/questions', { render: t.fixture })).flush({ items: [], nextCursor: null, viewer: { canWrite: true, canModerate: true, courseClosed: false } });
    await t.settle();
    expect(t.byId('moderation-lessons')?.querySelector('[data-testid="discussion-panel"]')).not.toBeNull();
    expect(t.text('discussion-empty')).toBe('Chưa có câu hỏi nào về bài giảng này.');
  });

  it('is reached from the course setup page', async () => {
    backend = await setupTestBed({ user: ORG_ADMIN, permissions: [Permission.CourseTeach] });
    const fixture = TestBed.createComponent(CourseDiscussionLink);
    fixture.componentRef.setInput('courseId', 'c-1');
    fixture.detectChanges();
    await fixture.whenStable();
    const link = (fixture.nativeElement as HTMLElement).querySelector('[data-testid="discussion-link"]');
    expect(link?.getAttribute('href')).toBe('/manage/courses/c-1/discussion');
    expect(link?.textContent?.trim()).toBe('Hỏi đáp và kiểm duyệt');
  });
});
