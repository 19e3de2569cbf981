/**
 * Only the ECharts parts these screens draw (bar and line charts, SVG renderer), loaded with the
 * statistics routes: the rest of ECharts never reaches the bundle. SVG keeps the charts sharp on
 * phones and readable by tests.
 */
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, SVGRenderer]);

export { echarts };
