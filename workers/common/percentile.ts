/**
 * Percentiles, the one definition every side uses: the task monitor's job latencies, the typing
 * statistics' acknowledgement latencies, the Lesson's figures and the bench's summaries.
 *
 * - **Nearest rank.** The p-th percentile of n samples is the sample of rank ⌈p/100 · n⌉ in
 *   ascending order (rank 1 for p = 0): always a value that was measured, never an interpolation
 *   between two, so a reported p95 is a latency that actually happened.
 * - **One scale.** `p` is a percentage, 0 to 100; anything else is a `RangeError`.
 * - **Empty input gives `undefined`**, like `Array.prototype.at` past the end: there is no figure,
 *   and the type makes each caller say what it shows instead (the monitor "measuring", the Lesson
 *   an error, the bench NaN). No made-up 0.
 *
 * Samples should be finite numbers: NaN has no place in an order.
 */

/** Order statistics of a list of samples, all nearest-rank. */
export interface PercentileSummary {
  readonly n: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

/** The 1-based rank of the p-th percentile among `count` ascending samples (`count` ≥ 1). */
export function nearestRank(count: number, p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`a percentile is between 0 and 100, not ${p}`);
  return Math.min(count, Math.max(1, Math.ceil((p / 100) * count)));
}

/** The p-th percentile of `ascending`, which is already sorted; undefined when it is empty. */
export function percentileOfSorted(ascending: readonly number[], p: number): number | undefined {
  const rank = nearestRank(ascending.length, p);
  return ascending.length === 0 ? undefined : ascending[rank - 1];
}

/** `samples` in ascending numeric order, as a new array. */
export function ascending(samples: readonly number[]): number[] {
  return [...samples].sort((a, b) => a - b);
}

/** The p-th percentile (0 to 100) of `samples`, in any order; undefined when there are none. */
export function percentile(samples: readonly number[], p: number): number | undefined {
  return percentileOfSorted(ascending(samples), p);
}

/** p50, p95, p99 and max of `samples` with one sort; undefined when there are none. */
export function summarizePercentiles(samples: readonly number[]): PercentileSummary | undefined {
  const sorted = ascending(samples);
  const at = (p: number) => percentileOfSorted(sorted, p);
  const [p50, p95, p99, max] = [at(50), at(95), at(99), sorted.at(-1)];
  if (p50 === undefined || p95 === undefined || p99 === undefined || max === undefined) return undefined;
  return { n: sorted.length, p50, p95, p99, max };
}
