/**
 * A started host of one task, whatever its kind: the port the supervisor talks RPC over, how it
 * ends, and how it is measured from outside. The three kinds implement this beside it.
 */
import type { MemoryReading } from '../../../workers/common/metrics.ts';
import type { Port } from '../../../workers/common/rpc-messages.ts';
import type { HostKind, TaskId } from '../../../workers/common/tasks.ts';
import type { ProcessExit } from './process-spawner.ts';

/** How a host ended: a clean exit, or a crash with its reason (the same shape for every kind). */
export type HostExit = ProcessExit;

/** A reading taken from outside the task, so a task busy in a long synchronous job still reports. */
export interface HostUsage {
  /** Cumulative CPU time of the host (thread, process, or an inline task's jobs), ms. */
  readonly cpuTimeMs: number | null;
  readonly memory: MemoryReading | null;
}

export interface TaskHost {
  readonly task: TaskId;
  readonly kind: HostKind;
  readonly port: Port;
  /** The OS process the task runs in: the host's own for inline and thread. */
  readonly pid: number;
  /** The worker's thread id for a thread; null where the task runs on a main thread. */
  readonly threadId: number | null;
  /** Called exactly once, when the host is gone (immediately if it already is). */
  onExit(handler: (exit: HostExit) => void): void;
  /** Ends the host now: `worker.terminate()`, SIGKILL, or closing an inline task's channel. */
  kill(): void;
  usage(): Promise<HostUsage>;
}

/** Delivers one exit to every handler exactly once, on a later microtask (never re-entrantly). */
export class ExitSignal {
  private exit: HostExit | null = null;
  private readonly handlers: ((exit: HostExit) => void)[] = [];

  get exited(): boolean {
    return this.exit !== null;
  }

  fire(exit: HostExit): void {
    if (this.exit) return;
    this.exit = exit;
    queueMicrotask(() => {
      for (const handler of this.handlers.splice(0)) handler(exit);
    });
  }

  subscribe(handler: (exit: HostExit) => void): void {
    const { exit } = this;
    if (exit) queueMicrotask(() => handler(exit));
    else this.handlers.push(handler);
  }
}

export function crashExit(reason: string, code: number | null = null, signal: string | null = null): HostExit {
  return { kind: 'crash', reason, code, signal };
}
