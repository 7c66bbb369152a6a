/**
 * The app's lower OS priority for background task hosts (bench/host/host-priority.ts:
 * spellcheck and grammar at nice 10, so that when cores are scarce the host's main thread, the
 * keystroke task and the browser win), applied from outside to the hosts of a host the benchmark
 * started. An inline task shares the host's main thread and is never lowered.
 */
import { BACKGROUND_NICE, BACKGROUND_TASKS, lowerLinuxHostThreads } from './host-priority.ts';
import type { HostKind, TaskId } from '../../workers/common/tasks.ts';

export { BACKGROUND_NICE };

export interface PlacedTask {
  readonly task: TaskId;
  readonly kind: HostKind;
  /** The task's process: its own for a process host, the host's for a thread. */
  readonly pid: number;
}

/** Renices the background tasks' hosts; returns what was lowered, for the report. */
export async function lowerBackgroundTasks(placed: readonly PlacedTask[], nice = BACKGROUND_NICE): Promise<string[]> {
  const lowered: string[] = [];
  for (const { task, kind, pid } of placed) {
    if (!BACKGROUND_TASKS.has(task) || kind === 'inline') continue;
    if ((await lowerLinuxHostThreads(task, kind, pid, nice)) > 0) lowered.push(`${task} ${kind}`);
  }
  return lowered;
}
