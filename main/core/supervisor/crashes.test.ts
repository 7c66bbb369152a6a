import { afterEach, describe, expect, it } from 'vitest';
import type { TaskStatus } from './supervisor-api.ts';
import type { HostKind } from '../../../workers/common/tasks.ts';
import { createProbeSupervisor, waitFor, type ProbeSupervisor } from '../../../test/fixtures/probe-supervisor.ts';
import type { SupervisorOptions } from './supervisor-options.ts';

let current: ProbeSupervisor | undefined;
afterEach(async () => {
  await current?.supervisor.dispose();
  current = undefined;
});

/** Render runs on `kind`; keystroke runs on a thread beside it, to show what a crash spares. */
async function startWith(kind: HostKind, overrides: Partial<SupervisorOptions> = {}) {
  current = createProbeSupervisor(overrides);
  const statuses: TaskStatus[] = [];
  current.supervisor.onStatus((status) => statuses.push(status));
  await current.supervisor.start({ keystroke: 'thread', render: kind, spellcheck: 'inline', grammar: 'inline' });
  const render = () => current?.supervisor.status().find((status) => status.task === 'render');
  return { ...current, statuses, render };
}

const CRASHES: { readonly kind: HostKind; readonly how: string; readonly reason: RegExp; readonly crash: (probe: ProbeSupervisor) => Promise<unknown> }[] = [
  {
    kind: 'thread',
    how: 'an uncaught exception',
    reason: /uncaught Error: Injected crash \(thread\)/,
    crash: (probe) => probe.probe().injectFault({ kind: 'crash' }),
  },
  {
    kind: 'process',
    how: 'process.exit(1)',
    reason: /exited with code 1: Error: Injected crash \(process\)/,
    crash: (probe) => probe.probe().injectFault({ kind: 'crash' }),
  },
  {
    kind: 'process',
    how: 'SIGKILL',
    reason: /killed by SIGKILL/,
    crash: async (probe) => {
      const { pid } = await probe.probe().whoami(null);
      process.kill(pid, 'SIGKILL');
      return new Promise(() => undefined); // Nothing answers a SIGKILL; the restart is the answer.
    },
  },
  {
    kind: 'inline',
    how: 'an exception on the main thread, contained to the task',
    reason: /Error: Injected crash \(inline\)/,
    crash: (probe) => probe.probe().injectFault({ kind: 'crash' }),
  },
];

describe('crashes', () => {
  it.each(CRASHES)('a $kind host that dies of $how is restarted, and in-flight calls are re-sent', async ({ kind, reason, crash }) => {
    const { supervisor, probe, statuses, render } = await startWith(kind);
    const firstPid = (await probe().whoami(null)).pid;
    const inFlight = probe().add({ a: 20, b: 22, delayMs: 300 });
    const crashCall = crash(current!).then(
      () => 'answered',
      (error: unknown) => error,
    );
    await waitFor(() => render()?.restarts === 1 && render()?.state === 'ready', 'the restart');
    // The call the host was working on when it died is answered by the new host.
    await expect(inFlight).resolves.toBe(42);
    expect(render()?.lastError).toMatch(reason);
    expect(statuses.filter((status) => status.task === 'render').map((status) => status.state)).toEqual(
      expect.arrayContaining(['crashed', 'restarting', 'ready']),
    );
    if (kind !== 'process' || !/SIGKILL/.test(reason.source)) {
      // The fault call itself is never re-sent: it fails with the host, task and reason named.
      const error = await crashCall;
      expect(error).toMatchObject({ name: 'HostGoneError', code: 'HOST_GONE' });
      expect(String((error as Error).message)).toMatch(new RegExp(`^\\[render ${kind} (pid|tid)=\\d+\\] stopped before answering: .*${reason.source}`));
    }
    if (kind === 'process') expect((await probe().whoami(null)).pid).not.toBe(firstPid);
    // Nothing else went down: the host and the task beside it still answer.
    await expect(probe('keystroke').add({ a: 1, b: 1 })).resolves.toBe(2);
    expect(supervisor.status().find((status) => status.task === 'keystroke')).toMatchObject({ state: 'ready', restarts: 0 });
  });

  it('rejects unfinished calls with a clear error when re-sending is off', async () => {
    const { probe } = await startWith('thread', { timings: { maxCrashResends: 0 } });
    // Long enough that a machine slow to run this test's timers cannot let it answer first.
    const inFlight = probe().add({ a: 1, b: 2, delayMs: 8_000 }).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    void probe().injectFault({ kind: 'crash' }).catch(() => undefined);
    const error = await inFlight;
    expect(error).toMatchObject({ code: 'HOST_GONE' });
    expect(String(error)).toMatch(/\[render thread tid=\d+\] stopped before answering: uncaught Error: Injected crash/);
  });

  it('stops restarting after the fourth crash in five minutes, says why, and restarts by hand', async () => {
    const { supervisor, probe, render } = await startWith('thread', { probeIntervalMs: 250 });
    for (let crash = 1; crash <= 4; crash += 1) {
      await waitFor(() => render()?.state === 'ready', `ready before crash ${crash}`);
      await probe().injectFault({ kind: 'crash' }).catch(() => undefined);
      await waitFor(() => render()?.state !== 'ready' && render()?.state !== 'busy', `crash ${crash} noticed`);
    }
    await waitFor(() => render()?.state === 'stopped', 'the policy to give up');
    expect(render()).toMatchObject({ restarts: 3 });
    expect(render()?.lastError).toMatch(/crashed 4 times in 5 minutes, so it is no longer restarted; last: uncaught Error: Injected crash/);
    const refused = await probe().add({ a: 1, b: 1 }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ name: 'TaskStoppedError', code: 'TASK_STOPPED' });
    expect(String((refused as Error).message)).toMatch(/^render is stopped: crashed 4 times/);
    const policy = () => supervisor.latestMetrics()?.tasks.find((task) => task.task === 'render')?.restartPolicy;
    await waitFor(() => policy()?.gaveUp === true, 'a metrics sample after the last crash');
    expect(policy()).toMatchObject({ gaveUp: true, crashesInWindow: 4, maxCrashes: 3, nextRestartAt: null, windowMs: 300_000 });

    await supervisor.restart('render');
    expect(render()).toMatchObject({ state: 'ready', restarts: 4 });
    await expect(probe().add({ a: 1, b: 1 })).resolves.toBe(2);
  });

  it('ends a task gracefully: it stays down, calls fail clearly, and a restart brings it back', async () => {
    const { supervisor, probe, render, logs } = await startWith('process');
    const answered = probe().add({ a: 2, b: 3, delayMs: 100 });
    await supervisor.end('render');
    await expect(answered).resolves.toBe(5); // In flight when End came: drained, not dropped.
    expect(render()).toMatchObject({ state: 'stopped', lastError: null });
    expect(logs.some((line) => /\[render process pid=\d+\] ended: drained; stopped gracefully/.test(line))).toBe(true);
    await expect(probe().add({ a: 1, b: 1 })).rejects.toThrow(/render is stopped: ended by the user/);
    await supervisor.restart('render');
    await expect(probe().add({ a: 1, b: 1 })).resolves.toBe(2);
  });
});
