import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMarkdown } from './markdown.ts';
import { auditHtml } from './test/html-audit.ts';
import { renderOnce } from './test/task-harness.ts';
import { BENIGN_LINKS, XSS_PAYLOADS } from './test/xss-corpus.ts';
import { isSafeUrl } from './url-policy.ts';

const md = createMarkdown();

describe('the HTML audit used by these tests', () => {
  it('catches executable markup, so a clean audit means something', () => {
    expect(auditHtml('<p><script>alert(1)</script></p>')).not.toEqual([]);
    expect(auditHtml('<img src=x onerror=alert(1)>')).not.toEqual([]);
    expect(auditHtml('<a href="javascript:alert(1)">x</a>')).not.toEqual([]);
    expect(auditHtml('<a href="&#x6A;avascript:alert(1)">x</a>')).not.toEqual([]);
    expect(auditHtml('<a href="java%09script:alert(1)">x</a>')).not.toEqual([]);
    expect(auditHtml('<a href="x" onclick="y">x</a>')).not.toEqual([]);
    expect(auditHtml('<img src="data:image/svg+xml;base64,AAAA">')).not.toEqual([]);
    expect(auditHtml('<p>&lt;script&gt; is shown, not run</p>')).toEqual([]);
  });
});

describe('the preview runs nothing from the XSS corpus', () => {
  it('has at least 40 payloads', () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(XSS_PAYLOADS.map((payload) => [JSON.stringify(payload).slice(0, 70), payload]))('%s', async (_name, payload) => {
    expect(auditHtml(md.render(payload))).toEqual([]);
    const result = await renderOnce(`Intro paragraph.\n\n${payload}\n\n- item\n\n> quote ${payload}\n`);
    expect(auditHtml(result.blocks.map((block) => block.html).join(''))).toEqual([]);
  });

  it('stays inert for random mixes of payload fragments', () => {
    const fragments = ['<', '>', '/', 'script', 'img', 'svg', ' src=x', ' onerror=', 'alert(1)', 'javascript', ':', '&#x6A;', '&#58;', '&colon;',
      'data:', 'text/html', 'image/png;base64,', '[', ']', '(', ')', '!', '"', "'", '`', '```', '\n', '\t', '\u0000', '\u00ad', ' ', 'www.', 'http://', 'a', '#', '|', '-', '>'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...fragments), { maxLength: 60 }), (parts) => {
        expect(auditHtml(md.render(parts.join('')))).toEqual([]);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('safe links survive', () => {
  it.each(BENIGN_LINKS.map(({ markdown, expected }) => [markdown, expected]))('%s', (markdown, expected) => {
    const html = md.render(markdown);
    expect(html).toContain(expected);
    expect(auditHtml(html)).toEqual([]);
  });
});

describe('isSafeUrl', () => {
  it.each([
    ['https://example.com', 'link', true],
    ['mailto:a@example.com', 'link', true],
    ['mailto:a@example.com', 'image', false],
    ['#top', 'link', true],
    ['docs/a.md', 'link', true],
    ['?q=1', 'link', true],
    ['//example.com/x', 'link', true],
    ['javascript:alert(1)', 'link', false],
    [' JavaScript:alert(1)', 'link', false],
    ['java\tscript:alert(1)', 'link', false],
    ['java\u0000script:alert(1)', 'link', false],
    ['\u200bjavascript:alert(1)', 'link', false],
    ['java%09script:alert(1)', 'link', false],
    ['vbscript:x', 'link', false],
    ['file:///etc/passwd', 'link', false],
    ['data:image/png;base64,AAAA', 'image', true],
    ['data:image/png;base64,AAAA', 'link', false],
    ['data:image/svg+xml;base64,AAAA', 'image', false],
    ['data:text/html,x', 'image', false],
    ['\\\\evil.example\\share', 'link', false],
    ['a\ud800b', 'link', false],
  ] as const)('%j as %s → %s', (url, use, safe) => {
    expect(isSafeUrl(url, use)).toBe(safe);
  });
});
