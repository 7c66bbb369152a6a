/**
 * New, Open, Open Recent, Save and Save As for the session's one document. Paths go through the
 * host's `FileAccess` (confined to the workspace in the web host), files are read and written as
 * UTF-8 keeping their BOM, and saves are atomic and one at a time, so an older save can never
 * land after a newer one.
 */
import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { Errors, ForkpadError } from '../../../workers/common/errors.ts';
import type { DocumentState, NewDocumentRequest, OpenDocument, OpenFileRequest, SaveAsRequest, SaveRequest } from '../../../workers/common/host-api.ts';
import { removeStaleTemps, writeFileAtomic } from '../../../workers/node/atomic-write.ts';
import { isNotFound, type FileAccess, type FileListing } from '../files/file-access.ts';
import type { RecentFiles } from '../files/recent-files.ts';
import { encodeTextFile, fileHasBom, readTextFile } from '../files/text-file.ts';
import type { EditorSession, SessionDocument } from '../session/editor-session.ts';
import type { EventSink } from '../session/task-router.ts';
import { WELCOME_TEXT } from './welcome.ts';

/** A fresh document identity: journals are keyed by it, so it must never repeat across runs. */
export function newDocumentUri(): string {
  return `doc:${randomUUID()}`;
}

export const DocumentErrors = {
  unsaved: () =>
    new ForkpadError('UnsavedChangesError', 'UNSAVED_CHANGES', 'The document has unsaved changes: save them first, or confirm that they may be discarded.'),
  needsPath: () => new ForkpadError('NeedsPathError', 'NEEDS_PATH', 'This document has no file yet: use Save As.'),
  exists: (path: string) => new ForkpadError('FileExistsError', 'FILE_EXISTS', `${path} already exists: choose another name, or confirm replacing it.`),
} as const;

interface FileState {
  /** The real path the document was read from or last saved to; unknown for a restored document until it is saved. */
  real: string | undefined;
  /** The file's BOM; unknown for a restored document (read from the file at save time). */
  bom: boolean | undefined;
}

export class DocumentFiles {
  private readonly session: EditorSession;
  private readonly files: FileAccess;
  private readonly recent: RecentFiles;
  private readonly emit: EventSink;
  private file: FileState = { real: undefined, bom: false };
  private saving: Promise<unknown> = Promise.resolve();

  constructor(session: EditorSession, files: FileAccess, recent: RecentFiles, emit: EventSink) {
    this.session = session;
    this.files = files;
    this.recent = recent;
    this.emit = emit;
  }

  /** A refusal arrives as a rejection, like every file operation's. */
  newDocument(request: NewDocumentRequest): Promise<OpenDocument> {
    if (this.session.dirty && request.discardUnsaved !== true) return Promise.reject(DocumentErrors.unsaved());
    this.file = { real: undefined, bom: false };
    const text = request.welcome === true ? WELCOME_TEXT : '';
    return Promise.resolve(this.session.replace({ snapshot: { uri: newDocumentUri(), version: 0, text }, path: null, dirty: false }));
  }

  async open(request: OpenFileRequest): Promise<OpenDocument> {
    this.checkReplaceable(request.discardUnsaved);
    const location = await this.files.resolveExisting(request.path);
    const file = await readTextFile(location.real, location.display);
    this.checkReplaceable(request.discardUnsaved); // Typing may have gone on while the file was read.
    this.file = { real: location.real, bom: file.bom };
    const opened = this.session.replace({ snapshot: { uri: newDocumentUri(), version: 0, text: file.text }, path: location.display, dirty: false });
    await this.recent.add(location.display).catch((error: unknown) => this.warn(`Open Recent could not be updated: ${String(error)}`));
    return opened;
  }

  async openRecent(request: OpenFileRequest): Promise<OpenDocument> {
    try {
      return await this.open(request);
    } catch (error) {
      const code = (error as ForkpadError).code;
      if (code === 'NOT_FOUND' || code === 'PATH_REFUSED') {
        await this.recent.remove(request.path).catch(() => undefined); // The open error below is what the user needs to see.
      }
      throw error;
    }
  }

  /** Takes in a document rebuilt from its journal (hot exit); its file is found again at save time. */
  adoptRestored(document: SessionDocument): OpenDocument {
    this.file = { real: undefined, bom: undefined };
    return this.session.replace(document);
  }

  async save(request: SaveRequest): Promise<DocumentState> {
    this.checkUri(request.uri, 'save');
    const path = this.session.state().path;
    if (path === null) throw DocumentErrors.needsPath();
    return this.queue(async () => {
      const real = this.file.real ?? (await this.files.resolveForWrite(path)).real;
      return this.write(real, path, this.file.bom ?? (await fileHasBom(real)));
    });
  }

  async saveAs(request: SaveAsRequest): Promise<DocumentState> {
    this.checkUri(request.uri, 'saveAs');
    return this.queue(async () => {
      const location = await this.files.resolveForWrite(request.path);
      if (!request.overwrite && location.real !== this.file.real && (await exists(location.real))) throw DocumentErrors.exists(location.display);
      return this.write(location.real, location.display, this.file.bom ?? false);
    });
  }

  list(path: string | undefined): Promise<FileListing> {
    return this.files.list(path ?? '');
  }

  /** Writes the mirror as it is now; typing may go on meanwhile (the document then stays dirty). */
  private async write(real: string, display: string, bom: boolean): Promise<DocumentState> {
    const { uri, version, text } = this.session;
    const { bytes, replacedSurrogates } = encodeTextFile(text, bom);
    await writeFileAtomic(real, bytes);
    if (this.session.uri === uri) this.file = { real, bom };
    await removeStaleTemps(real).catch(() => 0); // Tidying only: the save itself succeeded.
    if (replacedSurrogates > 0) {
      this.emit('notice', {
        level: 'warning',
        message: `${display} was saved, but ${replacedSurrogates} unpaired surrogate code unit(s) cannot be written as UTF-8 and were saved as U+FFFD.`,
      });
    }
    await this.recent.add(display).catch((error: unknown) => this.warn(`Open Recent could not be updated: ${String(error)}`));
    return this.session.saved(uri, version, display, text);
  }

  private queue<T>(job: () => Promise<T>): Promise<T> {
    const next = this.saving.then(job, job);
    this.saving = next.catch(() => undefined); // The caller of this save gets its error; the queue goes on.
    return next;
  }

  private checkReplaceable(discardUnsaved: boolean | undefined): void {
    if (this.session.dirty && discardUnsaved !== true) throw DocumentErrors.unsaved();
  }

  private checkUri(uri: string, what: string): void {
    if (uri !== this.session.uri) throw Errors.invalidInput(what, `it is for ${uri}, but the open document is ${this.session.uri}`);
  }

  private warn(message: string): void {
    this.emit('notice', { level: 'warning', message });
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}
