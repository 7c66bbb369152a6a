/**
 * One task host started through the public host API (main/core/hosts), without a supervisor:
 * for the memory of a single task and for the grammar pool, which the supervisor does not offer.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { forkSpawner } from '../../main/core/hosts/fork-spawner.ts';
import { createHostFactory, defaultLimits } from '../../main/core/hosts/host-factory.ts';
import type { TaskHost } from '../../main/core/hosts/task-host.ts';
import { procfsProcessMetrics } from '../../main/core/probes/process-metrics.ts';
import { createRpcClient, type Client, type RpcClient } from '../../workers/common/rpc.ts';
import type { TaskApi, TaskEventMaps } from '../../workers/common/task-api.ts';
import { hostLabel, type HostKind, type TaskId } from '../../workers/common/tasks.ts';
import type { HostControlApi } from '../../workers/entry/host-control.ts';
import { loadRegisteredTask } from '../../workers/tasks/registry.ts';
import { BENCH_ASSETS, benchEntries } from './bench-host.ts';

export interface StartedTask<T extends TaskId> {
  readonly host: TaskHost;
  readonly rpc: RpcClient<TaskApi<T> & HostControlApi, TaskEventMaps[T]>;
  readonly api: Client<TaskApi<T> & HostControlApi>;
  /** ms from spawn to the task answering `start`. */
  readonly readyMs: number;
  stop(): Promise<void>;
}

export async function startTask<T extends TaskId>(task: T, kind: HostKind, log: (line: string) => void): Promise<StartedTask<T>> {
  const dataDir = await mkdtemp(join(tmpdir(), 'forkpad-bench-task-'));
  const spawn = createHostFactory({
    entries: benchEntries(),
    loadInline: loadRegisteredTask,
    spawner: forkSpawner({ log }),
    processMetrics: procfsProcessMetrics(),
    limits: defaultLimits,
    log,
  });
  const spawnedAt = performance.now();
  const host = spawn(task, kind);
  const label = hostLabel(task, kind, { pid: host.pid, ...(host.threadId === null ? {} : { threadId: host.threadId }) });
  const rpc = createRpcClient<TaskApi<T> & HostControlApi, TaskEventMaps[T]>(host.port, { label, log, defaultTimeoutMs: 300_000 });
  // The control methods, typed without the task's generic API in the way (as LiveHost does).
  const control = rpc.api as unknown as Client<HostControlApi>;
  await control.start({ task, dataDir, assets: BENCH_ASSETS, settings: { ignoredRules: [] } });
  const readyMs = performance.now() - spawnedAt;
  const exited = new Promise<void>((resolve) => host.onExit(() => resolve()));
  return {
    host,
    rpc,
    api: rpc.api,
    readyMs,
    async stop() {
      // Graceful first; a host that does not end within 5 s is killed, and the bench says so. The
      // exit is the answer that matters: the reply to shutdown may be lost as the host ends.
      control.shutdown(null, { timeoutMs: 5_000 }).catch(() => undefined);
      const stopped = await Promise.race([exited.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5_000).unref())]);
      if (!stopped) {
        log(`${label} did not stop within 5 s: killed`);
        host.kill();
        await exited;
      }
      rpc.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
