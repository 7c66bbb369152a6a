/**
 * What the probes measure and the task monitor shows. A value of `null` means "measuring": the
 * first sample of a rate has nothing to compare with, and Forkpad never shows a fake zero.
 */
import type { HostKind, TaskId } from './tasks.ts';
import type { AssetLoad } from './asset-loads.ts';
import type { RaceCounts } from './race-counts.ts';

export type TaskState = 'starting' | 'ready' | 'busy' | 'unresponsive' | 'crashed' | 'restarting' | 'stopped';

export interface Percentiles {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
}

export interface MemoryReading {
  readonly bytes: number;
  /** `rss` for a process; `heap` (V8 heap used) for a thread or an inline task's share. */
  readonly kind: 'rss' | 'heap';
}

export interface RestartPolicyState {
  /** Crashes inside the current window (VS Code's rule: 3 in 5 minutes, then stop). */
  readonly crashesInWindow: number;
  readonly windowMs: number;
  readonly maxCrashes: number;
  /** Epoch ms of the next automatic restart, if one is scheduled. */
  readonly nextRestartAt: number | null;
  /** True once the task stopped restarting by itself. */
  readonly gaveUp: boolean;
}

export interface TaskSample {
  readonly task: TaskId;
  readonly kind: HostKind;
  readonly state: TaskState;
  readonly pid: number | null;
  readonly threadId: number | null;
  /** Percent of one core over the last interval (can exceed 100 for a process). */
  readonly cpuPercent: number | null;
  /** Cumulative CPU time of the current host, ms. */
  readonly cpuTimeMs: number | null;
  readonly memory: MemoryReading | null;
  /** Queue wait plus run, ms, over recent jobs. */
  readonly latency: Percentiles | null;
  readonly queueDepth: number;
  /**
   * Document bytes (UTF-16, 2 per unit) sent to the task's hosts since the last sample: opens,
   * edits and priming. 0 for a thread or inline host, which reads the shared document in place.
   */
  readonly copiedBytes: number;
  /** The tally of the latest race fault on this task's current host (see RaceCounts). */
  readonly race?: RaceCounts;
  /**
   * The data files the host serving this row loaded from the build's assets (dictionary, word
   * frequencies, harper), as it reported them: each pending, loaded (time, bytes read, memory and
   * how it was measured) or failed. Absent while the host has reported none.
   */
  readonly assets?: readonly AssetLoad[];
  readonly jobsPerSecond: number | null;
  readonly restarts: number;
  readonly spawnToReadyMs: number | null;
  readonly roundTripMs: number | null;
  readonly lastError: string | null;
  readonly restartPolicy: RestartPolicyState;
  /** Index of a grammar pool replica (1..N-1, in `MetricsSnapshot.replicas`); absent on a task's own row. */
  readonly replica?: number;
  /** Set on a warm spare host's row (in `MetricsSnapshot.standbys`): loaded, idle, not serving. */
  readonly standby?: true;
}

export interface ThreadSample {
  readonly threadId: number;
  readonly name: string;
  readonly cpuPercent: number | null;
}

export interface HostSample {
  readonly pid: number;
  readonly cpuPercent: number | null;
  readonly mainThreadCpuPercent: number | null;
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
  /** Event-loop delay of the host's main thread, ms. */
  readonly eventLoopDelay: Percentiles & { readonly max: number };
  /** Share of the interval the host's event loop was busy, 0..1. */
  readonly eventLoopUtilization: number | null;
}

/** Other processes of the app, from Electron's `app.getAppMetrics()` (renderer, GPU). */
export interface AppProcessSample {
  readonly pid: number;
  readonly type: string;
  readonly name: string;
  /** Already converted to percent of one core. */
  readonly cpuPercent: number | null;
  readonly memory: MemoryReading | null;
}

export interface MetricsSnapshot {
  /** Epoch ms. */
  readonly at: number;
  readonly intervalMs: number;
  readonly cores: number;
  readonly host: HostSample;
  readonly tasks: readonly TaskSample[];
  readonly appProcesses: readonly AppProcessSample[];
  /**
   * The grammar pool's further replicas, when it runs more than one host: each a full sample with
   * `replica` set. Replica 0 is the grammar row in `tasks`, so a reader of `tasks` alone sees one
   * row per task, as without a pool.
   */
  readonly replicas?: readonly TaskSample[];
  /** Warm spare hosts (each sample has `standby` set), while any task keeps one. */
  readonly standbys?: readonly TaskSample[];
  /** The document: held once in shared memory, and copied into each task host that is a process. */
  readonly document?: DocumentMemory;
}

export interface DocumentMemory {
  /** The text's size: 2 bytes per UTF-16 unit. */
  readonly textBytes: number;
  /** The shared buffers' size (the text with its gap, the line index, the header). */
  readonly sharedBytes: number;
  /** Task hosts (rows and grammar replicas) that are processes: each holds a copy of the text. */
  readonly processCopies: number;
}
