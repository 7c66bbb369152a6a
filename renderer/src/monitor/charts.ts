/**
 * The monitor's charts, drawn by uPlot: a CPU sparkline per row (the last two minutes) and an
 * expandable chart of CPU and p95 latency per task.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { HISTORY_WINDOW_MS, type Series } from './series-history.ts';

const CPU_STROKE = '#3b82f6';
const CPU_FILL = 'rgba(59, 130, 246, 0.25)';
const LATENCY_STROKE = '#e8703a';

export interface Chart {
  update(series: Series | undefined, nowMs: number): void;
  destroy(): void;
}

function cssColor(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

function data(series: Series | undefined, withLatency: boolean): uPlot.AlignedData {
  if (!series) return withLatency ? [[], [], []] : [[], []];
  return withLatency ? [series.times, series.cpu, series.latency] : [series.times, series.cpu];
}

/** Sets the x window to the last two minutes, so an idle row's line slides rather than stretches. */
function slide(plot: uPlot, nowMs: number): void {
  plot.setScale('x', { min: (nowMs - HISTORY_WINDOW_MS) / 1000, max: nowMs / 1000 });
}

export function sparkline(container: HTMLElement, width = 96, height = 20): Chart {
  const plot = new uPlot(
    {
      width,
      height,
      class: 'sparkline',
      pxAlign: false,
      cursor: { show: false },
      select: { show: false, left: 0, top: 0, width: 0, height: 0 },
      legend: { show: false },
      scales: { x: { time: true }, y: { range: (_plot, _min, max) => [0, Math.max(100, max ?? 0)] } },
      axes: [{ show: false }, { show: false }],
      series: [{}, { stroke: CPU_STROKE, fill: CPU_FILL, width: 1, points: { show: false } }],
    },
    data(undefined, false),
    container,
  );
  return {
    update(series, nowMs) {
      plot.batch(() => {
        plot.setData(data(series, false));
        slide(plot, nowMs);
      });
    },
    destroy: () => plot.destroy(),
  };
}

export function taskChart(container: HTMLElement, title: string, width: number): Chart {
  const axisColor = cssColor('--fg-muted', '#888');
  const gridColor = cssColor('--border', '#ccc');
  const axis = { stroke: axisColor, grid: { stroke: gridColor, width: 1 }, ticks: { stroke: gridColor, width: 1 } };
  const plot = new uPlot(
    {
      title,
      width,
      height: 160,
      class: 'task-chart',
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true }, cpu: { range: (_plot, _min, max) => [0, Math.max(100, max ?? 0)] }, ms: { range: (_plot, _min, max) => [0, Math.max(10, max ?? 0)] } },
      axes: [axis, { ...axis, scale: 'cpu', label: 'CPU % of one core', values: (_plot, ticks) => ticks.map((tick) => `${tick}%`) }, { ...axis, scale: 'ms', side: 1, label: 'p95 latency (ms)', grid: { show: false } }],
      series: [
        {},
        { label: 'CPU %', scale: 'cpu', stroke: CPU_STROKE, fill: CPU_FILL, width: 1.5, points: { show: false } },
        { label: 'p95 latency ms', scale: 'ms', stroke: LATENCY_STROKE, width: 1.5, points: { show: false } },
      ],
    },
    data(undefined, true),
    container,
  );
  return {
    update(series, nowMs) {
      plot.batch(() => {
        plot.setData(data(series, true));
        slide(plot, nowMs);
      });
    },
    destroy: () => plot.destroy(),
  };
}
