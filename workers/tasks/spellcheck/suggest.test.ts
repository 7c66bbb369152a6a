import { readFile } from 'node:fs/promises';
import nspell from 'nspell';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSpeller, type Speller } from './speller.ts';
import { suggestWithin, withinTwoEdits } from './suggest.ts';
import { DICTIONARY_ASSETS, never, newSpellcheckTask } from './test/task-harness.ts';
import { loadWordFrequencies, type WordFrequencies } from './word-frequencies.ts';

let speller: Speller;
let frequencies: WordFrequencies;
let reference: ReturnType<typeof nspell>;

beforeAll(async () => {
  speller = await loadSpeller(DICTIONARY_ASSETS.dictionaryAff, DICTIONARY_ASSETS.dictionaryDic);
  const [aff, dic] = await Promise.all([readFile(DICTIONARY_ASSETS.dictionaryAff), readFile(DICTIONARY_ASSETS.dictionaryDic)]);
  reference = nspell({ aff, dic });
  frequencies = await loadWordFrequencies(DICTIONARY_ASSETS.wordFrequencies);
});

// Not "grammer": nspell's first is "crammer", which ranking by frequency rightly drops for "grammar".
const WORDS = ['tomorow', 'recieve', 'teh', 'wrod', 'definately', 'seperate', 'occured', 'accomodate', 'adress', 'thier', 'Tuesdy', 'langauge'];

describe('budgeted suggestions', () => {
  it.each(WORDS)('given time, offers nspell\'s first suggestion for %s among its five', (word) => {
    const ours = suggestWithin(speller, word, { budgetMs: 60_000, limit: 5, frequencies });
    expect(ours.truncated).toBe(false);
    expect(ours.suggestions.map((each) => each.toLowerCase())).toContain(reference.suggest(word)[0]?.toLowerCase());
  });

  it.each([
    ['teh', 'the'], ['Teh', 'The'], ['TEH', 'THE'], ['wrod', 'word'], ['thier', 'their'], ['adress', 'address'], ['grammer', 'grammar'], ['Tuesdy', 'Tuesday'], ['tuesdy', 'Tuesday'],
  ])('puts the common word first, in the typed case: %s → %s', (typed, expected) => {
    expect(suggestWithin(speller, typed, { budgetMs: 60_000, limit: 5, frequencies }).suggestions[0]).toBe(expected);
  });

  it('keeps an all-caps word in capitals', () => {
    for (const suggestion of suggestWithin(speller, 'NASAA', { budgetMs: 60_000, limit: 5, frequencies }).suggestions) expect(suggestion).toBe(suggestion.toUpperCase());
  });

  it('finds words three edits away when nothing is within two', () => {
    expect(suggestWithin(speller, 'maintainence', { budgetMs: 60_000, limit: 5, frequencies }).suggestions).toContain('maintenance');
  });

  it('ranks by the error model alone while the frequency list is missing', () => {
    expect(suggestWithin(speller, 'teh', { budgetMs: 60_000, limit: 5 }).suggestions).toContain('the');
  });

  it('never offers words the dictionary marks NOSUGGEST', () => {
    expect(speller.correct('fuck')).toBe(true);
    expect(speller.suggestible('fuck')).toBe(false);
    expect(suggestWithin(speller, 'fuk', { budgetMs: 60_000, limit: 5 }).suggestions).not.toContain('fuck');
  });

  it('stops at its budget and says the list is truncated', () => {
    // nspell itself needs ~300 ms for this word, so 50 ms is never enough, however fast the
    // machine. How closely the search keeps to its budget is a timing claim, checked in
    // suggest.timing.test.ts; here the clock is the real one and only the outcome is asserted.
    expect(suggestWithin(speller, 'xqzjvk', { budgetMs: 50, limit: 5 }).truncated).toBe(true);
  });

  it('counts its budget on the clock it is given', () => {
    let tick = 0;
    const outcome = suggestWithin(speller, 'recieve', { budgetMs: 0, limit: 5, now: () => tick++ });
    expect(outcome.truncated).toBe(true);
    expect(outcome.suggestions.length).toBeLessThanOrEqual(5);
  });

  it('offers close personal words first', () => {
    expect(suggestWithin(speller, 'Forkpd', { budgetMs: 50, limit: 5, extraWords: ['Forkpad', 'Unrelated'] }).suggestions[0]).toBe('Forkpad');
    expect(suggestWithin(speller, 'forkpd', { budgetMs: 60_000, limit: 5, frequencies, extraWords: ['Forkpad', 'Unrelated'] }).suggestions[0]).toBe('Forkpad');
  });

  it('measures Damerau–Levenshtein distance up to two', () => {
    expect(withinTwoEdits('forkpad', 'forkpd')).toBe(true);
    expect(withinTwoEdits('forkpad', 'frokpad')).toBe(true);
    expect(withinTwoEdits('forkpad', 'fkrpd')).toBe(false);
    expect(withinTwoEdits('abc', 'abcdef')).toBe(false);
  });
});

describe('suggestions through the task', () => {
  it('are capped at five and cached', async () => {
    const task = await newSpellcheckTask();
    const first = await task.suggest({ word: 'wrod' }, never);
    expect(first.suggestions).toHaveLength(5);
    // The very same object: the second call was answered from the cache, not searched again.
    expect(await task.suggest({ word: 'wrod' }, never)).toBe(first);
  });
});
