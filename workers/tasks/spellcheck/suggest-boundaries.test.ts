import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSpeller, type Speller } from './speller.ts';
import { suggestWithin } from './suggest.ts';
import { DICTIONARY_ASSETS } from './test/task-harness.ts';
import { loadWordFrequencies, type WordFrequencies } from './word-frequencies.ts';

let speller: Speller;
let frequencies: WordFrequencies;

beforeAll(async () => {
  speller = await loadSpeller(DICTIONARY_ASSETS.dictionaryAff, DICTIONARY_ASSETS.dictionaryDic);
  frequencies = await loadWordFrequencies(DICTIONARY_ASSETS.wordFrequencies);
});

const PERSONAL = ['Forkpad', 'naïve', '😀emoji'];
/** A clock that moves one unit per reading: the budget bounds how much is tried, whatever the machine. */
const READINGS = 1_000;

function suggestBounded(word: string) {
  let readings = 0;
  const outcome = suggestWithin(speller, word, { budgetMs: READINGS, limit: 5, frequencies, extraWords: PERSONAL, now: () => readings++ });
  return { outcome, readings };
}

function checkOutcome(word: string): void {
  const { outcome, readings } = suggestBounded(word);
  // Readings every 32 candidates: past the budget by at most the last reading and ranking's none.
  expect(readings).toBeLessThanOrEqual(READINGS + 2);
  expect(outcome.suggestions.length).toBeLessThanOrEqual(5);
  expect(new Set(outcome.suggestions).size).toBe(outcome.suggestions.length);
  const letters = word.replace(/[^\p{L}]/gu, '');
  for (const suggestion of outcome.suggestions) {
    expect(suggestion).not.toBe(word);
    expect(suggestion.isWellFormed()).toBe(true);
    const known = speller.correct(suggestion) || speller.correct(suggestion.toLowerCase()) || PERSONAL.some((personal) => personal.toLowerCase() === suggestion.toLowerCase());
    expect(known, suggestion).toBe(true);
    const first = word.charAt(0);
    if (first !== first.toLowerCase()) expect(suggestion.charAt(0), suggestion).toBe(suggestion.charAt(0).toUpperCase());
    if (letters.length > 1 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()) expect(suggestion, suggestion).toBe(suggestion.toUpperCase());
  }
}

const ODDITIES = [
  'x'.repeat(256), 'a'.repeat(256), 'Teh'.repeat(85), '😀'.repeat(128), 'e\u0301'.repeat(128), '\ud800'.repeat(256), 'wr\ud800od', 'wrod\udfff',
  'cafe\u0301', 'naïvé', 'ﬁnal', 'İstanbul', 'ß', 'ǅemo', '\u200dwrod', 'wr\u0000od', 'qzxjvkpw', 'NASAA', 'Teh', 'TEH', 'Forkpd', "don't", '—',
];

describe('suggestions at the boundaries', () => {
  it.each(ODDITIES.map((word) => [JSON.stringify(word.slice(0, 24)), word]))('stay bounded, known and in case for %s', (_, word) => {
    checkOutcome(word);
  });

  it('stay bounded, known and in case for any string', () => {
    const unit = fc.oneof(fc.constantFrom('a', 'e', 't', 'h', 'T', 'E', '\u0301', '😀', '\ud800', '\udfff', "'", 'ß', 'İ'), fc.string({ unit: 'binary', maxLength: 3 }));
    fc.assert(fc.property(fc.array(unit, { minLength: 1, maxLength: 40 }).map((parts) => parts.join('').slice(0, 256)), (word) => checkOutcome(word)), { numRuns: 100 });
  });
});
