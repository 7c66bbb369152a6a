/**
 * A Lesson timeline drawn by uPlot, as the monitor's charts are: one line per process, the share
 * of one core it got in each ~10 ms sample. Pinned to one core, the lines take turns; free, they
 * run side by side.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { LessonTimeline } from '../../../workers/common/lesson.ts';

const STROKES = ['#3b82f6', '#e8703a', '#16a34a', '#a855f7'];
const WIDTH = 420;
const HEIGHT = 150;

function cssColor(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/** Draws `timeline` into a new figure in `container`; returns what removes it. */
export function drawTimeline(container: HTMLElement, timeline: LessonTimeline, index: number): () => void {
  const figure = document.createElement('figure');
  figure.className = 'lesson-timeline';
  figure.dataset.timeline = String(index);
  figure.setAttribute('aria-label', `${timeline.title} (${timeline.series.map((series) => series.label).join(', ')})`);
  container.append(figure);
  const axisColor = cssColor('--fg-muted', '#888');
  const gridColor = cssColor('--border', '#ccc');
  const axis = { stroke: axisColor, grid: { stroke: gridColor, width: 1 }, ticks: { stroke: gridColor, width: 1 } };
  const plot = new uPlot(
    {
      title: timeline.title,
      width: WIDTH,
      height: HEIGHT,
      class: 'lesson-timeline-chart',
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false }, y: { range: (_plot, _min, max) => [0, Math.max(100, max ?? 0)] } },
      axes: [
        { ...axis, label: 'ms', values: (_plot, ticks) => ticks.map((tick) => `${tick}`) },
        { ...axis, label: timeline.unit, values: (_plot, ticks) => ticks.map((tick) => `${tick}%`) },
      ],
      series: [
        { label: 'ms' },
        ...timeline.series.map((series, at) => ({ label: series.label, stroke: STROKES[at % STROKES.length], width: 1.25, points: { show: false }, spanGaps: false })),
      ],
    },
    [timeline.times as number[], ...timeline.series.map((series) => series.values as (number | null)[])],
    figure,
  );
  return () => {
    plot.destroy();
    figure.remove();
  };
}
