/**
 * Splits a Markdown document into the units grammar lints one at a time: paragraphs separated by
 * blank lines, with fenced code kept whole (and skipped), and paragraphs too long for one harper
 * call cut into chunks at sentence or word boundaries. Line breaks may be LF, CRLF or a lone CR.
 */
import type { TextAccess } from '../../common/document.ts';

/** A unit of the document: `[start, end)` in UTF-16 offsets, without its trailing line break. */
export interface TextUnit {
  readonly start: number;
  readonly end: number;
  /** Fenced code: not prose, never linted. */
  readonly code: boolean;
  /** Set on the chunks of a paragraph longer than `MAX_UNIT_LENGTH`: the paragraph's own range. */
  readonly paragraph?: { readonly start: number; readonly end: number };
}

/** Longest text handed to harper in one call (harper takes about 25 ms per 1,000 units). */
export const MAX_UNIT_LENGTH = 4_096;

/** Space, tab, vertical tab, form feed, no-break space, byte-order mark. */
const BLANK_CODES = new Set([32, 9, 11, 12, 0xa0, 0xfeff]);
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

interface Line {
  readonly start: number;
  readonly end: number;
}

function* lines(text: TextAccess): Generator<Line> {
  let start = 0;
  while (start <= text.length) {
    let end = start;
    while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end += 1;
    yield { start, end };
    if (end >= text.length) return;
    start = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
  }
}

function isBlank(text: TextAccess, line: Line): boolean {
  for (let index = line.start; index < line.end; index++) if (!BLANK_CODES.has(text.charCodeAt(index))) return false;
  return true;
}

function fenceOf(text: TextAccess, line: Line): string | undefined {
  return FENCE.exec(text.slice(line.start, Math.min(line.end, line.start + 64)))?.[1];
}

function closesFence(text: TextAccess, line: Line, fence: string): boolean {
  const content = text.slice(line.start, line.end).trim();
  return content.length >= fence.length && content.length <= fence.length + 64 && [...content].every((char) => char === fence[0]);
}

/** The document's paragraphs and fenced code blocks, in order. */
export function splitBlocks(text: TextAccess): TextUnit[] {
  const blocks: TextUnit[] = [];
  let open: { start: number; end: number } | undefined;
  let fence: { marker: string; start: number } | undefined;
  const closeParagraph = () => {
    if (open) blocks.push({ start: open.start, end: open.end, code: false });
    open = undefined;
  };
  for (const line of lines(text)) {
    if (fence) {
      if (line.start > fence.start && closesFence(text, line, fence.marker)) {
        blocks.push({ start: fence.start, end: line.end, code: true });
        fence = undefined;
      }
      continue;
    }
    const marker = fenceOf(text, line);
    if (marker) {
      closeParagraph();
      fence = { marker, start: line.start };
    } else if (isBlank(text, line)) closeParagraph();
    else if (open) open.end = line.end;
    else open = { start: line.start, end: line.end };
  }
  closeParagraph();
  // An unclosed fence runs to the end of the document, as in CommonMark.
  if (fence) blocks.push({ start: fence.start, end: text.length, code: true });
  return blocks;
}

/** `splitBlocks`, with every paragraph longer than `maxLength` cut into chunks. */
export function splitUnits(text: TextAccess, maxLength = MAX_UNIT_LENGTH): TextUnit[] {
  const units: TextUnit[] = [];
  for (const block of splitBlocks(text)) {
    if (block.code || block.end - block.start <= maxLength) units.push(block);
    else for (const chunk of chunkRange(text, block.start, block.end, maxLength)) units.push({ ...chunk, code: false, paragraph: { start: block.start, end: block.end } });
  }
  return units;
}

function* chunkRange(text: TextAccess, start: number, end: number, maxLength: number): Generator<{ start: number; end: number }> {
  let from = start;
  while (end - from > maxLength) {
    const cut = cutPoint(text, from, from + maxLength);
    yield { start: from, end: cut };
    from = cut;
  }
  yield { start: from, end };
}

/** Where to end a chunk in `(from, limit]`: after a sentence if possible, else after a space. */
function cutPoint(text: TextAccess, from: number, limit: number): number {
  const floor = from + (limit - from) / 2;
  let space = -1;
  for (let index = limit; index > floor; index--) {
    const code = text.charCodeAt(index - 1);
    const isSpace = code === 32 || code === 9 || code === 10 || code === 13;
    if (!isSpace) continue;
    const before = text.charCodeAt(index - 2);
    if (before === 46 || before === 33 || before === 63) return index; // after ". ", "! " or "? "
    if (space === -1) space = index;
  }
  if (space !== -1) return space;
  // No space at all (e.g. one enormous token): cut anywhere but inside a surrogate pair.
  const high = text.charCodeAt(limit - 1);
  return high >= 0xd800 && high <= 0xdbff ? limit - 1 : limit;
}
