/**
 * The document a text task reads, with the version rules every task applies: results are
 * computed for the task's current version; asking for a version the task has not reached yet
 * means a change went missing, which the host repairs by re-priming (OUT_OF_SYNC).
 *
 * Where the text lives depends on the host:
 * - a thread or inline host is opened *without* text: it reads the host's shared document in place
 *   (`context.document`), and its changes are notices (offset, length, version) with no text;
 * - a process host (or a test) is opened *with* the text and sent every edit's text: it keeps a
 *   private copy, in the same layout, written here.
 * Either way the task reads through a `DocumentView`, so its code is the same for both.
 */
import type { DocumentChange } from '../../common/document.ts';
import { Errors } from '../../common/errors.ts';
import { SharedDocumentReader, type DocumentView } from '../../common/shared-document/document-reader.ts';
import { SharedDocumentWriter } from '../../common/shared-document/document-writer.ts';
import type { DocumentNotice, OpenNotice } from './requests.ts';

interface Opened {
  readonly uri: string;
  readonly version: number;
  /** The private copy, or undefined when the task reads the shared document. */
  readonly copy: SharedDocumentWriter | undefined;
  readonly reader: SharedDocumentReader;
}

export class TaskDocument {
  readonly #shared: SharedDocumentReader | undefined;
  #copy: SharedDocumentWriter | undefined;
  #copyReader: SharedDocumentReader | undefined;
  #opened: Opened | undefined;

  /** `shared` is the host's document when the task runs in a thread or inline host. */
  constructor(shared?: SharedDocumentReader) {
    this.#shared = shared;
  }

  /** True when the task reads the host's shared document rather than a copy of its own. */
  get isShared(): boolean {
    return this.#opened !== undefined && this.#opened.copy === undefined;
  }

  open(request: OpenNotice): void {
    if (request.text === undefined) {
      if (!this.#shared) throw Errors.invalidInput('open', 'no text was sent, and this host has no shared document to read it from');
      this.#opened = { uri: request.uri, version: request.version, copy: undefined, reader: this.#shared };
      return;
    }
    const snapshot = { uri: request.uri, version: request.version, text: request.text };
    if (this.#copy && this.#copyReader) this.#copy.reset(snapshot);
    else {
      this.#copy = new SharedDocumentWriter(snapshot);
      this.#copyReader = new SharedDocumentReader(this.#copy.buffers);
    }
    this.#opened = { uri: request.uri, version: request.version, copy: this.#copy, reader: this.#copyReader };
  }

  /** The open document's uri and version; throws a clear error before the first `open`. */
  current(method: string): { readonly uri: string; readonly version: number } {
    if (!this.#opened) throw Errors.invalidInput(method, 'no document is open');
    return this.#opened;
  }

  /** Applies `change` (to the private copy, if any); false if it was applied already. */
  apply(change: DocumentNotice): boolean {
    const opened = this.#opened;
    if (!opened) throw Errors.invalidInput('change', 'no document is open');
    if (change.uri !== opened.uri) throw Errors.invalidInput('change', `it is for ${change.uri}, but the open document is ${opened.uri}`);
    if (change.version <= opened.version) return false;
    if (change.version !== opened.version + 1) throw Errors.outOfSync(change.version - 1, opened.version);
    if (opened.copy) {
      if (!change.edits.every((edit) => typeof edit.text === 'string')) throw Errors.invalidInput('change', 'a task with its own copy of the document needs the text of every edit');
      opened.copy.apply(change as DocumentChange);
    }
    this.#opened = { ...opened, version: change.version };
    return true;
  }

  /**
   * A read section over the document at `version` or later (a shared document may be ahead of the
   * changes the task was told of). Release it when done. Throws OUT_OF_SYNC for a version the task
   * has not reached, and a `superseded` cancellation if the shared document holds another one now.
   */
  view(method: string, version: number): DocumentView {
    const opened = this.#opened;
    if (!opened) throw Errors.invalidInput(method, 'no document is open');
    if (version > opened.version) throw Errors.outOfSync(version, opened.version);
    const view = opened.reader.open();
    if (view.uri !== opened.uri || view.version < opened.version) {
      view.release();
      throw Errors.cancelled(method, `superseded: the shared document now holds ${view.uri} v${view.version}`);
    }
    return view;
  }

  /** Runs `read` over a view (see `view`), validated and released after it. */
  async read<R>(method: string, version: number, read: (view: DocumentView) => R | Promise<R>): Promise<R> {
    const view = this.view(method, version);
    try {
      const result = await read(view);
      view.assertCurrent();
      return result;
    } finally {
      view.release();
    }
  }
}
