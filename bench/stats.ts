/**
 * Order statistics for the benchmark, from the shared nearest-rank percentiles
 * (workers/common/percentile.ts): a reported p95 is a latency that actually happened. A run with
 * no samples reports NaN, which the report shows as a missing figure.
 */
import { percentile as nearestRankPercentile, summarizePercentiles, type PercentileSummary } from '../workers/common/percentile.ts';

export interface Summary extends PercentileSummary {
  readonly mean: number;
}

/** Nearest-rank percentile `p` (0..100) of `samples`; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  return nearestRankPercentile(samples, p) ?? Number.NaN;
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

export function summarize(samples: readonly number[]): Summary {
  const total = samples.reduce((sum, value) => sum + value, 0);
  const mean = samples.length === 0 ? Number.NaN : total / samples.length;
  return { ...(summarizePercentiles(samples) ?? { n: 0, p50: Number.NaN, p95: Number.NaN, p99: Number.NaN, max: Number.NaN }), mean };
}

/** Rounds for reports: three significant digits, at most three decimals. */
export function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  const magnitude = Math.abs(value);
  const decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
  return Number(value.toFixed(decimals));
}

export function roundSummary(summary: Summary): Summary {
  return {
    n: summary.n,
    p50: round(summary.p50),
    p95: round(summary.p95),
    p99: round(summary.p99),
    max: round(summary.max),
    mean: round(summary.mean),
  };
}
