/**
 * The Markdown preview beside the editor. The render task sends the document as blocks with
 * stable ids and source lines; only blocks whose id is new are built, the rest are kept (with
 * their images, selection and layout), so a keystroke re-renders one paragraph, not the page.
 * The HTML was sanitized by the render task; the page's CSP forbids script regardless.
 */
import type { PreviewBlock, RenderResult } from '../../../workers/common/task-api.ts';
import { localeFormat } from '../format/locale-format.ts';

export interface PatchCounts {
  readonly created: number;
  readonly kept: number;
  readonly removed: number;
}

/**
 * Largest HTML of one block, and of the whole preview, that the pane lays out. Laying out
 * megabytes of HTML freezes the page for seconds; past these the preview says so instead.
 */
const MAX_BLOCK_HTML = 256 * 1024;
const MAX_PREVIEW_HTML = 4 * 1024 * 1024;

/** What the pane says before the render task's first answer for this document, and after an empty one. */
const WAITING_TEXT = 'The preview appears here once the render task has rendered the document.';
const EMPTY_TEXT = 'The document is empty: type some Markdown and its preview appears here.';

/** Space kept above the block that is scrolled to the top. */
const BLOCK_MARGIN_PX = 16;

/** A block element and the source lines it came from. */
interface PlacedBlock {
  readonly element: HTMLElement;
  startLine: number;
  endLine: number;
}

export class PreviewPane {
  readonly element: HTMLElement;
  private readonly content: HTMLElement;
  private blocks = new Map<string, PlacedBlock>();
  private ordered: PlacedBlock[] = [];
  private lastPatch: PatchCounts = { created: 0, kept: 0, removed: 0 };
  private version = -1;
  private readonly placeholder: HTMLElement;

  constructor(parent: HTMLElement) {
    this.element = document.createElement('aside');
    this.element.className = 'preview-pane';
    this.element.setAttribute('aria-label', 'Preview');
    this.element.tabIndex = 0;
    this.content = document.createElement('article');
    this.content.className = 'preview-content';
    this.placeholder = Object.assign(document.createElement('p'), {
      className: 'preview-placeholder',
      textContent: WAITING_TEXT,
    });
    this.element.append(this.placeholder, this.content);
    this.element.addEventListener('click', (event) => this.onClick(event));
    parent.append(this.element);
  }

  get visible(): boolean {
    return !this.element.hidden;
  }

  set visible(value: boolean) {
    this.element.hidden = !value;
  }

  get patchCounts(): PatchCounts {
    return this.lastPatch;
  }

  /** Shows a render result; an older one arriving late is ignored. */
  update(result: RenderResult): void {
    if (result.version < this.version) return;
    this.version = result.version;
    const next = new Map<string, PlacedBlock>();
    const ordered: PlacedBlock[] = [];
    let created = 0;
    const occurrences = new Map<string, number>();
    let budget = MAX_PREVIEW_HTML;
    for (const [index, block] of result.blocks.entries()) {
      budget -= block.html.length;
      // Two blocks with the same source (two identical paragraphs) share an id; number them.
      const seen = occurrences.get(block.id) ?? 0;
      occurrences.set(block.id, seen + 1);
      const key = budget < 0 ? `truncated#${result.blocks.length - index}` : `${block.id}#${seen}`;
      let placed = this.blocks.get(key);
      if (!placed) {
        placed = budget < 0 ? this.truncation(result.blocks.slice(index)) : this.build(block);
        created += 1;
      }
      placed.startLine = block.startLine;
      placed.endLine = budget < 0 ? (result.blocks.at(-1)?.endLine ?? block.endLine) : block.endLine;
      next.set(key, placed);
      ordered.push(placed);
      if (budget < 0) break;
    }
    let removed = 0;
    for (const [key, placed] of this.blocks) {
      if (!next.has(key)) {
        placed.element.remove();
        removed += 1;
      }
    }
    this.place(ordered);
    this.blocks = next;
    this.ordered = ordered;
    this.lastPatch = { created, kept: ordered.length - created, removed };
    // A document of blank lines renders to no block: say so rather than keep waiting.
    this.placeholder.textContent = EMPTY_TEXT;
    this.placeholder.hidden = ordered.length > 0;
  }

