import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ascending, nearestRank, percentile, percentileOfSorted, summarizePercentiles } from './percentile.ts';

describe('percentile (nearest rank, 0 to 100)', () => {
  it('gives the sample of rank ⌈p/100 · n⌉, never an interpolation', () => {
    const samples = [15, 20, 35, 40, 50];
    expect([5, 30, 40, 50, 100].map((p) => percentile(samples, p))).toEqual([15, 20, 20, 35, 50]);
    expect(percentile([1, 2], 50)).toBe(1);
    expect(percentile([1, 2, 3, 4], 75)).toBe(3);
  });

  it('gives the smallest sample for p = 0 and the largest for p = 100', () => {
    expect(percentile([9, 3, 7], 0)).toBe(3);
    expect(percentile([9, 3, 7], 100)).toBe(9);
    expect(percentile([4], 99)).toBe(4);
  });

  it('sorts numerically, not as strings, and leaves its input alone', () => {
    const samples = [10, 9, 100, 1];
    expect(percentile(samples, 50)).toBe(9);
    expect(samples).toEqual([10, 9, 100, 1]);
  });

  it('gives undefined for no samples', () => {
    expect(percentile([], 50)).toBeUndefined();
    expect(percentileOfSorted([], 0)).toBeUndefined();
    expect(summarizePercentiles([])).toBeUndefined();
  });

  it('refuses a p outside 0 to 100, even with no samples', () => {
    for (const p of [-1, 101, Number.NaN]) {
      expect(() => percentile([1, 2, 3], p)).toThrow(RangeError);
      expect(() => percentile([], p)).toThrow(RangeError);
    }
  });

  it('summarizes p50, p95, p99 and max in one pass', () => {
    const samples = Array.from({ length: 200 }, (_, index) => 200 - index);
    expect(summarizePercentiles(samples)).toEqual({ n: 200, p50: 100, p95: 190, p99: 198, max: 200 });
  });

  it('is always a sample with at least p% of the samples at or below it, and no smaller sample is', () => {
    const sample = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 });
    fc.assert(
      fc.property(fc.array(sample, { minLength: 1, maxLength: 60 }), fc.integer({ min: 0, max: 100 }), (samples, p) => {
        const value = percentile(samples, p);
        if (value === undefined) return false;
        const atOrBelow = samples.filter((item) => item <= value).length;
        const below = samples.filter((item) => item < value).length;
        return samples.includes(value) && atOrBelow * 100 >= p * samples.length && (p === 0 || below * 100 < p * samples.length);
      }),
    );
  });

  it('ranks within 1 to n', () => {
    expect(nearestRank(10, 0)).toBe(1);
    expect(nearestRank(10, 95)).toBe(10);
    expect(nearestRank(20, 95)).toBe(19);
    expect(ascending([3, 1, 2])).toEqual([1, 2, 3]);
  });
});
