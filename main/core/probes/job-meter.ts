/**
 * Job latency (queue wait plus run) and throughput of one task, across its hosts. Percentiles are
 * over the most recent jobs, so the monitor shows how the task behaves now, not since startup.
 */
import type { Percentiles } from '../../../workers/common/metrics.ts';

/** How many recent jobs the percentiles cover. */
export const RECENT_JOBS = 256;

/** The nearest-rank percentile `p` (0..100) of ascending `sorted`. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? Number.NaN;
}

export function percentilesOf(values: readonly number[]): Percentiles | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
}

export class JobMeter {
  private readonly recent: number[] = [];
  private next = 0;
  private completed = 0;

  record(latencyMs: number): void {
    if (!Number.isFinite(latencyMs) || latencyMs < 0) return;
    this.completed += 1;
    if (this.recent.length < RECENT_JOBS) this.recent.push(latencyMs);
    else this.recent[this.next] = latencyMs;
    this.next = (this.next + 1) % RECENT_JOBS;
  }

  /** Jobs completed since the task was created (a counter: the probe turns it into a rate). */
  completedJobs(): number {
    return this.completed;
  }

  latency(): Percentiles | null {
    return percentilesOf(this.recent);
  }
}
