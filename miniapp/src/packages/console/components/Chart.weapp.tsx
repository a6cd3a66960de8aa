import { useEffect, useMemo, useRef } from 'react';
import Taro from '@tarojs/taro';
import { Canvas, View } from '@tarojs/components';
import { echarts } from './echarts';
import type { ChartProps } from './Chart.types';

type CanvasNode = { width: number; height: number; getContext: (kind: '2d') => unknown };
type TouchLike = { x: number; y: number };

let seq = 0;

/**
 * ECharts on a weapp 2d canvas: ECharts treats any object with getContext and a width/height as a
 * single canvas; its text measuring goes to an offscreen canvas, since there is no document.
 */
function adapt(node: CanvasNode) {
  return {
    getContext: () => node.getContext('2d'),
    get width() {
      return node.width;
    },
    set width(w: number) {
      node.width = w;
    },
    get height() {
      return node.height;
    },
    set height(h: number) {
      node.height = h;
    },
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    attachEvent: () => undefined,
    detachEvent: () => undefined,
  };
}

echarts.setPlatformAPI({ createCanvas: () => Taro.createOffscreenCanvas({ type: '2d', width: 1, height: 1 }) as unknown as HTMLCanvasElement });

export function Chart({ option, height, label, className }: ChartProps) {
  const id = useMemo(() => `dj-chart-${++seq}`, []);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);
  const optionRef = useRef(option);
  optionRef.current = option;

  useEffect(() => {
    let disposed = false;
    Taro.nextTick(() => {
      Taro.createSelectorQuery()
        .select(`#${id}`)
        .fields({ node: true, size: true })
        .exec((res: Array<{ node: CanvasNode; width: number; height: number } | null>) => {
          const found = res[0];
          if (disposed || !found?.node) return;
          const dpr = Taro.getWindowInfo().pixelRatio;
          const c = echarts.init(adapt(found.node) as unknown as HTMLElement, undefined, { width: found.width, height: found.height, devicePixelRatio: dpr });
          c.setOption(optionRef.current, { notMerge: true });
          chart.current = c;
        });
    });
    return () => {
      disposed = true;
      chart.current?.dispose();
      chart.current = null;
    };
  }, [id]);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  // ECharts listens for mouse events; a tap is passed on as a move and a click so the tooltip shows.
  const touch = (kind: 'mousemove' | 'click', t: TouchLike | undefined) => {
    const handler = chart.current?.getZr().handler;
    if (t && handler) handler.dispatch(kind, { zrX: t.x, zrY: t.y, preventDefault: () => undefined, stopPropagation: () => undefined });
  };

  return (
    <View className={className} aria-label={label}>
      <Canvas
        type='2d'
        id={id}
        style={{ width: '100%', height: `${height}px` }}
        onTouchStart={(e) => touch('mousemove', e.touches[0])}
        onTouchEnd={(e) => touch('click', e.changedTouches[0])}
      />
    </View>
  );
}
