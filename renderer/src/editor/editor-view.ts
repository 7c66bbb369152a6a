/**
 * The one component that owns Monaco: the editor, its models and every subscription it makes.
 * Everything else talks to it through this class and never keeps Monaco objects of its own, so
 * `dispose()` really releases everything (as monaco-react's Editor does).
 */
import type { TextEdit } from '../../../workers/common/document.ts';
import type { KeyEvent } from '../../../workers/common/task-api.ts';
import { EDITOR_OPTIONS } from './editor-options.ts';
import { KeyTimer } from './key-timing.ts';
import { monaco } from './monaco-setup.ts';

/** One Monaco content change, as edits on the text before it and the keys that caused it. */
export interface EditorChange {
  readonly uri: string;
  readonly edits: readonly TextEdit[];
  readonly keys: readonly KeyEvent[];
}

export interface EditorDocument {
  readonly uri: string;
  readonly text: string;
  readonly path: string | null;
}

export type EditorTheme = 'light' | 'dark';

/**
 * Above this many characters a document opens as plain text: Monaco's Markdown tokenizer runs
 * on the page's main thread and would freeze it for seconds on a 10 MB file. (Monaco's own large
 * file mode starts only at 20 MB.)
 */
export const LARGE_DOCUMENT_CHARS = 2 * 1024 * 1024;

export class EditorView {
  readonly editor: monaco.editor.IStandaloneCodeEditor;
  private model: monaco.editor.ITextModel;
  private readonly disposables: monaco.IDisposable[] = [];
  private readonly keyTimer = new KeyTimer();
  private readonly changeListeners = new Set<(change: EditorChange) => void>();
  private modelDisposables: monaco.IDisposable[] = [];

  constructor(container: HTMLElement, document: EditorDocument, theme: EditorTheme) {
    this.model = this.createModel(document);
    this.editor = monaco.editor.create(container, {
      model: this.model,
      theme: monacoTheme(theme),
      ...EDITOR_OPTIONS,
    });
    this.disposables.push(
      this.editor.onKeyDown((event) => this.keyTimer.record(event.browserEvent)),
    );
  }

  /** The live model; callers use it for reads and for markers, never to keep a reference. */
  get current(): monaco.editor.ITextModel {
    return this.model;
  }

  onChange(listener: (change: EditorChange) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Replaces the document (New, Open, restore): a fresh model, so undo does not cross files. */
  setDocument(document: EditorDocument): void {
    // The old model goes first: the new one may reuse its URI, and Monaco allows one model per URI.
    // Detaching the model drops the focus, so the writer's focus is put back.
    const focused = this.editor.hasTextFocus();
    this.editor.setModel(null);
    this.model.dispose();
    this.model = this.createModel(document);
    this.editor.setModel(this.model);
    if (focused) this.editor.focus();
  }

  /** The markers painted on the current model, as offsets (for the status bar and tests). */
  markers(): { owner: string; start: number; end: number; message: string; severity: number }[] {
    const model = this.model;
    return monaco.editor.getModelMarkers({ resource: model.uri }).map((marker) => ({
      owner: marker.owner,
      start: model.getOffsetAt({ lineNumber: marker.startLineNumber, column: marker.startColumn }),
      end: model.getOffsetAt({ lineNumber: marker.endLineNumber, column: marker.endColumn }),
      message: marker.message,
      severity: marker.severity,
    }));
  }

  setTheme(theme: EditorTheme): void {
    monaco.editor.setTheme(monacoTheme(theme));
  }

  focus(): void {
    this.editor.focus();
  }

  dispose(): void {
    for (const disposable of [...this.modelDisposables, ...this.disposables]) disposable.dispose();
    this.modelDisposables = [];
    this.changeListeners.clear();
    this.editor.dispose();
    this.model.dispose();
  }

  private createModel(document: EditorDocument): monaco.editor.ITextModel {
    for (const disposable of this.modelDisposables) disposable.dispose();
    const language = document.text.length > LARGE_DOCUMENT_CHARS ? 'plaintext' : 'markdown';
    const model = monaco.editor.createModel(document.text, language, monaco.Uri.parse(document.uri));
    this.modelDisposables = [
      model.onDidChangeContent((event) => {
        const edits = event.changes.map((change) => ({ offset: change.rangeOffset, length: change.rangeLength, text: change.text }));
        const change = { uri: document.uri, edits, keys: this.keyTimer.take(performance.timeOrigin + performance.now()) };
        for (const listener of this.changeListeners) listener(change);
      }),
    ];
    return model;
  }
}

function monacoTheme(theme: EditorTheme): string {
  return theme === 'dark' ? 'vs-dark' : 'vs';
}
