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

/** What a `HostControlApi` method is to the host's callers. */
export interface ControlMethodRole {
  /** The supervisor calls it itself; a user of the task may not. */
  readonly managed: boolean;
  /** It manages the host rather than measure or do work: not metered, never re-sent after a crash. */
  readonly managesHost: boolean;
}

/**
 * Every `HostControlApi` method, each once. The `satisfies` makes this the one source of truth: a
 * method added to the interface without a row here (or a row for no method) does not compile, so
 * the sets below cannot forget it.
 */
export const HOST_CONTROL_METHODS = {
  start: { managed: true, managesHost: true },
  shutdown: { managed: true, managesHost: true },
  injectFault: { managed: false, managesHost: true },
  noop: { managed: false, managesHost: false },
  echo: { managed: false, managesHost: false },
} as const satisfies { readonly [M in keyof HostControlApi]-?: ControlMethodRole };

/** The names of the control methods whose role passes `include` (all of them by default). */
export function controlMethods(include: (role: ControlMethodRole) => boolean = () => true): ReadonlySet<string> {
  return new Set(Object.entries(HOST_CONTROL_METHODS).flatMap(([method, role]) => (include(role) ? [method] : [])));
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
