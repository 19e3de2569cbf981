import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { apiError, LEARNER, nextRequest, query, setupTestBed, until } from '@boiduong/web-testing';
import { courseDetail } from '../../test-fixtures';
import type { MyCourseDetail } from '../data/learning.models';
import { LessonPage, mediaOf } from './lesson-page';

const LEARNER_VIEW = { canWrite: true, canModerate: false, courseClosed: false };

describe('LessonPage', { timeout: 20_000 }, () => {
  let backend: HttpTestingController;

  /** `settle: false` leaves the follow-up requests (progress, file link) open for the test to answer first. */
  async function setup(lessonId: string, detail: MyCourseDetail = courseDetail(), settle = true) {
    backend = await setupTestBed({ user: LEARNER });
    const fixture = TestBed.createComponent(LessonPage);
    fixture.componentRef.setInput('courseId', 'c-1');
    fixture.componentRef.setInput('lessonId', lessonId);
    fixture.detectChanges();
    backend.expectOne('/api/v1/me/courses/c-1').flush(detail);
    if (settle) await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    return { fixture, root, ...query(root) };
  }

  // The discussion panel under the lesson asks for its questions (its own spec covers it); nothing else may be left unanswered.
  afterEach(() => {
    for (const r of backend.match((req) => /\/lessons\/[^/]+\/questions$/.test(req.url))) if (!r.cancelled) r.flush({ items: [], nextCursor: null, viewer: LEARNER_VIEW });
    backend.verify();
  });

  it('records the opening, marks the lesson complete and moves the course progress', async () => {
    const t = await setup('l-2');
    const opened = backend.expectOne('/api/v1/lessons/l-2/progress');
    expect(opened.request.body).toEqual({});
    opened.flush({ lessonId: 'l-2', videoWatchedShare: 0 });
    await t.fixture.whenStable();
    expect(t.text('lesson-title')).toBe('Bài 2');
    expect(t.text('lesson-course-progress')).toBe('Đã học 1/3 bài (33%)');
    expect(t.byId('lesson-previous')?.getAttribute('href')).toBe('/learning/courses/c-1/lessons/l-1');
    expect(t.byId('lesson-next')?.getAttribute('href')).toBe('/learning/courses/c-1/lessons/l-3');

    t.byId('lesson-complete')?.click();
    backend.expectOne('/api/v1/lessons/l-2/complete').flush({
      lessonId: 'l-2',
      courses: [{ courseId: 'c-1', lessonsTotal: 3, lessonsCompleted: 2, sessionsTotal: 0, sessionsAttended: 0, completed: false }],
    });
    await t.fixture.whenStable();
    expect(t.text('lesson-completed-notice')).toBe('Đã ghi nhận hoàn thành bài giảng.');
    expect(t.text('lesson-done')).toContain('Đã hoàn thành');
    expect(t.byId('lesson-complete')).toBeNull();
    expect(t.text('lesson-course-progress')).toBe('Đã học 2/3 bài (67%)');
  });

  it('renders lesson HTML without anything executable', async () => {
    const detail = courseDetail();
    detail.modules[0].lessons[0].bodyHtml = '<p>Nội dung <strong>chính</strong></p><script>window.hacked = 1</script><a href="javascript:alert(1)">x</a>';
    const t = await setup('l-1', detail);
    // Already opened: no progress request.
    const body = t.byId('lesson-body');
    expect(body?.querySelector('strong')?.textContent).toBe('chính');
    expect(body?.querySelector('script')).toBeNull();
    expect(body?.querySelector('a')?.getAttribute('href') ?? '').not.toMatch(/^javascript:/);
    expect((window as unknown as { hacked?: number }).hacked).toBeUndefined();
    expect(t.byId('lesson-complete')).toBeNull();
  });

  it('plays an uploaded video from its signed address and reports the watched share in steps', async () => {
    const detail = courseDetail();
    Object.assign(detail.modules[1].lessons[0], { kind: 'file', fileId: 'f-1', bodyHtml: null });
    const t = await setup('l-3', detail, false);
    (await nextRequest(backend, '/api/v1/lessons/l-3/progress', { method: 'POST', render: t.fixture })).flush({ lessonId: 'l-3', videoWatchedShare: 0 });
    const link = await nextRequest(backend, '/api/v1/files/f-1/link', { method: 'POST', render: t.fixture });
    expect(link.request.method).toBe('POST');
    link.flush({ fileId: 'f-1', path: '/files/f-1/content?expires=9&signature=s', expiresAt: '', contentType: 'video/mp4', originalName: 'bai-3.mp4', sizeBytes: 1000 });
    const video = (await until(() => t.byId('lesson-video'), { render: t.fixture })) as HTMLVideoElement;
    expect(video.getAttribute('src')).toBe('/api/v1/files/f-1/content?expires=9&signature=s');
    expect(video.hasAttribute('playsinline')).toBe(true);

    Object.defineProperty(video, 'duration', { value: 100 });
    Object.defineProperty(video, 'currentTime', { value: 5, writable: true });
    video.dispatchEvent(new Event('timeupdate'));
    backend.expectNone('/api/v1/lessons/l-3/progress');
    video.currentTime = 40;
    video.dispatchEvent(new Event('timeupdate'));
    const report = backend.expectOne('/api/v1/lessons/l-3/progress');
    expect(report.request.body).toEqual({ videoWatchedShare: 0.4 });
    report.flush({ lessonId: 'l-3', videoWatchedShare: 0.4 });
    expect((await until(() => t.byId('lesson-watched'), { render: t.fixture }))?.textContent?.trim()).toBe('Đã xem 40% video');
    video.dispatchEvent(new Event('ended'));
    expect(backend.expectOne('/api/v1/lessons/l-3/progress').request.body).toEqual({ videoWatchedShare: 1 });
  });

  it('shows why study is refused (course closed for study) and keeps the button', async () => {
    const t = await setup('l-2');
    backend.expectOne('/api/v1/lessons/l-2/progress').flush(apiError('COURSE_NOT_OPEN_FOR_STUDY', 'Lớp hiện không mở để học.', 'The course is not open for study now.'), {
      status: 409,
      statusText: 'Conflict',
    });
    await t.fixture.whenStable();
    expect(t.text('lesson-study-error')).toBe('Lớp hiện không mở để học.');
    expect(t.byId('lesson-complete')).not.toBeNull();
  });

  it('shows the lesson\'s questions and answers of the class under the content', async () => {
    const t = await setup('l-1');
    const list = backend.expectOne('/api/v1/courses/c-1/lessons/l-1/questions');
    list.flush({
      items: [
        {
          id: 'q-1',
          kind: 'question',
          courseId: 'c-1',
          lessonId: 'l-1',
          author: { id: 'u-an', fullName: 'Trần Thị An', role: 'learner' },
          title: 'Chi đoàn sinh hoạt mấy lần một tháng?',
          bodyHtml: '<p>?</p>',
          createdAt: '2026-12-01T01:00:00.000Z',
          editedAt: null,
          mine: false,
          reportedByMe: false,
          canEdit: false,
          canDelete: false,
          hidden: null,
          openReports: 0,
          answerCount: 2,
          acceptedAnswerId: 'a-1',
          lastActivityAt: '2026-12-01T02:00:00.000Z',
        },
      ],
      nextCursor: null,
      viewer: LEARNER_VIEW,
    });
    await t.fixture.whenStable();
    const panel = t.byId('lesson')?.querySelector('[data-testid="discussion-panel"]');
    expect(panel?.querySelector('h2')?.textContent?.trim()).toBe('Hỏi đáp');
    expect(t.text('discussion-question-title')).toBe('Chi đoàn sinh hoạt mấy lần một tháng?');
    expect(t.text('discussion-answer-count')).toBe('2 câu trả lời');
    // Under the content: after the lesson body and the pager.
    const order = [...(t.byId('lesson')?.querySelectorAll('[data-testid="lesson-body"], nav.pager, [data-testid="discussion-panel"]') ?? [])].map((e) => e.tagName.toLowerCase());
    expect(order).toEqual(['div', 'nav', 'section']);
  });

  it('says so for a lesson outside the course, and sorts files into media kinds', async () => {
    const t = await setup('l-x');
    expect(t.text('lesson-missing')).toBe('Bài giảng này không thuộc lớp học.');
    expect(mediaOf('video/mp4')).toBe('video');
    expect(mediaOf('image/png')).toBe('image');
    expect(mediaOf('application/pdf')).toBe('pdf');
    expect(mediaOf('application/vnd.openxmlformats-officedocument.presentationml.presentation')).toBe('document');
  });
});
