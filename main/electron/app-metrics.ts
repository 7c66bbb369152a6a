/**
 * CPU and memory of the app's processes from Electron's `app.getAppMetrics()`, in the shapes the
 * probes use (main/core/probes/process-metrics.ts, workers/common/metrics.ts).
 *
 * Electron's `cpu.percentCPUUsage` is a percentage of the *whole machine*: Chromium's per-process
 * figure divided by the number of cores (electron_bindings.cc), averaged since whoever called
 * the API last. Forkpad shows percent of *one* core, over its own interval, so it works from
 * `cpu.cumulativeCPUUsage` (seconds of CPU since the process started) and its own deltas, and
 * only falls back to `percentCPUUsage × cores` where the cumulative figure is missing.
 */
import type { ProcessMetric } from 'electron';
import type { AppProcessSample } from '../../workers/common/metrics.ts';
import type { ProcessMetricsSource, ProcessReading } from '../core/probes/process-metrics.ts';

export type AppMetric = Pick<ProcessMetric, 'pid' | 'type' | 'name' | 'serviceName' | 'creationTime' | 'cpu' | 'memory'>;

/** Electron's whole-machine percent → percent of one core. */
export function wholeMachineToOneCore(percent: number, cores: number): number {
  return percent * cores;
}

/** Electron reports memory in kilobytes; `workingSetSize` is the resident set. */
export function rssBytesOf(metric: AppMetric): number {
  return metric.memory.workingSetSize * 1024;
}

/** Cumulative CPU and RSS of one process, or undefined when Electron gave no cumulative CPU. */
export function readingOf(metric: AppMetric): ProcessReading | undefined {
  const seconds = metric.cpu.cumulativeCPUUsage;
  return seconds === undefined ? undefined : { cpuTimeMs: seconds * 1000, rssBytes: rssBytesOf(metric) };
}

/** Whether a process is one of Forkpad's task processes (they are measured as tasks). */
export function isTaskProcess(metric: AppMetric): boolean {
  return metric.type === 'Utility' && (metric.name ?? metric.serviceName ?? '').startsWith('forkpad-');
}

/**
 * Turns successive `getAppMetrics()` lists into per-process samples with CPU in percent of one
 * core over the interval since the previous call. A process seen for the first time reads null
 * ("measuring"), never 0. Processes are keyed by pid and creation time, since pids get reused.
 */
export class AppProcessMeter {
  private readonly cores: number;
  private readonly now: () => number;
  private previous = new Map<string, { readonly cpuMs: number; readonly at: number }>();

  constructor(cores: number, now: () => number = Date.now) {
    this.cores = cores;
    this.now = now;
  }

  sample(metrics: readonly AppMetric[]): AppProcessSample[] {
    const at = this.now();
    const seen = new Map<string, { readonly cpuMs: number; readonly at: number }>();
    const samples = metrics.map((metric) => {
      const key = `${metric.pid}:${metric.creationTime}`;
      const reading = readingOf(metric);
      const before = this.previous.get(key);
      let cpuPercent: number | null = null;
      if (reading) {
        seen.set(key, { cpuMs: reading.cpuTimeMs, at });
        if (before && at > before.at) cpuPercent = Math.max(0, ((reading.cpuTimeMs - before.cpuMs) / (at - before.at)) * 100);
      } else {
        // Without cumulative CPU, Electron's own interval is all there is; its first reading is a 0.
        seen.set(key, { cpuMs: Number.NaN, at });
        if (before) cpuPercent = wholeMachineToOneCore(metric.cpu.percentCPUUsage, this.cores);
      }
      return {
        pid: metric.pid,
        type: metric.type,
        name: metric.name ?? metric.serviceName ?? metric.type,
        cpuPercent,
        memory: { bytes: rssBytesOf(metric), kind: 'rss' as const },
      };
    });
    this.previous = seen;
    return samples;
  }
}

/**
 * The probes' `ProcessMetricsSource` in Electron: task processes by pid (cumulative CPU and RSS;
 * the probes compute rates), and the app's other processes (renderer, GPU, network service…),
 * leaving out the host itself ('Browser') and the task processes.
 */
export function electronProcessMetrics(getAppMetrics: () => readonly AppMetric[], cores: number, now?: () => number): ProcessMetricsSource {
  const meter = new AppProcessMeter(cores, now);
  return {
    read(pids) {
      const wanted = new Set(pids);
      const readings = new Map<number, ProcessReading>();
      for (const metric of getAppMetrics()) {
        const reading = wanted.has(metric.pid) ? readingOf(metric) : undefined;
        if (reading) readings.set(metric.pid, reading);
      }
      return Promise.resolve(readings);
    },
    appProcesses() {
      const others = getAppMetrics().filter((metric) => metric.type !== 'Browser' && !isTaskProcess(metric));
      return Promise.resolve(meter.sample(others));
    },
  };
}
