/**
 * The prose tokenizer: which words of a Markdown line are to be spell-checked.
 *
 * It works line by line, with a small context carried from line to line (inside a fenced code
 * block, an indented code block, front matter, or prose), so an edit re-tokenizes only the lines
 * whose text or incoming context changed. Inside a prose line it skips code spans, URLs,
 * autolinks and HTML tags, link destinations, entities, e-mail addresses, file paths, numbers
 * and identifiers. Offsets are UTF-16 units relative to the line's start.
 *
 * Simplifications, chosen to err towards not flagging: a code span or link destination must
 * close on its own line; every line indented by four columns after a blank line is code (also
 * where CommonMark would continue a list item); words joined by `/` ("and/or") count as a path.
 */

/**
 * The context a line starts in: `doc` (first line), `start` (after a blank line or a block that
 * ended), `text` (after a prose line), `code` (indented code), `front` (YAML front matter) or
 * the fence's character and length (inside a fenced code block, e.g. "`3" or "~4").
 */
export type LineContext = string;

export const DOCUMENT_START: LineContext = 'doc';

/** One hyphen-separated part of a word, e.g. "known" in "well-known". */
export interface WordPart {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** A word to check: the whole (hyphenated) word, and its parts. */
export interface WordGroup extends WordPart {
  readonly parts: readonly WordPart[];
}

export interface ScannedLine {
  readonly words: readonly WordGroup[];
  readonly next: LineContext;
}

const BLANK = /^[ \t\r]*$/;
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const FRONT_MATTER = /^---[ \t\r]*$/;
const FRONT_MATTER_END = /^(?:---|\.\.\.)[ \t\r]*$/;

/**
 * Spans replaced by spaces before words are looked for (after code spans). Each pattern is
 * linear on any line: quantifiers that could rescan are bounded.
 */
const SKIPPED_SPANS: readonly RegExp[] = [
  /<[^\s<>]+(?:\s[^<>]*)?>/g, // autolink or HTML tag
  /\b[a-z][a-z0-9+.-]{0,31}:\/\/[^\s<>]*/gi, // URL with a scheme
  /\bwww\.[^\s<>]+/gi, // URL without one
  /\]\([^)\s]*(?:\s+"[^"]*")?\)?/g, // link destination and title
  /^ {0,3}\[[^\]]+\]:\s*\S+.*$/g, // reference definition
  /&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/gi, // entity
];

/** A run without white space that holds a slash, backslash or @: a path, address or URL. */
const PATH_LIKE = /[/\\@]/;

/**
 * A run of word characters (a letter, digit or underscore first, then combining marks too)
 * joined by apostrophes, hyphens and path or address punctuation.
 */
