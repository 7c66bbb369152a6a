/**
 * Issue 5's files in the web host: Save As into the workspace, New, Open, Save again; the file
 * on disk is byte-identical across the round trip (also with a BOM); a binary file is refused
 * with a clear message and the editor keeps its text.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { screenshot } from './harness.ts';
import { freshWebSession } from './web-session.ts';
import {
  chooseMenu,
  modelText,
  openForkpad,
  pickToOpen,
  startFrameMeter,
  worstFrameGap,
  pickToSave,
  statusSegment,
  typeInEditor,
  waitForHostAnswer,
  waitForNotice,
  waitUntil,
} from './forkpad-page.ts';

/** The editor's text length, read without copying 10 MB out of the page. */
function editorLength(page: import('playwright-core').Page): Promise<number> {
  return page.evaluate(() => (globalThis as unknown as { __forkpad?: { modelText(): string } }).__forkpad?.modelText().length ?? 0);
}

const TEXT = '# Trip notes\n\nCafé at 9, naïve plan — 😀 worked.\nLine with a tab\tand trailing space \n';

describe('files in the workspace', () => {
  const session = freshWebSession();

  it('saves, reopens and saves again byte-identically', async () => {
    const { host, browser } = session();
    const { page } = browser;
    await openForkpad(page, host.url);
    await typeInEditor(page, TEXT);
    await waitForHostAnswer(page);
    expect(await page.title()).toMatch(/^● /);

    await page.keyboard.press('Control+Shift+S');
    await pickToSave(page, 'trip.md');
    await waitUntil(() => statusSegment(page, 'save'), (text) => text === 'Saved', 15_000, 'the save');
    const saved = await readFile(join(host.workspace, 'trip.md'));
    expect(saved.equals(Buffer.from(TEXT, 'utf8'))).toBe(true);
    expect(await page.title()).toBe('trip.md — Forkpad');

    await chooseMenu(page, ['File', 'New']);
    await waitUntil(() => modelText(page), (text) => text === '', 10_000, 'an empty document');
    await chooseMenu(page, ['File', 'Open…']);
    await pickToOpen(page, 'trip.md');
    await waitUntil(() => modelText(page), (text) => text === TEXT, 10_000, 'the reopened text');
    await screenshot(page, 'files-reopened');

    // An edit and its undo make the document dirty with the same text; Save writes it back.
    await typeInEditor(page, 'x');
    await page.keyboard.press('Backspace');
    await waitForHostAnswer(page);
    await page.keyboard.press('Control+S');
    await waitUntil(() => statusSegment(page, 'save'), (text) => text === 'Saved', 15_000, 'the second save');
    expect((await readFile(join(host.workspace, 'trip.md'))).equals(saved)).toBe(true);
    expect(browser.pageErrors).toEqual([]);
  });

  it('keeps a byte-order mark through open and save', async () => {
    const { host, browser } = session();
    const { page } = browser;
    const original = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('BOM text\nsecond line\n', 'utf8')]);
    await writeFile(join(host.workspace, 'bom.md'), original);
    await openForkpad(page, host.url);
    await chooseMenu(page, ['File', 'Open…']);
    await pickToOpen(page, 'bom.md');
    await waitUntil(() => modelText(page), (text) => text === 'BOM text\nsecond line\n', 10_000, 'the BOM file');
    await typeInEditor(page, 'x');
    await page.keyboard.press('Backspace');
    await waitForHostAnswer(page);
    await page.keyboard.press('Control+S');
    await waitUntil(() => statusSegment(page, 'save'), (text) => text === 'Saved', 15_000, 'the save');
    expect((await readFile(join(host.workspace, 'bom.md'))).equals(original)).toBe(true);
  });

  it('opens a 10 MB file without freezing the page, says how checking degrades, and keeps keys typed at once', async () => {
    const { host, browser } = session();
    const { page } = browser;
    const line = 'Lorem ipsum dolor sit amet, the quick brown fox jumps over the lazy dog once more.\n';
    const large = line.repeat(Math.ceil((10 * 1024 * 1024) / line.length));
    await writeFile(join(host.workspace, 'large.md'), large);
    await openForkpad(page, host.url);
    await startFrameMeter(page);
    const started = Date.now();
    await chooseMenu(page, ['File', 'Open…']);
    await pickToOpen(page, 'large.md');
    await waitUntil(() => editorLength(page), (length) => length === large.length, 60_000, 'the large file');
    const openMs = Date.now() - started;
    // Typed the moment the text appears: the host's second announcement of the document must not undo it.
    await page.keyboard.type('hello ');
    await waitForHostAnswer(page, 60_000);
    expect((await modelText(page)).startsWith('hello Lorem')).toBe(true);
    await waitForNotice(page, 'warning', /Large document/, 30_000);
    const worstGap = await worstFrameGap(page);
    console.log(`[large file] 10 MB opened in ${openMs} ms; longest frame gap ${worstGap.toFixed(0)} ms`);
    // Liveness, not speed: Monaco builds a 10 MB model in one task (about 0.9 s here, measured with
    // a CDP profile), and on a loaded 2-core machine that took 1.8 s in CI. A bound on speed is the
    // bench's to report; this one only catches a page that freezes for good (a loop over the text
    // per key, or a host answer the page cannot digest).
    expect(worstGap).toBeLessThan(8000);
    await screenshot(page, 'large-file');
  });

  it('refuses a binary file with a clear message and keeps the open text', async () => {
    const { host, browser } = session();
    const { page } = browser;
    await writeFile(join(host.workspace, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
    await openForkpad(page, host.url);
    await typeInEditor(page, 'Keep me.');
    await waitForHostAnswer(page);
    await chooseMenu(page, ['File', 'Open…']);
    // The document is dirty: Forkpad asks before replacing it.
    await page.locator('dialog.modal button', { hasText: 'Discard' }).click();
    await pickToOpen(page, 'image.png');
    const message = await waitForNotice(page, 'error', /binary/);
    expect(message).toMatch(/image\.png looks like a binary file/);
    expect(await modelText(page)).toBe('Keep me.');
    await screenshot(page, 'binary-refused');
  });
});
