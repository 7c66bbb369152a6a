/**
 * The host's model of the one open document: the mirror of Monaco's text fed by versioned,
 * incremental changes; the keystroke journal's host buffer; save state; and the routing of
 * every change to the tasks. The mirror answers each change by itself, so the round trip works
 * whether the tasks are up, restarting, moving, or not started at all.
 */
import type { DocumentSnapshot, TextRange } from '../../../workers/common/document.ts';
import { Errors } from '../../../workers/common/errors.ts';
import type { ChangeAnswer, ChangeRequest, DocumentState, OpenDocument, ResyncRequest } from '../../../workers/common/host-api.ts';
import type { KeystrokeChange, OpenRequest } from '../../../workers/common/task-api.ts';
import type { Primer, SharedDocumentHandle, TaskSupervisor } from '../supervisor/supervisor-api.ts';
import { DocumentMirror } from './document-mirror.ts';
import { JournalBuffer } from './journal-buffer.ts';
import { TaskRouter, type EventSink, type RouterContext } from './task-router.ts';
import { raceWriter } from './race-writer.ts';
import { createPrimer } from './task-sync.ts';

/** A document as the session takes it in (open, new, restore). */
export interface SessionDocument {
  readonly snapshot: DocumentSnapshot;
  /** Display path (workspace-relative in the web host, absolute in Electron); null while untitled. */
  readonly path: string | null;
  /** True when the text is unsaved work (a restored journal). */
  readonly dirty: boolean;
}

export interface SessionOptions {
  readonly document: SessionDocument;
  readonly emit: EventSink;
  readonly log?: (line: string) => void;
  readonly ignoredRules: () => readonly string[];
  /** Above this many UTF-16 units, grammar checks only the visible range and the user is told. */
  readonly largeDocumentUnits?: number;
}

/** 1 Mi UTF-16 units, the grammar task's own limit: harper needs seconds per 200 KB on a first pass, so beyond this only the visible part is checked. */
export const LARGE_DOCUMENT_UNITS = 1024 * 1024;

export class EditorSession {
  readonly primer: Primer;
  /** The document in shared memory, as thread and inline task hosts read it. */
  readonly sharedDocument: SharedDocumentHandle;
  private readonly mirror: DocumentMirror;
  private readonly journal: JournalBuffer;
  private readonly options: SessionOptions;
  private readonly log: (line: string) => void;
  private readonly largeUnits: number;
  private path: string | null;
  /** The version whose text equals the file (or the empty untitled text); null when none does. */
  private cleanVersion: number | null;
  private savedVersion: number | null = null;
  private visible: { uri: string; range: TextRange } | undefined;
  private router: TaskRouter | undefined;
  private wasLarge: boolean;

  constructor(options: SessionOptions) {
    this.options = options;
    this.log = options.log ?? ((line) => console.warn(line));
    this.largeUnits = options.largeDocumentUnits ?? LARGE_DOCUMENT_UNITS;
    const { snapshot, path, dirty } = options.document;
    this.mirror = new DocumentMirror(snapshot);
    this.path = path;
    this.cleanVersion = dirty ? null : snapshot.version;
    this.journal = new JournalBuffer(this.openRequest());
    this.wasLarge = this.isLarge();
    this.primer = createPrimer(this.syncSource());
    const mirror = this.mirror;
    this.sharedDocument = {
      buffers: mirror.buffers,
      textBytes: () => mirror.length * 2,
      race: (durationMs) => raceWriter(mirror.writer, durationMs),
    };
  }

  /** Starts routing changes to the supervisor's tasks. Without it, the session is the mirror alone. */
  connect(supervisor: TaskSupervisor): void {
    this.router?.dispose();
    const source = this.syncSource();
    const context: RouterContext = {
      ...source,
      emit: this.options.emit,
      log: this.log,
      visibleRange: () => this.visibleRange(),
      onDurable: (uri, version) => {
        if (this.journal.acknowledge(uri, version)) this.options.emit('durable', { uri, version });
      },
    };
    this.router = new TaskRouter(supervisor, context);
  }

  get uri(): string {
    return this.mirror.uri;
  }

  get version(): number {
    return this.mirror.version;
  }

  /** The whole text, joined on demand: read it when needed (save, snapshot), not per keystroke. */
  get text(): string {
    return this.mirror.text;
  }

  /** UTF-16 length of the text, without joining it. */
  get length(): number {
    return this.mirror.length;
  }

  get dirty(): boolean {
    return this.cleanVersion !== this.mirror.version;
  }

  document(): OpenDocument {
    const degraded = this.degradedReason();
    return {
      uri: this.mirror.uri,
      version: this.mirror.version,
      text: this.mirror.text,
      path: this.path,
      dirty: this.dirty,
      ...(degraded ? { degraded } : {}),
    };
  }

  state(): DocumentState {
    return { uri: this.mirror.uri, path: this.path, dirty: this.dirty, savedVersion: this.savedVersion };
  }

