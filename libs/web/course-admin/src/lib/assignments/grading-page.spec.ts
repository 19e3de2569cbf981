import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { apiError, nextRequest, ORG_ADMIN, query, setupTestBed, type } from '@boiduong/web-testing';
import type { AssignmentSummary, SubmissionListItem } from '../data/course-admin.models';
import { GradingPage } from './grading-page';

const ASSIGNMENT: AssignmentSummary = {
  id: 'a-1',
  courseId: 'c-1',
  moduleId: null,
  title: 'Thu hoạch thực tế cơ sở',
  instructionsHtml: '',
  dueAt: null,
  cutoffAt: null,
  maxPoints: 10,
  submissionKind: 'both',
  required: true,
  createdAt: '2026-12-01T01:00:00Z',
  submitted: 1,
  ungraded: 1,
};
const SUBMISSION: SubmissionListItem = {
  id: 's-1',
  assignmentId: 'a-1',
  userId: 'u-duc',
  username: 'hocvien',
  fullName: 'Nguyễn Văn Đức',
  version: 2,
  textBody: 'Báo cáo khảo sát Đoàn phường',
  file: { id: 'f-1', originalName: 'bao-cao.pdf', contentType: 'application/pdf', sizeBytes: 1200 },
  submittedAt: '2026-12-05T01:00:00Z',
  late: true,
  status: 'submitted',
  score: null,
  passed: null,
  comment: null,
  gradedAt: null,
};

describe('GradingPage', { timeout: 20_000 }, () => {
  let backend: HttpTestingController;

  async function setup() {
    backend = await setupTestBed({ user: ORG_ADMIN });
    const fixture = TestBed.createComponent(GradingPage);
    fixture.componentRef.setInput('courseId', 'c-1');
    fixture.componentRef.setInput('assignmentId', 'a-1');
    fixture.detectChanges();
    backend.expectOne('/api/v1/courses/c-1/assignments').flush([ASSIGNMENT]);
    backend.expectOne('/api/v1/assignments/a-1/submissions?filter=ungraded').flush([SUBMISSION]);
    await fixture.whenStable();
    return { fixture, ...query(fixture.nativeElement as HTMLElement) };
  }

  afterEach(() => backend.verify());

  it('lists ungraded work, opens one, checks the score and grades the version it read', async () => {
    const t = await setup();
    expect(t.allById('submission-row').map((r) => r.getAttribute('data-username'))).toEqual(['hocvien']);
    expect(t.text('submission-row')).toContain('Nộp muộn');
    t.byId('submission-open')?.click();
    t.fixture.detectChanges();
    expect(t.text('submission-text')).toBe('Báo cáo khảo sát Đoàn phường');
    expect(t.text('submission-download')).toBe('Tải tệp bao-cao.pdf');
    type(t.byId('grade-score'), '11');
    t.byId('grade-save')?.click();
    t.fixture.detectChanges();
    expect(t.text('grade-invalid')).toBe('Điểm phải là số nguyên từ 0 đến 10.');
    type(t.byId('grade-score'), '8');
    type(t.byId('grade-comment'), 'Số liệu đầy đủ.');
    t.byId('grade-save')?.click();
    const req = backend.expectOne({ method: 'POST', url: '/api/v1/submissions/s-1/grade' });
    expect(req.request.body).toEqual({ version: 2, decision: 'graded', score: 8, comment: 'Số liệu đầy đủ.' });
    req.flush({ ...SUBMISSION, status: 'graded', score: 8, passed: true, comment: 'Số liệu đầy đủ.' });
    (await nextRequest(backend, '/api/v1/assignments/a-1/submissions?filter=ungraded', { render: t.fixture })).flush([]);
    (await nextRequest(backend, '/api/v1/courses/c-1/assignments', { render: t.fixture })).flush([{ ...ASSIGNMENT, ungraded: 0 }]);
    await t.fixture.whenStable();
    expect(t.text('grade-notice')).toBe('Đã lưu kết quả chấm.');
    expect(t.text('submissions-empty')).toBe('Không có bài nộp nào.');
  });

  it('shows the API refusal when the learner replaced the work meanwhile, and reloads the list', async () => {
    const t = await setup();
    t.byId('submission-open')?.click();
    t.fixture.detectChanges();
    t.byId('grade-return')?.click();
    const req = backend.expectOne({ method: 'POST', url: '/api/v1/submissions/s-1/grade' });
    expect(req.request.body).toEqual({ version: 2, decision: 'returned' });
    req.flush(apiError('SUBMISSION_STALE', 'Học viên đã nộp lại bài sau khi bạn mở.', 'The learner submitted again.'), { status: 409, statusText: 'Conflict' });
    (await nextRequest(backend, '/api/v1/assignments/a-1/submissions?filter=ungraded', { render: t.fixture })).flush([{ ...SUBMISSION, version: 3 }]);
    await t.fixture.whenStable();
    expect(t.text('grade-error')).toContain('Học viên đã nộp lại bài sau khi bạn mở.');
  });
});
