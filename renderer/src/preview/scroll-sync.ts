/**
 * Keeps the preview and the editor scrolled to the same source line, both ways, through the
 * render task's line map. Each side's scroll handler ignores the scroll the other side just
 * caused, so the two never chase each other.
 */
import type { EditorView } from '../editor/editor-view.ts';
import type { PreviewPane } from './preview-pane.ts';

/** A scroll within this long after a programmatic one is taken as its echo. */
const ECHO_WINDOW_MS = 120;

export class ScrollSync {
  private leader: 'editor' | 'preview' | null = null;
  private leaderUntil = 0;
  private readonly disposeEditor: () => void;
  private readonly onPreviewScroll = () => this.previewScrolled();
  private readonly view: EditorView;
  private readonly preview: PreviewPane;

  constructor(view: EditorView, preview: PreviewPane) {
    this.view = view;
    this.preview = preview;
    const subscription = view.editor.onDidScrollChange((event) => {
      if (event.scrollTopChanged) this.editorScrolled();
    });
    this.disposeEditor = () => subscription.dispose();
    preview.element.addEventListener('scroll', this.onPreviewScroll, { passive: true });
  }

  /** Brings the preview to the editor's position (after the preview is shown or re-rendered). */
  follow(): void {
    if (!this.preview.visible) return;
    this.lead('editor');
    const editor = this.view.editor;
    const top = editor.getScrollTop();
    // The ends line up exactly: the line map only places what lies between them.
    if (top <= 0) this.preview.element.scrollTop = 0;
    else if (top + editor.getLayoutInfo().height >= editor.getScrollHeight() - 1) this.preview.element.scrollTop = this.preview.element.scrollHeight;
    else this.preview.scrollToLine(this.editorTopLine());
  }

  dispose(): void {
    this.disposeEditor();
    this.preview.element.removeEventListener('scroll', this.onPreviewScroll);
  }

  private editorScrolled(): void {
    if (this.isEcho('editor')) return;
    this.follow();
  }

  private previewScrolled(): void {
    if (this.isEcho('preview')) return;
    this.lead('preview');
    const line = this.preview.lineAtTop();
    this.view.editor.setScrollTop(this.view.editor.getTopForLineNumber(line + 1));
  }

  /** The 0-based line at the top of the editor's viewport, fractional within wrapped lines. */
  private editorTopLine(): number {
    const editor = this.view.editor;
    const top = editor.getScrollTop();
    const range = editor.getVisibleRanges()[0];
    if (!range) return 0;
    const line = range.startLineNumber;
    const lineTop = editor.getTopForLineNumber(line);
    const nextTop = editor.getTopForLineNumber(line + 1);
    const fraction = nextTop > lineTop ? (top - lineTop) / (nextTop - lineTop) : 0;
    return line - 1 + Math.min(1, Math.max(0, fraction));
  }

  private lead(side: 'editor' | 'preview'): void {
    this.leader = side;
    this.leaderUntil = performance.now() + ECHO_WINDOW_MS;
  }

  /** True when `side` scrolled only because the other side just moved it. */
  private isEcho(side: 'editor' | 'preview'): boolean {
    return this.leader !== null && this.leader !== side && performance.now() < this.leaderUntil;
  }
}
