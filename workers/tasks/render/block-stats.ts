/**
 * What the render task counts per block: the words and characters a reader reads (markup and
 * link targets excluded), paragraphs, and headings for the outline. Counted per block so that a
 * cached block brings its counts with it.
 */
import type { Token } from 'markdown-it';
import { countWordsAndCharacters } from './word-count.ts';

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

/** Silent reading speed for English non-fiction (Brysbaert 2019, a meta-analysis of 190 studies). */
export const WORDS_PER_MINUTE = 238;

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
  const { words, characters } = countWordsAndCharacters(visible);
  return { words, characters: characters - Math.max(0, pieces.length - 1), paragraphs, headings };
}

/** Counts from a block's tokens after inline parsing. */
export function statsFromTokens(tokens: readonly Token[], startLine: number): BlockStats {
  return collect(tokens, startLine, (inline) => inlineText(inline.children));
}

/** Counts from block-level tokens only (a block too long to format): inline markup counts as text. */
export function statsFromBlockTokens(tokens: readonly Token[], startLine: number): BlockStats {
  return collect(tokens, startLine, (inline) => inline.content);
}
