/**
 * Spelling suggestions within a time budget.
 *
 * nspell's `suggest` runs to the end however long that takes: for a long word with no close
 * match its edit-distance-2 search can take seconds. This follows the same method in the same
 * order (nspell 2.1.5's suggest.js, MIT): likely slips first (the affix file's REP table,
 * neighbouring keys, a doubled or undoubled letter), then every single edit, then — only while
 * nothing has been found — edits of edits. It checks the clock every few hundred candidates and,
 * when the budget is spent, returns what it has with `truncated: true`.
 */
import type { Speller } from './speller.ts';

export interface SuggestOptions {
  readonly budgetMs: number;
  readonly limit: number;
  /** Extra words to offer when close (the personal dictionary). */
  readonly extraWords?: readonly string[];
  readonly now?: () => number;
}

export interface SuggestionOutcome {
  readonly suggestions: readonly string[];
  readonly truncated: boolean;
}

const CLOCK_EVERY = 128;

class OutOfTime extends Error {}

/** Tries candidates, remembering verdicts and weighting words that several edits lead to. */
class CandidateSearch {
  readonly #speller: Speller;
  readonly #deadline: number;
  readonly #now: () => number;
  readonly verdicts = new Map<string, boolean>();
  readonly weights = new Map<string, number>();
  #tried = 0;

  constructor(speller: Speller, deadline: number, now: () => number) {
    this.#speller = speller;
    this.#deadline = deadline;
    this.#now = now;
  }

  /** Throws OutOfTime once the budget is spent. `likely` marks nspell's "pre-generated" slips. */
  try(candidate: string, likely = false): void {
    if (++this.#tried % CLOCK_EVERY === 0 && this.#now() > this.#deadline) throw new OutOfTime();
    let verdict = this.verdicts.get(candidate);
    if (verdict === undefined) {
      verdict = candidate.length > 0 && this.#speller.suggestible(candidate);
      this.verdicts.set(candidate, verdict);
      if (verdict) this.weights.set(candidate, likely ? 10 : 0);
    }
    if (verdict) this.weights.set(candidate, (this.weights.get(candidate) ?? 0) + 1);
  }

  found(): boolean {
    return this.weights.size > 0;
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

function ranked(search: CandidateSearch, word: string, limit: number): string[] {
  const sameCase = (candidate: string) => (candidate.charAt(0) === candidate.charAt(0).toUpperCase()) === (word.charAt(0) === word.charAt(0).toUpperCase());
  const ordered = [...search.weights.entries()].sort(
    ([a, weightA], [b, weightB]) => weightB - weightA || Number(sameCase(b)) - Number(sameCase(a)) || a.localeCompare(b),
  );
  const seen = new Set<string>();
  const result: string[] = [];
  for (const [candidate] of ordered) {
    const key = candidate.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(candidate);
    if (result.length === limit) break;
  }
  return result;
}

/** Suggestions for `word`, best first, within `options.budgetMs`. */
export function suggestWithin(speller: Speller, word: string, options: SuggestOptions): SuggestionOutcome {
  const now = options.now ?? (() => performance.now());
  const search = new CandidateSearch(speller, now() + options.budgetMs, now);
  const close = (options.extraWords ?? []).filter((extra) => withinTwoEdits(extra.toLowerCase(), word.toLowerCase()));
  let truncated = false;
  try {
    for (const slip of likelySlips(word, speller)) search.try(slip, true);
    const firstLevel: string[] = [];
    for (const variant of variantsOf(word)) {
      singleEdits(variant, speller.tables.tryCharacters, (candidate) => {
        firstLevel.push(candidate);
        search.try(candidate);
      });
    }
    // As nspell: edits of edits only while nothing is found, over a bounded share of the list.
    const limit = Math.min(firstLevel.length, Math.max(15 - word.length, 3) ** 3);
    for (let index = 0; index < limit && !search.found() && close.length === 0; index++) {
      singleEdits(firstLevel[index] ?? '', speller.tables.tryCharacters, (candidate) => search.try(candidate));
    }
  } catch (error) {
    if (!(error instanceof OutOfTime)) throw error;
    truncated = true;
  }
  const fromDictionary = ranked(search, word, options.limit);
  const merged = [...new Set([...close, ...fromDictionary])].slice(0, options.limit);
  return { suggestions: merged, truncated };
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
