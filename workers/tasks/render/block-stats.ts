/**
 * What the render task counts per block: the words and characters a reader reads (markup and
 * link targets excluded), paragraphs, and headings for the outline. Counted per block so that a
 * cached block brings its counts with it.
 */
import type { Token } from 'markdown-it';

export interface HeadingEntry {
  readonly level: number;
  readonly text: string;
  /** Line of the heading relative to its block's first line. */
  readonly lineOffset: number;
}

export interface BlockStats {
  readonly words: number;
  /** Unicode code points of the visible text, line breaks between blocks not counted. */
  readonly characters: number;
  /** Paragraphs of text, those in list items and quotes included (as word processors count). */
  readonly paragraphs: number;
  readonly headings: readonly HeadingEntry[];
}

/**
 * The first letter of each word, with the same notion of a word as `documentStats` in
 * workers/common/document.ts: runs of letters and digits joined by one inner `'`, `’` or `-`.
 * A letter starts a word unless the character before it is a letter, or a joiner that follows
 * one. Matching one character with a look-behind, rather than the whole word with
 * `[\p{L}\p{N}]+`, keeps V8 from pushing a backtrack entry per letter: in a string that is not
 * all Latin-1, a word of about 4.19 M letters overflowed its regexp stack (a fuzzing regression).
 */
const WORD_START = /(?<![\p{L}\p{N}]|[\p{L}\p{N}]['’-])[\p{L}\p{N}]/gu;

/** Silent reading speed for English non-fiction (Brysbaert 2019, a meta-analysis of 190 studies). */
export const WORDS_PER_MINUTE = 238;

function countWords(text: string): number {
  let words = 0;
  for (const _match of text.matchAll(WORD_START)) words += 1;
  return words;
}

function countCodePoints(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    // A high surrogate followed by a low one is one character; a lone surrogate counts as one.
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) index += 1;
    }
    count += 1;
  }
  return count;
}

/** The text a reader sees in an inline token's children. */
function inlineText(children: readonly Token[] | null): string {
  let text = '';
  for (const child of children ?? []) {
    if (child.type === 'text' || child.type === 'code_inline') text += child.content;
    else if (child.type === 'softbreak' || child.type === 'hardbreak') text += ' ';
    else if (child.type === 'image') text += inlineText(child.children);
  }
  return text;
}

function headingLevel(token: Token): number {
  return Number(token.tag.slice(1)) || 1;
}

function collect(tokens: readonly Token[], startLine: number, textOf: (inline: Token) => string): BlockStats {
  const pieces: string[] = [];
  const headings: HeadingEntry[] = [];
  let paragraphs = 0;
  tokens.forEach((token, index) => {
    if (token.type === 'paragraph_open') paragraphs += 1;
    else if (token.type === 'inline') pieces.push(textOf(token));
    else if (token.type === 'fence' || token.type === 'code_block') pieces.push(token.content);
    else if (token.type === 'heading_open') {
      const inline = tokens[index + 1];
      const text = inline?.type === 'inline' ? textOf(inline).trim() : '';
      headings.push({ level: headingLevel(token), text, lineOffset: (token.map?.[0] ?? startLine) - startLine });
    }
  });
  const visible = pieces.join('\n');
  return { words: countWords(visible), characters: countCodePoints(visible) - Math.max(0, pieces.length - 1), paragraphs, headings };
}

/** Counts from a block's tokens after inline parsing. */
export function statsFromTokens(tokens: readonly Token[], startLine: number): BlockStats {
  return collect(tokens, startLine, (inline) => inlineText(inline.children));
}

/** Counts from block-level tokens only (a block too long to format): inline markup counts as text. */
export function statsFromBlockTokens(tokens: readonly Token[], startLine: number): BlockStats {
  return collect(tokens, startLine, (inline) => inline.content);
}
