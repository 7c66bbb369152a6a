/**
 * The one markdown-it configuration the preview uses: raw HTML off, linkify on, only safe link
 * schemes, and the token sanitizer as the last core rule, so that a whole-document render
 * (`createMarkdown().render`) and the block-by-block renders of the render task agree exactly.
 */
import markdownIt, { type MarkdownIt } from 'markdown-it';
import { sanitizeTokens } from './sanitize.ts';
import { isSafeLinkOrImage } from './url-policy.ts';

/** A configured markdown-it. Its `render` is the reference the incremental preview must equal. */
export function createMarkdown(): MarkdownIt {
  const md = new markdownIt('default', { html: false, linkify: true, typographer: false });
  md.validateLink = isSafeLinkOrImage;
  md.core.ruler.push('forkpad_sanitize', sanitizeTokens);
  // With `html: false` these tokens are never made; if one ever is, it is shown, not run.
  md.renderer.rules.html_block = (tokens, index) => md.utils.escapeHtml(tokens[index]?.content ?? '');
  md.renderer.rules.html_inline = (tokens, index) => md.utils.escapeHtml(tokens[index]?.content ?? '');
  return md;
}

/**
 * A markdown-it whose core chain starts after block parsing: the render task parses blocks
 * itself (to re-parse only what changed) and hands each block's tokens to this one.
 */
export function createInlineStage(): MarkdownIt {
  const md = createMarkdown();
  md.core.ruler.disable(['normalize', 'block']);
  return md;
}

/** markdown-it's own input normalization (its `normalize` core rule), applied once up front. */
export function normalizeSource(text: string): string {
  if (!text.includes('\r') && !text.includes('\0')) return text;
  return text.replace(/\r\n?/g, '\n').replace(/\0/g, '\uFFFD');
}
