/**
 * Starts a host of any kind for a task: the one place that knows how each kind is made, with
 * the entry paths, limits and probes the supervisor was configured with.
 */
import type { ResourceLimits } from 'node:worker_threads';
import type { HostKind, TaskId } from '../../../workers/common/tasks.ts';
import type { TaskLoader } from '../../../workers/entry/host-control.ts';
import type { ProcessMetricsSource } from '../probes/process-metrics.ts';
import type { EntryPaths } from './entry-paths.ts';
import { spawnInlineHost } from './inline-host.ts';
import { spawnProcessHost } from './process-host.ts';
import type { ProcessSpawner } from './process-spawner.ts';
import type { TaskHost } from './task-host.ts';
import { spawnThreadHost } from './thread-host.ts';

export interface HostFactoryOptions {
  readonly entries: EntryPaths;
  /** Loads tasks for inline hosts, on the host's own thread. */
  readonly loadInline: TaskLoader;
  readonly spawner: ProcessSpawner;
  readonly processMetrics: ProcessMetricsSource;
  /** Heap limits per task, for threads (resourceLimits) and processes (--max-old-space-size). */
  readonly limits: (task: TaskId) => ResourceLimits;
  readonly log: (line: string) => void;
}

export type HostFactory = (task: TaskId, kind: HostKind) => TaskHost;

/** Heap limits by task: grammar holds harper's dictionary and caches, the others are small. */
export function defaultLimits(task: TaskId): ResourceLimits {
  return { maxOldGenerationSizeMb: task === 'grammar' ? 1024 : 384, stackSizeMb: 4 };
}

export function createHostFactory(options: HostFactoryOptions): HostFactory {
  return (task, kind) => {
    switch (kind) {
      case 'inline':
        return spawnInlineHost(task, options.loadInline);
      case 'thread':
        return spawnThreadHost(task, options.entries.thread, options.limits(task), options.log);
      case 'process': {
        const heap = options.limits(task).maxOldGenerationSizeMb;
        return spawnProcessHost(task, {
          entry: options.entries.process,
          spawner: options.spawner,
          metrics: options.processMetrics,
          ...(heap === undefined ? {} : { maxOldGenerationSizeMb: heap }),
        });
      }
    }
  };
}
