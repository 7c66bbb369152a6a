/**
 * An independent, deliberately strict check that preview HTML cannot run anything. It does not
 * reuse the sanitizer's allowlist or URL policy: every `<` must open or close a tag from a short
 * list, every attribute must be one that list allows, and URL attributes must not name a
 * scheme that executes, however it is encoded or obscured.
 */

const TAGS: Readonly<Record<string, readonly string[]>> = {
  p: ['class'], h1: [], h2: [], h3: [], h4: [], h5: [], h6: [], blockquote: [], ul: [], ol: ['start'], li: [],
  table: [], thead: [], tbody: [], tr: [], th: ['style'], td: ['style'], hr: [], pre: ['class'], code: ['class'],
  br: [], em: [], strong: [], s: [], a: ['href', 'title'], img: ['src', 'alt', 'title'],
};

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z-]+="[^"<>]*")*)\s*(\/?)>/y;
const ATTRIBUTE = /\s+([a-zA-Z-]+)="([^"]*)"/g;

function decodeEntities(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_m, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_m, decimal: string) => String.fromCodePoint(Number(decimal)))
    .replace(/&(quot|amp|lt|gt|apos|colon|tab|newline);/gi, (_m, name: string) =>
      ({ quot: '"', amp: '&', lt: '<', gt: '>', apos: "'", colon: ':', tab: '\t', newline: '\n' })[name.toLowerCase()] ?? '',
    );
}

/** Whether a browser could run `value` as a URL (after entity and percent decoding). */
function isExecutableUrl(value: string, tag: string): boolean {
  let text = decodeEntities(value);
  try {
    text = decodeURIComponent(text);
  } catch {
    // Not valid percent-encoding: keep the text as it is, which a browser would also do.
  }
  const squeezed = text.replace(/[\u0000-\u0020\u007f-\u00a0\u00ad\u200b-\u200f\u2028-\u202f\u2060-\u206f\ufeff]/g, '').toLowerCase();
  if (/^(?:javascript|vbscript|livescript|file):/.test(squeezed)) return true;
  if (squeezed.startsWith('data:')) return !(tag === 'img' && /^data:image\/(?:png|gif|jpeg|webp)[;,]/.test(squeezed));
  return false;
}

/** Problems found in `html`; empty when it is inert. */
export function auditHtml(html: string): string[] {
  const problems: string[] = [];
  for (let index = html.indexOf('<'); index !== -1; index = html.indexOf('<', index + 1)) {
    TAG.lastIndex = index;
    const match = TAG.exec(html);
    if (!match) {
      problems.push(`raw "<" at ${index}: ${JSON.stringify(html.slice(index, index + 40))}`);
      continue;
    }
    const [, closing, rawName = '', attributes = ''] = match;
    const name = rawName.toLowerCase();
    const allowed = TAGS[name];
    if (!allowed) {
      problems.push(`tag <${name}>`);
      continue;
    }
    if (closing && attributes) problems.push(`attributes on </${name}>`);
    for (const [, attribute = '', value = ''] of attributes.matchAll(ATTRIBUTE)) {
      const key = attribute.toLowerCase();
      if (!allowed.includes(key)) problems.push(`attribute ${key} on <${name}>`);
      else if ((key === 'href' || key === 'src') && isExecutableUrl(value, name)) problems.push(`${key}="${value}" on <${name}>`);
      else if (key === 'style' && !/^text-align:(?:left|center|right)$/.test(value)) problems.push(`style="${value}"`);
      else if (key === 'class' && !/^(?:language-\S*|forkpad-notice|forkpad-plain)$/.test(decodeEntities(value))) problems.push(`class="${value}"`);
    }
  }
  return problems;
}
