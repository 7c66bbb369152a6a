/**
 * How a supervisor is configured, and the defaults. The web host, Electron and tests differ only
 * in these: entry paths, the inline loader, the process spawner and the process metrics source.
 */
import type { ResourceLimits } from 'node:worker_threads';
import type { TaskAssets, TaskSettings } from '../../../workers/common/task-api.ts';
import { TASK_IDS, type TaskId } from '../../../workers/common/tasks.ts';
import type { TaskLoader } from '../../../workers/entry/host-control.ts';
import type { EntryPaths } from '../hosts/entry-paths.ts';
import type { ProcessSpawner } from '../hosts/process-spawner.ts';
import type { ProcessMetricsSource } from '../probes/process-metrics.ts';
import { DEFAULT_HEARTBEAT } from './heartbeat.ts';
import type { RestartPolicyOptions } from './restart-policy.ts';
import type { Primer, SharedDocumentHandle } from './supervisor-api.ts';
import type { SlotTimings } from './host-launcher.ts';

export interface SupervisorOptions {
  /** Thread and process entry modules: `sourceEntryPaths()` or `builtEntryPaths(outMainDir)`. */
  readonly entries: EntryPaths;
  /** Loads a task on the host's own thread: `loadRegisteredTask` in the app. */
  readonly loadInline: TaskLoader;
  /** Brings each new host up to date (document, settings) before it is swapped in. */
  readonly primer: Primer;
  /**
   * The session's shared document: thread and inline hosts read it in place and are sent no text.
   * Without it (tests of the supervisor alone) every host is sent copies, as a process is.
   */
  readonly document?: SharedDocumentHandle;
  /** The app's data folder, passed to every task in `TaskInit`. */
  readonly dataDir: string;
  /** Files tasks load: `taskAssets` from main/core/task-assets.ts in the app. */
  readonly assets: TaskAssets;
  readonly settings?: TaskSettings;
  /** Default: `forkSpawner()` (child_process.fork). Electron passes its utility-process spawner. */
  readonly spawner?: ProcessSpawner;
  /** Default: /proc. Electron passes its `app.getAppMetrics()` source. */
  readonly processMetrics?: ProcessMetricsSource;
  /** Heap limits per task for threads and processes. Default: `defaultLimits`. */
  readonly limits?: (task: TaskId) => ResourceLimits;
  readonly restartPolicy?: RestartPolicyOptions;
  readonly timings?: Partial<SlotTimings>;
  /** Probe interval, 250..5000 ms. Default 1000. */
  readonly probeIntervalMs?: number;
  /** Snapshots kept for charts. Default 150 (at least 120). */
  readonly historySize?: number;
  /** Receives every log line, each already prefixed with its task and host. Default: console. */
  readonly log?: (line: string) => void;
  /**
   * Tasks that keep a warm spare host of their kind, swapped in at once when their host crashes
   * (standby.ts): each costs one more host's memory. Default none; the app passes
   * `APP_WARM_STANDBY`. A grammar pool's replicas beyond the first have none.
   */
  readonly warmStandby?: readonly TaskId[];
  /** From a task (re)starting to warming its spare, so the two do not compete. Default 3000. */
  readonly standbyDelayMs?: number;
  /** Largest grammar pool. Default: `os.availableParallelism()`. */
  readonly maxGrammarPool?: number;
  /** Wall clock, epoch ms (restart windows). Default Date.now. */
  readonly now?: () => number;
}

export const DEFAULT_TIMINGS: SlotTimings = {
  startMs: 30_000,
  drainMs: 2_000,
  stopMs: 2_000,
  callTimeoutMs: 30_000,
  maxCrashResends: 1,
  heartbeat: DEFAULT_HEARTBEAT,
};

/**
 * Every task keeps a spare in the app. Grammar and spellcheck need one most (harper's linter
 * setup, nspell's dictionary: 0.3-1.2 s); keystroke and render load in 0.1-0.5 s but their spares
 * cost only 10-50 MB, and the journal is back the sooner.
 */
export const APP_WARM_STANDBY: readonly TaskId[] = TASK_IDS;

export const DEFAULT_STANDBY_DELAY_MS = 3_000;

export const DEFAULT_SETTINGS: TaskSettings = { ignoredRules: [] };
