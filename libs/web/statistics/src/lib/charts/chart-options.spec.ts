import { distractorOptions, histogramOptions, iccOptions, THETA_GRID } from './chart-options';

type Series = Array<{ data: unknown[]; markLine?: { data: Array<{ xAxis: number }> } }>;

describe('chart options', () => {
  it('draws one bar per band of the 10-point scale', () => {
    const o = histogramOptions([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], { x: 'Điểm', y: 'Số bài làm' });
    expect((o['xAxis'] as { data: string[] }).data).toEqual(['0–1', '1–2', '2–3', '3–4', '4–5', '5–6', '6–7', '7–8', '8–9', '9–10']);
    expect((o['series'] as Series)[0].data).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('draws the 2PL curve: one half at theta = b, rising with the slope a', () => {
    const irt = { a: 1.5, b: 0.4, d: -0.6, seA: null, seD: null };
    const series = iccOptions(irt, { theta: 'θ', p: 'P' })['series'] as Series;
    const points = series[0].data as Array<[number, number]>;
    expect(points).toHaveLength(THETA_GRID.length);
    expect(points[0][0]).toBe(-4);
    expect(points[80][0]).toBe(4);
    const at = (t: number) => points.find(([x]) => x === t)?.[1] ?? Number.NaN;
    expect(at(0.4)).toBeCloseTo(0.5, 12);
    expect(at(0)).toBeCloseTo(1 / (1 + Math.exp(0.6)), 12);
    for (let k = 1; k < points.length; k++) expect(points[k][1]).toBeGreaterThan(points[k - 1][1]);
    expect(series[0].markLine?.data[0].xAxis).toBe(0.4);
  });

  it('shows each option in percent for everyone, the upper and the lower group', () => {
    const rows = [
      { optionId: 'a', text: 'A', isKey: false, count: 10, proportion: 0.1, proportionUpper: 0.05, proportionLower: 0.2, d: -0.15, restCorrelation: -0.2, flags: [] },
      { optionId: 'b', text: 'B', isKey: true, count: 90, proportion: 0.9, proportionUpper: 0.95, proportionLower: 0.8, d: 0.15, restCorrelation: 0.3, flags: [] },
    ];
    const o = distractorOptions(rows, { options: ['Phương án 1', 'Phương án 2'], all: 'Tất cả', upper: 'Nhóm cao', lower: 'Nhóm thấp', share: '%' });
    const series = o['series'] as Series;
    expect(series.map((s) => s.data)).toEqual([
      [10, 90],
      [5, 95],
      [20, 80],
    ]);
  });
});
