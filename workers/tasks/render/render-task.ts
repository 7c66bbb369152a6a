/**
 * The render task: the document's preview blocks, line map, outline and counts, computed
 * incrementally for each version it is asked for.
 */
import type { SharedDocumentReader } from '../../common/shared-document/document-reader.ts';
import type { OpenRequest, OutlineEntry, PreviewBlock, RenderApi, RenderResult } from '../../common/task-api.ts';
import { createPacer } from '../text/cooperative.ts';
import { parseChange, parseOpen, parseVersion, type DocumentNotice } from '../text/requests.ts';
import { SerialQueue } from '../text/serial-queue.ts';
import { TaskDocument } from '../text/task-document.ts';
import { WORDS_PER_MINUTE } from './block-stats.ts';
import { IncrementalPreview, MAX_BLOCK_LENGTH, type PreviewUpdate } from './incremental-preview.ts';

function describePlainBlocks(count: number): string | undefined {
  if (count === 0) return undefined;
  const blocks = count === 1 ? '1 block is' : `${count} blocks are`;
  return `${blocks} longer than ${MAX_BLOCK_LENGTH} characters and shown as plain text`;
}

/** Turns the preview's blocks into the task's result; ids stay unique when blocks repeat. */
export function assembleResult(uri: string, version: number, update: PreviewUpdate): RenderResult {
  const seen = new Map<string, number>();
  const blocks: PreviewBlock[] = [];
  const outline: OutlineEntry[] = [];
  let words = 0;
  let characters = 0;
  let paragraphs = 0;
  let plainBlocks = 0;
  for (const block of update.blocks) {
    const { html, stats, hash, plain } = block.rendered;
    const occurrence = seen.get(hash) ?? 0;
    seen.set(hash, occurrence + 1);
    blocks.push({ id: occurrence === 0 ? hash : `${hash}-${occurrence}`, startLine: block.startLine, endLine: block.endLine, html });
    for (const heading of stats.headings) outline.push({ level: heading.level, text: heading.text, line: block.startLine + heading.lineOffset });
    words += stats.words;
    characters += stats.characters;
    paragraphs += stats.paragraphs;
    if (plain) plainBlocks += 1;
  }
  const degraded = describePlainBlocks(plainBlocks);
  return {
    uri,
    version,
    blocks,
    outline,
    words,
    characters,
    paragraphs,
    readingMinutes: Math.ceil(words / WORDS_PER_MINUTE),
    renderedBlocks: update.renderedBlocks,
    ...(degraded === undefined ? {} : { degraded }),
  };
}

export class RenderTask implements RenderApi {
  readonly #queue = new SerialQueue();
  readonly #document: TaskDocument;
  readonly #preview = new IncrementalPreview();

  /** `shared`: the host's document, read in place, when the task runs in a thread or inline host. */
  constructor(shared?: SharedDocumentReader) {
    this.#document = new TaskDocument(shared);
  }

  async open(request: OpenRequest): Promise<void> {
    const snapshot = parseOpen(request);
    await this.#queue.run('edit', () => {
      this.#document.open(snapshot);
    });
  }

  async change(request: DocumentNotice): Promise<void> {
    const change = parseChange(request);
    await this.#queue.run('edit', () => {
      this.#document.apply(change);
    });
  }

  async render(request: { readonly version: number }, signal: AbortSignal): Promise<RenderResult> {
    const { version } = parseVersion(request);
    return await this.#queue.run('job', async () => {
      // The preview shows the whole document, so the whole text is read: validated at once, so
      // that everything after works on a string that is exactly one version.
      const { uri, version: current, text } = await this.#document.read('render', version, (view) => ({ uri: view.uri, version: view.version, text: view.text() }));
      const pacer = createPacer('render', signal, () => this.#queue.hasWaitingEdits());
      const update = await this.#preview.update(text, pacer);
      return assembleResult(uri, current, update);
    });
  }
}
