import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Permission, type ItemStatus } from '@boiduong/shared-contracts';
import { apiError, LECTURER, query, setupTestBed } from '@boiduong/web-testing';
import { summary, version } from '../../test-fixtures';
import { ItemDetailPage } from './item-detail-page';

// Component tests wait on real timers (debounce) on a busy machine: 5 s is too tight.
vi.setConfig({ testTimeout: 30_000 });

describe('ItemDetailPage', () => {
  let backend: HttpTestingController;

  async function setup(status: ItemStatus, opts: { permissions?: Permission[]; me?: string; versions?: number } = {}) {
    backend = await setupTestBed({ user: { ...LECTURER, id: opts.me ?? LECTURER.id }, permissions: opts.permissions });
    const fixture = TestBed.createComponent(ItemDetailPage);
    fixture.componentRef.setInput('id', 'i-1');
    fixture.detectChanges();
    const count = opts.versions ?? 1;
    const current = version({ version: count, key: count > 1 ? 'b' : 'a' });
    const flushAll = () => {
      backend.expectOne('/api/v1/items/i-1').flush({ ...summary({ status, currentVersion: count, approvedVersion: count > 1 ? 1 : null }), current });
      backend.expectOne('/api/v1/items/i-1/versions').flush(Array.from({ length: count }, (_, i) => version({ version: i + 1, key: i ? 'b' : 'a', usedAt: i ? null : '2026-11-02T00:00:00.000Z' })));
      backend.expectOne('/api/v1/items/i-1/comments').flush([]);
    };
    flushAll();
    const root = fixture.nativeElement as HTMLElement;
    const stable = async () => {
      fixture.detectChanges();
      await fixture.whenStable();
    };
    await stable();
    return { fixture, root, stable, flushAll, ...query(root) };
  }

  afterEach(() => backend.verify());

  it('shows the current version with its key, and lets the author submit a draft for review', async () => {
    const t = await setup('draft');
    expect(t.text('detail-status')).toBe('Bản nháp');
    expect(t.text('version-stem')).toBe('Đoàn TNCS Hồ Chí Minh được thành lập ngày nào?');
    expect(t.byId('version-key')?.querySelector('[data-correct="true"]')?.textContent).toContain('26/3/1931');
    expect(t.byId('review-approve')).toBeNull();
    expect(t.byId('detail-edit')?.getAttribute('href')).toBe('/bank/i-1/edit');
    (t.byId('review-comment') as HTMLTextAreaElement).value = 'Nhờ anh chị duyệt.';
    t.byId('review-comment')?.dispatchEvent(new Event('input'));
    t.byId('review-submit')?.click();
    const req = backend.expectOne({ method: 'POST', url: '/api/v1/items/i-1/submit-review' });
    expect(req.request.body).toEqual({ comment: 'Nhờ anh chị duyệt.' });
    req.flush({ id: 'i-1', version: 1, status: 'in_review', similar: [] });
    // The item, its versions and comments are reloaded after an action.
    t.fixture.detectChanges();
    t.flushAll();
    await t.stable();
    expect(t.text('review-done')).toBe('Đã gửi câu hỏi đi duyệt.');
  });

  it('does not let the author of the version approve it', async () => {
    const t = await setup('in_review');
    expect((t.byId('review-approve') as HTMLButtonElement).disabled).toBe(true);
    expect(t.byId('review-own')).not.toBeNull();
    expect(t.byId('review-submit')).toBeNull();
  });

  it('lets another reviewer approve with a comment, and shows a refusal from the API', async () => {
    const t = await setup('in_review', { me: 'u-admin', permissions: [Permission.ItemReview] });
    expect(t.byId('detail-edit')).toBeNull();
    const approve = t.byId('review-approve') as HTMLButtonElement;
    expect(approve.disabled).toBe(false);
    approve.click();
    backend.expectOne('/api/v1/items/i-1/approve').flush(apiError('ITEM_STATUS_CONFLICT', 'Trạng thái hiện tại của câu hỏi không cho phép thao tác này.', 'The item is not in a state that allows this.'), {
      status: 409,
      statusText: 'Conflict',
    });
    await t.stable();
    expect(t.text('review-error')).toContain('không cho phép');
    approve.click();
    backend.expectOne('/api/v1/items/i-1/approve').flush({ id: 'i-1', version: 1, status: 'approved', similar: [] });
    // The item, its versions and comments are reloaded after an action.
    t.fixture.detectChanges();
    t.flushAll();
    await t.stable();
    expect(t.text('review-done')).toBe('Đã duyệt câu hỏi.');
  });

  it('requires a comment to send an item back', async () => {
    const t = await setup('in_review', { me: 'u-admin' });
    t.byId('review-reject')?.click();
    await t.stable();
    expect(t.text('review-comment-required')).toBe('Vui lòng ghi nhận xét (bắt buộc khi trả lại hoặc khi gửi nhận xét).');
    backend.expectNone('/api/v1/items/i-1/reject');
    (t.byId('review-comment') as HTMLTextAreaElement).value = 'Phương án B chưa chính xác.';
    t.byId('review-comment')?.dispatchEvent(new Event('input'));
    t.byId('review-reject')?.click();
    expect(backend.expectOne('/api/v1/items/i-1/reject').request.body).toEqual({ comment: 'Phương án B chưa chính xác.' });
  });

  it('lists versions newest first and opens an older one', async () => {
    const t = await setup('draft', { versions: 2 });
    expect(t.allById('version-row').map((r) => r.dataset['version'])).toEqual(['2', '1']);
    expect(t.allById('version-row')[1].textContent).toContain('đã dùng trong bài thi');
    expect(t.byId('version-body')).toBeNull();
    t.allById('version-toggle')[1].click();
    await t.stable();
    expect(t.byId('version-body')?.querySelector('[data-correct="true"]')?.textContent).toContain('26/3/1931');
  });
});
