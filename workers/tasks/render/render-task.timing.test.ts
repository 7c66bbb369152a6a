/**
 * How fast a one-word edit is rendered. A CPU bound, so it runs in the `timing` project: even
 * this thread's CPU time stretches when another process shares its core's caches.
 */
import { describe, expect, it } from 'vitest';
import { percentile } from '../../common/percentile.ts';
import { renderOneWordEdits } from './test/one-word-edits.ts';

describe('render task speed', () => {
  it('renders a one-word edit of a 200 KB document in a few ms of CPU', async () => {
    const { firstMs, edits } = await renderOneWordEdits('untitled:render-timing');
    const times = edits.map((edit) => edit.cpuMs);
    const median = percentile(times, 50) ?? Infinity;
    console.info(`[render test] 200 KB: first render ${firstMs.toFixed(1)} ms; one-word edit median ${median.toFixed(2)} ms, max ${Math.max(...times).toFixed(2)} ms (CPU)`);
    expect(median).toBeLessThan(15);
  });
});
