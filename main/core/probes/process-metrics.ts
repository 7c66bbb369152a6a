/**
 * CPU and memory of task processes, read from outside them. In plain Node (web host, tests)
 * they come from /proc; Electron plugs in `app.getAppMetrics()` through the same interface, and
 * may add the app's other processes (renderer, GPU).
 */
import { readFile } from 'node:fs/promises';
import type { AppProcessSample } from '../../../workers/common/metrics.ts';

export interface ProcessReading {
  /** Cumulative CPU time of the whole process (all its threads), ms. */
  readonly cpuTimeMs: number;
  readonly rssBytes: number;
}

export interface ProcessMetricsSource {
  /** Readings for the pids that still exist; a pid that is gone is absent from the map. */
  read(pids: readonly number[]): Promise<ReadonlyMap<number, ProcessReading>>;
  /** The app's other processes (renderer, GPU), where the platform can tell. */
  appProcesses?(): Promise<readonly AppProcessSample[]>;
}

/**
 * Linux reports CPU in clock ticks of USER_HZ, which the kernel fixes at 100 for user space on
 * every architecture Node supports; Node cannot ask sysconf(_SC_CLK_TCK) itself.
 */
const TICKS_PER_SECOND = 100;

/**
 * Parses /proc/<pid>/stat. Field 2 (comm) is in parentheses and may contain spaces and ')', so
 * the fields are counted from the last ')'. utime and stime are fields 14 and 15.
 */
export function parseProcStat(stat: string): { readonly cpuTimeMs: number } | undefined {
  const end = stat.lastIndexOf(')');
  if (end < 0) return undefined;
  const fields = stat.slice(end + 2).split(' ');
  // fields[0] is field 3 (state), so field n is fields[n - 3].
  const utime = Number(fields[14 - 3]);
  const stime = Number(fields[15 - 3]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) return undefined;
  return { cpuTimeMs: ((utime + stime) * 1000) / TICKS_PER_SECOND };
}

/** Parses VmRSS (in kB) from /proc/<pid>/status. */
export function parseProcStatusRss(status: string): number | undefined {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  return match?.[1] === undefined ? undefined : Number(match[1]) * 1024;
}

async function readOne(pid: number): Promise<ProcessReading | undefined> {
  try {
    const [stat, status] = await Promise.all([readFile(`/proc/${pid}/stat`, 'utf8'), readFile(`/proc/${pid}/status`, 'utf8')]);
    const cpu = parseProcStat(stat);
    const rssBytes = parseProcStatusRss(status);
    return cpu && rssBytes !== undefined ? { cpuTimeMs: cpu.cpuTimeMs, rssBytes } : undefined;
  } catch (error) {
    // ENOENT/ESRCH: the process ended since it was listed; absent means "gone".
    if ((error as { code?: unknown }).code === 'ENOENT' || (error as { code?: unknown }).code === 'ESRCH') return undefined;
    throw error;
  }
}

/** Reads /proc. On a system without it, every reading is absent and the monitor says so. */
export function procfsProcessMetrics(): ProcessMetricsSource {
  return {
    async read(pids) {
      const readings = new Map<number, ProcessReading>();
      await Promise.all(
        pids.map(async (pid) => {
          const reading = await readOne(pid);
          if (reading) readings.set(pid, reading);
        }),
      );
      return readings;
    },
  };
}
