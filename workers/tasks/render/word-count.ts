/**
 * Words and code points of a text in one pass, for the render task's per-block counts.
 *
 * A word is what `documentStats` (workers/common/document.ts) counts: a run of letters and
 * digits (`\p{L}`, `\p{N}`), joined by one inner `'`, `’` or `-`. It is scanned code unit by code
 * unit rather than matched with `[\p{L}\p{N}]+`: in a string that is not all Latin-1, V8 pushes a
 * backtrack entry per letter for that pattern and a word of about 4.19 M letters overflowed its
 * regexp stack (a fuzzing regression), and a 5 MB line of short words cost hundreds of
 * milliseconds in match objects. Each BMP code unit is classified once, by the same Unicode
 * property test, and remembered in a table.
 */

const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;

const UNKNOWN = 0;
const WORD = 1;
const JOINER = 2;
const OTHER = 3;

/** The class of each BMP code unit, filled in on first sight (64 KiB, shared by all blocks). */
const bmpClass = new Uint8Array(0x10000);

function classifyUnit(code: number): number {
  if (code === 0x27 || code === 0x2d || code === 0x2019) return JOINER;
  // A lone surrogate is no letter; a pair is classified by its code point in `classAt`.
  if (code >= 0xd800 && code <= 0xdfff) return OTHER;
  return LETTER_OR_NUMBER.test(String.fromCharCode(code)) ? WORD : OTHER;
}

function unitClass(code: number): number {
  let known = bmpClass[code] ?? UNKNOWN;
  if (known === UNKNOWN) {
    known = classifyUnit(code);
    bmpClass[code] = known;
  }
  return known;
}

export interface TextCounts {
  readonly words: number;
  /** Unicode code points; a lone surrogate counts as one. */
  readonly characters: number;
}

/** Counts the words and code points of `text`. */
export function countWordsAndCharacters(text: string): TextCounts {
  let words = 0;
  let characters = 0;
  let inWord = false;
  let afterJoiner = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    let kind: number;
    if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        // Astral letters are rare enough that the property test runs on each one.
        kind = LETTER_OR_NUMBER.test(text.slice(index, index + 2)) ? WORD : OTHER;
        index += 1;
      } else kind = OTHER;
    } else kind = unitClass(code);
    characters += 1;
    if (kind === WORD) {
      if (!inWord) words += 1;
      inWord = true;
      afterJoiner = false;
    } else if (kind === JOINER && inWord && !afterJoiner) {
      afterJoiner = true;
    } else {
      inWord = false;
      afterJoiner = false;
    }
  }
  return { words, characters };
}
