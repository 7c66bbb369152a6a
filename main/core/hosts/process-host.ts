/**
 * A process host: the task runs in its own OS process, started through a `ProcessSpawner`
 * (child_process.fork here, utilityProcess.fork in Electron) and measured through a
 * `ProcessMetricsSource` (/proc here, app.getAppMetrics() in Electron).
 */
import type { TaskId } from '../../../workers/common/tasks.ts';
import type { ProcessMetricsSource } from '../probes/process-metrics.ts';
import type { ProcessSpawner } from './process-spawner.ts';
import { ExitSignal, type TaskHost } from './task-host.ts';

export interface ProcessHostOptions {
  readonly entry: string;
  readonly spawner: ProcessSpawner;
  readonly metrics: ProcessMetricsSource;
  readonly maxOldGenerationSizeMb?: number;
}

export function spawnProcessHost(task: TaskId, options: ProcessHostOptions): TaskHost {
  const child = options.spawner.spawn(task, {
    entry: options.entry,
    ...(options.maxOldGenerationSizeMb === undefined ? {} : { resourceLimits: { maxOldGenerationSizeMb: options.maxOldGenerationSizeMb } }),
  });
  const exit = new ExitSignal();
  child.onExit((how) => exit.fire(how));
  return {
    task,
    kind: 'process',
    port: child.port,
    pid: child.pid,
    threadId: null,
    onExit: (handler) => exit.subscribe(handler),
    kill() {
      if (!exit.exited) child.kill();
    },
    async usage() {
      const reading = exit.exited ? undefined : (await options.metrics.read([child.pid])).get(child.pid);
      return reading ? { cpuTimeMs: reading.cpuTimeMs, memory: { bytes: reading.rssBytes, kind: 'rss' } } : { cpuTimeMs: null, memory: null };
    },
  };
}
