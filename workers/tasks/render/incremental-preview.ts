/**
 * The preview of one document, kept current by re-parsing only the blocks an edit can have
 * changed and re-rendering only blocks whose source (and link context) is new.
 *
 * Between two renders it diffs the old and new source (common prefix and suffix), keeps the
 * blocks before the edit whose rules never read as far as the edit, re-parses from there, and
 * stops at the first new block that starts where an old block started in the unchanged tail:
 * from that line on the parse is the old one, shifted. Rendered HTML is cached by the block's
 * source text plus, for blocks containing `[`, a fingerprint of the reference definitions,
 * since those are the only cross-block input of inline parsing.
 */
import type { Env } from 'markdown-it';
import type { Pacer } from '../text/cooperative.ts';
import { hash53 } from '../text/hash.ts';
import { lineAt, lineStarts } from '../text/line-index.ts';
import { parseBlocks, readFrontier, type ParsedBlock, type ReferenceDefinition } from './block-parser.ts';
import { statsFromBlockTokens, statsFromTokens, type BlockStats } from './block-stats.ts';
import { createInlineStage, normalizeSource } from './markdown.ts';

/** Blocks longer than this (UTF-16 units) are shown as plain text: markdown-it's inline parser
 * takes up to ~2 µs per character on hostile input, and one block cannot be paused half-way. */
export const MAX_BLOCK_LENGTH = 50_000;

export interface RenderedBlock {
  readonly html: string;
  readonly stats: BlockStats;
  /** Hash of the cache key, the base of the block's display id. */
  readonly hash: string;
  /** True when the block was too long to format and is shown as plain text. */
  readonly plain: boolean;
}

export interface BlockRecord {
  readonly startLine: number;
  readonly endLine: number;
  readonly source: string;
  readonly references: readonly ReferenceDefinition[];
  readonly rendered: RenderedBlock;
}

export interface PreviewUpdate {
  readonly blocks: readonly BlockRecord[];
  /** Blocks rendered afresh (cache misses). */
  readonly renderedBlocks: number;
}

type Planned = { readonly parsed: ParsedBlock } | { readonly kept: BlockRecord; readonly shift: number };

function commonPrefix(a: string, b: string): number {
  const limit = Math.min(a.length, b.length);
  let index = 0;
  while (index < limit && a.charCodeAt(index) === b.charCodeAt(index)) index++;
  return index;
}

function commonSuffix(a: string, b: string, limit: number): number {
  let count = 0;
  while (count < limit && a.charCodeAt(a.length - 1 - count) === b.charCodeAt(b.length - 1 - count)) count++;
  return count;
}

function sliceLines(source: string, starts: readonly number[], from: number, to: number): string {
  return source.slice(starts[from] ?? source.length, starts[to] ?? source.length);
}

/** The document's reference map, first definition winning, as markdown-it builds it. */
function foldReferences(plan: readonly Planned[]): Map<string, ReferenceDefinition> {
  const references = new Map<string, ReferenceDefinition>();
  for (const item of plan) {
    for (const definition of 'kept' in item ? item.kept.references : item.parsed.references) {
      if (!references.has(definition.label)) references.set(definition.label, definition);
    }
  }
  return references;
}

function fingerprintOf(references: ReadonlyMap<string, ReferenceDefinition>): string {
  const text = [...references.values()].map(({ label, href, title }) => `${label}\u0000${href}\u0000${title}`).join('\u0001');
  return `${hash53(text, 1)}.${hash53(text, 2)}`;
}

function keyOf(source: string, fingerprint: string): string {
  return source.includes('[') ? `${source}\u0000${fingerprint}` : source;
}

export class IncrementalPreview {
  readonly #md = createInlineStage();
  readonly #cache = new Map<string, RenderedBlock>();
  /** The text of the last update, before normalization: the same text again skips normalizing it. */
  #text = '';
  #source = '';
  #lineStarts: number[] = [0];
  #blocks: BlockRecord[] = [];
  #fingerprint = '';
  #primed = false;

  /** Brings the preview to `text`. Cancelling (through `pacer`) leaves it at the previous text. */
  async update(text: string, pacer: Pacer): Promise<PreviewUpdate> {
    // Normalizing a 5 MB line full of NULs costs over 100 ms: not again for a repeated render.
    const source = this.#primed && text === this.#text ? this.#source : normalizeSource(text);
    const starts = lineStarts(source);
    let plan = this.#primed ? this.#plan(source, starts) : this.#parseAll(source);
    const references = foldReferences(plan);
    const fingerprint = fingerprintOf(references);
    if (fingerprint !== this.#fingerprint && plan.some((item) => 'kept' in item && item.kept.source.includes('['))) {
      // Kept blocks hold no tokens to re-render with: parse everything (blocks without `[` will
      // still come from the cache).
      plan = this.#parseAll(source);
    }
    const env: Env = { references: Object.fromEntries([...references].map(([label, { href, title }]) => [label, { href, title }])) };
    const { blocks, renderedBlocks } = await this.#materialize(plan, source, starts, fingerprint, env, pacer);
    this.#commit(text, source, starts, blocks, fingerprint);
    return { blocks, renderedBlocks };
  }

