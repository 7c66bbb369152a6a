/**
 * The Open Recent list, as `recent.json` in the data folder: display paths (workspace-relative in
 * the web host, absolute in Electron), newest first. A missing or corrupt file is an empty list.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../../workers/node/atomic-write.ts';

export const RECENT_FILE = 'recent.json';
export const MAX_RECENT = 10;

export class RecentFiles {
  private entries: string[];
  private readonly file: string;
  private writing: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<() => void>();
  private readonly addListeners = new Set<(path: string) => void>();

  private constructor(file: string, entries: string[]) {
    this.file = file;
    this.entries = entries;
  }

  static async load(dataDir: string, log: (line: string) => void): Promise<RecentFiles> {
    const file = join(dataDir, RECENT_FILE);
    let entries: string[] = [];
    try {
      const raw: unknown = JSON.parse(await readFile(file, 'utf8'));
      if (Array.isArray(raw)) entries = raw.filter((entry): entry is string => typeof entry === 'string' && entry.length > 0 && entry.length <= 4096);
      else log(`[host] ${file} is not a list; Open Recent starts empty`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log(`[host] ${file} could not be read (${String(error)}); Open Recent starts empty`);
    }
    return new RecentFiles(file, [...new Set(entries)].slice(0, MAX_RECENT));
  }

  get list(): readonly string[] {
    return this.entries;
  }

  /** Puts `path` first (a document was opened or saved there). */
  add(path: string): Promise<void> {
    const write = this.replace([path, ...this.entries.filter((entry) => entry !== path)].slice(0, MAX_RECENT));
    for (const listener of this.addListeners) listener(path);
    return write;
  }

  /**
   * Calls `handler` with each path put first, including one that was first already (saved
   * again), which a list change alone would not show. Electron gives these to the OS's own
   * recent documents. Returns the unsubscribe function.
   */
  onAdd(handler: (path: string) => void): () => void {
    this.addListeners.add(handler);
    return () => this.addListeners.delete(handler);
  }

  /** Calls `handler` after each change of the list; returns the unsubscribe function. */
  onChange(handler: () => void): () => void {
    this.listeners.add(handler);
    return () => this.listeners.delete(handler);
  }

  remove(path: string): Promise<void> {
    return this.replace(this.entries.filter((entry) => entry !== path));
  }

  private replace(entries: string[]): Promise<void> {
    this.entries = entries;
    for (const listener of this.listeners) listener();
    const write = this.writing.then(() => writeFileAtomic(this.file, new TextEncoder().encode(`${JSON.stringify(entries, null, 2)}\n`)));
    this.writing = write.catch(() => undefined); // The caller of this change gets the error; later writes still run.
    return write;
  }
}
