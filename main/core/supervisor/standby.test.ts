import { afterEach, describe, expect, it } from 'vitest';
import { createProbeSupervisor, waitFor, type ProbeSupervisor } from '../../../test/fixtures/probe-supervisor.ts';
import type { HostKind } from '../../../workers/common/tasks.ts';
import { alive } from '../../../test/fixtures/process-alive.ts';

let current: ProbeSupervisor | undefined;
afterEach(async () => {
  await current?.supervisor.dispose();
  current = undefined;
});

async function startWithStandby(render: HostKind, standbyDelayMs = 50) {
  current = createProbeSupervisor({ warmStandby: ['render'], standbyDelayMs, probeIntervalMs: 250 });
  const { supervisor } = current;
  await supervisor.start({ keystroke: 'inline', render, spellcheck: 'inline', grammar: 'inline' });
  const spare = () => supervisor.latestMetrics()?.standbys?.find((sample) => sample.task === 'render');
  const renderStatus = () => supervisor.status().find((status) => status.task === 'render');
  return { ...current, spare, renderStatus };
}

describe('warm standby', () => {
  it('swaps the spare in when the host crashes, then warms another', async () => {
    const { supervisor, probe, logs, spare, renderStatus } = await startWithStandby('process');
    await waitFor(() => spare() !== undefined, 'the spare in the metrics');
    expect(spare()).toMatchObject({ task: 'render', kind: 'process', state: 'ready', standby: true, restarts: 0 });
    const sparePid = spare()?.pid;
    expect(supervisor.latestMetrics()?.tasks.find((sample) => sample.task === 'render')?.pid).not.toBe(sparePid);

    await probe().injectFault({ kind: 'crash' }).catch(() => undefined);
    await waitFor(() => renderStatus()?.restarts === 1 && renderStatus()?.state === 'ready', 'the restart');
    // The new host is the spare, primed with the document: nothing had to load.
    expect((await probe().whoami(null)).pid).toBe(sparePid);
    expect(logs.some((line) => /\[render process pid=\d+\] standby taken over/.test(line))).toBe(true);
    await waitFor(() => spare() !== undefined && spare()?.pid !== sparePid, 'a new spare');
    await expect(probe().add({ a: 2, b: 2 })).resolves.toBe(4);
  });

  it('follows the task to its new kind, and retires the spare of the old kind', async () => {
    const { supervisor, spare } = await startWithStandby('process');
    await waitFor(() => spare()?.kind === 'process', 'a process spare');
    const oldSpare = spare()?.pid ?? 0;
    await supervisor.move('render', 'thread');
    await waitFor(() => spare()?.kind === 'thread', 'a thread spare');
    await waitFor(() => !alive(oldSpare), 'the process spare to end');
  });

  it('drops the spare when the task ends, and leaves no host behind on dispose', async () => {
    const { supervisor, spare } = await startWithStandby('process');
    await waitFor(() => spare() !== undefined, 'the spare');
    const first = spare()?.pid ?? 0;
    await supervisor.end('render');
    await waitFor(() => spare() === undefined, 'no spare after End');
    await waitFor(() => !alive(first), 'the spare process to end');
    await supervisor.restart('render');
    await waitFor(() => spare() !== undefined, 'a spare after the restart');
    const second = spare()?.pid ?? 0;
    await supervisor.dispose();
    current = undefined;
    expect(alive(second)).toBe(false);
  });

  it('warms the spare only once the task is idle, and keeps none for an inline task', async () => {
    // Warming is due 400 ms after the start: by then the call below has kept the task busy for
    // longer than the idle window (250 ms).
    const { supervisor, probe, spare } = await startWithStandby('thread', 400);
    // Checked as the busy call answers, not after a fixed sleep: the supervisor runs on this
    // thread, so nothing can have been warmed in between, however late the machine runs timers.
    const answer = await probe().add({ a: 1, b: 1, delayMs: 1_500 });
    expect(supervisor.latestMetrics()?.standbys).toBeUndefined();
    expect(answer).toBe(2);
    await waitFor(() => spare()?.kind === 'thread', 'the spare once idle');
    await supervisor.move('render', 'inline');
    await waitFor(() => spare() === undefined, 'no spare for inline');
  });

  it('keeps no spare for tasks not asked for', async () => {
    const { supervisor, spare } = await startWithStandby('thread');
    await waitFor(() => spare() !== undefined, 'the render spare');
    expect(supervisor.latestMetrics()?.standbys?.map((sample) => sample.task)).toEqual(['render']);
  });
});
