/**
 * The preview's sanitizer, run on markdown-it's token stream rather than on HTML.
 *
 * Why tokens: with `html: false`, markdown-it escapes every `<`, `>`, `&` and `"` of the user's
 * text, so the only markup in its output comes from tokens: their type picks the tag and their
 * `attrs` are the only attributes (escaped when rendered). Holding every token to an allowlist of
 * types, tags and attributes therefore bounds the output exactly, with no HTML parser and no DOM,
 * which a Node task does not have. A string sanitizer such as sanitize-html would re-parse HTML
 * we just generated, and DOMPurify needs a DOM (jsdom) in Node.
 */
import type { StateCore, Token } from 'markdown-it';
import { isSafeUrl } from './url-policy.ts';

interface Allowance {
  readonly tags: RegExp;
  readonly attrs: ReadonlySet<string>;
}

const allow = (tags: RegExp, attrs: readonly string[] = []): Allowance => ({ tags, attrs: new Set(attrs) });

/** Every token type markdown-it's default rules emit with html off, and what each may carry. */
const ALLOWED: ReadonlyMap<string, Allowance> = new Map([
  ['paragraph_open', allow(/^p$/)],
  ['paragraph_close', allow(/^p$/)],
  ['heading_open', allow(/^h[1-6]$/)],
  ['heading_close', allow(/^h[1-6]$/)],
  ['blockquote_open', allow(/^blockquote$/)],
  ['blockquote_close', allow(/^blockquote$/)],
  ['bullet_list_open', allow(/^ul$/)],
  ['bullet_list_close', allow(/^ul$/)],
  ['ordered_list_open', allow(/^ol$/, ['start'])],
  ['ordered_list_close', allow(/^ol$/)],
  ['list_item_open', allow(/^li$/)],
  ['list_item_close', allow(/^li$/)],
  ['table_open', allow(/^table$/)],
  ['table_close', allow(/^table$/)],
  ['thead_open', allow(/^thead$/)],
  ['thead_close', allow(/^thead$/)],
  ['tbody_open', allow(/^tbody$/)],
  ['tbody_close', allow(/^tbody$/)],
  ['tr_open', allow(/^tr$/)],
  ['tr_close', allow(/^tr$/)],
  ['th_open', allow(/^th$/, ['style'])],
  ['th_close', allow(/^th$/)],
  ['td_open', allow(/^td$/, ['style'])],
  ['td_close', allow(/^td$/)],
  ['hr', allow(/^hr$/)],
  ['fence', allow(/^code$/)],
  ['code_block', allow(/^code$/)],
  ['inline', allow(/^$/)],
  ['text', allow(/^$/)],
  ['softbreak', allow(/^br$/)],
  ['hardbreak', allow(/^br$/)],
  ['code_inline', allow(/^code$/)],
  ['em_open', allow(/^em$/)],
  ['em_close', allow(/^em$/)],
  ['strong_open', allow(/^strong$/)],
  ['strong_close', allow(/^strong$/)],
  ['s_open', allow(/^s$/)],
  ['s_close', allow(/^s$/)],
  ['link_open', allow(/^a$/, ['href', 'title'])],
  ['link_close', allow(/^a$/)],
  ['image', allow(/^img$/, ['src', 'alt', 'title'])],
]);

const TABLE_ALIGN = /^text-align:(?:left|center|right)$/;

function isAllowedValue(token: Token, name: string, value: string): boolean {
  switch (name) {
    case 'href':
      return isSafeUrl(value, 'link');
    case 'src':
      return isSafeUrl(value, 'image');
    case 'style':
      return TABLE_ALIGN.test(value);
    case 'start':
      return /^\d{1,9}$/.test(value);
    default:
      return token.type === 'image' || name === 'title';
  }
}

/** Turns a token the allowlist refuses into plain text, which the renderer escapes. */
function toText(token: Token, content: string): void {
  token.type = 'text';
  token.tag = '';
  token.attrs = null;
  token.children = null;
  token.nesting = 0;
  token.content = content;
}

function plainText(tokens: readonly Token[] | null): string {
  return (tokens ?? []).map((child) => (child.children ? plainText(child.children) : child.content)).join('');
}

function sanitizeToken(token: Token): void {
  const allowance = ALLOWED.get(token.type);
  if (!allowance || !allowance.tags.test(token.tag)) {
    toText(token, token.content);
    return;
  }
  if (token.type === 'image') {
    const src = token.attrGet('src');
    if (typeof src !== 'string' || !isSafeUrl(src, 'image')) {
      toText(token, plainText(token.children));
      return;
    }
  }
  if (token.attrs) {
    token.attrs = token.attrs.filter(([name, value]) => allowance.attrs.has(name) && isAllowedValue(token, name, String(value)));
    if (token.attrs.length === 0) token.attrs = null;
  }
  if (token.children) for (const child of token.children) sanitizeToken(child);
}

/** A markdown-it core rule: holds every token of the document to the allowlist. */
export function sanitizeTokens(state: StateCore): void {
  for (const token of state.tokens) sanitizeToken(token);
}
