/**
 * How closely a host's CPU reading from outside (/proc) agrees with the task's own clock. The
 * bound is tight (a tick and a few ms of call overhead), and a busy machine stretches the host
 * thread's own work around a job, so this runs in the `timing` project, alone. The unit test in
 * hosts.test.ts proves only that the reading sees the job and does not count it twice.
 */
import { readdir, readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createRpcClient } from '../../../workers/common/rpc.ts';
import { HOST_KINDS, type HostKind } from '../../../workers/common/tasks.ts';
import type { HostControlApi } from '../../../workers/entry/host-control.ts';
import type { ProbeApi } from '../../../test/fixtures/probe-task.ts';
import { probeHostFactory, probeInit } from '../../../test/fixtures/probe-hosts.ts';
import type { TaskHost } from './task-host.ts';

const spawnHost = probeHostFactory(() => undefined);
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

function open(kind: HostKind) {
  const host = spawnHost('render', kind);
  live.push(host);
  const rpc = createRpcClient<ProbeApi & HostControlApi>(host.port, { label: `[render ${kind}]`, defaultTimeoutMs: 10_000 });
  host.onExit(() => rpc.close());
  return { host, api: rpc.api };
}

afterEach(async () => {
  await Promise.all(live.splice(0).map((host) => {
    const exited = new Promise((resolve) => host.onExit(resolve));
    host.kill();
    return exited;
  }));
});

describe.each(HOST_KINDS)('a %s host', (kind) => {
  it('measures CPU from outside in agreement with the task', async () => {
    const { host, api } = open(kind);
    await api.start(probeInit('render'));
    const othersBefore = await otherThreadsCpuMs(kind, host.pid);
    const before = await host.usage();
    const inside = await api.work({ ms: 300, duty: 1 });
    const after = await host.usage();
    const othersAfter = await otherThreadsCpuMs(kind, host.pid);
    const outside = after.cpuTimeMs! - before.cpuTimeMs!;
    // A process's reading counts all its threads (V8's compiler and GC threads can add tens of
    // milliseconds after a start), so they are read apart, from the scheduler's nanosecond
    // clock. What is left agrees with the task's own clock within /proc's 10 ms ticks (each of
    // utime and stime rounds down, at each end) plus the few milliseconds the host's thread
    // spends on the calls around the job.
    const others = othersAfter - othersBefore;
    expect(outside - others).toBeGreaterThanOrEqual(inside.cpuMs - 2 * PROC_TICK_MS);
    expect(outside - others).toBeLessThanOrEqual(inside.cpuMs + 2 * PROC_TICK_MS + CALL_OVERHEAD_MS);
  });
});
