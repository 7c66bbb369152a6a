/**
 * Issue 5: spelling and grammar results become Monaco markers at exactly the right ranges; a
 * quick fix changes the text as offered; "Add to dictionary" removes that marker.
 */
import { describe, expect, it } from 'vitest';
import { documentStats } from '../../workers/common/document.ts';
import { screenshot } from './harness.ts';
import { modelText, openForkpad, typeInEditor, waitForHostAnswer, waitForMarkers, type PaintedMarker } from './forkpad-page.ts';
import { freshWebSession } from './web-session.ts';

const TEXT = 'This is an test of the speling checker in Forkpad. Teh quick brown fox jumps over the lazy dog.';
const MISSPELLED = ['speling', 'Forkpad', 'Teh'];

function rangeOf(text: string, needle: string): { start: number; end: number } {
  const start = text.indexOf(needle);
  if (start === -1) throw new Error(`${needle} is not in the text`);
  return { start, end: start + needle.length };
}

const spelling = (painted: readonly PaintedMarker[]) => painted.filter((marker) => marker.owner === 'spelling');
const grammar = (painted: readonly PaintedMarker[]) => painted.filter((marker) => marker.owner === 'grammar');

describe('spelling and grammar markers', () => {
  const session = freshWebSession();

  it('paints misspellings and an a/an error at their exact ranges, fixes one, and learns a word', async () => {
    const { host, browser } = session();
    const { page } = browser;
    await openForkpad(page, host.url);
    await typeInEditor(page, TEXT);
    await waitForHostAnswer(page);

    const painted = await waitForMarkers(page, (all) => spelling(all).length >= MISSPELLED.length && grammar(all).length >= 1);
    const spellRanges = spelling(painted).map(({ start, end }) => ({ start, end }));
    expect(spellRanges.sort((a, b) => a.start - b.start)).toEqual(MISSPELLED.map((word) => rangeOf(TEXT, word)).sort((a, b) => a.start - b.start));
    const article = grammar(painted).find((marker) => marker.start === rangeOf(TEXT, 'an test').start);
    expect(article, `grammar markers: ${JSON.stringify(grammar(painted))}`).toBeDefined();
    expect(TEXT.slice(article?.start, article?.end)).toMatch(/^an( test)?$/);
    expect(spelling(painted)[0]?.severity).not.toBe(article?.severity);
    await screenshot(page, 'markers');

    // Quick fix: the cursor inside "speling", Ctrl+. opens the fixes.
    await page.keyboard.press('Control+Home');
    for (let step = 0; step < rangeOf(TEXT, 'speling').start + 2; step += 1) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Control+.');
    await page.locator('.action-widget .monaco-list-row', { hasText: 'Replace with "spelling"' }).click();
    await waitForHostAnswer(page);
    const fixed = TEXT.replace('speling', 'spelling');
    expect(await modelText(page)).toBe(fixed);
    // The fix is one undoable step, and the host follows undo and redo like typing.
    await page.keyboard.press('Control+Z');
    await waitForHostAnswer(page);
    expect(await modelText(page)).toBe(TEXT);
    await page.keyboard.press('Control+Shift+Z');
    const redone = await waitForHostAnswer(page);
    expect(await modelText(page)).toBe(fixed);
    expect(redone.stats).toEqual(documentStats(fixed));

    // Add "Forkpad" to the personal dictionary: its marker goes, the others stay.
    await page.keyboard.press('Control+Home');
    for (let step = 0; step < rangeOf(fixed, 'Forkpad').start + 2; step += 1) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Control+.');
    await page.locator('.action-widget .monaco-list-row', { hasText: 'Add "Forkpad" to dictionary' }).click();
    const after = await waitForMarkers(page, (all) => spelling(all).length === 1);
    expect(spelling(after).map(({ start, end }) => ({ start, end }))).toEqual([rangeOf(fixed, 'Teh')]);
    await page.waitForTimeout(1000);
    expect(spelling(await waitForMarkers(page, () => true)).length).toBe(1);
    await screenshot(page, 'markers-after-fixes');
    expect(browser.pageErrors).toEqual([]);
  });
});
