import type { ChartProps } from './Chart.types';

/**
 * One ECharts chart. H5: a div ECharts draws into (resizes with the window); weapp: a 2d Canvas node
 * adapted for ECharts, taps show the tooltip.
 */
export declare function Chart(props: ChartProps): JSX.Element;
