/**
 * One journal file on disk, written with group commit. Appended records collect in a batch;
 * one write + fdatasync commits the whole batch, and the records that arrive meanwhile form the
 * next batch, committed as soon as the previous one is durable. So a lone edit is durable after
 * one fsync, and fast typing costs one fsync per fsync-time rather than one per key.
 *
 * A new base (open, save, size bound) replaces the journal atomically
 * (`workers/node/atomic-write.ts`), so there is always one complete journal on disk. Each
 * instance writes only to the file it created itself: during a live move two hosts of the
 * keystroke task briefly coexist, and the one whose file was replaced stops writing instead of
 * clobbering its successor.
 */
import type { BigIntStats } from 'node:fs';
import { stat, unlink, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Errors, type ForkpadError } from '../../common/errors.ts';
import { replaceFileKeepingOpen, syncDirectory, writeFully } from '../../node/atomic-write.ts';
import { encodeJournal, type BaseRecord, type ChangeRecord } from './journal-format.ts';

export interface JournalFileOptions {
  readonly file: string;
  /** Everything up to `version` is on disk. */
  readonly onDurable: (version: number) => void;
  readonly log: (line: string) => void;
  /** A commit slower than this is logged: the durability budget is missed. */
  readonly slowCommitMs?: number;
}

interface Batch {
  readonly buffers: Buffer[];
  bytes: number;
  version: number;
}

export class JournalFile {
  readonly file: string;
  private readonly options: JournalFileOptions;
  private handle: FileHandle | undefined;
  /** Device and inode of our file, as bigints: 64-bit inode numbers do not fit a double. */
  private identity: string | undefined;
  /** Bytes in the file once every queued operation is done: what the size bound looks at. */
  private logicalSize = 0;
  private position = 0;
  private openBatch: Batch | undefined;
  private queue: Promise<void> = Promise.resolve();
  private failure: ForkpadError | undefined;
  private removed = false;
  private hasBase = false;
  /** Another instance replaced our file: we never touch the path again, except by a new open. */
  private superseded = false;
  /** Commits done (write + fdatasync), for the monitor and the tests. */
  commits = 0;

  constructor(options: JournalFileOptions) {
    this.options = options;
    this.file = options.file;
  }

  get size(): number {
    return this.logicalSize;
  }

  /** Throws the reason this journal cannot take appends, if there is one. */
  assertWritable(): void {
    if (this.removed) throw Errors.closed(`journal ${this.file}`);
    if (this.failure) throw this.failure;
    if (!this.hasBase) throw Errors.closed(`journal ${this.file} (no base snapshot yet)`);
  }

  /** Queues an encoded change record; it becomes durable with the next commit. */
  append(bytes: Buffer, version: number): void {
    this.assertWritable();
    let batch = this.openBatch;
    if (batch === undefined) {
      const fresh: Batch = { buffers: [], bytes: 0, version };
      batch = fresh;
      this.openBatch = fresh;
      void this.enqueue(() => this.commit(fresh));
    }
    batch.buffers.push(bytes);
    batch.bytes += bytes.length;
    batch.version = version;
    this.logicalSize += bytes.length;
  }

  /**
   * Atomically replaces the journal with `base` plus `changes`. `claim` takes the path over even
   * if another instance wrote it last (open); without it, a journal that is no longer ours is
   * left alone (compaction). Resolves once the new file is durable.
   */
  replace(makeRecords: () => Promise<{ base: BaseRecord; changes: readonly ChangeRecord[] }>, claim: boolean): Promise<void> {
    if (this.removed) return Promise.reject(Errors.closed(`journal ${this.file}`));
    // Appends after this call belong to the new file: seal the batch so they queue behind us.
    this.openBatch = undefined;
    this.hasBase = true;
    const previousSize = this.logicalSize;
    this.logicalSize = 0;
    // Optimistic: appends queued behind this base are fine unless writing it fails.
    this.failure = undefined;
    return this.enqueue(async () => {
      try {
        const { base, changes } = await makeRecords();
        if (!claim && !(await this.stillOurs())) throw this.supersede();
        const bytes = encodeJournal(base, changes);
        const handle = await replaceFileKeepingOpen(this.file, bytes);
        await this.handle?.close().catch((error: unknown) => this.options.log(`journal ${this.file}: closing the replaced file failed: ${String(error)}`));
        this.handle = handle;
        this.identity = identityOf(await handle.stat({ bigint: true }));
        this.position = bytes.length;
        this.logicalSize += bytes.length;
        this.failure = undefined;
        this.superseded = false;
        this.options.onDurable(changes.at(-1)?.version ?? base.version);
      } catch (error) {
        this.logicalSize += previousSize;
        // Without a file of our own there is nowhere safe to append: later edits fail clearly.
        if (this.handle === undefined || (error as ForkpadError).code === 'TASK_STOPPED') this.failure = journalFailed(error);
        throw error;
      }
    });
  }

  /** Resolves when every operation queued so far has finished. */
  flushed(): Promise<void> {
    return this.queue;
  }

  /** Commits what is queued, then closes the file. */
  async close(): Promise<void> {
    this.openBatch = undefined;
    await this.enqueue(async () => {
      await this.handle?.close();
      this.handle = undefined;
    });
  }

  /** Drops whatever is queued and deletes the journal (the document was closed on purpose). */
  async remove(): Promise<void> {
    this.removed = true;
    this.openBatch = undefined;
    await this.enqueue(async () => {
      await this.handle?.close();
      this.handle = undefined;
      if (await this.stillOurs()) {
        await unlink(this.file);
        await syncDirectory(dirname(this.file));
      }
    });
  }

  private enqueue<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.queue.then(operation);
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private async commit(batch: Batch): Promise<void> {
    if (this.openBatch === batch) this.openBatch = undefined;
    if (this.removed || this.failure || this.handle === undefined) return;
    const started = performance.now();
    try {
      if (!(await this.stillOurs())) throw this.supersede();
      await writeFully(this.handle, Buffer.concat(batch.buffers, batch.bytes), this.position);
      await this.handle.datasync();
      this.position += batch.bytes;
      this.commits += 1;
    } catch (error) {
      // The file may now end in a partial record: never append after it. The host still holds
      // every unacknowledged edit, and the next open() writes a fresh journal.
      const failure = journalFailed(error);
      this.failure = failure;
      await this.handle?.close().catch(() => undefined); // Already failing; the first error is the one reported.
      this.handle = undefined;
      this.identity = undefined;
      this.options.log(`journal ${this.file}: ${failure.message}; no further edits are acknowledged`);
      return;
    }
    const took = performance.now() - started;
    if (took > (this.options.slowCommitMs ?? 100)) this.options.log(`journal commit of ${batch.bytes} bytes took ${took.toFixed(0)} ms`);
    this.options.onDurable(batch.version);
  }

  private async stillOurs(): Promise<boolean> {
    if (this.superseded) return false;
    if (this.identity === undefined) return true;
    try {
      return identityOf(await stat(this.file, { bigint: true })) === this.identity;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  private supersede(): ForkpadError {
    this.superseded = true;
    return Errors.stopped('keystroke journal', `${this.file} was replaced by another host of this task`);
  }
}

function identityOf(stats: BigIntStats): string {
  return `${stats.dev}:${stats.ino}`;
}

function journalFailed(error: unknown): ForkpadError {
  if ((error as ForkpadError).code === 'TASK_STOPPED') return error as ForkpadError;
  const message = error instanceof Error ? error.message : String(error);
  return Errors.stopped('keystroke journal', `writing failed: ${message}`);
}
