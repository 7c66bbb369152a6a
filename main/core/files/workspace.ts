/**
 * The web host's file confinement: every path the renderer sends is relative to the workspace
 * folder given on the command line, and must stay inside it. Checked twice: lexically (no `..`,
 * no absolute or drive paths, no backslashes, no NUL, no percent-encoded dots or slashes), then
 * on disk with realpath, so a symlink that points outside is refused too.
 */
import { lstat, readdir, realpath } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, sep } from 'node:path';
import { isNotFound, listFolder, PathErrors, type FileAccess, type FileListing, type FileLocation } from './file-access.ts';

const MAX_PATH_LENGTH = 4096;

/** Splits a workspace-relative path into plain segments, or throws why it is refused. '' is the workspace itself. */
export function workspaceSegments(path: string): string[] {
  if (typeof path !== 'string') throw PathErrors.refused(String(path), 'it is not a string');
  if (path.length > MAX_PATH_LENGTH) throw PathErrors.refused(path, `it is longer than ${MAX_PATH_LENGTH} characters`);
  if (path.includes('\0')) throw PathErrors.refused(path, 'it contains a NUL character');
  if (path.includes('\\')) throw PathErrors.refused(path, 'it contains a backslash; use / between folders');
  if (path.startsWith('/') || /^[a-zA-Z]:/.test(path)) throw PathErrors.refused(path, 'it is absolute; paths are relative to the workspace');
  const segments = path.split('/').filter((segment) => segment !== '');
  for (const segment of segments) {
    if (segment === '.' || segment === '..') throw PathErrors.refused(path, `it contains "${segment}"`);
    // Nothing here decodes percent escapes, but a client or proxy might: refuse what would decode to a dot segment or a separator.
    if (/%(2e|2f|5c|00)/i.test(segment)) throw PathErrors.refused(path, 'it contains a percent-encoded dot, slash or NUL');
    if (/[\u0000-\u001f]/.test(segment)) throw PathErrors.refused(path, 'it contains a control character');
  }
  return segments;
}

function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

export class Workspace implements FileAccess {
  readonly root: string;
  readonly workspaceName: string;
  /** Real paths inside the workspace that are never served (the data folder, if it is inside). */
  private readonly hidden: readonly string[];

  private constructor(root: string, hidden: readonly string[]) {
    this.root = root;
    this.workspaceName = basename(root);
    this.hidden = hidden;
  }

  /** Opens `folder` (which must exist) as the workspace; `hide` lists folders inside it to keep out. */
  static async open(folder: string, hide: readonly string[] = []): Promise<Workspace> {
    const root = await realpath(folder);
    const hidden = await Promise.all(hide.map((path) => realpath(path).catch(() => path))); // Not created yet: compare as given.
    return new Workspace(root, hidden);
  }

  async resolveExisting(path: string): Promise<FileLocation> {
    const segments = workspaceSegments(path);
    const real = await this.confined(path, join(this.root, ...segments));
    return { real, display: segments.join('/') };
  }

  async resolveForWrite(path: string): Promise<FileLocation> {
    const segments = workspaceSegments(path);
    const name = segments.pop();
    if (name === undefined) throw PathErrors.refused(path, 'it names the workspace folder itself, not a file');
    const folder = await this.confined(path, join(this.root, ...segments));
    const target = join(folder, name);
    try {
      const info = await lstat(target);
      if (info.isDirectory()) throw PathErrors.isFolder(path);
      // An existing symlink is written through, so its target must be inside too.
      if (info.isSymbolicLink()) return { real: await this.confined(path, target), display: [...segments, name].join('/') };
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    return { real: target, display: [...segments, name].join('/') };
  }

  async list(path: string): Promise<FileListing> {
    const segments = workspaceSegments(path);
    const folder = await this.confined(path, join(this.root, ...segments));
    const prefix = segments.length === 0 ? '' : `${segments.join('/')}/`;
    const inside = new Map<string, boolean>();
    for (const dirent of await readdir(folder, { withFileTypes: true })) {
      if (dirent.isSymbolicLink()) {
        const target = await realpath(join(folder, dirent.name)).catch(() => undefined); // Dangling: hidden below.
        inside.set(dirent.name, target !== undefined && this.allowed(target));
      }
    }
    const entries = await listFolder(
      folder,
      (name) => `${prefix}${name}`,
      (name) => inside.get(name) === false || !this.allowed(join(folder, name)),
    );
    return { path: segments.join('/'), entries };
  }

  /** The real path of `candidate`, if it exists and lies inside the workspace (outside any hidden folder). */
  private async confined(path: string, candidate: string): Promise<string> {
    let real: string;
    try {
      real = await realpath(candidate);
    } catch (error) {
      if (isNotFound(error)) throw PathErrors.notFound(path);
      throw error;
    }
    if (!isInside(this.root, real)) throw PathErrors.refused(path, 'it leads outside the workspace');
    if (!this.allowed(real)) throw PathErrors.refused(path, 'it is inside Forkpad\'s data folder');
    return real;
  }

  private allowed(real: string): boolean {
    return isInside(this.root, real) && !this.hidden.some((hidden) => isInside(hidden, real));
  }
}
