/**
 * Electron's file access: absolute paths, as native dialogs return them. There is no workspace to
 * confine to (the user chose the file), but paths are still checked to be absolute and plain.
 */
import { lstat, realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, normalize } from 'node:path';
import { isNotFound, listFolder, PathErrors, type FileAccess, type FileListing, type FileLocation } from './file-access.ts';

function checkAbsolute(path: string): string {
  if (typeof path !== 'string' || path.length === 0 || path.length > 4096) throw PathErrors.refused(String(path), 'it is empty or too long');
  if (path.includes('\0')) throw PathErrors.refused(path, 'it contains a NUL character');
  if (!isAbsolute(path)) throw PathErrors.refused(path, 'it is not absolute');
  return normalize(path);
}

async function real(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch (error) {
    if (isNotFound(error)) throw PathErrors.notFound(path);
    throw error;
  }
}

export class LocalFiles implements FileAccess {
  readonly workspaceName = undefined;

  async resolveExisting(path: string): Promise<FileLocation> {
    const absolute = checkAbsolute(path);
    return { real: await real(absolute), display: absolute };
  }

  async resolveForWrite(path: string): Promise<FileLocation> {
    const absolute = checkAbsolute(path);
    const folder = await real(dirname(absolute));
    const target = join(folder, basename(absolute));
    try {
      const info = await lstat(target);
      if (info.isDirectory()) throw PathErrors.isFolder(path);
      if (info.isSymbolicLink()) return { real: await real(target), display: absolute };
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    return { real: target, display: absolute };
  }

  async list(path: string): Promise<FileListing> {
    const absolute = checkAbsolute(path);
    const folder = await real(absolute);
    return { path: absolute, entries: await listFolder(folder, (name) => join(absolute, name)) };
  }
}
