/**
 * How the host turns a path from the renderer into a file on disk. The web host confines every
 * path to its workspace folder (workspace.ts); Electron takes absolute paths from native dialogs
 * (local-files.ts). The session and host service see only this interface.
 */
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import type { WorkspaceEntry } from '../../../workers/common/host-api.ts';
import { ForkpadError } from '../../../workers/common/errors.ts';
import { TEMP_MARKER } from '../../../workers/node/atomic-write.ts';

export interface FileLocation {
  /** The real path on disk (symlinks resolved). */
  readonly real: string;
  /** What the renderer shows and sends back: workspace-relative or absolute. */
  readonly display: string;
}

export interface FileListing {
  readonly path: string;
  readonly entries: readonly WorkspaceEntry[];
}

export interface FileAccess {
  /** The workspace folder's name, when paths are confined to one. */
  readonly workspaceName: string | undefined;
  /** An existing regular file to read. */
  resolveExisting(path: string): Promise<FileLocation>;
  /** A file to write: its folder must exist; the file need not. */
  resolveForWrite(path: string): Promise<FileLocation>;
  /** The entries of a folder, folders first. */
  list(path: string): Promise<FileListing>;
}

export const PathErrors = {
  refused: (path: string, why: string) => new ForkpadError('PathError', 'PATH_REFUSED', `Path ${JSON.stringify(path.slice(0, 200))} is refused: ${why}.`),
  notFound: (path: string) => new ForkpadError('NotFoundError', 'NOT_FOUND', `${JSON.stringify(path.slice(0, 200))} does not exist.`),
  isFolder: (path: string) => new ForkpadError('PathError', 'IS_FOLDER', `${JSON.stringify(path.slice(0, 200))} is a folder, not a file.`),
} as const;

/** Entries shown per folder; a listing is for choosing a file, not for exploring a huge tree. */
const MAX_ENTRIES = 2000;

/** Lists `folder` (a real path), hiding Forkpad's temporary files and whatever `hide` says. */
export async function listFolder(
  folder: string,
  displayOf: (name: string) => string,
  hide: (name: string, dirent: Dirent) => boolean = () => false,
): Promise<WorkspaceEntry[]> {
  const dirents = await readdir(folder, { withFileTypes: true });
  const entries: WorkspaceEntry[] = [];
  for (const dirent of dirents) {
    if (entries.length >= MAX_ENTRIES) break;
    if (dirent.name.includes(TEMP_MARKER) || hide(dirent.name, dirent)) continue;
    let info;
    try {
      info = await stat(`${folder}/${dirent.name}`); // Follows symlinks; callers hide those that escape.
    } catch {
      continue; // A dangling symlink or a file removed meanwhile: nothing to open.
    }
    if (!info.isFile() && !info.isDirectory()) continue;
    const kind = info.isDirectory() ? 'directory' : 'file';
    entries.push({ name: dirent.name, path: displayOf(dirent.name), kind, size: kind === 'file' ? info.size : null });
  }
  return entries.sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'directory' ? -1 : 1));
}

export function isNotFound(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
