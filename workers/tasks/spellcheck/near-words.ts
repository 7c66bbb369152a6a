/**
 * Listed words within a small edit distance of a typed word, found by walking the frequency
 * list's prefixes (a trie) with one row of the edit-distance table per prefix (optimal string
 * alignment: insertions, deletions, substitutions, adjacent transpositions). A prefix whose row
 * is past the limit everywhere cannot lead to a near word, so its branch is never entered: the
 * walk visits a few thousand prefixes, not the 74,000 words.
 */
import type { WordFrequencies } from './word-frequencies.ts';

export interface NearWordsWalk {
  /** Called before each prefix is entered; may throw to stop the walk (the time budget). */
  readonly tick: () => void;
  /** Called with each listed word within the distance, and that distance. */
  readonly visit: (word: string, distance: number) => void;
}

/** Fills `row` for the prefix that ends in `letter`, from the rows of the two prefixes before it. */
function fillRow(typed: string, row: Int32Array, previous: Int32Array, beforePrevious: Int32Array | undefined, letter: string, letterBefore: string): number {
  row[0] = (previous[0] ?? 0) + 1;
  let least = row[0];
  for (let j = 1; j <= typed.length; j++) {
    const cost = typed.charAt(j - 1) === letter ? 0 : 1;
    let best = Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    if (beforePrevious && j > 1 && typed.charAt(j - 1) === letterBefore && typed.charAt(j - 2) === letter) best = Math.min(best, (beforePrevious[j - 2] ?? 0) + 1);
    row[j] = best;
    if (best < least) least = best;
  }
  return least;
}

/** Every listed word within `maxDistance` edits of `typed` (lower case), in trie order. */
export function walkNearWords(typed: string, frequencies: WordFrequencies, maxDistance: number, walk: NearWordsWalk): void {
  // One row per depth, reused: the walk allocates nothing per prefix (no garbage, no GC pauses).
  // The depth is bounded by the longest listed word, not by `typed`.
  const rows: Int32Array[] = [Int32Array.from({ length: typed.length + 1 }, (_, index) => index)];
  const rowAt = (depth: number): Int32Array => {
    let row = rows[depth];
    if (!row) {
      row = new Int32Array(typed.length + 1);
      rows[depth] = row;
    }
    return row;
  };
  const enter = (prefix: string): void => {
    const depth = prefix.length;
    const previous = rowAt(depth);
    const beforePrevious = depth > 0 ? rows[depth - 1] : undefined;
    const letterBefore = prefix.charAt(depth - 1);
    for (const letter of frequencies.nextLetters(prefix)) {
      walk.tick();
      const word = prefix + letter;
      const row = rowAt(depth + 1);
      const least = fillRow(typed, row, previous, beforePrevious, letter, letterBefore);
      const distance = row[typed.length] ?? Number.POSITIVE_INFINITY;
      if (distance <= maxDistance && frequencies.countLower(word) > 0) walk.visit(word, distance);
      if (least <= maxDistance) enter(word);
    }
  };
  enter('');
}
