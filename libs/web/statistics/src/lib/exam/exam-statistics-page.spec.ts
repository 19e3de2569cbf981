import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { LECTURER, nextRequest, query, settled, setupTestBed, sleep } from '@boiduong/web-testing';
import { examView, fakeCharts, item, type FakeChart } from '../../test-fixtures';
import { ExamStatisticsPage } from './exam-statistics-page';

const FLAG_LOW = { code: 'FACILITY_LOW', en: 'Too hard', vi: 'Quá khó' };

describe('ExamStatisticsPage', () => {
  let backend: HttpTestingController;
  let charts: FakeChart[];

  async function setup() {
    const fake = fakeCharts();
    charts = fake.charts;
    backend = await setupTestBed({ user: LECTURER, providers: [fake.provider] });
    const fixture = TestBed.createComponent(ExamStatisticsPage);
    fixture.componentRef.setInput('examId', 'e-1');
    fixture.detectChanges();
    const root = fixture.nativeElement as HTMLElement;
    const settle = () => settled(fixture, 5);
    return { fixture, root, settle, ...query(root) };
  }

  afterEach(() => backend.verify());

  it('shows the summary, the score histogram and one row per item version', async () => {
    const t = await setup();
    (await nextRequest(backend, '/api/v1/exams/e-1/statistics')).flush(
      examView([item(1, { facility: 0.15, flags: [FLAG_LOW] }), item(2, { facility: 0.62, discriminationIndex: 35.25, pointBiserial: 0.456 })]),
    );
    await t.settle();
    expect(t.text('stats-exam-title')).toBe('Kiểm tra cuối khóa');
    expect(t.text('stats-attempts')).toBe('120');
    expect(t.text('stats-alpha')).toBe('0,812');
    expect(t.text('stats-mean')).toBe('1,75');
    expect(t.text('stats-irt')).toContain('Chưa đủ bài làm');
    const rows = t.allById('stats-item-row');
    expect(rows.map((r) => r.dataset['versionId'])).toEqual(['v-1', 'v-2']);
    expect(rows[1].querySelector('[data-testid="stats-facility"]')?.textContent?.trim()).toBe('0,62');
    expect(rows[1].querySelector('[data-testid="stats-discrimination"]')?.textContent?.trim()).toBe('35,3');
    expect(rows[1].querySelector('[data-testid="stats-pbis"]')?.textContent?.trim()).toBe('0,46');
    expect(rows[0].querySelector('[data-code="FACILITY_LOW"]')?.textContent?.trim()).toBe('Quá khó');
    // The histogram chart received the ten bands.
    const histogram = charts.find((c) => c.element.dataset['testid'] === 'stats-histogram');
    const options = histogram?.setOption.mock.calls.at(-1)?.[0] as { series: Array<{ data: number[] }> };
    expect(options.series[0].data).toEqual([0, 1, 2, 5, 10, 20, 30, 25, 20, 7]);
  }, 20_000);

  it('sorts the item table by a column, undefined values last, and reverses on a second click', async () => {
    const t = await setup();
    (await nextRequest(backend, '/api/v1/exams/e-1/statistics')).flush(
      examView([item(1, { facility: 0.7 }), item(2, { facility: null }), item(3, { facility: 0.3 }), item(4, { facility: 0.5 })]),
    );
    await t.settle();
    const order = () => t.allById('stats-item-row').map((r) => r.dataset['versionId']);
    t.byId('stats-sort-facility')?.click();
    t.fixture.detectChanges();
    expect(order()).toEqual(['v-3', 'v-4', 'v-1', 'v-2']);
    expect(t.byId('stats-sort-facility')?.closest('th')?.getAttribute('aria-sort')).toBe('ascending');
    t.byId('stats-sort-facility')?.click();
    t.fixture.detectChanges();
    expect(order()).toEqual(['v-1', 'v-4', 'v-3', 'v-2']);
    t.byId('stats-sort-order')?.click();
    t.fixture.detectChanges();
    expect(order()).toEqual(['v-1', 'v-2', 'v-3', 'v-4']);
  }, 20_000);

  it('queues a recomputation and follows it until the new snapshot arrives', async () => {
    const t = await setup();
    (await nextRequest(backend, '/api/v1/exams/e-1/statistics')).flush(examView([], { snapshot: null }));
    await t.settle();
    expect(t.text('stats-none')).toBe('Chưa có thống kê cho bài kiểm tra này.');
    t.byId('stats-recompute')?.click();
    const post = await nextRequest(backend, '/api/v1/exams/e-1/statistics', { method: 'POST' });
    post.flush({ jobId: 'exam-statistics-e-1' }, { status: 202, statusText: 'Accepted' });
    (await nextRequest(backend, '/api/v1/exams/e-1/statistics')).flush(examView([], { snapshot: null, running: true }));
    await t.settle();
    expect(t.text('stats-running')).toBe('Đang tính thống kê…');
    expect((t.byId('stats-recompute') as HTMLButtonElement).disabled).toBe(true);
    // The next poll, POLL_MS later.
    (await nextRequest(backend, '/api/v1/exams/e-1/statistics', { timeoutMs: 6000 })).flush(examView([item(1)]));
    await t.settle();
    expect(t.byId('stats-running')).toBeNull();
    expect(t.allById('stats-item-row')).toHaveLength(1);
    // Done: no more polling.
    await sleep(2100);
    backend.expectNone('/api/v1/exams/e-1/statistics');
  }, 20_000);

  it('says when a computation is already running (409)', async () => {
    const t = await setup();
    (await nextRequest(backend, '/api/v1/exams/e-1/statistics')).flush(examView([item(1)]));
    await t.settle();
    t.byId('stats-recompute')?.click();
    (await nextRequest(backend, '/api/v1/exams/e-1/statistics', { method: 'POST' })).flush(
        { code: 'STATISTICS_RUNNING', message: { vi: 'Thống kê của bài kiểm tra này đang được tính.', en: 'Statistics are being computed.' } },
        { status: 409, statusText: 'Conflict' },
      );
    (await nextRequest(backend, '/api/v1/exams/e-1/statistics')).flush(examView([item(1)]));
    await t.settle();
    expect(t.text('stats-recompute-error')).toBe('Thống kê của bài kiểm tra này đang được tính.');
  }, 20_000);
});
