/**
 * The journals of every open document, one file each in the journal folder, named by a hash of
 * the document's uri. Keeps each document's mirror and the changes since its journal's base in
 * memory, so a save can restart the journal from the saved text without losing later edits.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { VersionedDocument, type DocumentChange } from '../../common/document.ts';
import { Errors } from '../../common/errors.ts';
import type { OpenRequest, RecoveredDocument } from '../../common/task-api.ts';
import { isTemporaryName, syncDirectory } from '../../node/atomic-write.ts';
import { JournalFile } from './journal-file.ts';
import { encodeRecord, readJournal, stateAt, type BaseRecord, type ChangeRecord } from './journal-format.ts';

export interface JournalStoreOptions {
  readonly directory: string;
  readonly log: (line: string) => void;
  readonly onDurable: (uri: string, version: number) => void;
  /** A journal past this size (or twice its base, if larger) is compacted into a new base. */
  readonly compactAtBytes?: number;
}

type BaseFields = Omit<BaseRecord, 't' | 'dirty'>;

interface OpenJournal {
  readonly document: VersionedDocument;
  readonly file: JournalFile;
  /** The journal's base as of the last open, save or compaction (the file may still be catching up). */
  base: BaseFields;
  /** Whether the base is unsaved work; known only once the previous journal has been read. */
  baseDirty: Promise<boolean>;
  /** Changes after the base, in order. */
  changes: ChangeRecord[];
  compacting: boolean;
}

const JOURNAL_SUFFIX = '.journal';
/** A temporary file older than this is a leftover of a crash mid-rewrite, not a rewrite in progress. */
const STALE_TEMPORARY_MS = 60_000;

export function journalFileName(uri: string): string {
  return `${createHash('sha256').update(uri).digest('hex').slice(0, 32)}${JOURNAL_SUFFIX}`;
}

export class JournalStore {
  private readonly options: JournalStoreOptions;
  private readonly journals = new Map<string, OpenJournal>();

  constructor(options: JournalStoreOptions) {
    this.options = options;
  }

  /**
   * Starts a fresh journal whose base is `request`. The mirror switches at once, so changes that
   * arrive while the base is being written apply to it and are committed right after it.
   */
  open(request: OpenRequest): Promise<void> {
    const previous = this.journals.get(request.uri);
    const stated = request.dirty === undefined ? undefined : request.dirty || (untitledDirty(request) ?? false);
    const dirty =
      stated !== undefined ? Promise.resolve(stated) : previous ? dirtyFromMemory(previous, request) : this.dirtyFromDisk(request);
    return this.start(request, previous?.file, dirty);
  }

  /** Applies a change and queues its record. False for a change already applied. */
  change(change: DocumentChange): boolean {
    const journal = this.journals.get(change.uri);
    if (!journal) throw Errors.invalidInput('change', `${change.uri} is not open`);
    journal.file.assertWritable();
    if (change.version <= journal.document.version) return false;
    const record: ChangeRecord = {
      t: 'change',
      version: change.version,
      edits: change.edits.map(({ offset, length, text }) => ({ offset, length, text })),
    };
    // Encoded before the mirror moves, so a record that cannot be written leaves both unchanged.
    const bytes = encodeRecord(record);
    journal.document.apply(change);
    journal.changes.push(record);
    journal.file.append(bytes, record.version);
    if (!journal.compacting && journal.file.size > this.compactionThreshold(journal)) this.compactBySize(journal);
    return true;
  }

