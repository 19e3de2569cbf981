import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { MyAssignment } from '@boiduong/shared-contracts';
import { LEARNER, query, setupTestBed } from '@boiduong/web-testing';
import { AssignmentCard } from './assignment-card';

const BASE: MyAssignment = {
  id: 'a-1',
  courseId: 'c-1',
  moduleId: null,
  title: 'Thu hoạch thực tế cơ sở',
  instructionsHtml: '<p>Khảo sát một chi đoàn</p>',
  dueAt: null,
  cutoffAt: null,
  maxPoints: 10,
  submissionKind: 'both',
  required: true,
  createdAt: '2026-12-01T01:00:00Z',
  submission: null,
};

describe('AssignmentCard', { timeout: 20_000 }, () => {
  let backend: HttpTestingController;

  async function setup(assignment: MyAssignment) {
    backend = await setupTestBed({ user: LEARNER });
    const fixture = TestBed.createComponent(AssignmentCard);
    fixture.componentRef.setInput('assignment', assignment);
    fixture.detectChanges();
    await fixture.whenStable();
    return { fixture, ...query(fixture.nativeElement as HTMLElement) };
  }

  afterEach(() => backend.verify());

  it('asks for content, then hands in the text', async () => {
    const t = await setup(BASE);
    t.byId('assignment-submit')?.click();
    t.fixture.detectChanges();
    expect(t.text('assignment-missing')).toBe('Vui lòng nhập bài viết hoặc chọn tệp.');
    const area = t.byId('assignment-text') as HTMLTextAreaElement;
    area.value = 'Báo cáo của tôi';
    area.dispatchEvent(new Event('input'));
    t.byId('assignment-submit')?.click();
    const req = backend.expectOne({ method: 'PUT', url: '/api/v1/assignments/a-1/submission' });
    expect(req.request.body).toEqual({ textBody: 'Báo cáo của tôi' });
    req.flush({});
    await t.fixture.whenStable();
    expect(t.text('assignment-notice')).toBe('Đã nộp bài thu hoạch.');
  });

  it('shows the grade and the comment of graded work and offers no form', async () => {
    const t = await setup({
      ...BASE,
      submission: {
        id: 's-1',
        assignmentId: 'a-1',
        userId: 'u-duc',
        version: 2,
        textBody: 'x',
        file: null,
        submittedAt: '2026-12-05T01:00:00Z',
        late: true,
        status: 'graded',
        score: 8,
        passed: true,
        comment: 'Tốt.',
        gradedAt: '2026-12-06T01:00:00Z',
      },
    });
    expect(t.text('my-grade')).toBe('Điểm 8/10 · Đạt');
    expect(t.text('my-comment')).toBe('Tốt.');
    expect(t.text('my-submission-late')).toBe('Nộp muộn');
    expect(t.byId('assignment-form')).toBeNull();
  });

  it('refuses replacing submitted work after the due date', async () => {
    const t = await setup({
      ...BASE,
      dueAt: '2020-01-01T00:00:00Z',
      submission: {
        id: 's-1',
        assignmentId: 'a-1',
        userId: 'u-duc',
        version: 1,
        textBody: 'x',
        file: null,
        submittedAt: '2019-12-31T00:00:00Z',
        late: false,
        status: 'submitted',
        score: null,
        passed: null,
        comment: null,
        gradedAt: null,
      },
    });
    expect(t.text('assignment-closed')).toBe('Đã quá hạn nộp; bài đã nộp không thể thay.');
    expect(t.byId('assignment-form')).toBeNull();
  });
});
