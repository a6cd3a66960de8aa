import { BarChart, LineChart, RadarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

/*
 * ECharts from its modular entry (issue 15): only the chart kinds and components the console draws, so
 * the console subpackage carries a fraction of the full library. A new chart kind (e.g. GaugeChart) is
 * registered here once.
 */
echarts.use([LineChart, BarChart, RadarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export { echarts };
export type ChartOption = echarts.EChartsCoreOption;
