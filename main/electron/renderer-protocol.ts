/**
 * Serves the built renderer (out/renderer) on the `forkpad://app/` origin, for
 * `protocol.handle`. Every response carries the CSP and the other security headers. A request
 * that leaves the renderer folder, by `..`, encoding tricks or a symlink, gets a 404, as does
 * anything that is not a file; there is no directory listing.
 */
import { readFile } from 'node:fs/promises';
import { SECURITY_HEADERS } from '../core/boundary/content-security-policy.ts';
import { contentTypeOf, resolveStaticPath } from '../core/boundary/static-path.ts';
import { RENDERER_HOST, RENDERER_SCHEME } from './renderer-origin.ts';

/** The path a request names on our origin (still percent-encoded), or undefined for any other URL. */
export function rendererPathname(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined; // Not a URL: nothing to serve.
  }
  return parsed.protocol === `${RENDERER_SCHEME}:` && parsed.host === RENDERER_HOST ? parsed.pathname : undefined;
}

function response(status: number, body: string | Uint8Array<ArrayBuffer>, contentType: string): Response {
  return new Response(body, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': contentType, 'Cache-Control': 'no-store' } });
}

const notFound = (): Response => response(404, 'Not found', 'text/plain; charset=utf-8');

/** Answers one request for the renderer's files. Never throws: a failure is a 404 or a 500. */
export async function serveRendererRequest(url: string, root: string): Promise<Response> {
  const pathname = rendererPathname(url);
  if (pathname === undefined) return notFound();
  try {
    const resolved = await resolveStaticPath(root, pathname);
    if ('status' in resolved) return notFound();
    return response(200, new Uint8Array(await readFile(resolved.file)), contentTypeOf(resolved.file));
  } catch (error) {
    console.error(`[renderer protocol] could not serve ${url}: ${String(error)}`);
    return response(500, 'Internal error', 'text/plain; charset=utf-8');
  }
}
