/**
 * The supervisor as the rest of the host sees it (EditorSession, host service, monitor). The
 * implementation lives beside this file; everything else depends only on this interface.
 */
import type { Client, EventMap } from '../../../workers/common/rpc.ts';
import type { MetricsSnapshot, TaskState } from '../../../workers/common/metrics.ts';
import type { Fault, TaskApi, TaskEventMaps, TaskSettings } from '../../../workers/common/task-api.ts';
import type { HostKind, IsolationModel, TaskId } from '../../../workers/common/tasks.ts';
import type { SharedDocumentBuffers } from '../../../workers/common/shared-document/layout.ts';

/** The session's shared document, as the supervisor hands it to thread and inline hosts. */
export interface SharedDocumentHandle {
  readonly buffers: SharedDocumentBuffers;
  /** The text's size now: 2 bytes per UTF-16 unit. */
  textBytes(): number;
  /**
   * The race fault's writer: for `durationMs` the session keeps rewriting the shared text (moving
   * its gap, which changes no content and no version) so that a reader that skips the seqlock can
   * be caught tearing. Resolves with the number of writes made.
   */
  race(durationMs: number): Promise<number>;
}

/**
 * Brings a freshly started host up to date (document, settings) before it is swapped in. The
 * session supplies it; the supervisor calls it after every start, move and restart.
 *
 * While it runs, calls made through the task's stable client wait, and the old host (in a move)
 * finishes what it already has; both then go to the new host. So the primer must bring the host
 * at least to every version already sent, which holds when the session updates its mirror
 * before it sends a change and the primer reads the mirror. Repeats are harmless: a task ignores
 * a change it already applied.
 *
 * In a live move `replaced` is the host being replaced, still serving: what a task holds beyond
 * the document (the keystroke task's typing statistics) is taken from it.
 */
export type Primer = <T extends TaskId>(task: T, api: Client<TaskApi<T>>, replaced?: Client<TaskApi<T>>) => Promise<void>;

export interface TaskStatus {
  readonly task: TaskId;
  readonly kind: HostKind;
  readonly state: TaskState;
  readonly restarts: number;
  readonly lastError: string | null;
}

/** The grammar pool: what was asked for, what runs, and each replica. */
export interface GrammarPoolInfo {
  /** The setting, 1..maxSize. */
  readonly requested: number;
  /** Replicas that run for it under the current kind (1 under inline). */
  readonly effective: number;
  /** The machine's cores: `os.availableParallelism()`. */
  readonly maxSize: number;
  /** Why `effective` is below `requested`, or null. */
  readonly reason: string | null;
  readonly replicas: readonly {
    readonly replica: number;
    readonly kind: HostKind;
    readonly state: TaskState;
    readonly pid: number | null;
    readonly restarts: number;
  }[];
}

export interface TaskSupervisor {
  readonly model: IsolationModel;
  /** Starts every task under `model` and resolves when all are primed and ready. */
  start(model: IsolationModel): Promise<void>;
  /**
   * A stable client for `task`: it routes each call to whichever host currently runs the task,
   * survives moves and restarts, and re-sends calls a dying host left unanswered.
   */
  client<T extends TaskId>(task: T): Client<TaskApi<T>>;
  /** Subscribes to a task's events, whichever host emits them. */
  on<T extends TaskId, K extends keyof TaskEventMaps[T] & string>(
    task: T,
    name: K,
    handler: (payload: TaskEventMaps[T][K]) => void,
  ): () => void;
  /** Moves every task whose kind differs, live; resolves when the new hosts are swapped in. */
  setModel(model: IsolationModel): Promise<void>;
  move(task: TaskId, kind: HostKind): Promise<void>;
  restart(task: TaskId): Promise<void>;
  /** Graceful stop; the task stays down until restarted. */
  end(task: TaskId): Promise<void>;
  /** Immediate kill (terminate / SIGKILL); counts as a crash for the restart policy. */
  kill(task: TaskId): Promise<void>;
  injectFault(task: TaskId, fault: Fault): Promise<void>;
  updateSettings(settings: TaskSettings): Promise<void>;
  /**
   * Runs grammar as a pool of `size` hosts (clamped to 1..cores; 1 under inline), live: calls in
   * flight finish where they were sent. Resolves with the pool once it has its new size.
   */
  setGrammarPoolSize(size: number): Promise<GrammarPoolInfo>;
  grammarPool(): GrammarPoolInfo;
  /** The kind of the task's warm spare host while one is loaded and ready to take over, else null. */
  warmStandby(task: TaskId): HostKind | null;
  status(): readonly TaskStatus[];
  onStatus(handler: (status: TaskStatus) => void): () => void;
  /** The newest probe sample, or null before the first. */
  latestMetrics(): MetricsSnapshot | null;
  /** Recent samples, oldest first: at least the last 120 (two minutes at the default 1 s). */
  metricsHistory(): readonly MetricsSnapshot[];
  onMetrics(handler: (snapshot: MetricsSnapshot) => void): () => void;
  setProbeInterval(ms: number): void;
  dispose(): Promise<void>;
}

export type { EventMap };
