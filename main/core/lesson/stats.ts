/**
 * Order statistics for the lesson's figures, from the shared nearest-rank percentiles
 * (workers/common/percentile.ts): a reported p95 is a value that was actually measured. Here no
 * samples is an error, never a figure: a claim must not be judged on nothing.
 */
import { percentile as nearestRankPercentile, summarizePercentiles } from '../../../workers/common/percentile.ts';

export interface Spread {
  readonly n: number;
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
}

function checked(samples: readonly number[]): readonly number[] {
  if (samples.length === 0) throw new Error('no samples to summarize');
  if (samples.some((sample) => !Number.isFinite(sample))) throw new Error('a sample is not a finite number');
  return samples;
}

/** Nearest-rank percentile `p` (0..100). Throws for no samples: a figure is never made up. */
export function percentile(samples: readonly number[], p: number): number {
  return nearestRankPercentile(checked(samples), p) as number;
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

export function spread(samples: readonly number[]): Spread {
  const { n, p50, p95, max } = summarizePercentiles(checked(samples)) as Spread;
  return { n, p50, p95, max };
}

/** Three significant digits at most, for explanations and figures. */
export function round(value: number): number {
  const magnitude = Math.abs(value);
  const decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
  return Number(value.toFixed(decimals));
}

export const MB = 1024 * 1024;
