/**
 * Document stats kept current per edit without rescanning the whole text: a 10 MB document
 * must answer every keystroke in well under a millisecond, and `documentStats` over all of it
 * takes tens of milliseconds.
 *
 * Each edit is widened to the nearest *hard boundaries*: ASCII characters that can be neither
 * part of a word (letters, digits, `'`, `-`) nor half of a surrogate pair. No word match, line
 * break or code point can straddle such a character, so counting the widened region before and
 * after the edit gives the exact difference.
 */
import { documentStats, type DocumentStats, type TextEdit } from '../../../workers/common/document.ts';

function isHardBoundary(code: number): boolean {
  if (code >= 0x80) return false; // Letters, ’, surrogates and marks live here: never a safe cut.
  const isDigit = code >= 0x30 && code <= 0x39;
  const isLetter = (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
  return !isDigit && !isLetter && code !== 0x27 && code !== 0x2d;
}

interface Region {
  start: number;
  end: number;
  /** Sum of `text.length - length` of the edits inside the region. */
  delta: number;
}

/** Widens `[start, end)` of `text` to hard boundaries (or the ends of the text). */
function widen(text: string, start: number, end: number): { start: number; end: number } {
  let from = start;
  while (from > 0 && !isHardBoundary(text.charCodeAt(from - 1))) from -= 1;
  let to = end;
  while (to < text.length && !isHardBoundary(text.charCodeAt(to))) to += 1;
  return { start: from, end: to };
}

/** Widened regions of `before`, one per group of edits whose regions meet, in text order. */
function regionsOf(before: string, edits: readonly TextEdit[]): Region[] {
  const ordered = [...edits].sort((a, b) => a.offset - b.offset);
  const regions: Region[] = [];
  for (const edit of ordered) {
    const widened = widen(before, edit.offset, edit.offset + edit.length);
    const delta = edit.text.length - edit.length;
    const last = regions.at(-1);
    if (last && widened.start <= last.end) {
      last.end = Math.max(last.end, widened.end);
      last.delta += delta;
    } else {
      regions.push({ ...widened, delta });
    }
  }
  return regions;
}

/**
 * The stats of `after`, given the stats of `before` and the edits (offsets into `before`, not
 * overlapping) that turned one into the other.
 */
export function updateStats(before: string, stats: DocumentStats, edits: readonly TextEdit[], after: string): DocumentStats {
  let { lines, words, characters } = stats;
  let shift = 0;
  for (const region of regionsOf(before, edits)) {
    const old = documentStats(before.slice(region.start, region.end));
    const fresh = documentStats(after.slice(region.start + shift, region.end + shift + region.delta));
    lines += fresh.lines - old.lines;
    words += fresh.words - old.words;
    characters += fresh.characters - old.characters;
    shift += region.delta;
  }
  return { lines, words, characters };
}
