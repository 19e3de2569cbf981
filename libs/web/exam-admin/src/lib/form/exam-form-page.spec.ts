import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { vi } from 'vitest';
import { nextRequest, ORG_ADMIN, query, settled, setupTestBed, type } from '@boiduong/web-testing';
import { settings } from '../../test-fixtures';
import { ExamFormPage } from './exam-form-page';
import { fromLocalInput } from './exam-draft';

const COURSES = [
  { id: 'c-1', name: 'Lớp nghiệp vụ 2026', orgUnitId: 'o-hn', orgUnitName: 'Thành đoàn Hà Nội', status: 'open' },
  { id: 'c-2', name: 'Lớp Bí thư xã', orgUnitId: 'o-hn', orgUnitName: 'Thành đoàn Hà Nội', status: 'open' },
];
const CELLS = [
  { topic: 'Điều lệ Đoàn', level: 'recognition', approved: 3 },
  { topic: 'Lịch sử Đoàn', level: 'comprehension', approved: 1 },
];

describe('ExamFormPage', () => {
  let backend: HttpTestingController;

  async function setup(examId?: string) {
    backend = await setupTestBed({ user: ORG_ADMIN });
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const fixture = TestBed.createComponent(ExamFormPage);
    if (examId) fixture.componentRef.setInput('examId', examId);
    fixture.detectChanges();
    const root = fixture.nativeElement as HTMLElement;
    const settle = () => settled(fixture, 5);
    (await nextRequest(backend, '/api/v1/exams/courses')).flush(COURSES);
    // Editing: the exam's own request is still open, and the page is not stable until it is answered.
    if (!examId) await settle();
    return { fixture, root, settle, navigate, ...query(root) };
  }

  afterEach(() => backend.verify());

  it('creates an exam: the course’s bank availability under each row, then the body the API expects', async () => {
    const t = await setup();
    expect(t.byId('exam-form-frozen')).toBeNull();
    type(t.byId('exam-form-course'), 'c-1');
    (await nextRequest(backend, '/api/v1/exams/bank-availability?courseId=c-1')).flush(CELLS);
    await t.settle();
    type(t.byId('exam-form-title'), '  Kiểm tra giữa khóa ');
    type(t.byId('exam-form-topic'), 'Điều lệ Đoàn');
    type(t.byId('exam-form-count'), '2');
    type(t.byId('exam-form-points'), '2.5');
    await t.settle();
    expect(t.text('exam-form-available')).toBe('Ngân hàng có 3 câu đã duyệt, ma trận cần 2.');
    expect(t.text('exam-form-max-score')).toBe('Tổng điểm: 5');
    t.byId('exam-form-add-row')?.click();
    await t.settle();
    const topics = t.allById('exam-form-topic');
    type(topics[1], 'Lịch sử Đoàn');
    type(t.allById('exam-form-level')[1], 'comprehension');
    type(t.allById('exam-form-count')[1], '2');
    await t.settle();
    const second = t.allById('exam-form-available')[1];
    expect(second.textContent?.trim()).toBe('Ngân hàng có 1 câu đã duyệt, ma trận cần 2.');
    expect(second.classList).toContain('warn');
    type(t.byId('exam-form-opens'), '2030-01-10T08:00');
    type(t.byId('exam-form-closes'), '2030-01-10T10:00');
    type(t.byId('exam-form-release'), 'manual');
    type(t.byId('exam-form-review'), 'full');
    type(t.byId('exam-form-access-code'), ' PHONG-1 ');
    type(t.byId('exam-form-networks'), '10.1.2.0/24\n 192.168.1.5 ');
    await t.settle();
    t.byId('exam-form-save')?.click();
    const post = await nextRequest(backend, '/api/v1/exams', { method: 'POST' });
    expect(post.request.body).toEqual({
      courseId: 'c-1',
      title: 'Kiểm tra giữa khóa',
      blueprint: [
        { topic: 'Điều lệ Đoàn', level: 'recognition', count: 2, points: 2.5 },
        { topic: 'Lịch sử Đoàn', level: 'comprehension', count: 2, points: 1 },
      ],
      timeLimitSeconds: 2700,
      opensAt: fromLocalInput('2030-01-10T08:00'),
      closesAt: fromLocalInput('2030-01-10T10:00'),
      maxAttempts: 1,
      attemptsPolicy: 'highest',
      passMark: 50,
      overdueHandling: 'autosubmit',
      gracePeriodSeconds: 0,
      shuffleItems: true,
      shuffleOptions: true,
      resultRelease: 'manual',
      reviewPolicy: 'full',
      accessCode: 'PHONG-1',
      allowedNetworks: ['10.1.2.0/24', '192.168.1.5'],
    });
    // The bank is short for the second row: the API names the cell, shown beside its row.
    post.flush(
      {
        code: 'EXAM_BLUEPRINT_SHORT',
        message: { vi: 'Ngân hàng câu hỏi không đủ câu hỏi đã duyệt cho ma trận đề.', en: 'Not enough approved items.' },
        details: { cells: [{ topic: 'Lịch sử Đoàn', level: 'comprehension', needed: 2, available: 1 }] },
      },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await t.settle();
    expect(t.text('exam-form-error')).toBe('Ngân hàng câu hỏi không đủ câu hỏi đã duyệt cho ma trận đề.');
    const shorts = t.allById('exam-form-short');
    expect(shorts).toHaveLength(1);
    expect(shorts[0].closest('[data-testid="exam-form-row"]')).toBe(t.allById('exam-form-row')[1]);
    expect(shorts[0].textContent?.trim()).toBe('Không đủ câu hỏi: cần 2, ngân hàng chỉ có 1 câu đã duyệt.');
    // Fixing the row clears the refusal; the next save goes through and opens the exam's page.
    type(t.allById('exam-form-count')[1], '1');
    await t.settle();
    expect(t.byId('exam-form-short')).toBeNull();
    t.byId('exam-form-save')?.click();
    (await nextRequest(backend, '/api/v1/exams', { method: 'POST' })).flush({ id: 'e-9' }, { status: 201, statusText: 'Created' });
    await t.settle();
    expect(t.navigate).toHaveBeenCalledWith(['/exam-admin', 'e-9']);
  }, 30_000);

  it('names the wrong field before sending anything', async () => {
    const t = await setup();
    t.byId('exam-form-save')?.click();
    await t.settle();
    expect(t.text('exam-form-problem')).toBe('Hãy chọn lớp bồi dưỡng.');
    type(t.byId('exam-form-course'), 'c-2');
    (await nextRequest(backend, '/api/v1/exams/bank-availability?courseId=c-2')).flush([]);
    type(t.byId('exam-form-title'), 'Bài 1');
    type(t.byId('exam-form-topic'), 'Điều lệ Đoàn');
    type(t.byId('exam-form-opens'), '2030-01-10T10:00');
    type(t.byId('exam-form-closes'), '2030-01-10T08:00');
    await t.settle();
    expect(t.text('exam-form-available')).toBe('Ngân hàng có 0 câu đã duyệt, ma trận cần 1.');
    t.byId('exam-form-save')?.click();
    await t.settle();
    expect(t.text('exam-form-problem')).toBe('Hãy nhập giờ mở và giờ đóng; giờ đóng phải sau giờ mở.');
    expect(t.byId('exam-form-opens')?.getAttribute('aria-invalid')).toBe('true');
  }, 20_000);

  it('edits an exam that has not opened: filled from the API, sent without the course', async () => {
    const t = await setup('e-1');
    (await nextRequest(backend, '/api/v1/exams/e-1')).flush(settings({ accessCode: 'PHONG-2', allowedNetworks: ['10.0.0.0/8'] }));
    (await nextRequest(backend, '/api/v1/exams/bank-availability?courseId=c-1')).flush(CELLS);
    await t.settle();
    expect((t.byId('exam-form-title') as HTMLInputElement).value).toBe('Kiểm tra cuối khóa');
    expect((t.byId('exam-form-course') as HTMLSelectElement).disabled).toBe(true);
    expect((t.byId('exam-form-time-limit') as HTMLInputElement).value).toBe('45');
    expect((t.byId('exam-form-networks') as HTMLTextAreaElement).value).toBe('10.0.0.0/8');
    type(t.byId('exam-form-pass-mark'), '70');
    await t.settle();
    t.byId('exam-form-save')?.click();
    const patch = await nextRequest(backend, '/api/v1/exams/e-1', { method: 'PATCH' });
    expect(patch.request.body).toMatchObject({ title: 'Kiểm tra cuối khóa', passMark: 70, accessCode: 'PHONG-2', allowedNetworks: ['10.0.0.0/8'] });
    expect(patch.request.body).not.toHaveProperty('courseId');
    patch.flush(settings({ passMark: 70 }));
    await t.settle();
    expect(t.navigate).toHaveBeenCalledWith(['/exam-admin', 'e-1']);
  }, 20_000);

  it('shows a frozen exam read-only with the reason, and no save', async () => {
    const t = await setup('e-1');
    (await nextRequest(backend, '/api/v1/exams/e-1')).flush(settings({ frozen: true }));
    (await nextRequest(backend, '/api/v1/exams/bank-availability?courseId=c-1')).flush(CELLS);
    await t.settle();
    expect(t.text('exam-form-frozen')).toContain('Bài kiểm tra đã mở nên không thể sửa cấu hình nữa');
    expect(t.byId('exam-form-save')).toBeNull();
    const fieldsets = [...t.root.querySelectorAll('fieldset')];
    expect(fieldsets.length).toBeGreaterThan(0);
    expect(fieldsets.every((f) => f.disabled)).toBe(true);
  }, 20_000);
});
