/**
 * How likely a typist is to write `typed` when meaning `intended`: a weighted Damerau–Levenshtein
 * distance (optimal string alignment) whose edits cost less where slips are common. The weights
 * come from what studies of typing and spelling errors report (Damerau 1964: most errors are one
 * substitution, insertion, deletion or transposition; Kukich 1992: neighbouring keys, doubled
 * letters and vowel confusions dominate), tuned on the tuning half of the bench's corpora only.
 */

const KEYBOARD_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

/** Each letter's neighbours on a QWERTY keyboard (same row, and the rows above and below). */
const NEIGHBOURS: ReadonlyMap<string, ReadonlySet<string>> = (() => {
  const map = new Map<string, Set<string>>();
  const at = (row: number, column: number) => KEYBOARD_ROWS[row]?.charAt(column) ?? '';
  KEYBOARD_ROWS.forEach((keys, row) => {
    for (let column = 0; column < keys.length; column++) {
      // Rows are staggered: the keys below a key sit at its column and one to the left.
      const near = [at(row, column - 1), at(row, column + 1), at(row - 1, column), at(row - 1, column + 1), at(row + 1, column), at(row + 1, column - 1)];
      map.set(keys.charAt(column), new Set(near.filter((key) => key !== '')));
    }
  });
  return map;
})();

const VOWELS = new Set('aeiouy');

export function neighbouring(a: string, b: string): boolean {
  return NEIGHBOURS.get(a)?.has(b) ?? false;
}

export const EDIT_COSTS = {
  /**
   * A key far from the one meant. Dearer than a dropped letter: a finger that slips lands on a
   * neighbouring key, and a speller who does not know a word confuses vowels or drops a letter.
   */
  substitute: 1.2,
  substituteNeighbour: 0.6,
  /**
   * One vowel for another past the first syllable ("seperate", "independant"): an unstressed
   * vowel sounds the same whichever it is. In the first syllable, usually the stressed one, a
   * vowel is heard, so "tha" is not taken for "the" at this price.
   */
  substituteVowel: 0.5,
  /** A letter typed that the word does not have. */
  insert: 1,
  /**
   * A letter of the word left out: the commonest slip in both typing and spelling (Damerau 1964,
   * Kukich 1992), so "tha" reads as "that" or "than" before "the".
   */
  omit: 0.55,
  /** A letter doubled or undoubled ("ocurred", "untill"). */
  doubling: 0.35,
  transpose: 0.5,
};

function substitution(a: string, b: string, inFirstSyllable: boolean): number {
  if (a === b) return 0;
  if (!inFirstSyllable && VOWELS.has(a) && VOWELS.has(b)) return EDIT_COSTS.substituteVowel;
  return neighbouring(a, b) ? EDIT_COSTS.substituteNeighbour : EDIT_COSTS.substitute;
}

/** Cost of inserting or omitting `text[index]`: cheap when it repeats a letter beside it. */
function insertOrOmit(text: string, index: number, plain: number): number {
  const letter = text.charAt(index);
  return letter === text.charAt(index - 1) || letter === text.charAt(index + 1) ? EDIT_COSTS.doubling : plain;
}
const inserted = (typed: string, index: number) => insertOrOmit(typed, index, EDIT_COSTS.insert);
const omitted = (intended: string, index: number) => insertOrOmit(intended, index, EDIT_COSTS.omit);

/** Where the word's first run of vowels ends: its first syllable, near enough for the cost above. */
function firstSyllableEnd(word: string): number {
  let index = 0;
  while (index < word.length && !VOWELS.has(word.charAt(index))) index++;
  while (index < word.length && VOWELS.has(word.charAt(index))) index++;
  return index;
}

/** Longest inputs compared; suggestion candidates are never longer (the caller bounds words). */
const MAX_LENGTH = 64;

/** Weighted edit cost from `intended` to `typed`, both lower case; Infinity past MAX_LENGTH. */
export function slipCost(typed: string, intended: string): number {
  if (typed.length > MAX_LENGTH || intended.length > MAX_LENGTH) return Number.POSITIVE_INFINITY;
  const rows = typed.length + 1;
  const columns = intended.length + 1;
  const cost = new Float64Array(rows * columns);
  const firstSyllable = firstSyllableEnd(intended);
  for (let i = 1; i < rows; i++) cost[i * columns] = (cost[(i - 1) * columns] ?? 0) + inserted(typed, i - 1);
  for (let j = 1; j < columns; j++) cost[j] = (cost[j - 1] ?? 0) + omitted(intended, j - 1);
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < columns; j++) {
      const a = typed.charAt(i - 1);
      const b = intended.charAt(j - 1);
      let best = Math.min(
        (cost[(i - 1) * columns + j] ?? 0) + inserted(typed, i - 1),
        (cost[i * columns + j - 1] ?? 0) + omitted(intended, j - 1),
        (cost[(i - 1) * columns + j - 1] ?? 0) + substitution(a, b, j - 1 < firstSyllable),
      );
      if (i > 1 && j > 1 && a === intended.charAt(j - 2) && typed.charAt(i - 2) === b) best = Math.min(best, (cost[(i - 2) * columns + j - 2] ?? 0) + EDIT_COSTS.transpose);
      cost[i * columns + j] = best;
    }
  }
  return cost[rows * columns - 1] ?? Number.POSITIVE_INFINITY;
}
