import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { LECTURER, query, settled, setupTestBed } from '@boiduong/web-testing';
import { examView, fakeCharts, item, type FakeChart } from '../../test-fixtures';
import { ItemStatisticsPage } from './item-statistics-page';

const RARE = { code: 'DISTRACTOR_RARE', en: 'Distractor 3 chosen by fewer than 5% of learners', vi: 'Phương án nhiễu 3 được chọn bởi dưới 5% học viên' };

describe('ItemStatisticsPage', () => {
  let backend: HttpTestingController;
  let charts: FakeChart[];

  async function setup(versionId: string) {
    const fake = fakeCharts();
    charts = fake.charts;
    backend = await setupTestBed({ user: LECTURER, providers: [fake.provider] });
    const fixture = TestBed.createComponent(ItemStatisticsPage);
    fixture.componentRef.setInput('examId', 'e-1');
    fixture.componentRef.setInput('versionId', versionId);
    fixture.detectChanges();
    const root = fixture.nativeElement as HTMLElement;
    const settle = () => settled(fixture, 10);
    return { fixture, root, settle, ...query(root) };
  }

  afterEach(() => backend.verify());

  it('shows the figures, the characteristic curve and the distractor analysis of one version', async () => {
    const t = await setup('v-2');
    backend.expectOne('/api/v1/exams/e-1/statistics').flush(
      examView([
        item(1),
        item(2, {
          facility: 0.81,
          irt: { a: 1.2, b: -0.5, d: 0.6, seA: 0.1, seD: 0.08 },
          flags: [RARE],
          distractors: [
            { optionId: 'a', text: 'Đại hội Đoàn toàn quốc', isKey: true, count: 97, proportion: 0.81, proportionUpper: 0.97, proportionLower: 0.6, d: 0.37, restCorrelation: 0.41, flags: [] },
            { optionId: 'b', text: 'Ban Chấp hành Trung ương', isKey: false, count: 20, proportion: 0.17, proportionUpper: 0.03, proportionLower: 0.35, d: -0.32, restCorrelation: -0.3, flags: [] },
            { optionId: 'c', text: 'Ban Bí thư', isKey: false, count: 3, proportion: 0.025, proportionUpper: 0, proportionLower: 0.05, d: -0.05, restCorrelation: -0.1, flags: [RARE] },
          ],
        }),
      ]),
    );
    await t.settle();
    expect(t.text('stats-item-stem')).toBe('Câu hỏi số 2 về Điều lệ Đoàn?');
    expect(t.text('stats-item-facility')).toBe('0,81');
    expect(t.text('stats-item-irt-a')).toBe('1,20');
    expect(t.text('stats-item-irt-b')).toBe('-0,50');
    expect(t.text('stats-item-flags')).toContain('Phương án nhiễu 3 được chọn bởi dưới 5% học viên');
    const rows = t.allById('stats-distractor-row');
    expect(rows.map((r) => r.dataset['optionId'])).toEqual(['a', 'b', 'c']);
    expect(rows[0].textContent).toContain('(đáp án)');
    expect(rows[2].querySelector('[data-testid="stats-distractor-share"]')?.textContent?.trim()).toBe('2,5%');
    const icc = charts.find((c) => c.element.dataset['testid'] === 'stats-icc');
    const curve = (icc?.setOption.mock.calls.at(-1)?.[0] as { series: Array<{ data: Array<[number, number]> }> }).series[0].data;
    expect(curve.find(([theta]) => theta === -0.5)?.[1]).toBeCloseTo(0.5, 12);
    const bars = charts.find((c) => c.element.dataset['testid'] === 'stats-distractor-chart');
    const options = bars?.setOption.mock.calls.at(-1)?.[0] as { xAxis: { data: string[] }; series: Array<{ data: number[] }> };
    expect(options.xAxis.data).toEqual(['Phương án 1', 'Phương án 2', 'Phương án 3']);
    expect(options.series[0].data).toEqual([81, 17, 2.5]);
  }, 20_000);

  it('says so when the version has no IRT parameters, and when it is not in the exam', async () => {
    const t = await setup('v-1');
    backend.expectOne('/api/v1/exams/e-1/statistics').flush(examView([item(1)]));
    await t.settle();
    expect(t.text('stats-icc-none')).toBe('Chưa có tham số IRT cho câu hỏi này.');
    expect(t.byId('stats-icc')).toBeNull();
    t.fixture.componentRef.setInput('versionId', 'v-9');
    t.fixture.detectChanges();
    expect(t.text('stats-item-missing')).toBe('Câu hỏi này không có trong thống kê của bài kiểm tra.');
  }, 20_000);
});
