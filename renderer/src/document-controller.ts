/**
 * The open document as the window sees it: which file it is, whether it is saved, its problems,
 * and the file commands (New, Open, Open Recent, Save, Save As). The host owns the files; this
 * asks it, shows what it answers, and guards unsaved work in the page (beforeunload).
 */
import type { DocumentState, HostHello, OpenDocument } from '../../workers/common/host-api.ts';
import { confirmAction } from './dialogs/modal.ts';
import { pickFile } from './dialogs/file-picker.ts';
import { DocumentSync, normalizationEdit } from './editor/document-sync.ts';
import type { EditorView } from './editor/editor-view.ts';
import type { HostClient } from './host/connect.ts';
import type { Notices } from './notices.ts';
import { ProblemMarkers } from './problems/problem-markers.ts';
import { ProblemStore } from './problems/problem-store.ts';

export interface DocumentListeners {
  /** Save state or path changed (title, status bar, menu). */
  onState(state: DocumentState): void;
  /** Another document is now shown. */
  onDocument(document: OpenDocument): void;
  onProblems(counts: { spelling: number; grammar: number }): void;
  /** The host counted the document at `version` (every answer carries it; no text is read here). */
  onStats(version: number, stats: { lines: number; words: number; characters: number }): void;
}

export class DocumentController {
  readonly sync: DocumentSync;
  readonly problems = new ProblemStore();
  private readonly markers: ProblemMarkers;
  private state: DocumentState;
  private recent: readonly string[];
  private readonly unsubscribers: (() => void)[] = [];
  private readonly onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (this.state.dirty) event.preventDefault();
  };

  private readonly view: EditorView;
  private readonly client: HostClient;
  private readonly notices: Notices;
  private readonly listeners: DocumentListeners;

  constructor(view: EditorView, client: HostClient, notices: Notices, listeners: DocumentListeners, hello: HostHello) {
    this.view = view;
    this.client = client;
    this.notices = notices;
    this.listeners = listeners;
    this.state = { uri: hello.document.uri, path: hello.document.path, dirty: hello.document.dirty, savedVersion: null };
    this.recent = hello.recentFiles;
    this.sync = new DocumentSync(hello.document.uri, hello.document.version, {
      send: (request) => client.api.change(request),
      resync: (request) => client.api.resync(request),
      text: () => view.current.getValue(),
      onAnswer: (answer) => listeners.onStats(answer.version, answer.stats),
      onError: (error, version) => notices.show('error', `The host did not take edit ${version}: ${error.message}`),
      onResync: (version, cause) => console.warn(`[renderer] resynced the host's mirror at version ${version} after: ${cause.message}`),
    });
    this.markers = new ProblemMarkers(view, this.problems, {
      suggest: (word) => client.api.suggest({ word }, { timeoutMs: 3000 }),
      addWord: (word) => client.api.addToDictionary({ word }),
      ignoreRule: (rule) => client.api.ignoreRule({ rule }),
    }, () => listeners.onProblems(this.problems.counts()));
    this.unsubscribers.push(
      view.onChange((change) => this.onEdit(change.uri, change.edits, change.keys)),
      client.on('spelling', (result) => this.problems.setSpelling(result, this.sync.history) && this.repaint('spelling')),
      client.on('grammar', (result) => this.problems.setGrammar(result, this.sync.history) && this.repaint('grammar')),
      client.on('document', (document) => this.show(document)),
      client.on('documentState', (state) => this.setState(state)),
    );
    window.addEventListener('beforeunload', this.onBeforeUnload);
    this.normalize(hello.document);
  }

  get documentState(): DocumentState {
    return this.state;
  }

  get recentFiles(): readonly string[] {
    return this.recent;
  }

  /** `welcome`: the welcome document (Help → Welcome) rather than an empty one. */
  async newDocument(options: { readonly welcome?: boolean } = {}): Promise<void> {
    if (!(await this.mayDiscard())) return;
    const what = options.welcome === true ? 'Welcome' : 'New document';
    await this.run(what, async () => this.show(await this.client.api.newDocument({ discardUnsaved: true, ...options })));
  }

  async open(rootLabel: string, path?: string): Promise<void> {
    if (!(await this.mayDiscard())) return;
    const chosen = path ?? (await pickFile({ mode: 'open', rootLabel, list: (folder) => this.client.api.listWorkspace({ path: folder }) }))?.path;
    if (chosen === undefined) return;
    await this.run(`Open ${chosen}`, async () => {
      const document = await this.client.api.open({ path: chosen, discardUnsaved: true });
      this.show(document);
      this.remember(chosen);
    });
  }

  async openRecent(path: string): Promise<void> {
    if (!(await this.mayDiscard())) return;
    await this.run(`Open ${path}`, async () => this.show(await this.client.api.openRecent({ path, discardUnsaved: true })));
  }

  async save(rootLabel: string): Promise<void> {
    if (this.state.path === null) return this.saveAs(rootLabel);
    await this.run('Save', async () => this.setState(await this.client.api.save({ uri: this.sync.uri })));
  }

  async saveAs(rootLabel: string): Promise<void> {
    const suggestedName = this.state.path?.split('/').at(-1) ?? 'Untitled.md';
    const picked = await pickFile({ mode: 'save', rootLabel, suggestedName, list: (folder) => this.client.api.listWorkspace({ path: folder }) });
    if (picked === undefined) return;
    const { path, exists } = picked;
    if (exists && !(await confirmAction('Replace file?', `${path} already exists. Replace it?`, 'Replace'))) return;
    await this.run(`Save as ${path}`, async () => {
      this.setState(await this.client.api.saveAs({ uri: this.sync.uri, path, overwrite: exists }));
      this.remember(path);
    });
  }

  dispose(): void {
    for (const unsubscribe of this.unsubscribers) unsubscribe();
    window.removeEventListener('beforeunload', this.onBeforeUnload);
    this.markers.dispose();
  }

  /** Shows a document the host now holds (opened, new, restored), at the host's version. */
  show(document: OpenDocument): void {
    // The host announces a new document as an event and again as the answer to open/new. The
    // second is the same document at a version the editor has already reached, or passed if the
    // writer typed in between: showing it again would throw those keystrokes away.
    if (document.uri === this.sync.uri && document.version <= this.sync.version) return;
    this.view.setDocument(document);
    this.sync.reset(document.uri, document.version);
    this.problems.clear();
    this.markers.paintAll();
    this.setState({ uri: document.uri, path: document.path, dirty: document.dirty, savedVersion: null });
    this.listeners.onDocument(document);
    if (document.degraded) this.notices.show('warning', document.degraded);
    this.normalize(document);
  }

  private onEdit(uri: string, edits: Parameters<DocumentSync['change']>[0], keys: Parameters<DocumentSync['change']>[1]): void {
    if (uri !== this.sync.uri) return;
    this.sync.change(edits, keys);
    if (this.problems.applyChange(edits)) this.markers.paintAll();
    if (!this.state.dirty) this.setState({ ...this.state, dirty: true });
  }

  private repaint(owner: 'spelling' | 'grammar'): void {
    this.markers.paint(owner);
  }

  private setState(state: DocumentState): void {
    if (state.uri !== this.sync.uri) return;
    this.state = state;
    this.listeners.onState(state);
  }

  private remember(path: string): void {
    this.recent = [path, ...this.recent.filter((entry) => entry !== path)].slice(0, 10);
  }

  /** Monaco normalizes mixed or lone-CR line breaks on load; the host learns it as an edit. */
  private normalize(document: OpenDocument): void {
    const edit = normalizationEdit(document.text, this.view.current.getValue());
    if (!edit) return;
    this.sync.change([edit], []);
    this.notices.show('info', 'Line endings were normalized to one kind; saving will write them that way.');
  }

  private async mayDiscard(): Promise<boolean> {
    if (!this.state.dirty) return true;
    const name = this.state.path ?? 'Untitled';
    return confirmAction('Discard unsaved changes?', `${name} has unsaved changes. Discard them?`, 'Discard');
  }

  private async run(what: string, action: () => Promise<void>): Promise<void> {
    try {
      await action();
    } catch (error) {
      this.notices.show('error', `${what} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
