/**
 * Issue 5: the preview shows the rendered heading, list and link of typed Markdown, patches
 * only changed blocks, and follows the editor's scroll through the line map.
 */
import { describe, expect, it } from 'vitest';
import { screenshot } from './harness.ts';
import { offsetWithin, openForkpad, previewPatch, scrollTopOf, typeInEditor, waitForHostAnswer, waitUntil } from './forkpad-page.ts';
import { freshWebSession } from './web-session.ts';

const MARKDOWN = '# Field notes\n\nA paragraph with a [link to the docs](https://example.com/docs).\n\n- first item\n- second item\n- third item\n';

describe('preview pane', () => {
  const session = freshWebSession();

  it('renders heading, list and link, patches one block per edit, and follows the editor scroll', async () => {
    const { host, browser } = session();
    const { page } = browser;
    await openForkpad(page, host.url);
    const preview = page.locator('.preview-pane');
    await expect.poll(() => preview.isVisible()).toBe(true);
    await typeInEditor(page, MARKDOWN);
    await waitForHostAnswer(page);

    await preview.locator('h1', { hasText: 'Field notes' }).waitFor({ timeout: 30_000 });
    await preview.locator('li', { hasText: 'third item' }).waitFor();
    expect(await preview.locator('ul > li').allInnerTexts()).toEqual(['first item', 'second item', 'third item']);
    const link = preview.locator('a', { hasText: 'link to the docs' });
    expect(await link.getAttribute('href')).toBe('https://example.com/docs');
    // Following a link would navigate the app away: the preview must not.
    await link.click();
    expect(page.url()).toContain('token=');
    await screenshot(page, 'preview');

    // One more list item: only the list block is rebuilt; heading and paragraph are kept.
    await typeInEditor(page, '- fourth item');
    await preview.locator('li', { hasText: 'fourth item' }).waitFor({ timeout: 30_000 });
    const patch = await previewPatch(page);
    expect(patch.created).toBe(1);
    expect(patch.kept).toBeGreaterThanOrEqual(2);

    // A long document: scrolling the editor scrolls the preview to the same section.
    const sections = Array.from({ length: 40 }, (_, index) => `## Section ${index + 1}\n\nBody text of section ${index + 1}.\n`).join('\n');
    await typeInEditor(page, `\n\n${sections}`);
    await waitForHostAnswer(page, 60_000);
    await preview.locator('h2', { hasText: 'Section 40' }).waitFor({ timeout: 30_000 });
    await page.keyboard.press('Control+Home');
    expect(await waitUntil(() => scrollTopOf(preview), (top) => top === 0, 5000, 'the preview back at its top')).toBe(0);
    for (let page_ = 0; page_ < 3; page_ += 1) await page.keyboard.press('PageDown');
    await waitUntil(() => scrollTopOf(preview), (top) => top > 200, 5000, 'the preview to follow');
    // The section heading at the editor's top is near the preview's top too.
    // The section at the editor's top is the section at the preview's top.
    const editorTop = await page.locator('.monaco-editor .view-lines').evaluate((element: unknown) => {
      // The first fully visible line, by position (Monaco keeps line elements out of order).
      const lines = [...(element as { querySelectorAll(selector: string): Iterable<{ offsetTop: number; textContent: string | null }> }).querySelectorAll('.view-line')];
      return lines.filter((line) => line.offsetTop >= 0).sort((a, b) => a.offsetTop - b.offsetTop).slice(0, 4).map((line) => line.textContent ?? '').join('\n');
    });
    const section = /ection\s(\d+)/.exec(editorTop)?.[1];
    expect(section, `editor top: ${editorTop}`).toBeDefined();
    const heading = preview.locator('h2', { hasText: new RegExp(`^Section ${section}$`) });
    // The preview follows in steps (a frame at a time): wait for it to arrive, not for its first move.
    await waitUntil(async () => Math.abs(await offsetWithin(heading, preview)), (offset) => offset < 150, 5000, `section ${section} near the preview's top`);
    await screenshot(page, 'preview-scrolled');
    expect(browser.pageErrors).toEqual([]);
  });
});
