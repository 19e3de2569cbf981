import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { DiscussionAnswer, DiscussionQuestion, DiscussionThread, DiscussionViewer } from '@boiduong/shared-contracts';
import { apiError, LEARNER, query, setupTestBed, type } from '@boiduong/web-testing';
import { LessonDiscussion } from './lesson-discussion';

const LEARNER_VIEW: DiscussionViewer = { canWrite: true, canModerate: false, courseClosed: false };
const TEACHER_VIEW: DiscussionViewer = { canWrite: true, canModerate: true, courseClosed: false };

const base = {
  courseId: 'c-1',
  lessonId: 'l-1',
  bodyHtml: '<p>Nội dung</p>',
  createdAt: '2026-12-01T01:00:00.000Z',
  editedAt: null,
  mine: false,
  reportedByMe: false,
  canEdit: false,
  canDelete: false,
  hidden: null,
  openReports: 0,
};

function question(over: Partial<DiscussionQuestion> = {}): DiscussionQuestion {
  return {
    ...base,
    id: 'q-1',
    kind: 'question',
    author: { id: 'u-an', fullName: 'Trần Thị An', role: 'learner' },
    title: 'Chi đoàn sinh hoạt mấy lần một tháng?',
    answerCount: 0,
    acceptedAnswerId: null,
    lastActivityAt: '2026-12-01T01:00:00.000Z',
    ...over,
  };
}

function answer(over: Partial<DiscussionAnswer> = {}): DiscussionAnswer {
  return {
    ...base,
    id: 'a-1',
    kind: 'answer',
    questionId: 'q-1',
    author: { id: 'u-gv', fullName: 'Lê Minh Đức', role: 'lecturer' },
    bodyHtml: '<p>Mỗi tháng một lần.</p>',
    accepted: false,
    acceptedBy: null,
    acceptedAt: null,
    ...over,
  };
}

const LIST = '/api/v1/courses/c-1/lessons/l-1/questions';

