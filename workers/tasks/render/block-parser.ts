/**
 * Top-level block parsing, one block at a time, so the render task can re-parse from just before
 * an edit and stop as soon as the parse is back in step with the old one.
 *
 * This is markdown-it's `ParserBlock.tokenize` loop at nesting level 0, unrolled so that it can
 * stop between blocks; the rules themselves are markdown-it's. What makes stopping sound: at the
 * start of a top-level block the block parser's only state is the line it is on (no rule reads
 * lines before its start, and the `tight` flag it tracks only matters inside lists), so the blocks
 * from a given line on depend on the text from that line on and nothing else.
 */
import type { MarkdownIt, Token } from 'markdown-it';

/** A reference definition (`[label]: href "title"`) as markdown-it records it. */
export interface ReferenceDefinition {
  readonly label: string;
  readonly href: string;
  readonly title: string;
}

/** One top-level block: its lines in the normalized source and its block-level tokens. */
export interface ParsedBlock {
  readonly startLine: number;
  /** Exclusive: the line the next block's parse starts from (trailing blank lines included). */
  readonly endLine: number;
  readonly tokens: Token[];
  /** Definitions made inside this block, in source order (first definition wins, document-wide). */
  readonly references: readonly ReferenceDefinition[];
}

function referencesOf(env: { references?: Record<string, { href: string; title: string }> }): ReferenceDefinition[] {
  return Object.entries(env.references ?? {}).map(([label, { href, title }]) => ({ label, href, title }));
}

/**
 * Parses top-level blocks of `source` (already normalized) from `fromLine` on. `keepGoing` sees
 * each block as it is made; returning false stops the parse (that block is not returned).
 */
export function parseBlocks(
  md: MarkdownIt,
  source: string,
  fromLine: number,
  keepGoing: (block: ParsedBlock) => boolean = () => true,
): ParsedBlock[] {
  const tokens: Token[] = [];
  const state = new md.block.State(source, md, {}, tokens);
  const rules = md.block.ruler.getRules('');
  const blocks: ParsedBlock[] = [];
  let line = fromLine;
  while (line < state.lineMax) {
    line = state.skipEmptyLines(line);
    if (line >= state.lineMax) break;
    // Each block gets its own env, so the definitions it makes can be told apart; the document's
    // map (first definition wins) is folded from them in order afterwards.
    const env = {};
    state.env = env;
    state.line = line;
    const first = tokens.length;
    if (!rules.some((rule) => rule(state, line, state.lineMax, false)) || state.line <= line) {
      throw new Error(`markdown-it made no progress at line ${line}`);
    }
    const block: ParsedBlock = { startLine: line, endLine: state.line, tokens: tokens.slice(first), references: referencesOf(env) };
    if (!keepGoing(block)) break;
    blocks.push(block);
    line = state.line;
  }
  return blocks;
}

/**
 * One past the last line a block's rules may have read: they look through the blank lines after
 * the block to the first non-blank line, and a paragraph asks whether that line opens a table,
 * which reads one line further. One more line is added as a margin. An edit before the returned
 * line leaves the block as it was; an edit at or after it might not.
 */
export function readFrontier(lineStarts: readonly number[], source: string, endLine: number): number {
  let line = endLine;
  while (line < lineStarts.length && isBlankLine(source, lineStarts, line)) line += 1;
  return line + 3;
}

function isBlankLine(source: string, lineStarts: readonly number[], line: number): boolean {
  const start = lineStarts[line] ?? source.length;
  const end = line + 1 < lineStarts.length ? (lineStarts[line + 1] ?? source.length) - 1 : source.length;
  for (let index = start; index < end; index++) {
    const code = source.charCodeAt(index);
    if (code !== 0x20 && code !== 0x09) return false;
  }
  return true;
}
