/**
 * The host's log file: the same named lines the host prints (`[electron host] …`), each stamped
 * with its time, appended to one file that is rotated by size, keeping a few old files
 * (`forkpad.log`, `forkpad.log.1` … `forkpad.log.<keep>`). A packaged app has no console, so
 * without this file its lines would be lost.
 *
 * Why not `writeFileAtomic` (workers/node/atomic-write.ts): that replaces a whole file, so each
 * line would rewrite the log. A log is appended to; a crash may at worst cut its last line short,
 * which a reader of a log expects. Rotation itself is a chain of renames, each atomic on its own.
 *
 * Why a writer of our own and not electron-log: it is not a dependency, and the host needs only
 * this much. Lines are queued and written in order by one async chain, so logging never blocks
 * the main process (the window's event loop), and a failing disk never throws into the caller.
 */
import { mkdir, open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

export interface RotatingLogOptions {
  /** The folder (`app.getPath('logs')` in Electron); made if missing. */
  readonly folder: string;
  /** The current file's name; old files get `.1`, `.2`, … appended. */
  readonly name: string;
  /** A file reaching this size is rotated before the next line is written. */
  readonly maxBytes: number;
  /** How many old files are kept beside the current one. */
  readonly keep: number;
  /** Where a failure of the log itself is reported (the console): it cannot go to the log. */
  readonly onError: (message: string) => void;
  readonly now?: () => Date;
}

export const DEFAULT_LOG_LIMITS = { maxBytes: 1024 * 1024, keep: 3 } as const;

/** The file names, newest first: the current file, then its rotated copies. */
export function logFileNames(name: string, keep: number): string[] {
  return [name, ...Array.from({ length: keep }, (_, index) => `${name}.${index + 1}`)];
}

export class RotatingLog {
  private readonly options: RotatingLogOptions;
  private readonly encoder = new TextEncoder();
  private handle: FileHandle | undefined;
  private size = 0;
  private chain: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(options: RotatingLogOptions) {
    if (options.maxBytes < 1 || !Number.isSafeInteger(options.keep) || options.keep < 0) throw new RangeError('maxBytes must be positive and keep a whole number');
    this.options = options;
  }

  /** Queues `line` (no newline needed). Never throws; a failure goes to `onError`. */
  write(line: string): void {
    if (this.closed) return;
    const stamped = this.encoder.encode(`${(this.options.now?.() ?? new Date()).toISOString()} ${line}\n`);
    this.chain = this.chain.then(() => this.append(stamped)).catch((error: unknown) => this.options.onError(`[log] could not write the log file: ${String(error)}`));
  }

  /** Resolves once every line queued so far is written. */
  flush(): Promise<void> {
    return this.chain;
  }

  /** Writes what is queued, then closes the file; later lines are dropped. */
  async close(): Promise<void> {
    this.closed = true;
    await this.chain;
    await this.handle?.close();
    this.handle = undefined;
  }

  private async append(bytes: Uint8Array): Promise<void> {
    // Opened first, so a file an earlier run left counts with its size. A single line longer
    // than the limit still goes in whole, into a fresh file.
    let handle = await this.current();
    if (this.size > 0 && this.size + bytes.length > this.options.maxBytes) {
      await this.rotate();
      handle = await this.current();
    }
    await handle.appendFile(bytes); // Writes all of it; an append-mode file ignores positions anyway.
    this.size += bytes.length;
  }

  private async current(): Promise<FileHandle> {
    if (this.handle) return this.handle;
    const path = join(this.options.folder, this.options.name);
    await mkdir(this.options.folder, { recursive: true });
    const handle = await open(path, 'a');
    this.size = (await stat(path)).size;
    this.handle = handle;
    return handle;
  }

  /** forkpad.log.<keep> goes; each other file moves one down; the current file becomes `.1`. */
  private async rotate(): Promise<void> {
    await this.handle?.close();
    this.handle = undefined;
    this.size = 0;
    const paths = logFileNames(this.options.name, this.options.keep).map((name) => join(this.options.folder, name));
    const oldest = paths.at(-1);
    if (oldest !== undefined) await rm(oldest, { force: true });
    for (let index = paths.length - 2; index >= 0; index -= 1) {
      const from = paths[index];
      const to = paths[index + 1];
      if (from === undefined || to === undefined) continue;
      await rename(from, to).catch((error: unknown) => {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error; // Fewer old files than `keep` yet.
      });
    }
  }
}
