/**
 * Serves the built renderer (out/renderer) on the `forkpad://app/` origin, for
 * `protocol.handle`. Every response carries the CSP and the other security headers. A request
 * that leaves the renderer folder, by `..`, encoding tricks or a symlink, gets a 404, as does
 * anything that is not a file; there is no directory listing.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, sep } from 'node:path';
import { SECURITY_HEADERS } from '../core/boundary/content-security-policy.ts';
import { RENDERER_HOST, RENDERER_SCHEME } from './renderer-origin.ts';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
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

/**
 * The file a request URL names inside `root`, or undefined when it names nothing there. Pure:
 * it judges the path as written; `serveRendererRequest` then checks the real path on disk.
 */
export function rendererAssetPath(url: string, root: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined; // Not a URL: nothing to serve.
  }
  if (parsed.protocol !== `${RENDERER_SCHEME}:` || parsed.host !== RENDERER_HOST) return undefined;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return undefined; // Malformed percent-encoding.
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return undefined;
  const file = join(root, pathname === '/' ? 'index.html' : pathname);
  const inside = relative(root, file);
  return inside === '' || inside.startsWith('..') || isAbsolute(inside) ? undefined : file;
}

function response(status: number, body: string | Uint8Array<ArrayBuffer>, contentType: string): Response {
  return new Response(body, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': contentType, 'Cache-Control': 'no-store' } });
}

const notFound = (): Response => response(404, 'Not found', 'text/plain; charset=utf-8');

/** Whether `real` lies inside `realRoot` (both already resolved through symlinks). */
function contains(realRoot: string, real: string): boolean {
  return real.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep);
}

/** Answers one request for the renderer's files. Never throws: a failure is a 404 or a 500. */
export async function serveRendererRequest(url: string, root: string): Promise<Response> {
  const file = rendererAssetPath(url, root);
  if (file === undefined) return notFound();
  try {
    const [realRoot, real] = await Promise.all([realpath(root), realpath(file)]);
    if (!contains(realRoot, real) || !(await stat(real)).isFile()) return notFound();
    const type = CONTENT_TYPES[extname(real).toLowerCase()] ?? 'application/octet-stream';
    return response(200, new Uint8Array(await readFile(real)), type);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return notFound();
    console.error(`[renderer protocol] could not serve ${url}: ${String(error)}`);
    return response(500, 'Internal error', 'text/plain; charset=utf-8');
  }
}