const CHUNK = /[\p{L}\p{N}_][\p{L}\p{M}\p{N}_]*(?:['’.\-@/\\:][\p{L}\p{N}_][\p{L}\p{M}\p{N}_]*)*/gu;
const NUMBER_OR_IDENTIFIER = /[\p{N}_]/u;
const PATH_OR_ADDRESS = /[.@/\\:]/;
const LATIN_ONLY = /^[\p{Script=Latin}\p{M}'’-]+$/u;
const CODE_CASE = /\p{Ll}\p{Lu}/u;
const HAS_LOWER = /\p{Ll}/u;

function indentColumns(line: string): number {
  let columns = 0;
  for (const character of line) {
    if (character === ' ') columns += 1;
    else if (character === '\t') columns += 4 - (columns % 4);
    else break;
    if (columns >= 4) break;
  }
  return columns;
}

/** Backtick runs as [offset, length], in order. */
function backtickRuns(line: string): [number, number][] {
  const runs: [number, number][] = [];
  for (let index = line.indexOf('`'); index !== -1; ) {
    let end = index;
    while (line.charCodeAt(end) === 0x60) end++;
    runs.push([index, end - index]);
    index = line.indexOf('`', end);
  }
  return runs;
}

/**
 * Blanks out code spans: a backtick run up to the next run of the same length (CommonMark's
 * rule, on one line). Each run is visited once, so the work stays linear in the line.
 */
function maskCodeSpans(line: string): string {
  const runs = backtickRuns(line);
  if (runs.length < 2) return line;
  const byLength = new Map<number, number[]>();
  runs.forEach(([, length], index) => {
    const list = byLength.get(length);
    if (list) list.push(index);
    else byLength.set(length, [index]);
  });
  const cursor = new Map<number, number>();
  let text = '';
  let copied = 0;
  for (let next = 0; next < runs.length; ) {
    const [offset, length] = runs[next] ?? [0, 0];
    const list = byLength.get(length) ?? [];
    let position = cursor.get(length) ?? 0;
    while ((list[position] ?? Infinity) <= next) position++;
    cursor.set(length, position + 1);
    const closer = list[position];
    if (closer === undefined) {
      next += 1;
      continue;
    }
    const end = (runs[closer]?.[0] ?? 0) + length;
    text += line.slice(copied, offset) + ' '.repeat(end - offset);
    copied = end;
    next = closer + 1;
  }
  return text + line.slice(copied);
}

function masked(line: string): string {
  let text = maskCodeSpans(line);
  for (const pattern of SKIPPED_SPANS) text = text.replace(pattern, (match) => ' '.repeat(match.length));
  return text.replace(/\S+/g, (run) => (PATH_LIKE.test(run) ? ' '.repeat(run.length) : run));
}

/** Whether a chunk is prose at all, rather than a number, path, address, acronym or identifier. */
function isProse(chunk: string): boolean {
  if (NUMBER_OR_IDENTIFIER.test(chunk) || PATH_OR_ADDRESS.test(chunk)) return false;
  if (!LATIN_ONLY.test(chunk) || CODE_CASE.test(chunk)) return false;
  return chunk.length === 1 || HAS_LOWER.test(chunk);
}

function partsOf(chunk: string, start: number): WordPart[] {
  const parts: WordPart[] = [];
  let offset = 0;
  for (const text of chunk.split('-')) {
    if (text) parts.push({ start: start + offset, end: start + offset + text.length, text });
    offset += text.length + 1;
  }
  return parts;
}

/** The words of one prose line. */
export function proseWords(line: string): WordGroup[] {
  const words: WordGroup[] = [];
  for (const match of masked(line).matchAll(CHUNK)) {
    // Underscores around a word are Markdown emphasis (_word_, __word__); inside one they make
    // an identifier, which isProse refuses.
    const leading = /^_*/.exec(match[0])?.[0].length ?? 0;
    const chunk = match[0].slice(leading).replace(/_+$/, '');
    if (!chunk || !isProse(chunk)) continue;
    const start = match.index + leading;
    words.push({ start, end: start + chunk.length, text: chunk, parts: partsOf(chunk, start) });
  }
  return words;
}

function fenceContext(line: string): LineContext | undefined {
  const match = FENCE_OPEN.exec(line);
  const marker = match?.[1];
  if (!match || marker === undefined) return undefined;
  // A backtick fence's info string may not contain a backtick (that line is a code span).
  if (marker.startsWith('`') && (match[2] ?? '').includes('`')) return undefined;
  return `${marker.charAt(0)}${marker.length}`;
}

function closesFence(line: string, context: LineContext): boolean {
  const character = context.charAt(0);
  const length = Number(context.slice(1));
  let index = 0;
  while (index < 3 && line.charAt(index) === ' ') index++;
  let run = 0;
  while (line.charAt(index) === character) {
    index++;
    run++;
  }
  return run >= length && BLANK.test(line.slice(index));
}

/** Where `line` stands, given the context it starts in: code, or prose to check. */
export function classifyLine(line: string, context: LineContext): { readonly prose: boolean; readonly next: LineContext } {
  if (context.startsWith('`') || context.startsWith('~')) return { prose: false, next: closesFence(line, context) ? 'start' : context };
  if (context === 'front') return { prose: false, next: FRONT_MATTER_END.test(line) ? 'start' : 'front' };
  if (BLANK.test(line)) return { prose: false, next: context === 'code' ? 'code' : 'start' };
  if (context === 'doc' && FRONT_MATTER.test(line)) return { prose: false, next: 'front' };
  if (context !== 'text' && indentColumns(line) >= 4) return { prose: false, next: 'code' };
  const fence = fenceContext(line);
  if (fence) return { prose: false, next: fence };
  return { prose: true, next: 'text' };
}

/** The words to check in `line` and the context the next line starts in. */
export function scanLine(line: string, context: LineContext): ScannedLine {
  const { prose, next } = classifyLine(line, context);
  return { words: prose ? proseWords(line) : [], next };
}
