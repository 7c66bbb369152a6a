/**
 * CPU and memory of task processes where there is no /proc (macOS, Windows): read through
 * `pidusage`, which asks `ps` on macOS and the process APIs on Windows. Linux keeps /proc
 * (process-metrics.ts), which costs two file reads per process instead of a child process.
 */
import { existsSync } from 'node:fs';
import pidusage from 'pidusage';
import { procfsProcessMetrics, type ProcessMetricsSource, type ProcessReading } from './process-metrics.ts';

/** What one pid's reading needs from pidusage's answer. */
export interface UsageStat {
  /** Cumulative CPU time of the whole process, user and system, ms. */
  readonly ctime: number;
  /** Resident set size, bytes. */
  readonly memory: number;
}

/** Reads one pid; rejects when the process is gone (pidusage's "No matching pid found"). */
export type UsageLookup = (pid: number) => Promise<UsageStat>;

const pidusageLookup: UsageLookup = (pid) => pidusage(pid);

function toReading(stat: UsageStat): ProcessReading | undefined {
  if (!Number.isFinite(stat.ctime) || !Number.isFinite(stat.memory) || stat.ctime < 0 || stat.memory < 0) return undefined;
  return { cpuTimeMs: stat.ctime, rssBytes: stat.memory };
}

/**
 * One lookup per pid, so one process that ended since it was listed does not hide the others'
 * readings: pidusage rejects a whole batch when any pid in it is missing.
 */
export function usageProcessMetrics(lookup: UsageLookup = pidusageLookup): ProcessMetricsSource {
  return {
    async read(pids) {
      const readings = new Map<number, ProcessReading>();
      await Promise.all(
        pids.map(async (pid) => {
          let stat: UsageStat;
          try {
            stat = await lookup(pid);
          } catch {
            // The process ended (or cannot be read): absent means "gone", as with /proc.
            return;
          }
          const reading = toReading(stat);
          if (reading) readings.set(pid, reading);
        }),
      );
      return readings;
    },
  };
}

/** /proc where the system has it, pidusage elsewhere. `hasProc` is a parameter so tests can take either branch on any OS. */
export function hostProcessMetrics(hasProc = existsSync('/proc/self/stat'), lookup?: UsageLookup): ProcessMetricsSource {
  return hasProc ? procfsProcessMetrics() : usageProcessMetrics(lookup);
}
