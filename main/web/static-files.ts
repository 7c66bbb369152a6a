/**
 * Serves the built renderer (out/renderer) read-only: known files with their MIME types and the
 * shared security headers (main/core/boundary), nothing else. No directory listing, no path that
 * leaves the folder (`..`, encoded dots or slashes, backslashes, NUL, symlinks that point out).
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, isAbsolute, join, relative, sep } from 'node:path';
import { SECURITY_HEADERS } from '../core/boundary/content-security-policy.ts';

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

/** Sends a short plain-text answer with the security headers. */
export function sendText(response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  response.end(`${text}\n`);
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

/** Answers a GET or HEAD for a file of `root` (a real path). */
export async function serveStatic(root: string, request: IncomingMessage, response: ServerResponse, pathname: string, extraHeaders: Record<string, string>): Promise<void> {
  const resolved = await resolveStaticPath(root, pathname);
  if ('status' in resolved) return sendText(response, resolved.status, resolved.reason, extraHeaders);
  const type = MIME_TYPES[extname(resolved.file).toLowerCase()] ?? 'application/octet-stream';
  const { size } = await stat(resolved.file);
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    ...extraHeaders,
    'Content-Type': type,
    'Content-Length': String(size),
    // The page carries the token and is built per version: never cache it. Bundles are content-hashed.
    'Cache-Control': type.startsWith('text/html') ? 'no-store' : 'no-cache',
  });
  if (request.method === 'HEAD') return void response.end();
  await new Promise<void>((resolve) => {
    const stream = createReadStream(resolved.file);
    stream.on('error', () => {
      response.destroy(); // Headers are out: all that is left is to cut the response short.
      resolve();
    });
    stream.on('end', () => resolve());
    stream.pipe(response);
  });
}