  /** After a save at `request.version`: the journal restarts from the saved text. */
  async compact(request: OpenRequest): Promise<void> {
    const journal = this.journals.get(request.uri);
    if (!journal) return this.start(request, undefined, Promise.resolve(untitledDirty(request) ?? false));
    const { document } = journal;
    if (request.version > document.version) throw Errors.outOfSync(request.version, document.version);
    const saved = stateAt({ t: 'base', ...journal.base, dirty: false }, journal.changes, request.version);
    if (saved !== undefined && saved !== request.text) {
      throw Errors.invalidInput('compact', `the saved text differs from the journal's text at version ${request.version}`);
    }
    if (saved === undefined) {
      // Saved at a version older than the base (the journal compacted itself since): keep the
      // current text as the base, still unsaved work.
      this.options.log(`journal of ${request.uri}: saved version ${request.version} predates its base; kept as unsaved`);
      return this.rebase(journal, { ...journal.base, path: request.path, version: document.version, text: document.text }, [], true);
    }
    const after = journal.changes.filter((change) => change.version > request.version);
    return this.rebase(journal, request, after, request.dirty ?? untitledDirty(request) ?? false);
  }

  /** The document was closed on purpose: its journal goes. */
  async discard(uri: string): Promise<void> {
    const journal = this.journals.get(uri);
    this.journals.delete(uri);
    if (journal) return journal.file.remove();
    try {
      await unlink(join(this.options.directory, journalFileName(uri)));
      await syncDirectory(this.options.directory);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }

  /** Every journal in the folder, rebuilt from disk. Unreadable ones are set aside and logged. */
  async recover(): Promise<RecoveredDocument[]> {
    await Promise.all([...this.journals.values()].map((journal) => journal.file.flushed()));
    const ours = new Set([...this.journals.keys()].map(journalFileName));
    const recovered: RecoveredDocument[] = [];
    for (const name of await readdir(this.options.directory)) {
      const path = join(this.options.directory, name);
      // `.journal.tmp-<uuid>`: the temporary name of journals written before the shared atomic write.
      if (name.includes(JOURNAL_SUFFIX) && (isTemporaryName(name) || name.includes(`${JOURNAL_SUFFIX}.tmp-`))) await this.removeStaleTemporary(path);
      if (!name.endsWith(JOURNAL_SUFFIX)) continue;
      try {
        const { state, tornBytes, tornReason } = readJournal(await readFile(path));
        if (tornBytes > 0) this.options.log(`journal ${name}: skipped a torn tail of ${tornBytes} bytes (${tornReason})`);
        recovered.push({ ...state, tornBytes, updatedAt: (await stat(path)).mtimeMs });
      } catch (error) {
        this.options.log(`journal ${name} is unreadable and was set aside: ${(error as Error).message}`);
        if (!ours.has(name)) await this.setAside(path);
      }
    }
    return recovered;
  }

  /** Resolves once everything queued for `uri` (or for every document) is on disk. */
  async flushed(uri?: string): Promise<void> {
    const journals = uri === undefined ? [...this.journals.values()] : [this.journals.get(uri)].filter((journal) => journal !== undefined);
    await Promise.all(journals.map((journal) => journal.file.flushed()));
  }

  /** The journal file of `uri`, for the monitor and the tests. */
  fileOf(uri: string): JournalFile | undefined {
    return this.journals.get(uri)?.file;
  }

  async close(): Promise<void> {
    await Promise.all([...this.journals.values()].map((journal) => journal.file.close()));
    this.journals.clear();
  }

  private start(request: OpenRequest, file: JournalFile | undefined, dirty: Promise<boolean>): Promise<void> {
    const baseDirty = dirty.catch((error: unknown) => {
      this.options.log(`journal of ${request.uri}: could not tell whether it was saved, so it counts as unsaved: ${String(error)}`);
      return true;
    });
    const journal: OpenJournal = {
      document: new VersionedDocument(request),
      file: file ?? this.newFile(request.uri),
      base: baseFields(request),
      baseDirty,
      changes: [],
      compacting: false,
    };
    this.journals.set(request.uri, journal);
    const base = journal.base;
    return journal.file.replace(async () => ({ base: { t: 'base', ...base, dirty: await baseDirty }, changes: [] }), true);
  }

  /** Restarts `journal`'s file from `base` plus `changes`, captured now: later appends follow them. */
  private async rebase(journal: OpenJournal, base: BaseFields, changes: ChangeRecord[], dirty: boolean | Promise<boolean>): Promise<void> {
    const fields = baseFields(base);
    const baseDirty = Promise.resolve(dirty);
    journal.base = fields;
    journal.baseDirty = baseDirty;
    journal.changes = changes;
    journal.compacting = true;
    try {
      await journal.file.replace(async () => ({ base: { t: 'base', ...fields, dirty: await baseDirty }, changes }), false);
    } finally {
      journal.compacting = false;
    }
  }

  private compactBySize(journal: OpenJournal): void {
    const { document } = journal;
    const hadChanges = journal.changes.length > 0;
    const dirty = journal.baseDirty.then((value) => value || hadChanges);
    const base = { ...journal.base, version: document.version, text: document.text };
    this.rebase(journal, base, [], dirty).then(
      // Typing faster than a rewrite takes can outgrow the bound again meanwhile.
      () => {
        if (this.journals.get(document.uri) === journal && !journal.compacting && journal.file.size > this.compactionThreshold(journal)) {
          this.compactBySize(journal);
        }
      },
      (error: unknown) => this.options.log(`journal of ${document.uri}: compaction failed: ${(error as Error).message}`),
    );
  }

  private compactionThreshold(journal: OpenJournal): number {
    return Math.max(this.options.compactAtBytes ?? 4 * 1024 * 1024, 2 * journal.base.text.length);
  }

  private newFile(uri: string): JournalFile {
    return new JournalFile({
      file: join(this.options.directory, journalFileName(uri)),
      onDurable: (version) => this.options.onDurable(uri, version),
      log: this.options.log,
    });
  }

  private async dirtyFromDisk(request: OpenRequest): Promise<boolean> {
    const untitled = untitledDirty(request);
    if (untitled !== undefined) return untitled;
    let bytes: Buffer;
    try {
      bytes = await readFile(join(this.options.directory, journalFileName(request.uri)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
    const { base, changes } = readJournal(bytes);
    if (base.uri !== request.uri) return true;
    return dirtyAt(base, changes, request);
  }

  private async setAside(path: string): Promise<void> {
    try {
      await rename(path, `${path}.corrupt`);
    } catch (error) {
      this.options.log(`journal ${path} could not be set aside: ${(error as Error).message}`);
    }
  }

  private async removeStaleTemporary(path: string): Promise<void> {
    try {
      if (Date.now() - (await stat(path)).mtimeMs > STALE_TEMPORARY_MS) await unlink(path);
    } catch (error) {
      // Another host of this task may have just renamed or removed it: nothing to clean then.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

function baseFields(source: BaseFields): BaseFields {
  return { uri: source.uri, path: source.path, version: source.version, text: source.text };
}

/** An untitled document has no file: any text in it is unsaved. Undefined for a document with a path. */
function untitledDirty(request: OpenRequest): boolean | undefined {
  return request.path === null ? request.text.length > 0 : undefined;
}

async function dirtyFromMemory(previous: OpenJournal, request: OpenRequest): Promise<boolean> {
  const untitled = untitledDirty(request);
  if (untitled !== undefined) return untitled;
  return dirtyAt({ t: 'base', ...previous.base, dirty: await previous.baseDirty }, previous.changes, request);
}

/**
 * Whether `request` is unsaved work, judged from the journal it replaces: known exactly when the
 * journal passed through the same version and text; clean when it equals a clean base; otherwise
 * unsaved, since Forkpad would rather offer to restore text than lose it.
 */
function dirtyAt(base: BaseRecord, changes: readonly ChangeRecord[], request: OpenRequest): boolean {
  if (base.path !== request.path) return true;
  if (stateAt(base, changes, request.version) === request.text) {
    return base.dirty || changes.some((change) => change.version <= request.version);
  }
  return !(base.text === request.text && !base.dirty);
}
