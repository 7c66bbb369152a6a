/**
 * Document stats kept current per edit without rescanning the whole text: a 10 MB document
 * must answer every keystroke in well under a millisecond, and `documentStats` over all of it
 * takes tens of milliseconds.
 *
 * Each edit is widened to the nearest *hard boundaries*: ASCII characters that can be neither
 * part of a word (letters, digits, `'`, `-`) nor half of a surrogate pair. No word match, line
 * break or code point can straddle such a character, so counting the widened region before and
 * after the edit gives the exact difference. The text is read through `TextAccess`, so this works
 * on the shared document in place, and both sides are counted before anything is written: a
 * change whose counting throws changes nothing.
 */
import { applyEdits, documentStats, type DocumentStats, type TextAccess, type TextEdit } from '../../../workers/common/document.ts';

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
  readonly after: DocumentStats;
}

/** Widens `[start, end)` of `text` to hard boundaries (or the ends of the text). */
function widen(text: TextAccess, start: number, end: number): { start: number; end: number } {
  let from = start;
  while (from > 0 && !isHardBoundary(text.charCodeAt(from - 1))) from -= 1;
  let to = end;
  while (to < text.length && !isHardBoundary(text.charCodeAt(to))) to += 1;
  return { start: from, end: to };
}

/** Before the edits are applied: the widened regions of `before`, with their stats before and after the edits. */
export function measureRegions(before: TextAccess, edits: readonly TextEdit[]): MeasuredRegion[] {
  const ordered = [...edits].sort((a, b) => a.offset - b.offset);
  const regions: { start: number; end: number; delta: number; edits: TextEdit[] }[] = [];
  for (const edit of ordered) {
    const widened = widen(before, edit.offset, edit.offset + edit.length);
    const delta = edit.text.length - edit.length;
    const last = regions.at(-1);
    if (last && widened.start <= last.end) {
      last.end = Math.max(last.end, widened.end);
      last.delta += delta;
      last.edits.push(edit);
    } else {
      regions.push({ ...widened, delta, edits: [edit] });
    }
  }
  return regions.map(({ start, end, delta, edits: inside }) => {
    const text = before.slice(start, end);
    const after = applyEdits(text, inside.map((edit) => ({ ...edit, offset: edit.offset - start })));
    return { start, end, delta, before: documentStats(text), after: documentStats(after) };
  });
}

/** `stats` of the text before the edits become the stats of the text after them. */
export function updateStats(stats: DocumentStats, regions: readonly MeasuredRegion[]): DocumentStats {
  let { lines, words, characters } = stats;
  for (const region of regions) {
    lines += region.after.lines - region.before.lines;
    words += region.after.words - region.before.words;
    characters += region.after.characters - region.before.characters;
  }
  return { lines, words, characters };
}
