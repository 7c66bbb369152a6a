/**
 * Spelling suggestions within a time budget.
 *
 * Candidates come from two searches. The first walks the word-frequency list's prefixes for the
 * words within one edit, then (unless a common one was found) two, then for long words three
 * (near-words.ts: a pruned edit-distance walk of the list as a trie). The second follows nspell's
 * method (nspell 2.1.5's suggest.js, MIT): it reaches words the list lacks (rare words, inflections) and runs only
 * when the first found nothing: every single edit, then edits of edits, each a dictionary look-up.
 * Likely slips (the affix file's REP table, a doubled or undoubled letter) are always tried.
 * nspell + dictionary-en has the last word on every candidate; ranker.ts orders them by
 * frequency and error model. The clock is checked every 32 candidates; when the budget is spent,
 * what was found is ranked and returned with `truncated: true`.
 */
import { walkNearWords } from './near-words.ts';
import { rank, type Candidate } from './ranker.ts';
import type { Speller } from './speller.ts';
import { NO_FREQUENCIES, type WordFrequencies } from './word-frequencies.ts';

export interface SuggestOptions {
  readonly budgetMs: number;
  readonly limit: number;
  /** Extra words to offer when close (the personal dictionary). */
  readonly extraWords?: readonly string[];
  /** How common words are; until the list is loaded, ranking uses the error model alone. */
  readonly frequencies?: WordFrequencies;
  readonly now?: () => number;
}

export interface SuggestionOutcome {
  readonly suggestions: readonly string[];
  readonly truncated: boolean;
}

const CLOCK_EVERY = 32;
/** Words this short are searched to one edit only: within two lie hundreds of words. */
const SHORT_WORD = 3;
/** Words this long are searched to three edits when two found nothing. */
const FAR_WORD = 7;

class OutOfTime extends Error {}

/** Tries candidates against the dictionary, remembering verdicts, within a deadline. */
class CandidateSearch {
  readonly #speller: Speller;
  readonly #deadline: number;
  readonly #now: () => number;
  readonly #verdicts = new Map<string, boolean>();
  readonly found = new Set<string>();
  #tried = 0;

  constructor(speller: Speller, deadline: number, now: () => number) {
    this.#speller = speller;
    this.#deadline = deadline;
    this.#now = now;
  }

