/**
 * Atomic file replacement: a reader (or a crash at any instant) sees either the old file or the
 * new one, never a mixture or a truncated file.
 *
 * The new bytes go to a temporary file in the same folder (a rename is only atomic within one
 * file system), which is fsync'd before the rename so the rename can never expose a file whose
 * data is not yet on disk; the folder is fsync'd after it so the rename itself survives a power
 * loss.
 */
import { randomBytes } from 'node:crypto';
import { open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Marks Forkpad's temporary files, so a leftover from a crash is recognisable. */
export const TEMP_MARKER = '.forkpad-save-';

function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}${TEMP_MARKER}${randomBytes(6).toString('hex')}.tmp`);
}

async function existingMode(target: string): Promise<number | undefined> {
  try {
    return (await stat(target)).mode & 0o7777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined; // A new file: default mode.
    throw error;
  }
}

/** fsyncs a folder so a rename inside it is durable. */
async function syncFolder(folder: string): Promise<void> {
  let handle;
  try {
    handle = await open(folder, 'r');
  } catch (error) {
    // Windows cannot open a folder for reading; NTFS journals the rename itself.
    if (process.platform === 'win32') return;
    throw error;
  }
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Replaces `target` with `data` atomically, keeping an existing file's permission bits. `target`
 * should already be a real path: a symlink at `target` would itself be replaced by a file.
 */
export async function writeFileAtomic(target: string, data: Uint8Array): Promise<void> {
  const mode = await existingMode(target);
  const temp = tempPathFor(target);
  const handle = await open(temp, 'wx', mode ?? 0o666);
  let renamed = false;
  try {
    try {
      await handle.writeFile(data);
      await handle.sync();
      if (mode !== undefined) await handle.chmod(mode); // The umask may have narrowed the create mode.
    } finally {
      await handle.close();
    }
    await rename(temp, target);
    renamed = true;
    await syncFolder(dirname(target));
  } finally {
    if (!renamed) {
      await unlink(temp).catch(() => undefined); // Best effort: the original error is the one to report.
    }
  }
}

/** A temporary file this old is a leftover of a save that was killed, not one in progress. */
const STALE_TEMP_MS = 60_000;

/**
 * Removes temporary files that killed saves of `target` left beside it. Returns how many went.
 * Best effort: a file that cannot be removed stays (listings hide them anyway).
 */
export async function removeStaleTemps(target: string, now = Date.now()): Promise<number> {
  const folder = dirname(target);
  const prefix = `.${basename(target)}${TEMP_MARKER}`;
  let removed = 0;
  for (const name of await readdir(folder)) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
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
