import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documentStats } from '../../common/document.ts';
import { countWordsAndCharacters } from './word-count.ts';

const piece = fc.constantFrom('a', 'Ä', '1', '٣', 'ש', "'", '’', '-', '--', ' ', '\n', '𝒜', '😀', '\ud800', '\udc00', 'e\u0301', '\u0000', '.', '€');
const text = fc.oneof(fc.string({ unit: 'binary' }), fc.array(piece, { maxLength: 40 }).map((parts) => parts.join('')));

describe('countWordsAndCharacters', () => {
  it('counts the words and code points documentStats counts', () => {
    fc.assert(
      fc.property(text, (sample) => {
        const { words, characters } = documentStats(sample);
        expect(countWordsAndCharacters(sample)).toEqual({ words, characters });
      }),
      { numRuns: 5_000 },
    );
  });

  it('joins runs by one inner apostrophe or hyphen only', () => {
    expect(countWordsAndCharacters("don't well-known it’s a--b -c- 'd'").words).toBe(7);
  });

  // How long it takes is word-count.timing.test.ts.
  it('counts a word of millions of letters in a text beyond Latin-1', () => {
    expect(countWordsAndCharacters(`€ ${'a'.repeat(4_300_000)} 𝒜𝒜`)).toEqual({ words: 2, characters: 4_300_005 });
  });
});
