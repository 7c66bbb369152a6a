/**
 * Serves the built renderer (out/renderer) read-only: known files with their MIME types and the
 * shared security headers (main/core/boundary), nothing else. No directory listing, no path that
 * leaves the folder (`..`, encoded dots or slashes, backslashes, NUL, symlinks that point out).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SECURITY_HEADERS } from '../core/boundary/content-security-policy.ts';
import { contentTypeOf, resolveStaticPath } from '../core/boundary/static-path.ts';


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
