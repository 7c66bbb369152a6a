/**
 * Lower OS priority for background task hosts (issue 7's scheduling question): render,
 * spellcheck and grammar at nice 10, so that when cores are scarce the host's main thread, the
 * keystroke task and the browser win. A process host is reniced as a whole; a thread host by its
 * own OS thread id, found by the thread's name (Node names a worker's OS thread after it). An
 * inline task shares the host's main thread and cannot be lowered on its own. Threads a lowered
 * thread starts later inherit its nice value.
 */
import { readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import type { HostKind, TaskId } from '../../workers/common/tasks.ts';

export const BACKGROUND_TASKS: readonly TaskId[] = ['render', 'spellcheck', 'grammar'];
export const BACKGROUND_NICE = 10;

export interface PlacedTask {
  readonly task: TaskId;
  readonly kind: HostKind;
  /** The task's process: its own for a process host, the host's for a thread. */
  readonly pid: number;
}

/** OS thread ids of `pid`, all of them or those named `name`. */
async function threadIds(pid: number, name?: string): Promise<number[]> {
  const ids: number[] = [];
  for (const tid of await readdir(`/proc/${pid}/task`)) {
    // A thread that ended since the listing has no name any more and is skipped.
    const comm = (await readFile(`/proc/${pid}/task/${tid}/comm`, 'utf8').catch(() => '')).trim();
    if (name === undefined || comm === name) ids.push(Number(tid));
  }
  return ids;
}

/** Renices the background tasks' hosts; returns what was lowered, for the report. */
export async function lowerBackgroundTasks(placed: readonly PlacedTask[], nice = BACKGROUND_NICE): Promise<string[]> {
  const lowered: string[] = [];
  for (const { task, kind, pid } of placed) {
    if (!BACKGROUND_TASKS.includes(task) || kind === 'inline') continue;
    // Linux applies a nice value per thread, so a process host has every one of its threads lowered.
    const ids = kind === 'process' ? await threadIds(pid) : await threadIds(pid, task);
    for (const id of ids) os.setPriority(id, nice);
    if (ids.length > 0) lowered.push(`${task} ${kind}`);
  }
  return lowered;
}