  clear(): void {
    this.content.replaceChildren();
    this.blocks.clear();
    this.ordered = [];
    this.version = -1;
    this.placeholder.textContent = WAITING_TEXT;
    this.placeholder.hidden = false;
  }

  /** Scrolls so that 0-based source `line` is at the top (editor → preview sync). */
  scrollToLine(line: number): void {
    const block = this.ordered.find((placed) => line < placed.endLine) ?? this.ordered.at(-1);
    if (!block) return;
    const span = Math.max(1, block.endLine - block.startLine);
    const fraction = Math.min(1, Math.max(0, (line - block.startLine) / span));
    // Offsets are relative to the pane (it is the blocks' offsetParent: position: relative).
    const top = block.element.offsetTop + fraction * block.element.offsetHeight;
    this.element.scrollTop = Math.max(0, top - BLOCK_MARGIN_PX);
  }

  /** The 0-based source line at the top of the preview (preview → editor sync). */
  lineAtTop(): number {
    const top = this.element.scrollTop + BLOCK_MARGIN_PX;
    const block = this.ordered.find((placed) => placed.element.offsetTop + placed.element.offsetHeight > top);
    if (!block) return this.ordered.at(-1)?.endLine ?? 0;
    const fraction = Math.max(0, (top - block.element.offsetTop) / Math.max(1, block.element.offsetHeight));
    return Math.floor(block.startLine + fraction * (block.endLine - block.startLine));
  }

  private build(block: PreviewBlock): PlacedBlock {
    const element = document.createElement('div');
    element.className = 'preview-block';
    if (block.html.length > MAX_BLOCK_HTML) {
      element.classList.add('preview-omitted');
      element.textContent = `Lines ${block.startLine + 1}–${block.endLine} are not previewed: their HTML is ${localeFormat.bytes(block.html.length)}, more than the preview lays out at once.`;
    } else {
      element.innerHTML = block.html;
      // A code block or a plain-text block scrolls sideways: the keyboard must reach it to scroll it
      // (WCAG 2.1.1; axe's scrollable-region-focusable).
      for (const pre of element.querySelectorAll('pre')) pre.tabIndex = 0;
    }
    return { element, startLine: block.startLine, endLine: block.endLine };
  }

  /** Stands for the blocks past the preview's size budget. */
  private truncation(rest: readonly PreviewBlock[]): PlacedBlock {
    const element = document.createElement('div');
    element.className = 'preview-block preview-omitted';
    const bytes = rest.reduce((total, block) => total + block.html.length, 0);
    element.textContent = `The preview stops here, at line ${(rest[0]?.startLine ?? 0) + 1}: the rest (${localeFormat.count(rest.length)} block${rest.length === 1 ? '' : 's'}, ${localeFormat.bytes(bytes)} of HTML) is more than it lays out at once.`;
    return { element, startLine: 0, endLine: 0 };
  }

  /** Puts blocks in order, moving only those out of place. */
  private place(ordered: readonly PlacedBlock[]): void {
    let cursor = this.content.firstElementChild;
    for (const placed of ordered) {
      if (placed.element !== cursor) this.content.insertBefore(placed.element, cursor);
      else cursor = cursor.nextElementSibling;
    }
  }

  /** Links never navigate the app away; in-document anchors scroll the preview. */
  private onClick(event: MouseEvent): void {
    const anchor = event.target instanceof Element ? event.target.closest('a') : null;
    if (!anchor) return;
    event.preventDefault();
    const href = anchor.getAttribute('href') ?? '';
    if (href.startsWith('#')) this.content.querySelector(`[id="${CSS.escape(href.slice(1))}"]`)?.scrollIntoView();
  }
}
