import { describe, expect, it } from 'vitest';
import { rank, withCaseOf } from './ranker.ts';
import { frequenciesOf, NO_FREQUENCIES } from './word-frequencies.ts';

const frequencies = frequenciesOf([{ word: 'the', count: 1_000_000 }, { word: 'then', count: 50_000 }, { word: 'thee', count: 100 }, { word: 'NASA', count: 300 }]);

describe('ranker', () => {
  it('carries the typed case over', () => {
    expect(withCaseOf('Teh', 'the')).toBe('The');
    expect(withCaseOf('TEH', 'the')).toBe('THE');
    expect(withCaseOf('teh', 'the')).toBe('the');
    expect(withCaseOf('tuesdy', 'Tuesday')).toBe('Tuesday');
    expect(withCaseOf('NASAA', 'NASA')).toBe('NASA');
    expect(withCaseOf('😀x', 'ox')).toBe('ox');
  });

  it('puts the common word of a cheap slip first', () => {
    expect(rank('teh', [{ word: 'thee' }, { word: 'then' }, { word: 'the' }], frequencies, 5)[0]).toBe('the');
    expect(rank('Teh', [{ word: 'thee' }, { word: 'the' }], frequencies, 5)).toEqual(['The', 'Thee']);
  });

  it('lets frequency decide between slips that cost the same', () => {
    expect(rank('thex', [{ word: 'thee' }, { word: 'then' }], frequencies, 5)).toEqual(['then', 'thee']);
  });

  it('ranks personal words as words the user uses', () => {
    expect(rank('forkpd', [{ word: 'forked' }, { word: 'Forkpad', personal: true }], NO_FREQUENCIES, 5)[0]).toBe('Forkpad');
  });

  it('offers each word once, never the typed word itself, and at most `limit`', () => {
    const ranked = rank('the', [{ word: 'the' }, { word: 'The' }, { word: 'then' }, { word: 'thee' }, { word: 'then' }], frequencies, 2);
    expect(ranked).toHaveLength(2);
    expect(ranked).not.toContain('the');
    expect(new Set(ranked.map((word) => word.toLowerCase())).size).toBe(2);
  });
});
