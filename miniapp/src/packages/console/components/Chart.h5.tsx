import { useEffect, useRef } from 'react';
import { View } from '@tarojs/components';
import { echarts } from './echarts';
import type { ChartProps } from './Chart.types';

export function Chart({ option, height, label, className }: ChartProps) {
  const host = useRef<HTMLDivElement | null>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);

  useEffect(() => {
    const el = host.current;
    if (!el) return undefined;
    const c = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = c;
    // The console's columns change width with the window and the side navigation.
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <View className={className} aria-label={label} role='img' data-chart={label}>
      <div ref={host} style={{ width: '100%', height: `${height}px` }} />
    </View>
  );
}
