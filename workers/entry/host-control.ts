/**
 * The contract between a task host's two sides beyond `ControlApi`: what the supervisor may ask
 * of any task server, and what an entry point's runtime adapter provides to it.
 */
import type { Method } from '../common/rpc.ts';
import type { ControlApi, TaskFactory } from '../common/task-api.ts';
import type { HostKind, TaskId } from '../common/tasks.ts';

/** What every task server answers: `ControlApi` plus a graceful shutdown. */
export interface HostControlApi extends ControlApi {
  /** Answers, then ends the host cleanly (the supervisor kills it if that does not happen in time). */
  shutdown: Method<null, void>;
}

/** Loads a task's factory by id: the registry in the app, a fixture in tests. */
export type TaskLoader = <T extends TaskId>(task: T) => Promise<TaskFactory<T>>;

/** The event a task server emits for each log line; the host side prefixes it with its label. */
export const LOG_EVENT = '$log';

/** What an entry point's runtime does for the task server: how its host ends and crashes. */
export interface EntryRuntime {
  readonly kind: HostKind;
  /** `performance.now()` at the entry module's first line: the start of `ReadyInfo.loadMs`. */
  readonly startedAt: number;
  /** Ends the host cleanly, after a shutdown request. */
  exit(): void;
  /**
   * Crashes the host the way its kind crashes: an uncaught exception in a thread, a hard
   * `process.exit(1)` in a process, and for inline a report to the inline host (an uncaught
   * exception would take the whole app with it).
   */
  crash(error: Error): void;
}