  /** One Monaco change: applied to the mirror, answered with its stats, then routed to the tasks. */
  change(request: ChangeRequest): ChangeAnswer {
    const wasDirty = this.dirty;
    const change: KeystrokeChange = { uri: request.uri, version: request.version, edits: request.edits, keys: request.keys };
    if (this.mirror.apply(change) === 'applied') {
      if (!this.journal.push(change)) {
        this.log(`[session] the keystroke task acknowledged nothing for too long; its journal restarts from v${this.version}`);
        this.journal.reset(this.openRequest());
      }
      this.router?.forward(change);
      if (this.dirty !== wasDirty) this.options.emit('documentState', this.state());
      this.noticeIfNewlyLarge();
    }
    return { uri: this.mirror.uri, version: this.mirror.version, stats: this.mirror.stats };
  }

  /** The editor's whole text replaces the mirror after a refused change. */
  resync(request: ResyncRequest): ChangeAnswer {
    if (request.uri !== this.mirror.uri) {
      throw Errors.invalidInput('resync', `it is for ${request.uri}, but the open document is ${this.mirror.uri}`);
    }
    if (request.version < this.mirror.version) {
      throw Errors.invalidInput('resync', `version ${request.version} is older than the host's version ${this.mirror.version}`);
    }
    const unchanged = request.version === this.mirror.version && request.text === this.mirror.text;
    if (!unchanged) {
      this.mirror.reset({ uri: request.uri, version: request.version, text: request.text });
      this.cleanVersion = null;
      this.journal.reset(this.openRequest());
      this.router?.reopenAll();
      this.options.emit('documentState', this.state());
    }
    return { uri: this.mirror.uri, version: this.mirror.version, stats: this.mirror.stats };
  }

  /** Another document replaces this one (open, new, restore); the old one's journal is discarded. */
  replace(document: SessionDocument): OpenDocument {
    const previous = this.mirror.uri;
    this.mirror.reset(document.snapshot);
    this.path = document.path;
    this.cleanVersion = document.dirty ? null : document.snapshot.version;
    this.savedVersion = null;
    this.visible = undefined;
    this.journal.reset(this.openRequest());
    if (previous !== document.snapshot.uri) this.router?.discard(previous);
    this.router?.reopenAll();
    this.wasLarge = this.isLarge();
    const opened = this.document();
    this.options.emit('document', opened);
    this.options.emit('documentState', this.state());
    return opened;
  }

  /**
   * `text` at `version` of document `uri` is now the file at `path`: the journal compacts to it.
   * Typing may have gone on while the file was written; the document is then still dirty.
   */
  saved(uri: string, version: number, path: string, text: string): DocumentState {
    if (uri === this.mirror.uri) {
      this.path = path;
      this.savedVersion = version;
      this.cleanVersion = version;
      const base: OpenRequest = { uri, version, text, path, dirty: false };
      if (this.journal.rebase(base)) this.router?.compact(base);
      this.options.emit('documentState', this.state());
    }
    return this.state();
  }

  setVisibleRange(uri: string, range: TextRange): void {
    if (uri !== this.mirror.uri) return;
    this.visible = { uri, range };
    if (this.isLarge()) this.router?.recheck('grammar');
  }

  /** Re-runs a check now, e.g. after a dictionary or rule change. */
  recheck(task: 'render' | 'spellcheck' | 'grammar'): void {
    this.router?.recheck(task);
  }

  dispose(): void {
    this.router?.dispose();
    this.router = undefined;
  }

  private syncSource() {
    return {
      current: () => this.openRequest(),
      position: () => ({ uri: this.mirror.uri, version: this.mirror.version }),
      changesSince: (version: number) => this.mirror.changesSince(version),
      journalBase: () => this.openRequest(),
      journalChangesSince: (version: number) => this.journal.changesAfter(version),
      ignoredRules: () => this.options.ignoredRules(),
    };
  }

  private openRequest(): OpenRequest {
    return { ...this.mirror.snapshot(), path: this.path, dirty: this.dirty };
  }

  private isLarge(): boolean {
    return this.mirror.length > this.largeUnits;
  }

  private degradedReason(): string | undefined {
    if (!this.isLarge()) return undefined;
    const megabytes = (this.mirror.length / (1024 * 1024)).toFixed(1);
    return `Large document (${megabytes} M characters): grammar checks only the part you can see.`;
  }

  private noticeIfNewlyLarge(): void {
    const large = this.isLarge();
    if (large && !this.wasLarge) this.options.emit('notice', { level: 'warning', message: this.degradedReason() ?? '' });
    this.wasLarge = large;
  }

  private visibleRange(): TextRange | undefined {
    if (!this.visible || this.visible.uri !== this.mirror.uri) return undefined;
    const length = this.mirror.length;
    const start = Math.min(this.visible.range.start, length);
    return { start, end: Math.min(Math.max(start, this.visible.range.end), length) };
  }
}
