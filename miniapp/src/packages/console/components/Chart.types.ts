import type { ChartOption } from './echarts';

export type ChartProps = {
  /** An ECharts option, usually from chart-options.ts. */
  option: ChartOption;
  /** Height in CSS px on H5 (design px are not used: a chart must not scale with the phone's width). */
  height: number;
  /** Read out instead of the drawing (accessibility) and used by the browser tests. */
  label: string;
  className?: string;
};
