/**
 * The built renderer's files as both hosts serve them: the web host over HTTP, Electron over its
 * `forkpad://app/` protocol. A path that leaves the folder (`..`, encoded dots or slashes,
 * backslashes, NUL, symlinks that point out) or names a folder resolves to nothing: there is no
 * directory listing.
 */
import { realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, sep } from 'node:path';

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** The Content-Type of a file, by its extension. */
export function contentTypeOf(file: string): string {
  return MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/** The file a URL path names inside `root`, or a status and reason when it names none. */
export async function resolveStaticPath(root: string, pathname: string): Promise<{ file: string } | { status: number; reason: string }> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { status: 400, reason: 'Bad request: the path is not valid percent-encoding.' }; // decodeURIComponent throws URIError only.
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { status: 400, reason: 'Bad request: the path contains NUL or a backslash.' };
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '.' || segment === '..')) return { status: 400, reason: 'Bad request: the path contains a dot segment.' };
  const wanted = segments.length === 0 ? join(root, 'index.html') : join(root, ...segments);
  let real: string;
  try {
    real = await realpath(wanted);
  } catch {
    return { status: 404, reason: 'Not found.' }; // Missing (or a dangling link): the same answer, saying nothing more.
  }
  if (!isInside(root, real)) return { status: 404, reason: 'Not found.' };
  const info = await stat(real);
  if (!info.isFile()) return { status: 404, reason: 'Not found.' }; // Folders are never listed.
  return { file: real };
}
