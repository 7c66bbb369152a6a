import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { walkNearWords } from './near-words.ts';
import { frequenciesOf } from './word-frequencies.ts';

/** Optimal string alignment distance, the plain way, to check the pruned walk against. */
function distance(a: string, b: string): number {
  const table = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = table[i] ?? [];
      const up = table[i - 1] ?? [];
      row[j] = Math.min((up[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (up[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j] ?? 0, (table[i - 2]?.[j - 2] ?? 0) + 1);
    }
  }
  return table[a.length]?.[b.length] ?? Number.POSITIVE_INFINITY;
}

const near = (typed: string, words: readonly string[], maxDistance: number) => {
  const found = new Map<string, number>();
  walkNearWords(typed, frequenciesOf(words.map((word) => ({ word, count: 1 }))), maxDistance, { tick: () => undefined, visit: (word, at) => found.set(word, at) });
  return found;
};

describe('near words', () => {
  it('finds exactly the listed words within the distance, at their distance', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), maxLength: 7 });
    fc.assert(
      fc.property(word, fc.uniqueArray(word.filter((each) => each !== ''), { maxLength: 30 }), fc.integer({ min: 0, max: 3 }), (typed, words, maxDistance) => {
        const expected = new Map(words.map((each) => [each, distance(typed, each)] as const).filter(([, at]) => at <= maxDistance));
        expect(near(typed, words, maxDistance)).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('counts a transposition as one edit', () => {
    expect(near('teh', ['the', 'then'], 1)).toEqual(new Map([['the', 1]]));
  });

  it('stops when its tick throws (the time budget)', () => {
    const frequencies = frequenciesOf(['alpha', 'beta', 'gamma'].map((word) => ({ word, count: 1 })));
    let ticks = 0;
    const stop = new Error('out of time');
    expect(() => walkNearWords('alpa', frequencies, 2, { tick: () => { if (++ticks > 3) throw stop; }, visit: () => undefined })).toThrow(stop);
    expect(ticks).toBe(4);
  });

  it('walks a 256-letter word without growing past the longest listed word', () => {
    const found = near('x'.repeat(256), ['xx', 'xxx'], 2);
    expect(found.size).toBe(0);
  });
});
