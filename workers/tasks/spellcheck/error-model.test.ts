import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EDIT_COSTS, neighbouring, slipCost } from './error-model.ts';

describe('slip cost', () => {
  it('is zero for the word itself and positive for any other', () => {
    fc.assert(fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
      expect(slipCost(a, a)).toBe(0);
      if (a !== b) expect(slipCost(a, b)).toBeGreaterThan(0);
    }));
  });

  it('prices the slips typists make below other edits', () => {
    expect(slipCost('teh', 'the')).toBe(EDIT_COSTS.transpose);
    expect(slipCost('wprd', 'word')).toBe(EDIT_COSTS.substituteNeighbour);
    expect(slipCost('wzrd', 'word')).toBe(EDIT_COSTS.substitute);
    expect(slipCost('untill', 'until')).toBe(EDIT_COSTS.doubling);
    expect(slipCost('ocured', 'occurred')).toBe(2 * EDIT_COSTS.doubling);
    expect(slipCost('seperate', 'separate')).toBe(EDIT_COSTS.substituteVowel);
    expect(slipCost('tha', 'that')).toBe(EDIT_COSTS.omit);
    expect(slipCost('thhe', 'the')).toBe(EDIT_COSTS.doubling);
    expect(slipCost('thje', 'the')).toBe(EDIT_COSTS.insert);
  });

  it('prices a dropped letter below a far key, so "tha" reads as "that" before "the"', () => {
    expect(EDIT_COSTS.omit).toBeLessThan(EDIT_COSTS.substitute);
    expect(slipCost('tha', 'that')).toBeLessThan(slipCost('tha', 'the'));
  });

  it('prices a vowel for a vowel low only past the first syllable, where vowels go unstressed', () => {
    // "the" has one syllable: its vowel is heard, so "tha" is a far key, not a vowel confusion.
    expect(slipCost('tha', 'the')).toBe(EDIT_COSTS.substitute);
    expect(slipCost('sapirate', 'separate')).toBe(EDIT_COSTS.substitute + EDIT_COSTS.substituteVowel);
    // A vowel that is a neighbouring key keeps the neighbour's price in the first syllable too.
    expect(slipCost('tuo', 'tio')).toBe(EDIT_COSTS.substituteNeighbour);
  });

  it('knows QWERTY neighbours, both ways, and no others', () => {
    expect(neighbouring('q', 'w')).toBe(true);
    expect(neighbouring('w', 'q')).toBe(true);
    expect(neighbouring('g', 'b')).toBe(true);
    expect(neighbouring('q', 'p')).toBe(false);
    expect(neighbouring('é', 'e')).toBe(false);
  });

  it('refuses to compare past its length bound instead of growing its table', () => {
    expect(slipCost('a'.repeat(256), 'a')).toBe(Number.POSITIVE_INFINITY);
  });
});
