/**
 * Lower OS priority for background task hosts (issue 7's scheduling question): spellcheck and
 * grammar at a higher nice value, so that when cores are scarce the host's main thread, the
 * keystroke task and the renderer win. Measured, it did not help (docs/performance.md, item 9),
 * so the app no longer has the option (issue 16); the bench keeps this to measure it again.
 *
 * On Linux a nice value belongs to a thread, not a process (setpriority(2), "BUGS"): so a process
 * host has every one of its threads lowered (/proc/PID/task), and threads it starts later inherit
 * the value from the thread that starts them. A thread host is one OS thread of the host's own
 * process, which Node names after the worker (`name: task`), so it is found in /proc/self/task by
 * that name and lowered alone; the V8 platform threads it shares with the host (GC, compilers)
 * stay at the host's priority. An inline task is the host's main thread and cannot be lowered
 * without lowering the editor with it. Raising the value back needs CAP_SYS_NICE, so a lowered
 * host stays lowered until it is replaced.
 */
import { readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import type { HostKind, TaskId } from '../../workers/common/tasks.ts';

/** Tasks whose results may arrive later without the user waiting on them. */
export const BACKGROUND_TASKS: ReadonlySet<TaskId> = new Set(['spellcheck', 'grammar']);
export const BACKGROUND_NICE = 10;

/** OS thread ids of `pid`, all of them or those whose name is `name`. */
async function threadIds(pid: number | 'self', name?: string): Promise<number[]> {
  const ids: number[] = [];
  for (const tid of await readdir(`/proc/${pid}/task`)) {
    // A thread that ended since the listing has no name any more and is skipped.
    const comm = (await readFile(`/proc/${pid}/task/${tid}/comm`, 'utf8').catch(() => '')).trim();
    if (name === undefined || comm === name) ids.push(Number(tid));
  }
  return ids;
}

/**
 * Lowers the host of `task` to `nice`; resolves with what was done, for the log. Never throws:
 * a priority that cannot be set costs only the scheduling preference.
 */
export async function lowerHostPriority(task: TaskId, kind: HostKind, pid: number | null, nice = BACKGROUND_NICE): Promise<string> {
  if (!BACKGROUND_TASKS.has(task)) return 'not a background task; priority unchanged';
  if (kind === 'inline') return 'inline shares the host’s main thread; priority unchanged';
  try {
    if (process.platform !== 'linux') {
      // Elsewhere a priority is the process's: a process host can be lowered, a thread cannot.
      if (kind === 'thread' || pid === null) return `a thread's priority cannot be set on ${process.platform}; unchanged`;
      os.setPriority(pid, nice);
      return `process ${pid} at nice ${nice}`;
    }
    const lowered = await lowerLinuxHostThreads(task, kind, pid, nice);
    return lowered > 0 ? `${lowered} OS thread(s) at nice ${nice}` : 'no OS thread found; priority unchanged';
  } catch (error) {
    return `priority unchanged: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/**
 * Linux: sets `nice` on the OS threads of `task`'s host, and returns how many. A process host is
 * every thread of `pid`; a thread host is the thread named after the task in `pid` (the host's
 * process; this one when null). The benchmark lowers hosts of a web host it started this way.
 */
export async function lowerLinuxHostThreads(task: TaskId, kind: 'thread' | 'process', pid: number | null, nice: number): Promise<number> {
  const ids = kind === 'process' && pid !== null ? await threadIds(pid) : await threadIds(pid ?? 'self', task);
  for (const id of ids) os.setPriority(id, nice);
  return ids.length;
}
