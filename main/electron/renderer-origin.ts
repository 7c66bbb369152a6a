/**
 * Where Forkpad's renderer comes from, and how to tell it from anything else. The packaged
 * renderer is served from a custom `forkpad://app/` origin rather than `file://` (checklist
 * item 18): `file://` pages get extra privileges over other local files, and cannot receive the
 * CSP as a header. In `npm run dev` the renderer is electron-vite's dev server instead.
 */
import type { CustomScheme } from 'electron';

export const RENDERER_SCHEME = 'forkpad';
export const RENDERER_HOST = 'app';
export const RENDERER_ENTRY_URL = `${RENDERER_SCHEME}://${RENDERER_HOST}/index.html`;

/**
 * `standard` gives the scheme real origins and relative URLs, and `secure` makes it a secure
 * context (module workers, crypto); fetch is needed by Monaco's worker loader. Nothing else:
 * no CSP bypass, no service workers, no CORS.
 */
export const RENDERER_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: RENDERER_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

/** Paths of the renderer's one document (the app is a single page). */
const ENTRY_PATHS = new Set(['/', '/index.html']);

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined; // Not a URL at all: untrusted by definition.
  }
}

/** Whether `url` is on the renderer's origin: forkpad://app, or the dev server's origin. */
export function isRendererOrigin(url: string, devServerUrl?: string): boolean {
  const parsed = parse(url);
  if (!parsed) return false;
  // Node's URL gives non-special schemes an opaque ("null") origin, so compare the parts.
  if (parsed.protocol === `${RENDERER_SCHEME}:`) return parsed.host === RENDERER_HOST && parsed.username === '' && parsed.password === '';
  const dev = devServerUrl === undefined ? undefined : parse(devServerUrl);
  return dev !== undefined && (dev.protocol === 'http:' || dev.protocol === 'https:') && parsed.origin === dev.origin;
}

/** Whether `url` is the renderer's page itself (not one of its assets, not another page). */
export function isRendererPage(url: string, devServerUrl?: string): boolean {
  const parsed = parse(url);
  return parsed !== undefined && isRendererOrigin(url, devServerUrl) && ENTRY_PATHS.has(parsed.pathname);
}

/**
 * The only navigation a Forkpad window allows is (re)loading its own page. Links in the preview,
 * dropped files and script that sets `location` are all refused (checklist item 13).
 */
export function isAllowedNavigation(url: string, devServerUrl?: string): boolean {
  return isRendererPage(url, devServerUrl);
}
