/**
 * Document stats kept current per edit without rescanning the whole text: a 10 MB document
 * must answer every keystroke in well under a millisecond, and `documentStats` over all of it
 * takes tens of milliseconds.
 *
 * Each edit is widened to the nearest *hard boundaries*: ASCII characters that can be neither
 * part of a word (letters, digits, `'`, `-`) nor half of a surrogate pair. No word match, line
 * break or code point can straddle such a character, so counting the widened region before and
 * after the edit gives the exact difference. The text is read through `TextAccess`, so this works
 * on the mirror's chunks without joining them.
 */
import { documentStats, type DocumentStats, type TextEdit } from '../../../workers/common/document.ts';
import type { TextAccess } from './chunked-text.ts';

function isHardBoundary(code: number): boolean {
  if (code >= 0x80) return false; // Letters, ’, surrogates and marks live here: never a safe cut.
  const isDigit = code >= 0x30 && code <= 0x39;
  const isLetter = (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
  return !isDigit && !isLetter && code !== 0x27 && code !== 0x2d;
}

/** One group of edits whose widened regions meet, measured in the text before them. */
export interface MeasuredRegion {
  readonly start: number;
  readonly end: number;
  /** Sum of `text.length - length` of the edits inside the region. */
  readonly delta: number;
  readonly before: DocumentStats;
}

/** Widens `[start, end)` of `text` to hard boundaries (or the ends of the text). */
function widen(text: TextAccess, start: number, end: number): { start: number; end: number } {
  let from = start;
  while (from > 0 && !isHardBoundary(text.charCodeAt(from - 1))) from -= 1;
  let to = end;
  while (to < text.length && !isHardBoundary(text.charCodeAt(to))) to += 1;
  return { start: from, end: to };
}

/** Step one, before the edits are applied: the widened regions of `before` and their stats. */
export function measureRegions(before: TextAccess, edits: readonly TextEdit[]): MeasuredRegion[] {
  const ordered = [...edits].sort((a, b) => a.offset - b.offset);
  const regions: { start: number; end: number; delta: number }[] = [];
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
  return regions.map((region) => ({ ...region, before: documentStats(before.slice(region.start, region.end)) }));
}

/** Step two, after the edits: `stats` of the old text become the stats of `after`. */
export function updateStats(stats: DocumentStats, regions: readonly MeasuredRegion[], after: TextAccess): DocumentStats {
  let { lines, words, characters } = stats;
  let shift = 0;
  for (const region of regions) {
    const fresh = documentStats(after.slice(region.start + shift, region.end + shift + region.delta));
    lines += fresh.lines - region.before.lines;
    words += fresh.words - region.before.words;
    characters += fresh.characters - region.before.characters;
    shift += region.delta;
  }
  return { lines, words, characters };
}
