/**
 * Pinning to one core, where the OS allows it: Linux's sched_setaffinity through util-linux's
 * `taskset`. Affinity belongs to a thread, and threads a thread starts inherit it, so a process
 * started under `taskset -c N` runs every thread on core N, and `taskset -a -p` pins every thread
 * an existing process has (the ones it starts later inherit it from them).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** How a claim pins: the command and the core, or why it cannot. */
export type Pinning = { readonly available: true; readonly core: number } | { readonly available: false; readonly why: string };

/** The core used for pinning: the first one, since every machine has it. */
const CORE = 0;

export async function findPinning(): Promise<Pinning> {
  if (process.platform !== 'linux') {
    return { available: false, why: `${process.platform === 'darwin' ? 'macOS' : process.platform === 'win32' ? 'Windows' : process.platform} lets no program pin a process to a core the way Linux's sched_setaffinity does` };
  }
  try {
    await run('taskset', ['-p', String(process.pid)], { timeout: 5_000 });
    return { available: true, core: CORE };
  } catch (error) {
    return { available: false, why: `taskset (util-linux), which sets a process's core affinity, did not run here: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` };
  }
}

/** Pins every thread of process `pid` to `core`. */
export async function pinProcess(pid: number, core: number): Promise<void> {
  await run('taskset', ['-a', '-p', '-c', String(core), String(pid)], { timeout: 5_000 });
}

/** The command and arguments that start `command args` pinned to `core`, or as they are. */
export function pinnedCommand(pinning: Pinning | null, command: string, args: readonly string[]): [string, string[]] {
  return pinning?.available ? ['taskset', ['-c', String(pinning.core), command, ...args]] : [command, [...args]];
}
