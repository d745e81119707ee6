/**
 * The one React wrapper around ECharts (core build: bar, line, heatmap, box plot and Sankey charts,
 * grid, tooltip, legend, visual map, mark lines; canvas). Creates the chart once per mount, applies
 * each new option with notMerge (drawn in the next frame), follows the container's size, and hands
 * clicks (on an item, or anywhere over the plot as an x-axis value) and a PNG handle to its parent. `chartImage` draws
 * an option off screen into a PNG data URL (report images).
 */
import { useEffect, useRef } from 'react';
import { BarChart, BoxplotChart, HeatmapChart, LineChart, SankeyChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  BarChart,
  LineChart,
  HeatmapChart,
  BoxplotChart,
  SankeyChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  VisualMapComponent,
  MarkLineComponent,
  CanvasRenderer,
]);

/** What a click on a data item reports (the item's own fields are in `data`). */
export interface ChartClick {
  data: unknown;
  seriesIndex: number;
  dataIndex: number;
  /** The click's modifier keys (Shift+click on an overlap cell). */
  shiftKey: boolean;
}

/** What a parent can do with a drawn chart. */
export interface ChartHandle {
  /** The chart as a PNG data URL on a solid background, at twice the screen's pixels. */
  toPng(background: string): string;
}

export interface EChartProps {
  /**
   * A built option (see the builders in this folder); typed loosely because builders return subsets of EChartsOption.
   */
  option: object;
  height: number;
  testId?: string;
  onClick?: (e: ChartClick) => void;
  /**
   * A click anywhere inside the first grid, as the x axis's value there (a value axis: the number; a category axis: the
   * index).
   */
  onAxisClick?: (x: number) => void;
  onChart?: (handle: ChartHandle | null) => void;
}

export function EChart({ option, height, testId, onClick, onAxisClick, onChart }: EChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  const axisClick = useRef(onAxisClick);
  const handle = useRef(onChart);
  useEffect(() => {
    click.current = onClick;
    axisClick.current = onAxisClick;
    handle.current = onChart;
  });

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, null, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (params) => {
      const p = params as { data?: unknown; seriesIndex?: number; dataIndex?: number; event?: { event?: MouseEvent } };
      click.current?.({
        data: p.data,
        seriesIndex: p.seriesIndex ?? 0,
        dataIndex: p.dataIndex ?? 0,
        shiftKey: p.event?.event?.shiftKey === true,
      });
    });
    // The zrender layer sees every click, also between a line's symbols.
    c.getZr().on('click', (e: { offsetX: number; offsetY: number }) => {
      const at = [e.offsetX, e.offsetY];
      if (!axisClick.current || !c.containPixel({ gridIndex: 0 }, at)) return;
      const value = c.convertFromPixel({ gridIndex: 0 }, at) as number[] | number;
      const x = Array.isArray(value) ? value[0] : value;
      if (typeof x === 'number' && Number.isFinite(x)) axisClick.current(x);
    });
    // ResizeObserver reports every element once when observed: that size is the one init used, and
    // a resize then would lay the chart out and draw it a second time (tens of ms on first use).
    const ro = new ResizeObserver(([entry]) => {
      const box = entry?.contentRect;
      if (box && (Math.round(box.width) !== c.getWidth() || Math.round(box.height) !== c.getHeight())) c.resize();
    });
    ro.observe(el.current);
    handle.current?.({
      toPng: (background) => c.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: background }),
    });
    return () => {
      handle.current?.(null);
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // lazyUpdate: the option is taken now and drawn in the next frame, so React's commit and the
    // chart's layout and drawing are separate tasks (neither holds the main thread for long).
    chart.current?.setOption(option as echarts.EChartsCoreOption, { notMerge: true, lazyUpdate: true });
  }, [option]);

  return <div ref={el} style={{ height, width: '100%' }} data-testid={testId} />;
}

/** Draw `option` off screen at width × height CSS pixels and answer it as a PNG data URL. */
export function chartImage(option: object, width: number, height: number, background: string): string {
  const host = document.createElement('div');
  const c = echarts.init(host, null, { renderer: 'canvas', width, height });
  try {
    c.setOption(option as echarts.EChartsCoreOption, { notMerge: true });
    return c.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: background });
  } finally {
    c.dispose();
  }
}
