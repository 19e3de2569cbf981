import type { Provider } from '@angular/core';
import type { ExamStatisticsView, ItemVersionStatistics } from '@boiduong/shared-contracts';
import { provideEchartsCore } from 'ngx-echarts';
import { vi } from 'vitest';

/** Stands in for ECharts (jsdom draws nothing): records the options each chart was given. */
export interface FakeChart {
  element: HTMLElement;
  setOption: ReturnType<typeof vi.fn>;
}

/** The charts the screens draw, kept in `charts`; for specs only, not exported from the public API. */
export function fakeCharts(): { charts: FakeChart[]; provider: Provider } {
  if (!('ResizeObserver' in window)) {
    Object.assign(window, {
      ResizeObserver: class {
        observe(): void {
          /* jsdom has no layout: nothing ever resizes */
        }
        unobserve(): void {
          /* see observe */
        }
        disconnect(): void {
          /* see observe */
        }
      },
    });
  }
  const charts: FakeChart[] = [];
  const echarts = {
    init: (element: HTMLElement) => {
      const chart = { element, setOption: vi.fn(), dispose: vi.fn(), isDisposed: () => false, resize: vi.fn(), on: vi.fn(), off: vi.fn(), showLoading: vi.fn(), hideLoading: vi.fn() };
      charts.push(chart);
      return chart;
    },
  };
  return { charts, provider: provideEchartsCore({ echarts }) };
}

/** Statistics as the api answers them. */
export function item(n: number, overrides: Partial<ItemVersionStatistics> = {}): ItemVersionStatistics {
  return {
    itemId: `i-${n}`,
    itemVersionId: `v-${n}`,
    version: 1,
    type: 'single_choice',
    stem: `Câu hỏi số ${n} về Điều lệ Đoàn?`,
    topic: 'Điều lệ Đoàn',
    level: 'recognition',
    responses: 120,
    maxMark: 1,
    facility: 0.5,
    sd: 0.5,
    discriminationIndex: 40,
    discriminativeEfficiency: 60,
    effectiveWeight: 33.3,
    pointBiserial: 0.5,
    pointBiserialRest: 0.4,
    upperLowerD: 0.45,
    flags: [],
    distractors: null,
    irt: null,
    ...overrides,
  };
}

export function examView(items: ItemVersionStatistics[], overrides: Partial<ExamStatisticsView> = {}): ExamStatisticsView {
  return {
    examId: 'e-1',
    title: 'Kiểm tra cuối khóa',
    closesAt: '2026-11-20T10:00:00.000Z',
    running: false,
    snapshot: {
      id: 's-1',
      computedAt: '2026-11-20T10:05:00.000Z',
      durationMs: 42,
      attempts: 120,
      responses: 120 * items.length,
      test: {
        attempts: 120,
        maxScore: items.length,
        mean: 1.75,
        median: 2,
        sd: 0.8,
        skewness: 0,
        kurtosis: 0,
        alpha: 0.8123,
        kr20: 0.8123,
        sem: 0.35,
        reliabilityBasis: 'items',
        histogram: [0, 1, 2, 5, 10, 20, 30, 25, 20, 7],
      },
      irt: null,
      irtSkipped: 'too_few_attempts',
      items,
    },
    ...overrides,
  };
}
