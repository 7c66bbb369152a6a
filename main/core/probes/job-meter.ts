/**
 * Job latency (queue wait plus run) and throughput of one task, across its hosts. Percentiles are
 * over the most recent jobs, so the monitor shows how the task behaves now, not since startup.
 */
import type { Percentiles } from '../../../workers/common/metrics.ts';
import { summarizePercentiles } from '../../../workers/common/percentile.ts';

/** How many recent jobs the percentiles cover. */
export const RECENT_JOBS = 256;

/** Nearest-rank p50/p95/p99 of `values`; null (shown as "measuring") when there are none. */
export function percentilesOf(values: readonly number[]): Percentiles | null {
  const summary = summarizePercentiles(values);
  return summary === undefined ? null : { p50: summary.p50, p95: summary.p95, p99: summary.p99 };
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
