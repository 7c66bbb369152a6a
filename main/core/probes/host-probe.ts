/**
 * Measures the host itself: its process CPU (every thread, task threads included), its main
 * thread's CPU, memory, and the event loop's delay and utilization. A blocked main thread, as
 * in inline mode, shows up here first.
 */
import os from 'node:os';
import { createHistogram, performance, type EventLoopUtilization, type RecordableHistogram } from 'node:perf_hooks';
import type { HostSample } from '../../../workers/common/metrics.ts';

/** How often the event-loop delay is sampled, ms. */
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

/**
 * Event-loop delay: a 10 ms timer records how late each of its runs is. This is what
 * `monitorEventLoopDelay` does, but that one forgets its last run on every reset, so a loop
 * blocked in slices as long as the sampling interval (an inline hang) would record nothing at
 * all and look healthy.
 */
class LoopDelaySampler {
  readonly histogram: RecordableHistogram = createHistogram();
  private lastRun = performance.now();
  private readonly timer: NodeJS.Timeout;

  constructor() {
    this.timer = setInterval(() => {
      const now = performance.now();
      const lateMs = Math.max(0, now - this.lastRun - RESOLUTION_MS);
      this.lastRun = now;
      this.histogram.record(Math.max(1, Math.round(lateMs * 1e6)));
    }, RESOLUTION_MS);
    this.timer.unref();
  }

  dispose(): void {
    clearInterval(this.timer);
  }
}

export class HostProbe {
  private readonly delay = new LoopDelaySampler();
  private previous: Baseline | null = null;

  /** Delay percentile `p` of this interval, ms; `lateMs` is the sampling timer's own lateness. */
  private eventLoopDelay(lateMs: number): HostSample['eventLoopDelay'] {
    const { histogram } = this.delay;
    if (histogram.count === 0) return { p50: lateMs, p95: lateMs, p99: lateMs, max: lateMs };
    const ms = (ns: number) => (ns <= 1 ? 0 : ns / 1e6);
    return { p50: ms(histogram.percentile(50)), p95: ms(histogram.percentile(95)), p99: ms(histogram.percentile(99)), max: Math.max(ms(histogram.max), lateMs) };
  }

  /** `lateMs`: how late the poller's timer fired for this sample. */
  sample(lateMs = 0): HostSample {
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
      eventLoopDelay: this.eventLoopDelay(lateMs),
      eventLoopUtilization: before ? performance.eventLoopUtilization(now.elu, before.elu).utilization : null,
    };
    this.previous = now;
    this.delay.histogram.reset();
    return sample;
  }

  dispose(): void {
    this.delay.dispose();
  }
}

export function coreCount(): number {
  return os.availableParallelism();
}
