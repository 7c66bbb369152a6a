/**
 * The renderer's Content-Security-Policy, written once and sent as a response header by both
 * hosts: Electron's `forkpad:` protocol handler and the web host's HTTP server. A header (not a
 * `<meta>` tag) is used because only a header can carry `frame-ancestors`.
 */

/** Directive → sources. Everything not listed falls back to `default-src 'none'`. */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'none'"],
  // Only the bundled scripts: no inline script, no eval, no CDN.
  'script-src': ["'self'"],
  // Monaco inserts <style> elements at run time (its dynamic CSS rules and themes), and Vite's
  // dev server injects imported CSS the same way, so inline *styles* are allowed; inline
  // *scripts* never are.
  'style-src': ["'self'", "'unsafe-inline'"],
  // Monaco's codicon font is a bundled file; Vite may inline a small font as a data: URI.
  'font-src': ["'self'", 'data:'],
  // The preview shows only local or inlined images: a remote image would leak that the
  // document was opened (a tracking pixel).
  'img-src': ["'self'", 'data:'],
  // The web host's WebSocket is same-origin, which `'self'` covers (CSP Level 3).
  'connect-src': ["'self'"],
  // Monaco's editor worker is a bundled module file.
  'worker-src': ["'self'"],
  'object-src': ["'none'"],
  'frame-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/** Serializes directives into a header value. */
export function serializeCsp(directives: Readonly<Record<string, readonly string[]>>): string {
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** The header value: `Content-Security-Policy: <CONTENT_SECURITY_POLICY>`. */
export const CONTENT_SECURITY_POLICY: string = serializeCsp(CSP_DIRECTIVES);

/** Other response headers both hosts send with the renderer's files. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
