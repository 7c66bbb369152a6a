/**
 * How fast a one-word edit is rendered, and a 5 MB line shown as plain text. CPU bounds, so they
 * run in the `timing` project: even this thread's CPU time stretches when another process shares
 * its core's caches or starves the V8 threads that optimize and collect for it.
 */
import { describe, expect, it } from 'vitest';
import { cpuTimeOf } from '../../../test/fixtures/cpu-time.ts';
import { percentile } from '../../common/percentile.ts';
import { renderOneWordEdits } from './test/one-word-edits.ts';
import { renderOnce } from './test/task-harness.ts';

describe('render task speed', () => {
  it('renders a one-word edit of a 200 KB document in a few ms of CPU', async () => {
    const { firstMs, edits } = await renderOneWordEdits('untitled:render-timing');
    const times = edits.map((edit) => edit.cpuMs);
    const median = percentile(times, 50) ?? Infinity;
    console.info(`[render test] 200 KB: first render ${firstMs.toFixed(1)} ms; one-word edit median ${median.toFixed(2)} ms, max ${Math.max(...times).toFixed(2)} ms (CPU)`);
    expect(median).toBeLessThan(15);
  });

  it('shows a 5 MB single line as plain text in well under 2 s of CPU', async () => {
    const line = '![[x](javascript:alert(1)) '.repeat(200_000);
    const { value: result, cpuMs } = await cpuTimeOf(() => renderOnce(line, 'untitled:render-timing'));
    console.info(`[render test] 5 MB single line: ${cpuMs.toFixed(0)} ms of CPU`);
    expect(result.blocks).toHaveLength(1);
    expect(cpuMs).toBeLessThan(2_000);
  });
});