  /** Throws OutOfTime once the budget is spent. */
  tick(): void {
    if (++this.#tried % CLOCK_EVERY === 0 && this.#now() > this.#deadline) throw new OutOfTime();
  }

  try(candidate: string): void {
    this.tick();
    let verdict = this.#verdicts.get(candidate);
    if (verdict === undefined) {
      verdict = candidate.length > 0 && this.#speller.suggestible(candidate);
      this.#verdicts.set(candidate, verdict);
      if (verdict) this.found.add(candidate);
    }
  }

  /** A word of the frequency list, as the dictionary spells it ("tuesday" → "Tuesday"), if it allows it. */
  tryListed(lower: string): boolean {
    this.try(lower);
    if (this.found.has(lower)) return true;
    const capitalised = lower.charAt(0).toUpperCase() + lower.slice(1);
    this.try(capitalised);
    return this.found.has(capitalised);
  }
}

function likelySlips(word: string, speller: Speller): string[] {
  const edits: string[] = [];
  for (const [from, to] of speller.tables.replacements) {
    for (let at = word.indexOf(from); at !== -1; at = word.indexOf(from, at + 1)) edits.push(word.slice(0, at) + to + word.slice(at + from.length));
  }
  for (let index = 0; index < word.length; index++) {
    const character = word.charAt(index);
    const lower = character.toLowerCase();
    const neighbours = new Set(speller.tables.keyboardGroups.flatMap((group) => (group.includes(lower) ? [...group] : [])));
    neighbours.delete(lower);
    for (const neighbour of neighbours) {
      edits.push(word.slice(0, index) + (lower === character ? neighbour : neighbour.toUpperCase()) + word.slice(index + 1));
    }
    const doubled = word.charAt(index + 1) === character;
    edits.push(word.slice(0, index) + (doubled ? '' : character + character) + word.slice(index + 1));
  }
  return edits;
}

function switchCase(text: string): string {
  const first = text.charAt(0);
  return (first.toLowerCase() === first ? first.toUpperCase() : first.toLowerCase()) + text.slice(1);
}

/** Every single edit of `word` (delete, transpose, replace, insert), each passed to `visit`. */
function singleEdits(word: string, letters: readonly string[], visit: (candidate: string) => void): void {
  for (let position = 0; position <= word.length; position++) {
    const before = word.slice(0, position);
    const character = word.charAt(position);
    const after = word.slice(position + 1);
    const next = word.charAt(position + 1);
    const upper = character !== '' && character.toLowerCase() !== character;
    if (next && upper !== (next.toLowerCase() !== next)) {
      visit(before + switchCase(word.slice(position + 1)));
      visit(before + switchCase(next) + switchCase(character) + word.slice(position + 2));
    }
    if (character) visit(before + after);
    if (next) visit(before + next + character + word.slice(position + 2));
    for (const letter of letters) {
      const inject = upper ? letter.toUpperCase() : letter;
      visit(before + inject + word.slice(position));
      if (character) visit(before + inject + after);
    }
  }
}

function variantsOf(word: string): string[] {
  const lower = word.toLowerCase();
  const variants = [word];
  if (word === lower) variants.push(word.charAt(0).toUpperCase() + lower.slice(1));
  if (word !== word.toUpperCase()) variants.push(word.toUpperCase());
  return variants;
}

/** Longest word whose near words are searched: no dictionary word is longer. */
const MAX_SEARCHED_LENGTH = 40;

/**
 * A listed word at least this common within one edit makes a second edit pointless: one more
 * edit costs more in the ranker than any frequency gains back (ranker.ts, RANK_WEIGHTS.slip).
 */
const COMMON_ENOUGH = 200;

/** Listed words within one edit of `word`, then within two unless a common one was found (or the word is short). */
function searchFrequencyList(word: string, frequencies: WordFrequencies, search: CandidateSearch): void {
  const lower = word.toLowerCase();
  if (lower.length > MAX_SEARCHED_LENGTH || frequencies.words.length === 0) return;
  let common = false;
  const tick = () => search.tick();
  walkNearWords(lower, frequencies, 1, {
    tick,
    visit: (near) => {
      if (search.tryListed(near) && frequencies.countLower(near) >= COMMON_ENOUGH) common = true;
    },
  });
  if (common || lower.length <= SHORT_WORD) return;
  walkNearWords(lower, frequencies, 2, { tick, visit: (near, distance) => void (distance === 2 && search.tryListed(near)) });
  // Nothing within two edits: long words are often three away ("maintainence"); the walk is
  // still pruned, and the budget bounds it.
  if (search.found.size === 0 && lower.length >= FAR_WORD) walkNearWords(lower, frequencies, 3, { tick, visit: (near, distance) => void (distance === 3 && search.tryListed(near)) });
}

/** nspell's method: every single edit of each case variant, then edits of edits while nothing is found. */
function searchDictionary(word: string, speller: Speller, search: CandidateSearch, haveClose: boolean): void {
  const firstLevel: string[] = [];
  for (const variant of variantsOf(word)) {
    singleEdits(variant, speller.tables.tryCharacters, (candidate) => {
      firstLevel.push(candidate);
      search.try(candidate);
    });
  }
  const limit = Math.min(firstLevel.length, Math.max(15 - word.length, 3) ** 3);
  for (let index = 0; index < limit && search.found.size === 0 && !haveClose; index++) {
    singleEdits(firstLevel[index] ?? '', speller.tables.tryCharacters, (candidate) => search.try(candidate));
  }
}

/** Suggestions for `word`, best first, within `options.budgetMs`. */
export function suggestWithin(speller: Speller, word: string, options: SuggestOptions): SuggestionOutcome {
  const now = options.now ?? (() => performance.now());
  const frequencies = options.frequencies ?? NO_FREQUENCIES;
  const search = new CandidateSearch(speller, now() + options.budgetMs, now);
  const close = (options.extraWords ?? []).filter((extra) => withinTwoEdits(extra.toLowerCase(), word.toLowerCase()));
  let truncated = false;
  try {
    for (const slip of likelySlips(word, speller)) search.try(slip);
    searchFrequencyList(word, frequencies, search);
    // Words the list lacks (rare words, inflections): nspell's own search, only when the list had
    // nothing close, since each of its candidates costs a dictionary look-up, not a map's.
    if (search.found.size === 0 || frequencies.words.length === 0) searchDictionary(word, speller, search, close.length > 0);
  } catch (error) {
    if (!(error instanceof OutOfTime)) throw error;
    truncated = true;
  }
  const candidates: Candidate[] = [...close.map((extra) => ({ word: extra, personal: true })), ...[...search.found].map((found) => ({ word: found }))];
  return { suggestions: rank(word, candidates, frequencies, options.limit), truncated };
}

/** Damerau–Levenshtein distance ≤ 2, with an early exit (for the few personal words). */
export function withinTwoEdits(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 2) return false;
  let previousRow: number[] = [];
  let row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((row[j] ?? 0) + 1, (next[j - 1] ?? 0) + 1, (row[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (previousRow[j - 2] ?? 0) + 1);
      next.push(best);
    }
    if (Math.min(...next) > 2) return false;
    previousRow = row;
    row = next;
  }
  return (row[b.length] ?? 3) <= 2;
}