  /** Turns the plan into block records, rendering the parsed blocks the cache does not hold. */
  async #materialize(plan: readonly Planned[], source: string, starts: readonly number[], fingerprint: string, env: Env, pacer: Pacer): Promise<PreviewUpdate & { blocks: BlockRecord[] }> {
    const blocks: BlockRecord[] = [];
    let renderedBlocks = 0;
    for (const item of plan) {
      if ('kept' in item) {
        const { kept, shift } = item;
        blocks.push(shift === 0 ? kept : { ...kept, startLine: kept.startLine + shift, endLine: kept.endLine + shift });
        continue;
      }
      const { parsed } = item;
      const blockSource = sliceLines(source, starts, parsed.startLine, parsed.endLine);
      const key = keyOf(blockSource, fingerprint);
      let rendered = this.#cache.get(key);
      if (!rendered) {
        await pacer.checkpoint();
        rendered = this.#render(parsed, blockSource, key, env);
        this.#cache.set(key, rendered);
        renderedBlocks += 1;
      }
      blocks.push({ startLine: parsed.startLine, endLine: parsed.endLine, source: blockSource, references: parsed.references, rendered });
    }
    return { blocks, renderedBlocks };
  }

  #parseAll(source: string): Planned[] {
    return parseBlocks(this.#md, source, 0).map((parsed) => ({ parsed }));
  }

  /** Old blocks the edit cannot have touched, plus a re-parse of the rest until it resynchronizes. */
  #plan(source: string, starts: readonly number[]): Planned[] {
    const old = this.#source;
    const oldBlocks = this.#blocks;
    if (old === source) return oldBlocks.map((kept) => ({ kept, shift: 0 }));
    const prefix = commonPrefix(old, source);
    const suffix = commonSuffix(old, source, Math.min(old.length, source.length) - prefix);
    const firstChanged = lineAt(this.#lineStarts, prefix);
    const oldEnd = lineAt(this.#lineStarts, old.length - suffix) + 1;
    const newEnd = lineAt(starts, source.length - suffix) + 1;
    const shift = newEnd - oldEnd;
    let keep = 0;
    while (keep < oldBlocks.length && readFrontier(this.#lineStarts, old, oldBlocks[keep]?.endLine ?? 0) <= firstChanged) keep++;
    let resync = oldBlocks.length;
    let cursor = keep;
    const parsed = parseBlocks(this.#md, source, keep > 0 ? (oldBlocks[keep - 1]?.endLine ?? 0) : 0, (block) => {
      if (block.startLine < newEnd) return true;
      const oldStart = block.startLine - shift;
      while (cursor < oldBlocks.length && (oldBlocks[cursor]?.startLine ?? 0) < oldStart) cursor++;
      if (oldBlocks[cursor]?.startLine !== oldStart) return true;
      resync = cursor;
      return false;
    });
    return [
      ...oldBlocks.slice(0, keep).map((kept) => ({ kept, shift: 0 })),
      ...parsed.map((block) => ({ parsed: block })),
      ...oldBlocks.slice(resync).map((kept) => ({ kept, shift })),
    ];
  }

  #render(block: ParsedBlock, blockSource: string, key: string, env: Env): RenderedBlock {
    const hash = hash53(key);
    const md = this.#md;
    if (blockSource.length > MAX_BLOCK_LENGTH) {
      const notice = `<p class="forkpad-notice">This block is ${blockSource.length} characters long, too long to format; it is shown as plain text.</p>`;
      return { html: `${notice}<pre class="forkpad-plain">${md.utils.escapeHtml(blockSource)}</pre>\n`, stats: statsFromBlockTokens(block.tokens, block.startLine), hash, plain: true };
    }
    const state = new md.core.State('', md, env);
    state.tokens = block.tokens;
    md.core.process(state);
    return { html: md.renderer.render(state.tokens, md.options, env), stats: statsFromTokens(state.tokens, block.startLine), hash, plain: false };
  }

  #commit(text: string, source: string, starts: number[], blocks: BlockRecord[], fingerprint: string): void {
    this.#text = text;
    this.#source = source;
    this.#lineStarts = starts;
    this.#blocks = blocks;
    this.#fingerprint = fingerprint;
    this.#primed = true;
    // Keep what the document uses now; drop the rest once the cache has grown well past that.
    if (this.#cache.size > 2 * blocks.length + 256) {
      const used = new Set(blocks.map((block) => block.rendered));
      for (const [key, rendered] of this.#cache) if (!used.has(rendered)) this.#cache.delete(key);
    }
  }
}
