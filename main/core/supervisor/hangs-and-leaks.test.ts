import { afterEach, describe, expect, it } from 'vitest';
import type { HostKind } from '../../../workers/common/tasks.ts';
import { createProbeSupervisor, waitFor, type ProbeSupervisor } from '../../../test/fixtures/probe-supervisor.ts';
import { defaultLimits } from '../hosts/host-factory.ts';
import type { SupervisorOptions } from './supervisor-options.ts';

let current: ProbeSupervisor | undefined;
afterEach(async () => {
  await current?.supervisor.dispose();
  current = undefined;
});

async function startWith(kind: HostKind, overrides: Partial<SupervisorOptions> = {}) {
  current = createProbeSupervisor(overrides);
  await current.supervisor.start({ keystroke: 'thread', render: kind, spellcheck: 'inline', grammar: 'inline' });
  const render = () => current?.supervisor.status().find((status) => status.task === 'render');
  return { ...current, render };
}

/** When the render task was first reported in `state`, ms after `since`. */
function whenState(probe: ProbeSupervisor, state: string, since: number): Promise<number> {
  return new Promise((resolve) => {
    const stop = probe.supervisor.onStatus((status) => {
      if (status.task === 'render' && status.state === state) {
        stop();
        resolve(performance.now() - since);
      }
    });
  });
}

describe('hangs', () => {
  it.each(['thread', 'process', 'inline'] as const)('a hung %s host is reported unresponsive within 3.5 s, and killing it works', async (kind) => {
    const { supervisor, probe, render, logs } = await startWith(kind, { probeIntervalMs: 250 });
    // Let a few heartbeats pass first, as in real use.
    await new Promise((resolve) => setTimeout(resolve, 600));
    const injectedAt = performance.now();
    const unresponsive = whenState(current!, 'unresponsive', injectedAt);
    await supervisor.injectFault('render', { kind: 'hang' });
    const detectedAfterMs = await unresponsive;
    expect(detectedAfterMs).toBeLessThanOrEqual(3_500);
    expect(detectedAfterMs).toBeGreaterThanOrEqual(2_900); // A 3 s heartbeat window, not a shortcut.
    expect(logs.some((line) => new RegExp(`\\[render ${kind} .*\\] is unresponsive: no heartbeat answer within 3000 ms`).test(line))).toBe(true);
    if (kind === 'inline') {
      // Inline, the hang is the host's own main thread: visibly blocked, in slices, not for good.
      const delay = supervisor.latestMetrics()?.host.eventLoopDelay;
      expect(delay?.max).toBeGreaterThanOrEqual(80); // Slices are 100 ms.
      expect(delay?.max).toBeLessThan(1_000);
    }

    await supervisor.kill('render');
    await waitFor(() => render()?.state === 'ready', 'the restart after the kill');
    expect(render()).toMatchObject({ restarts: 1, lastError: 'killed by the user' });
    await expect(probe().add({ a: 2, b: 2 })).resolves.toBe(4);
    await expect(probe('keystroke').add({ a: 1, b: 1 })).resolves.toBe(2);
  });

  it('ending a hung inline task asks it to stop, kills it after the deadline, and says so', async () => {
    const { supervisor, probe, render, logs } = await startWith('inline', { timings: { drainMs: 200, stopMs: 300 } });
    await supervisor.injectFault('render', { kind: 'hang' });
    await supervisor.end('render');
    expect(render()?.state).toBe('stopped');
    expect(logs.some((line) => /^\[render inline pid=\d+\] ended: 1 call\(s\) unanswered after 200 ms, re-sent; did not stop within 300 ms: killed$/.test(line))).toBe(true);
    await supervisor.restart('render');
    await expect(probe().add({ a: 3, b: 4 })).resolves.toBe(7);
  });
});

describe('leaks', () => {
  it('a leaking thread is stopped by its resource limit, and the host survives', async () => {
    const limits = (task: Parameters<typeof defaultLimits>[0]) => ({ ...defaultLimits(task), maxOldGenerationSizeMb: 48 });
    const { supervisor, probe, render } = await startWith('thread', { limits });
    const heapBefore = process.memoryUsage().heapUsed;
    await supervisor.injectFault('render', { kind: 'leak' });
    await waitFor(() => render()?.restarts === 1 && render()?.state === 'ready', 'the restart after the leak', 20_000);
    expect(render()?.lastError).toMatch(/out of memory: reached its resource limit \(maxOldGenerationSizeMb=48\)/);
    await expect(probe().add({ a: 5, b: 5 })).resolves.toBe(10);
    await expect(probe('keystroke').add({ a: 1, b: 1 })).resolves.toBe(2);
    // The host's own heap never held the leak: it lived and died in the thread's isolate.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(48 * 2 ** 20);
  });

  it('a leaking process is stopped by its heap limit, and the host survives', async () => {
    const limits = (task: Parameters<typeof defaultLimits>[0]) => ({ ...defaultLimits(task), maxOldGenerationSizeMb: 48 });
    const { supervisor, probe, render } = await startWith('process', { limits });
    await supervisor.injectFault('render', { kind: 'leak' });
    await waitFor(() => render()?.restarts === 1 && render()?.state === 'ready', 'the restart after the leak', 20_000);
    expect(render()?.lastError).toMatch(/^(killed by SIGABRT|exited with code 134): FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory$/);
    await expect(probe().add({ a: 5, b: 5 })).resolves.toBe(10);
  });
});
