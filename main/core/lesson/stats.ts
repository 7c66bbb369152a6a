/**
 * Order statistics for the lesson's figures. Percentiles are nearest-rank, so a reported p95 is a
 * value that was actually measured, never an interpolation between two.
 */

export interface Spread {
  readonly n: number;
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
}

function sorted(samples: readonly number[]): number[] {
  if (samples.length === 0) throw new Error('no samples to summarize');
  if (samples.some((sample) => !Number.isFinite(sample))) throw new Error('a sample is not a finite number');
  return [...samples].sort((a, b) => a - b);
}

function rank(ascending: readonly number[], p: number): number {
  const index = Math.min(ascending.length, Math.max(1, Math.ceil((p / 100) * ascending.length))) - 1;
  return ascending[index] as number;
}

/** Nearest-rank percentile `p` (0..100). Throws for no samples: a figure is never made up. */
export function percentile(samples: readonly number[], p: number): number {
  return rank(sorted(samples), p);
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

export function spread(samples: readonly number[]): Spread {
  const ascending = sorted(samples);
  return { n: ascending.length, p50: rank(ascending, 50), p95: rank(ascending, 95), max: ascending.at(-1) as number };
}

/** Three significant digits at most, for explanations and figures. */
export function round(value: number): number {
  const magnitude = Math.abs(value);
  const decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
  return Number(value.toFixed(decimals));
}

export const MB = 1024 * 1024;
