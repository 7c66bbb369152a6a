import { readdir, readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createRpcClient } from '../../../workers/common/rpc.ts';
import { HOST_KINDS, type HostKind } from '../../../workers/common/tasks.ts';
import { LOG_EVENT, type HostControlApi } from '../../../workers/entry/host-control.ts';
import type { ProbeApi } from '../../../test/fixtures/probe-task.ts';
import { probeHostFactory, probeInit } from '../../../test/fixtures/probe-hosts.ts';
import type { HostExit, TaskHost } from './task-host.ts';

const logs: string[] = [];
const spawnHost = probeHostFactory((line) => logs.push(line));
const live: TaskHost[] = [];

/** /proc/<pid>/stat counts in ticks of 10 ms (USER_HZ = 100 on Linux). */
const PROC_TICK_MS = 10;
/** The host thread's own work around a job: decoding the call, encoding the reply. */
const CALL_OVERHEAD_MS = 10;

/**
 * CPU time of a process host's threads other than its main one (which runs the task), from
 * /proc/<pid>/task/<tid>/schedstat (nanoseconds on CPU). Threads and inline hosts are read per
 * thread already, so for them it is 0.
 */
async function otherThreadsCpuMs(kind: HostKind, pid: number | null): Promise<number> {
  if (kind !== 'process' || pid === null) return 0;
  let total = 0;
  for (const tid of await readdir(`/proc/${pid}/task`)) {
    if (Number(tid) === pid) continue;
    // A thread that ended between the listing and the read has no file any more; its time is
    // still in the process's total, so the bound below would show it.
    const schedstat = await readFile(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').catch(() => '0');
    total += Number(schedstat.split(' ')[0]) / 1e6;
  }
  return total;
}

function exitOf(host: TaskHost): Promise<HostExit> {
  return new Promise((resolve) => host.onExit(resolve));
}

function open(kind: HostKind) {
  const host = spawnHost('render', kind);
  live.push(host);
  const rpc = createRpcClient<ProbeApi & HostControlApi>(host.port, { label: `[render ${kind}]`, defaultTimeoutMs: 10_000 });
  host.onExit(() => rpc.close());
  return { host, rpc, api: rpc.api };
}

afterEach(async () => {
  await Promise.all(live.splice(0).map((host) => {
    const exited = exitOf(host);
    host.kill();
    return exited;
  }));
});

describe.each(HOST_KINDS)('a %s host', (kind) => {
  it('refuses task calls before start, then starts and serves the task', async () => {
    const { host, api } = open(kind);
    await expect(api.add({ a: 1, b: 2 })).rejects.toMatchObject({ code: 'NOT_STARTED' });
    const ready = await api.start(probeInit('render'));
    expect(ready.pid).toBe(host.pid);
    expect(ready.loadMs).toBeGreaterThanOrEqual(0);
    await expect(api.add({ a: 1, b: 2 })).resolves.toBe(3);
    await expect(api.echo('hi')).resolves.toBe('hi');
    await expect(api.start(probeInit('render'))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(api.injectFault({ kind: 'explode' } as never)).rejects.toThrow(/unknown kind/);
  });

  it('logs and drops malformed messages, and keeps serving', async () => {
    const { host, api } = open(kind);
    await api.start(probeInit('render'));
    const lines: string[] = [];
    host.port.listen((message) => {
      const { type, name, payload } = message as { type?: unknown; name?: unknown; payload?: unknown };
      if (type === 'event' && name === LOG_EVENT) lines.push(String(payload));
    });
    host.port.post({ type: 'bogus' } as never);
    host.port.post({ type: 'call', id: -1, method: 'add', request: null } as never);
    await expect(api.add({ a: 2, b: 2 })).resolves.toBe(4);
    expect(lines).toEqual([
      'task server dropped a malformed message: unknown message type "bogus"',
      'task server dropped a malformed message: call without a valid id',
    ]);
  });

  it('shuts down cleanly on request', async () => {
    const { host, api } = open(kind);
    await api.start(probeInit('render'));
    const exited = exitOf(host);
    await api.shutdown(null).catch(() => undefined);
    await expect(exited).resolves.toEqual({ kind: 'clean', code: 0 });
  });

  it('reports a crash with its reason', async () => {
    const { host, api } = open(kind);
    await api.start(probeInit('render'));
    const exited = exitOf(host);
    void api.injectFault({ kind: 'crash' }).catch(() => undefined);
    const exit = await exited;
    expect(exit.kind).toBe('crash');
    expect(exit.kind === 'crash' && exit.reason).toMatch(/Injected crash/);
  });

  it('measures CPU from outside', async () => {
    const { host, api } = open(kind);
    await api.start(probeInit('render'));
    const othersBefore = await otherThreadsCpuMs(kind, host.pid);
    const before = await host.usage();
    const inside = await api.work({ ms: 300, duty: 1 });
    const after = await host.usage();
    const othersAfter = await otherThreadsCpuMs(kind, host.pid);
    const outside = after.cpuTimeMs! - before.cpuTimeMs!;
    // A process's reading counts all its threads (V8's compiler and GC threads can add tens of
    // milliseconds after a start, more when the machine is busy), so they are read apart, from
    // the scheduler's nanosecond clock. What is left agrees with the task's own clock within
    // /proc's 10 ms ticks (each of utime and stime rounds down, at each end) plus the few
    // milliseconds the host's thread spends on the calls around the job. Neither side depends
    // on how busy the machine is: both count CPU time, not wall time.
    const others = othersAfter - othersBefore;
    expect(outside - others).toBeGreaterThanOrEqual(inside.cpuMs - 2 * PROC_TICK_MS);
    expect(outside - others).toBeLessThanOrEqual(inside.cpuMs + 2 * PROC_TICK_MS + CALL_OVERHEAD_MS);
  });
});
