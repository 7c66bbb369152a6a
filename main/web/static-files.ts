/**
 * Serves the built renderer (out/renderer) read-only: known files with their MIME types and the
 * shared security headers (main/core/boundary), nothing else. No directory listing, no path that
 * leaves the folder (`..`, encoded dots or slashes, backslashes, NUL, symlinks that point out).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SECURITY_HEADERS } from '../core/boundary/content-security-policy.ts';
import { contentTypeOf, resolveStaticPath } from '../core/boundary/static-path.ts';

/**
 * Files kept in memory once read, while their size and modification time stay the same (a
 * rebuild shows as a change). The renderer's bundle is megabytes and the page waits for it at
 * start, exactly when the host's event loop is busiest starting the tasks: streamed in 64 KB
 * pieces it needs a turn of that loop per piece, while one buffer goes to the socket at once.
 */
const cache = new Map<string, { readonly size: number; readonly mtimeMs: number; readonly body: Buffer }>();
/** Files above this are read afresh each time rather than kept. */
const MAX_CACHED_BYTES = 16 * 1024 * 1024;

async function contentOf(file: string, size: number, mtimeMs: number): Promise<Buffer> {
  const cached = cache.get(file);
  if (cached && cached.size === size && cached.mtimeMs === mtimeMs) return cached.body;
  const body = await readFile(file);
  if (body.length <= MAX_CACHED_BYTES) cache.set(file, { size: body.length, mtimeMs, body });
  return body;
}

/**
 * Reads the renderer's page and bundles into memory ahead of the first page load, so the page
 * does not wait on disk reads while the tasks start. Failures only mean a later read from disk.
 */
export async function warmStaticFiles(root: string, log: (line: string) => void): Promise<void> {
  try {
    const assets = await readdir(join(root, 'assets'));
    const files = [join(root, 'index.html'), ...assets.map((name) => join(root, 'assets', name))];
    for (const file of files) {
      const { size, mtimeMs } = await stat(file);
      if (size <= MAX_CACHED_BYTES) await contentOf(file, size, mtimeMs);
    }
  } catch (error) {
    log(`[web host] could not read the renderer ahead of time (served from disk instead): ${String(error)}`);
  }
}

/** A bundle Vite named by its content (`app-C25ENE_L.js`): its bytes never change under that name. */
const CONTENT_HASHED = /[\\/]assets[\\/][^\\/]+-[\w-]{8}\.[a-z0-9]+$/i;

/**
 * The page carries the token and is built per version: never stored. A content-hashed bundle is
 * kept for a year without asking again (private: it is served only to the token's cookie). Under
 * `no-cache`, with no validator to answer 304, every load downloaded the 3.4 MB app bundle again,
 * and a re-downloaded script loses Chromium's V8 code cache, so every reload parsed and compiled
 * Monaco from scratch (docs/performance.md, start-up). Anything else is revalidated.
 */
export function cacheControlOf(file: string, type: string): string {
  if (type.startsWith('text/html')) return 'no-store';
  return CONTENT_HASHED.test(file) ? 'private, max-age=31536000, immutable' : 'no-cache';
}

/** Sends a short plain-text answer with the security headers. */
export function sendText(response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  response.end(`${text}\n`);
}

/** Answers a GET or HEAD for a file of `root` (a real path). */
export async function serveStatic(root: string, request: IncomingMessage, response: ServerResponse, pathname: string, extraHeaders: Record<string, string>): Promise<void> {
  const resolved = await resolveStaticPath(root, pathname);
  if ('status' in resolved) return sendText(response, resolved.status, resolved.reason, extraHeaders);
  const type = contentTypeOf(resolved.file);
  const { size, mtimeMs } = await stat(resolved.file);
  // Read before the headers go out, so a failed read is still a clean 500 (web-server.ts).
  const body = request.method === 'HEAD' ? undefined : await contentOf(resolved.file, size, mtimeMs);
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    ...extraHeaders,
    'Content-Type': type,
    'Content-Length': String(body?.length ?? size),
    'Cache-Control': cacheControlOf(resolved.file, type),
  });
  response.end(body);
}
