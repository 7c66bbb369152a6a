/**
 * How the supervisor starts a task in its own OS process. The web host and tests use
 * `child_process.fork`; Electron uses `utilityProcess.fork`. Both adapt to this interface, so the
 * supervisor never imports `electron`.
 */
import type { Port } from '../../../workers/common/rpc-messages.ts';
import type { TaskId } from '../../../workers/common/tasks.ts';

/** Why a process ended. A crash carries its reason; a clean exit is not a crash. */
export type ProcessExit =
  | { readonly kind: 'clean'; readonly code: 0 }
  | { readonly kind: 'crash'; readonly reason: string; readonly code: number | null; readonly signal: string | null };

export interface SpawnedProcess {
  readonly pid: number;
  readonly port: Port;
  /** Called exactly once when the process is gone. */
  onExit(handler: (exit: ProcessExit) => void): void;
  /** Polite: asks the process to exit (SIGTERM or the utility process's kill). */
  terminate(): void;
  /** Forceful: SIGKILL. */
  kill(): void;
}

/** Limits a process host is started with, so a leak ends only that process. */
export interface ProcessResourceLimits {
  /** V8's old-generation heap limit (`--max-old-space-size`), MB. */
  readonly maxOldGenerationSizeMb?: number;
}

export interface SpawnOptions {
  readonly entry: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly resourceLimits?: ProcessResourceLimits;
}

export interface ProcessSpawner {
  /** Starts `entry` for `task`. Throws if the process cannot be started at all. */
  spawn(task: TaskId, options: SpawnOptions): SpawnedProcess;
}
