/**
 * A thread host: the task runs in its own worker thread, named after the task, with explicit
 * resource limits so a leak ends only that thread.
 */
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { TaskId } from '../../../workers/common/tasks.ts';
import { portOf } from '../../../workers/node/message-port.ts';
import { crashExit, ExitSignal, type HostExit, type TaskHost } from './task-host.ts';

function describeError(error: Error, limits: ResourceLimits): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return `out of memory: reached its resource limit (maxOldGenerationSizeMb=${limits.maxOldGenerationSizeMb ?? 'default'})`;
  }
  return `uncaught ${error.name}: ${error.message}`;
}

export function spawnThreadHost(task: TaskId, entry: string, limits: ResourceLimits, log: (line: string) => void): TaskHost {
  const worker = new Worker(entry, { name: task, resourceLimits: limits });
  const exit = new ExitSignal();
  let failure: Error | null = null;
  let killed = false;
  const label = `[${task} thread tid=${worker.threadId}]`;

  worker.on('error', (error: unknown) => {
    failure = error instanceof Error ? error : new Error(String(error));
  });
  worker.on('messageerror', (error) => log(`${label} dropped a message it could not deserialize: ${error.message}`));
  worker.on('exit', (code) => {
    const how: HostExit = killed
      ? crashExit('killed', code, null)
      : failure
        ? crashExit(describeError(failure, limits), code, null)
        : code === 0
          ? { kind: 'clean', code: 0 }
          : crashExit(`exited with code ${code}`, code, null);
    exit.fire(how);
  });

  return {
    task,
    kind: 'thread',
    port: portOf(worker),
    pid: process.pid,
    threadId: worker.threadId,
    onExit: (handler) => exit.subscribe(handler),
    kill() {
      if (exit.exited) return;
      killed = true;
      // terminate() stops even a synchronous infinite loop; its promise only reports the code.
      worker.terminate().catch((error: unknown) => log(`${label} terminate failed: ${String(error)}`));
    },
    async usage() {
      if (exit.exited) return { cpuTimeMs: null, memory: null };
      try {
        // Both are answered from outside the thread, so a thread stuck in a job still reports.
        const [cpu, heap] = await Promise.all([worker.cpuUsage(), worker.getHeapStatistics()]);
        return { cpuTimeMs: (cpu.user + cpu.system) / 1000, memory: { bytes: heap.used_heap_size, kind: 'heap' } };
      } catch (error) {
        // ERR_WORKER_NOT_RUNNING: the thread ended between the check and the reading.
        if ((error as { code?: unknown }).code === 'ERR_WORKER_NOT_RUNNING') return { cpuTimeMs: null, memory: null };
        throw error;
      }
    },
  };
}
