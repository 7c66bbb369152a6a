/**
 * Measures the host itself: its process CPU (every thread, task threads included), its main
 * thread's CPU, memory, and the event loop's delay and utilization. A blocked main thread, as
 * in inline mode, shows up here first.
 */
import os from 'node:os';
import { monitorEventLoopDelay, performance, type EventLoopUtilization, type ELDHistogram } from 'node:perf_hooks';
import type { HostSample } from '../../../workers/common/metrics.ts';

/** The event-loop delay timer's resolution, ms. The histogram includes it; it is subtracted. */
const RESOLUTION_MS = 10;

interface Baseline {
  readonly at: number;
  readonly processCpuMs: number;
  readonly threadCpuMs: number;
  readonly elu: EventLoopUtilization;
}

function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}

export class HostProbe {
  private readonly delay: ELDHistogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  private previous: Baseline | null = null;

  constructor() {
    this.delay.enable();
  }

  /** Delay percentile `p` of the histogram, ms beyond the timer's own resolution. */
  private delayMs(p: number | 'max'): number {
    if (this.delay.count === 0) return 0;
    const ns = p === 'max' ? this.delay.max : this.delay.percentile(p);
    return Math.max(0, ns / 1e6 - RESOLUTION_MS);
  }

  sample(): HostSample {
    const now: Baseline = {
      at: performance.now(),
      processCpuMs: cpuMs(process.cpuUsage()),
      threadCpuMs: cpuMs(process.threadCpuUsage()),
      elu: performance.eventLoopUtilization(),
    };
    const before = this.previous;
    const wallMs = before ? now.at - before.at : 0;
    const memory = process.memoryUsage();
    const sample: HostSample = {
      pid: process.pid,
      cpuPercent: before && wallMs > 0 ? ((now.processCpuMs - before.processCpuMs) / wallMs) * 100 : null,
      mainThreadCpuPercent: before && wallMs > 0 ? ((now.threadCpuMs - before.threadCpuMs) / wallMs) * 100 : null,
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      eventLoopDelay: { p50: this.delayMs(50), p95: this.delayMs(95), p99: this.delayMs(99), max: this.delayMs('max') },
      eventLoopUtilization: before ? performance.eventLoopUtilization(now.elu, before.elu).utilization : null,
    };
    this.previous = now;
    this.delay.reset();
    return sample;
  }

  dispose(): void {
    this.delay.disable();
  }
}

export function coreCount(): number {
  return os.availableParallelism();
}
