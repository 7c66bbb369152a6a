/**
 * Atomic file replacement, for the host and the tasks alike: a reader (or a crash at any instant)
 * sees either the old file or the new one, never a mixture or a truncated file.
 *
 * The new bytes go to a temporary file in the same folder (a rename is only atomic within one
 * file system), which is fsync'd before the rename so the rename can never expose a file whose
 * data is not yet on disk; the folder is fsync'd after it so the rename itself survives a power
 * loss, where the OS lets a folder be fsync'd (see `syncDirectory`).
 */
import { randomBytes } from 'node:crypto';
import { open, readdir, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Marks Forkpad's temporary files, so a leftover from a crash is recognisable. */
export const TEMP_MARKER = '.forkpad-save-';

export interface AtomicWriteOptions {
  /** Permission bits of a new file (an existing file keeps its own). Default 0o666, less the umask. */
  readonly mode?: number;
}

/** Unique across processes and threads: two hosts of one task may briefly coexist in a process. */
function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}${TEMP_MARKER}${randomBytes(6).toString('hex')}.tmp`);
}

/** Whether `name` (a file name, no folder) is a temporary file of an atomic write. */
export function isTemporaryName(name: string): boolean {
  return name.includes(TEMP_MARKER) && name.endsWith('.tmp');
}

async function existingMode(target: string): Promise<number | undefined> {
  try {
    return (await stat(target)).mode & 0o7777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined; // A new file: the given mode.
    throw error;
  }
}

/** Error codes of a file system that cannot fsync a folder (some network and FUSE mounts). */
const FOLDER_SYNC_UNSUPPORTED = new Set(['EINVAL', 'ENOTSUP']);

/**
 * fsyncs a folder so a rename or unlink inside it is durable. On Windows this does nothing: a
 * folder cannot be opened for fsync there (EISDIR or EPERM), and NTFS journals the rename itself.
 * Elsewhere a file system that cannot fsync a folder is not an error either; any other failure,
 * such as a missing folder, is.
 */
export async function syncDirectory(directory: string, platform: NodeJS.Platform = process.platform): Promise<void> {
  if (platform === 'win32') return;
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } catch (error) {
    if (!FOLDER_SYNC_UNSUPPORTED.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
  } finally {
    await handle.close();
  }
}

/** Writes all of `bytes` at `position`: one `write` may write less than it was given. */
export async function writeFully(handle: FileHandle, bytes: Uint8Array, position = 0): Promise<void> {
  let written = 0;
  while (written < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, written, bytes.length - written, position + written);
    written += bytesWritten;
  }
}

/**
 * Replaces `target` with `data` atomically, keeping an existing file's permission bits, and
 * returns the new file still open for writing (the keystroke journal appends to it); the caller
 * closes it. `target` should be a real path: a symlink at `target` would itself be replaced.
 */
export async function replaceFileKeepingOpen(target: string, data: Uint8Array, options: AtomicWriteOptions = {}): Promise<FileHandle> {
  const mode = await existingMode(target);
  const temp = tempPathFor(target);
  const handle = await open(temp, 'wx', mode ?? options.mode ?? 0o666);
  let renamed = false;
  try {
    await writeFully(handle, data);
    await handle.sync();
    if (mode !== undefined) await handle.chmod(mode); // The umask may have narrowed the create mode.
    await rename(temp, target);
    renamed = true;
    await syncDirectory(dirname(target));
    return handle;
  } catch (error) {
    await handle.close().catch(() => undefined); // Already failing: the first error is the one to report.
    if (!renamed) await unlink(temp).catch(() => undefined); // Best effort, as above.
    throw error;
  }
}

/** Replaces `target` with `data` (bytes, or a string written as UTF-8) atomically. */
export async function writeFileAtomic(target: string, data: Uint8Array | string, options: AtomicWriteOptions = {}): Promise<void> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const handle = await replaceFileKeepingOpen(target, bytes, options);
  await handle.close();
}

/** A temporary file this old is a leftover of a save that was killed, not one in progress. */
export const STALE_TEMP_MS = 60_000;

/**
 * Removes temporary files that killed saves of `target` left beside it. Returns how many went.
 * Best effort: a file that cannot be removed stays (listings hide them anyway).
 */
export async function removeStaleTemps(target: string, now = Date.now()): Promise<number> {
  const folder = dirname(target);
  const prefix = `.${basename(target)}${TEMP_MARKER}`;
  let removed = 0;
  for (const name of await readdir(folder)) {
    if (!name.startsWith(prefix) || !isTemporaryName(name)) continue;
    const path = join(folder, name);
    try {
      if (now - (await stat(path)).mtimeMs < STALE_TEMP_MS) continue;
      await unlink(path);
      removed += 1;
    } catch {
      continue; // Gone meanwhile, or not ours to remove: either way nothing to do.
    }
  }
  return removed;
}
