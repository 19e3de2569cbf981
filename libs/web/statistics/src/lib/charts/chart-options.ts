import type { DistractorStats, ItemIrtStats } from '@boiduong/shared-contracts';
import { probability } from '@boiduong/psychometrics';

/** ECharts options as plain data, built here so they can be unit-tested without drawing. */
export interface ChartOptions {
  [key: string]: unknown;
}

const SANS = 'Roboto, "Helvetica Neue", Arial, sans-serif';

/** Attempts per band of the 10-point scale ([0,1), ..., [9,10]). */
export function histogramOptions(histogram: readonly number[], labels: { x: string; y: string }): ChartOptions {
  return {
    textStyle: { fontFamily: SANS },
    grid: { left: 44, right: 12, top: 16, bottom: 44 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', name: labels.x, nameLocation: 'middle', nameGap: 28, data: histogram.map((_, k) => `${k}–${k + 1}`) },
    yAxis: { type: 'value', name: labels.y, minInterval: 1 },
    series: [{ type: 'bar', name: labels.y, data: [...histogram], itemStyle: { color: '#1565c0' } }],
  };
}

/** Ability points of the item characteristic curve: -4 to 4 by 0.1. */
export const THETA_GRID: readonly number[] = Array.from({ length: 81 }, (_, k) => Math.round((-4 + k * 0.1) * 10) / 10);

/** The 2PL item characteristic curve P(theta), with the difficulty b marked. */
export function iccOptions(irt: ItemIrtStats, labels: { theta: string; p: string }): ChartOptions {
  const points = THETA_GRID.map((t) => [t, probability({ a: irt.a, d: irt.d, c: 0 }, t)]);
  return {
    textStyle: { fontFamily: SANS },
    grid: { left: 48, right: 16, top: 16, bottom: 44 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', name: labels.theta, nameLocation: 'middle', nameGap: 28, min: -4, max: 4 },
    yAxis: { type: 'value', name: labels.p, min: 0, max: 1 },
    series: [
      {
        type: 'line',
        name: labels.p,
        showSymbol: false,
        smooth: true,
        data: points,
        lineStyle: { width: 3, color: '#1565c0' },
        markLine: Number.isFinite(irt.b) && Math.abs(irt.b) <= 4 ? { symbol: 'none', data: [{ xAxis: irt.b, name: 'b' }], label: { formatter: `b = ${irt.b.toFixed(2)}` } } : undefined,
      },
    ],
  };
}

/** Per option: share chosen by everyone, by the upper 27% and by the lower 27%. */
export function distractorOptions(rows: readonly DistractorStats[], labels: { options: string[]; all: string; upper: string; lower: string; share: string }): ChartOptions {
  const pct = (x: number) => Math.round(x * 1000) / 10;
  return {
    textStyle: { fontFamily: SANS },
    grid: { left: 44, right: 12, top: 40, bottom: 32 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: labels.options },
    yAxis: { type: 'value', name: labels.share, min: 0, max: 100 },
    series: [
      { type: 'bar', name: labels.all, data: rows.map((r) => pct(r.proportion)), itemStyle: { color: '#546e7a' } },
      { type: 'bar', name: labels.upper, data: rows.map((r) => pct(r.proportionUpper)), itemStyle: { color: '#2e7d32' } },
      { type: 'bar', name: labels.lower, data: rows.map((r) => pct(r.proportionLower)), itemStyle: { color: '#c62828' } },
    ],
  };
}
