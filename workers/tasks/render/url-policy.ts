/**
 * Which URLs the preview may contain. Decided on the scheme a browser would see: browsers drop
 * ASCII tabs and newlines anywhere in a URL and trim control characters and spaces at its ends,
 * so `java\tscript:` is `javascript:` to them. We remove every control, space and invisible
 * formatting character before reading the scheme, which is stricter still.
 */

/** Where a URL is used: a link's href, or an image's src. */
export type UrlUse = 'link' | 'image';

const LINK_SCHEMES: ReadonlySet<string> = new Set(['http', 'https', 'mailto']);
const IMAGE_SCHEMES: ReadonlySet<string> = new Set(['http', 'https']);
/** Raster images only: an SVG can carry script. */
const SAFE_DATA_IMAGE = /^data:image\/(?:png|gif|jpeg|webp);base64,[a-z0-9+/=%]*$/i;
const INVISIBLE = /[\u0000-\u0020\u007f-\u00a0\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8]/gu;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/** Longest URL kept; a data: image is the only kind that needs to be long. */
export const MAX_URL_LENGTH = 512 * 1024;

function percentDecoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    // Malformed percent-encoding: browsers keep such text as it is, and so do we.
    return text;
  }
}

/**
 * Whether `url` may appear as a link's href or an image's src in the preview. The URL must also
 * pass once percent-decoded: a browser would not decode `%6Aavascript:`, but some code that
 * handles a clicked link might.
 */
export function isSafeUrl(url: string, use: UrlUse): boolean {
  if (url.length > MAX_URL_LENGTH || !url.isWellFormed()) return false;
  const decoded = percentDecoded(url);
  return hasSafeScheme(url, use) && (decoded === url || hasSafeScheme(decoded, use));
}

function hasSafeScheme(url: string, use: UrlUse): boolean {
  const visible = url.replace(INVISIBLE, '');
  const scheme = SCHEME.exec(visible)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    // A relative URL or #anchor. A colon before the first `/`, `?` or `#` means a scheme we
    // could not read as one (`java%09script:`, `1javascript:`): refuse it rather than guess how
    // a browser would. A leading backslash is a host name to browsers, which is not "relative".
    const pathEnd = visible.search(/[/?#]/);
    const head = pathEnd === -1 ? visible : visible.slice(0, pathEnd);
    return !head.includes(':') && !visible.startsWith('\\');
  }
  if (scheme === 'data') return use === 'image' && SAFE_DATA_IMAGE.test(visible);
  return (use === 'link' ? LINK_SCHEMES : IMAGE_SCHEMES).has(scheme);
}

/** markdown-it's `validateLink` sees links and images alike, so it admits what either may use. */
export function isSafeLinkOrImage(url: string): boolean {
  return isSafeUrl(url, 'link') || isSafeUrl(url, 'image');
}