describe('LessonDiscussion', { timeout: 20_000 }, () => {
  let backend: HttpTestingController;

  async function setup(items: DiscussionQuestion[], viewer: DiscussionViewer = LEARNER_VIEW, nextCursor: string | null = null) {
    backend = await setupTestBed({ user: LEARNER });
    const fixture = TestBed.createComponent(LessonDiscussion);
    fixture.componentRef.setInput('courseId', 'c-1');
    fixture.componentRef.setInput('lessonId', 'l-1');
    fixture.detectChanges();
    backend.expectOne(LIST).flush({ items, nextCursor, viewer });
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const settle = async () => {
      fixture.detectChanges();
      await fixture.whenStable();
    };
    return { fixture, root, settle, ...query(root) };
  }

  function thread(over: Partial<DiscussionThread> = {}): DiscussionThread {
    return { question: question({ answerCount: 1 }), accepted: null, answers: [answer()], nextCursor: null, viewer: LEARNER_VIEW, ...over };
  }

  afterEach(() => backend.verify());

  it('lists questions by latest activity with answer counts and the accepted mark, and pages on', async () => {
    const t = await setup([question({ answerCount: 2, acceptedAnswerId: 'a-9' }), question({ id: 'q-2', title: 'Hỏi về đoàn phí', author: { id: 'u-gv', fullName: 'Lê Minh Đức', role: 'lecturer' } })], LEARNER_VIEW, 'CUR1');
    const rows = t.allById('discussion-question');
    expect(rows.map((r) => r.querySelector('[data-testid="discussion-question-title"]')?.textContent?.trim())).toEqual(['Chi đoàn sinh hoạt mấy lần một tháng?', 'Hỏi về đoàn phí']);
    expect(rows[0].querySelector('[data-testid="discussion-answer-count"]')?.textContent?.trim()).toBe('2 câu trả lời');
    expect(rows[0].querySelector('[data-testid="discussion-has-accepted"]')?.textContent).toContain('Đã có câu trả lời được chấp nhận');
    expect(rows[1].querySelector('[data-testid="discussion-has-accepted"]')).toBeNull();
    expect(rows[1].textContent).toContain('(Giảng viên)');

    t.byId('discussion-more')?.click();
    // A question that moved up meanwhile is not shown twice.
    backend.expectOne(`${LIST}?cursor=CUR1`).flush({ items: [question({ id: 'q-2' }), question({ id: 'q-3', title: 'Câu cũ' })], nextCursor: null, viewer: LEARNER_VIEW });
    await t.settle();
    expect(t.allById('discussion-question').map((r) => r.getAttribute('data-question-id'))).toEqual(['q-1', 'q-2', 'q-3']);
    expect(t.byId('discussion-more')).toBeNull();
  });

  it('checks a question before sending it as escaped paragraphs, then shows it first', async () => {
    const t = await setup([question()]);
    expect(t.text('discussion-empty')).toBeUndefined();
    t.byId('discussion-ask-toggle')?.click();
    await t.settle();
    t.byId('discussion-ask-submit')?.click();
    await t.settle();
    expect(t.text('discussion-ask-invalid')).toBe('Vui lòng nhập tiêu đề câu hỏi.');
    type(t.byId('discussion-ask-title'), '  Sinh hoạt chi đoàn <b>định kỳ</b>?  ');
    await t.settle();
    t.byId('discussion-ask-submit')?.click();
    await t.settle();
    expect(t.text('discussion-ask-invalid')).toBe('Vui lòng nhập nội dung.');
    backend.expectNone(LIST);

    type(t.byId('discussion-ask-body'), 'Thưa thầy,\nem hỏi <script>x</script>\n\nCảm ơn thầy.');
    await t.settle();
    expect(t.byId('discussion-ask-form')?.textContent).toContain('50/10000 ký tự');
    t.byId('discussion-ask-submit')?.click();
    const sent = backend.expectOne(LIST);
    expect(sent.request.method).toBe('POST');
    expect(sent.request.body).toEqual({ title: 'Sinh hoạt chi đoàn <b>định kỳ</b>?', bodyHtml: '<p>Thưa thầy,<br>em hỏi &lt;script&gt;x&lt;/script&gt;</p><p>Cảm ơn thầy.</p>' });
    sent.flush(question({ id: 'q-new', title: 'Sinh hoạt chi đoàn <b>định kỳ</b>?', mine: true }));
    await t.settle();
    expect(t.text('discussion-notice')).toBe('Đã gửi câu hỏi.');
    expect(t.allById('discussion-question').map((r) => r.getAttribute('data-question-id'))).toEqual(['q-new', 'q-1']);
    // Shown as text, never as markup.
    expect(t.byId('discussion-question-title')?.querySelector('b')).toBeNull();
    expect(t.byId('discussion-ask-form')).toBeNull();
  });

  it('shows the API refusal of a question in the current language', async () => {
    const t = await setup([]);
    expect(t.text('discussion-empty')).toBe('Chưa có câu hỏi nào về bài giảng này.');
    t.byId('discussion-ask-toggle')?.click();
    await t.settle();
    type(t.byId('discussion-ask-title'), 'Câu hỏi');
    type(t.byId('discussion-ask-body'), 'Nội dung');
    await t.settle();
    t.byId('discussion-ask-submit')?.click();
    backend.expectOne(LIST).flush(apiError('DISCUSSION_READ_ONLY', 'Lớp đã kết thúc; phần hỏi đáp chỉ còn để xem.', 'The course is closed; its discussion is read-only.'), {
      status: 409,
      statusText: 'Conflict',
    });
    await t.settle();
    expect(t.text('discussion-ask-error')).toBe('Lớp đã kết thúc; phần hỏi đáp chỉ còn để xem.');
  });

  it('opens the question a link names once the list is in, and leaves the others closed', async () => {
    backend = await setupTestBed({ user: LEARNER });
    const fixture = TestBed.createComponent(LessonDiscussion);
    fixture.componentRef.setInput('courseId', 'c-1');
    fixture.componentRef.setInput('lessonId', 'l-1');
    fixture.componentRef.setInput('openQuestion', 'q-2');
    fixture.detectChanges();
    backend.expectOne(LIST).flush({ items: [question(), question({ id: 'q-2', title: 'Hỏi về đoàn phí' })], nextCursor: null, viewer: LEARNER_VIEW });
    fixture.detectChanges();
    await fixture.whenStable();
    backend.expectOne('/api/v1/discussion/questions/q-2').flush(thread({ question: question({ id: 'q-2', title: 'Hỏi về đoàn phí', answerCount: 1 }) }));
    fixture.detectChanges();
    await fixture.whenStable();
    const t = query(fixture.nativeElement as HTMLElement);
    expect(t.allById('discussion-question-toggle').map((b) => b.getAttribute('aria-expanded'))).toEqual(['false', 'true']);
    expect(t.allById('discussion-answer')).toHaveLength(1);
  });

  it('opens a question with its accepted answer pinned and highlighted, and answers it', async () => {
    const t = await setup([question({ answerCount: 2, acceptedAnswerId: 'a-2' })]);
    t.byId('discussion-question-toggle')?.click();
    await t.settle();
    const accepted = answer({ id: 'a-2', accepted: true, acceptedBy: { id: 'u-gv', fullName: 'Lê Minh Đức' }, bodyHtml: '<p>Mỗi tháng <strong>một lần</strong>.</p>' });
    backend.expectOne('/api/v1/discussion/questions/q-1').flush(
      thread({ question: question({ answerCount: 2, acceptedAnswerId: 'a-2' }), accepted, answers: [answer({ id: 'a-1', author: { id: 'u-b', fullName: 'Phạm Bình', role: 'learner' }, bodyHtml: '<p>Hai lần.</p>' }), accepted] }),
    );
    await t.settle();
    const pinned = t.byId('discussion-accepted');
    expect(pinned?.querySelector('[data-testid="post-accepted"]')?.textContent?.replace(/\s+/g, ' ').trim()).toBe('✓ Câu trả lời được chấp nhận · Lê Minh Đức chấp nhận');
    expect(pinned?.querySelector('.post.accepted [data-testid="post-body"] strong')?.textContent).toBe('một lần');
    expect(pinned?.querySelector('[data-testid="post-role"]')?.textContent?.trim()).toBe('Giảng viên');
    // The list below keeps the other answers only.
    expect(t.allById('discussion-answer').map((a) => a.getAttribute('data-answer-id'))).toEqual(['a-1']);
    // A learner accepts nothing.
    expect(t.byId('post-accept')).toBeNull();

    t.byId('discussion-answer-submit')?.click();
    await t.settle();
    expect(t.text('discussion-answer-invalid')).toBe('Vui lòng nhập nội dung.');
    type(t.byId('discussion-answer-body'), 'Em bổ sung: họp bất thường khi cần.');
    await t.settle();
    t.byId('discussion-answer-submit')?.click();
    const posted = backend.expectOne('/api/v1/discussion/questions/q-1/answers');
    expect(posted.request.body).toEqual({ bodyHtml: '<p>Em bổ sung: họp bất thường khi cần.</p>' });
    posted.flush(answer({ id: 'a-3', mine: true }));
    backend.expectOne('/api/v1/discussion/questions/q-1').flush(thread({ question: question({ answerCount: 3, acceptedAnswerId: 'a-2' }), accepted, answers: [accepted, answer({ id: 'a-3', mine: true })] }));
    await t.settle();
    expect(t.text('discussion-thread-notice')).toBe('Đã gửi câu trả lời.');
    expect((t.byId('discussion-answer-body') as HTMLTextAreaElement).value).toBe('');
    // The row follows the thread.
    expect(t.text('discussion-answer-count')).toBe('3 câu trả lời');
  });

  it('reports someone else’s answer once, with an optional reason', async () => {
    const t = await setup([question({ answerCount: 1 })]);
    t.byId('discussion-question-toggle')?.click();
    await t.settle();
    backend.expectOne('/api/v1/discussion/questions/q-1').flush(thread({ question: question({ answerCount: 1, mine: true, canEdit: true }) }));
    await t.settle();
    const answerRow = t.byId('discussion-answer') as HTMLElement;
    // Nobody reports their own question.
    expect(t.byId('discussion-thread')?.querySelector('[data-kind="question"] [data-testid="post-report"]')).toBeNull();
    (answerRow.querySelector('[data-testid="post-report"]') as HTMLElement).click();
    await t.settle();
    type(answerRow.querySelector('[data-testid="post-report-form-reason"]'), 'Sai quy định');
    await t.settle();
    (answerRow.querySelector('[data-testid="post-report-form-send"]') as HTMLElement).click();
    const sent = backend.expectOne('/api/v1/discussion/posts/a-1/reports');
    expect(sent.request.body).toEqual({ reason: 'Sai quy định' });
    sent.flush(answer({ reportedByMe: true }));
    backend.expectOne('/api/v1/discussion/questions/q-1').flush(thread({ answers: [answer({ reportedByMe: true })] }));
    await t.settle();
    expect(t.text('discussion-thread-notice')).toBe('Đã gửi báo cáo tới giảng viên của lớp.');
    expect(t.text('post-reported')).toBe('Bạn đã báo cáo bài viết này');
    expect(t.byId('discussion-answer')?.querySelector('[data-testid="post-report"]')).toBeNull();
  });

  it('lets a teacher accept an answer and hide a post only with a reason', async () => {
    const t = await setup([question({ answerCount: 1, openReports: 1 })], TEACHER_VIEW);
    expect(t.byId('discussion-question')?.textContent).toContain('1 báo cáo chờ xử lý');
    t.byId('discussion-question-toggle')?.click();
    await t.settle();
    backend.expectOne('/api/v1/discussion/questions/q-1').flush(thread({ viewer: TEACHER_VIEW, answers: [answer({ author: { id: 'u-b', fullName: 'Phạm Bình', role: 'learner' }, openReports: 1 })] }));
    await t.settle();
    const row = t.byId('discussion-answer') as HTMLElement;
    expect(row.querySelector('[data-testid="post-open-reports"]')?.textContent?.trim()).toBe('1 báo cáo chờ xử lý');
    expect(row.querySelector('[data-testid="post-restore"]')?.textContent?.trim()).toBe('Giữ lại');

    (row.querySelector('[data-testid="post-accept"]') as HTMLElement).click();
    const mark = backend.expectOne('/api/v1/discussion/questions/q-1/accepted-answer');
    expect(mark.request.method).toBe('PUT');
    expect(mark.request.body).toEqual({ answerId: 'a-1' });
    mark.flush(question({ acceptedAnswerId: 'a-1' }));
    const acceptedAnswer = answer({ accepted: true, acceptedBy: { id: 'u-gv', fullName: 'Lê Minh Đức' } });
    backend.expectOne('/api/v1/discussion/questions/q-1').flush(thread({ viewer: TEACHER_VIEW, question: question({ answerCount: 1, acceptedAnswerId: 'a-1' }), accepted: acceptedAnswer, answers: [acceptedAnswer] }));
    await t.settle();
    expect(t.text('discussion-thread-notice')).toBe('Đã chấp nhận câu trả lời.');
    expect(t.byId('discussion-accepted')?.querySelector('[data-testid="post-unaccept"]')).not.toBeNull();
    expect(t.text('discussion-has-accepted')).toContain('Đã có câu trả lời được chấp nhận');

    const questionPost = t.byId('discussion-thread')?.querySelector('[data-kind="question"]') as HTMLElement;
    (questionPost.querySelector('[data-testid="post-hide"]') as HTMLElement).click();
    await t.settle();
    (questionPost.querySelector('[data-testid="post-hide-form-send"]') as HTMLElement).click();
    await t.settle();
    expect(questionPost.querySelector('[data-testid="post-hide-form-missing"]')?.textContent?.trim()).toBe('Vui lòng nhập lý do.');
    backend.expectNone('/api/v1/discussion/posts/q-1/hide');
    type(questionPost.querySelector('[data-testid="post-hide-form-reason"]'), 'Quảng cáo');
    await t.settle();
    (questionPost.querySelector('[data-testid="post-hide-form-send"]') as HTMLElement).click();
    const hide = backend.expectOne('/api/v1/discussion/posts/q-1/hide');
    expect(hide.request.body).toEqual({ reason: 'Quảng cáo' });
    const hidden = { at: '2026-12-02T01:00:00.000Z', by: { id: 'u-gv', fullName: 'Lê Minh Đức' }, reason: 'Quảng cáo' };
    hide.flush(question({ hidden }));
    backend.expectOne('/api/v1/discussion/questions/q-1').flush(thread({ viewer: TEACHER_VIEW, question: question({ hidden, answerCount: 1 }) }));
    await t.settle();
    expect(t.byId('discussion-thread')?.querySelector('[data-kind="question"] [data-testid="post-hidden"]')?.textContent).toContain('Đã ẩn bởi Lê Minh Đức');
    expect(t.byId('discussion-thread')?.querySelector('[data-kind="question"] [data-testid="post-restore"]')?.textContent?.trim()).toBe('Khôi phục');
    expect(t.text('discussion-question-hidden')).toBe('Đã ẩn');
  });

  it('lets the author edit and delete an unanswered question', async () => {
    const t = await setup([question({ mine: true, canEdit: true, canDelete: true, bodyHtml: '<p>Dòng một<br>dòng hai</p>' })]);
    t.byId('discussion-question-toggle')?.click();
    await t.settle();
    const mine = question({ mine: true, canEdit: true, canDelete: true, bodyHtml: '<p>Dòng một<br>dòng hai</p>' });
    backend.expectOne('/api/v1/discussion/questions/q-1').flush(thread({ question: mine, answers: [] }));
    await t.settle();
    expect(t.text('discussion-no-answers')).toBe('Chưa có câu trả lời.');
    t.byId('post-edit')?.click();
    await t.settle();
    expect((t.byId('post-edit-body') as HTMLTextAreaElement).value).toBe('Dòng một\ndòng hai');
    expect((t.byId('post-edit-title') as HTMLInputElement).value).toBe('Chi đoàn sinh hoạt mấy lần một tháng?');
    type(t.byId('post-edit-body'), 'Dòng một đã sửa');
    await t.settle();
    t.byId('post-edit-save')?.click();
    const edit = backend.expectOne('/api/v1/discussion/posts/q-1');
    expect(edit.request.method).toBe('PATCH');
    expect(edit.request.body).toEqual({ title: 'Chi đoàn sinh hoạt mấy lần một tháng?', bodyHtml: '<p>Dòng một đã sửa</p>' });
    edit.flush({ ...mine, bodyHtml: '<p>Dòng một đã sửa</p>', editedAt: '2026-12-01T02:00:00.000Z' });
    backend.expectOne('/api/v1/discussion/questions/q-1').flush(thread({ question: { ...mine, bodyHtml: '<p>Dòng một đã sửa</p>', editedAt: '2026-12-01T02:00:00.000Z' }, answers: [] }));
    await t.settle();
    expect(t.text('post-body')).toBe('Dòng một đã sửa');
    expect(t.byId('post-edit-form')).toBeNull();

    t.byId('post-delete')?.click();
    await t.settle();
    t.byId('post-delete-yes')?.click();
    const del = backend.expectOne('/api/v1/discussion/posts/q-1');
    expect(del.request.method).toBe('DELETE');
    del.flush({ deleted: 'q-1' });
    await t.settle();
    expect(t.text('discussion-notice')).toBe('Đã xóa bài viết.');
    expect(t.allById('discussion-question')).toHaveLength(0);
    expect(t.byId('discussion-thread')).toBeNull();
  });

  it('keeps a closed course readable without any way to write', async () => {
    const closed: DiscussionViewer = { canWrite: false, canModerate: false, courseClosed: true };
    const t = await setup([question({ answerCount: 1 })], closed);
    expect(t.text('discussion-read-only')).toBe('Lớp đã kết thúc: phần hỏi đáp chỉ còn để xem.');
    expect(t.byId('discussion-ask-toggle')).toBeNull();
    t.byId('discussion-question-toggle')?.click();
    await t.settle();
    backend.expectOne('/api/v1/discussion/questions/q-1').flush(thread({ viewer: closed }));
    await t.settle();
    expect(t.byId('discussion-answer')).not.toBeNull();
    expect(t.byId('discussion-answer-form')).toBeNull();
  });

  it('starts over when another lesson is shown', async () => {
    const t = await setup([question()]);
    t.fixture.componentRef.setInput('lessonId', 'l-2');
    t.fixture.detectChanges();
    backend.expectOne('/api/v1/courses/c-1/lessons/l-2/questions').flush({ items: [], nextCursor: null, viewer: LEARNER_VIEW });
    await t.settle();
    expect(t.text('discussion-empty')).toBe('Chưa có câu hỏi nào về bài giảng này.');
  });
});
