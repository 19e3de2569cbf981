import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Permission, type CertificateCandidateView } from '@boiduong/shared-contracts';
import { apiError, ORG_ADMIN, query, setupTestBed, type } from '@boiduong/web-testing';
import { ApprovalList } from './approval-list';

function candidate(over: Partial<CertificateCandidateView> = {}): CertificateCandidateView {
  return {
    id: 'k-1',
    enrollmentId: 'e-1',
    courseId: 'course-1',
    courseName: 'Lớp Bí thư chi đoàn 2026',
    programName: 'Bồi dưỡng Bí thư chi đoàn',
    userId: 'u-1',
    fullName: 'Nguyễn Văn Đức',
    username: 'hocvien',
    status: 'pending',
    reason: null,
    certificateId: null,
    completedAt: '2026-11-20T03:00:00.000Z',
    decidedAt: null,
    ...over,
  };
}
const LIST = [candidate(), candidate({ id: 'k-2', userId: 'u-2', fullName: 'Lê Thị Hoa', username: 'hv.hai' }), candidate({ id: 'k-3', userId: 'u-3', fullName: 'Phạm Văn Đức', username: 'hv.ba' })];

describe('ApprovalList', { timeout: 30_000 }, () => {
  let backend: HttpTestingController;

  async function setup(list: CertificateCandidateView[] = LIST) {
    backend = await setupTestBed({ user: ORG_ADMIN, permissions: [Permission.CertificateIssue] });
    const fixture = TestBed.createComponent(ApprovalList);
    fixture.detectChanges();
    const root = fixture.nativeElement as HTMLElement;
    backend.expectOne('/api/v1/certificates/candidates?status=pending').flush(list);
    await fixture.whenStable();
    const check = (el: HTMLElement) => {
      (el as HTMLInputElement).checked = !(el as HTMLInputElement).checked;
      el.dispatchEvent(new Event('change'));
    };
    const settle = async () => {
      fixture.detectChanges();
      await fixture.whenStable();
    };
    return { fixture, root, check, settle, ...query(root) };
  }

  afterEach(() => backend.verify());

  it('lists the learners waiting for approval; nothing can be decided before a selection', async () => {
    const t = await setup();
    expect(t.allById('approval-name').map((n) => n.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'Nguyễn Văn Đức (hocvien)',
      'Lê Thị Hoa (hv.hai)',
      'Phạm Văn Đức (hv.ba)',
    ]);
    expect(t.allById('approval-row-status').map((s) => s.textContent?.trim())).toEqual(['Chờ duyệt', 'Chờ duyệt', 'Chờ duyệt']);
    expect((t.byId('approval-approve') as HTMLButtonElement).disabled).toBe(true);
    expect((t.byId('approval-refuse') as HTMLButtonElement).disabled).toBe(true);
  });

  it('approves the selected learners in one request, reports what was skipped and reloads', async () => {
    const t = await setup();
    const boxes = t.allById('approval-select');
    t.check(boxes[0]);
    t.check(boxes[2]);
    await t.settle();
    expect(t.text('approval-approve')).toBe('Duyệt cấp (2)');
    t.byId('approval-approve')?.click();
    const req = backend.expectOne({ method: 'POST', url: '/api/v1/certificates/candidates/approve' });
    expect(req.request.body).toEqual({ ids: ['k-1', 'k-3'] });
    req.flush({ done: ['k-1'], skipped: [{ id: 'k-3', reason: 'already_issued' }] });
    backend.expectOne('/api/v1/certificates/candidates?status=pending').flush([LIST[1]]);
    await t.settle();
    expect(t.text('approval-result')).toBe('Đã duyệt 1 học viên; chứng chỉ sẽ được cấp trong giây lát. Bỏ qua 1 (đã cấp, đang cấp hoặc không tìm thấy).');
    expect(t.allById('approval-row').map((r) => r.dataset['id'])).toEqual(['k-2']);
    expect((t.byId('approval-approve') as HTMLButtonElement).disabled).toBe(true);
  });

  it('refuses everyone selected with the reason, and not without one', async () => {
    const t = await setup();
    t.check(t.byId('approval-all') as HTMLElement);
    await t.settle();
    expect(t.text('approval-refuse')).toBe('Từ chối (3)');
    t.byId('approval-refuse')?.click();
    await t.settle();
    t.byId('approval-refuse-submit')?.click();
    await t.settle();
    expect(t.root.textContent).toContain('Cần ghi lý do từ chối (ít nhất 3 ký tự).');
    backend.expectNone('/api/v1/certificates/candidates/refuse');

    type(t.byId('approval-reason'), '  Chưa nộp bài thu hoạch  ');
    t.byId('approval-refuse-submit')?.click();
    const req = backend.expectOne({ method: 'POST', url: '/api/v1/certificates/candidates/refuse' });
    expect(req.request.body).toEqual({ ids: ['k-1', 'k-2', 'k-3'], reason: 'Chưa nộp bài thu hoạch' });
    req.flush({ done: ['k-1', 'k-2', 'k-3'], skipped: [] });
    backend.expectOne('/api/v1/certificates/candidates?status=pending').flush([]);
    await t.settle();
    expect(t.text('approval-result')).toBe('Đã từ chối 3 học viên.');
    expect(t.text('approval-empty')).toBe('Không có học viên nào ở trạng thái này.');
    expect(t.byId('approval-refusal')).toBeNull();
  });

  it('shows refused learners with their reason, selectable to reverse the refusal; issued ones cannot be selected', async () => {
    const t = await setup();
    const page = t.fixture.componentInstance as unknown as { status: { setValue(v: string): void }; load(): void };
    page.status.setValue('refused');
    page.load();
    backend
      .expectOne('/api/v1/certificates/candidates?status=refused')
      .flush([candidate({ status: 'refused', reason: 'Vi phạm quy chế lớp học' }), candidate({ id: 'k-9', status: 'issued', certificateId: 'c-1' })]);
    await t.settle();
    expect(t.allById('approval-row-reason').map((r) => r.textContent?.trim())).toEqual(['Vi phạm quy chế lớp học', '']);
    expect(t.allById('approval-select')).toHaveLength(1);
    t.check(t.byId('approval-all') as HTMLElement);
    await t.settle();
    t.byId('approval-approve')?.click();
    expect(backend.expectOne('/api/v1/certificates/candidates/approve').request.body).toEqual({ ids: ['k-1'] });
  });

  it('shows the API’s refusal of a decision', async () => {
    const t = await setup();
    t.check(t.allById('approval-select')[0]);
    await t.settle();
    t.byId('approval-approve')?.click();
    backend
      .expectOne('/api/v1/certificates/candidates/approve')
      .flush(apiError('AUTH_FORBIDDEN', 'Bạn không có quyền thực hiện thao tác này.', 'You are not allowed to do this.'), { status: 403, statusText: 'Forbidden' });
    await t.settle();
    expect(t.text('approval-error')).toBe('Bạn không có quyền thực hiện thao tác này.');
  });
});
