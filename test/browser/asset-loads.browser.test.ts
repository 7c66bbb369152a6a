/**
 * Issue 13's last item, as a user sees it: the task monitor lists the data files spellcheck
 * loaded from the build's assets, and after a suggestion the word-frequency list's load time,
 * bytes read and memory, each saying how it was measured.
 */
import { describe, expect, it } from 'vitest';
import { expectAccessible } from './accessibility.ts';
import { screenshot } from './harness.ts';
import { openForkpad, typeInEditor, waitForHostAnswer, waitForMarkers, waitUntil } from './forkpad-page.ts';
import { openMonitor, row } from './monitor-page.ts';
import { freshWebSession } from './web-session.ts';

const TEXT = 'Forkpad should recieve every word.';
const FIGURES = String.raw`loaded in [\d.,]+ (?:µs|ms|s), [\d.,]+ (?:B|KB|MB) read, V8 heap \+[\d.,]+ (?:B|KB|MB)`;

describe('data files in the task monitor', () => {
  const session = freshWebSession();

  it('shows the dictionary, and the frequency list’s load time and memory once a suggestion is asked for', async () => {
    const { host, browser } = session();
    const { page } = browser;
    await openForkpad(page, host.url);
    await typeInEditor(page, TEXT);
    await waitForHostAnswer(page);
    await waitForMarkers(page, (all) => all.some((marker) => marker.owner === 'spelling' && TEXT.slice(marker.start, marker.end) === 'recieve'));
    const panel = await openMonitor(page);
    const expand = row(page, 'task:spellcheck').locator('button.monitor-expand');
    await expand.click();
    const files = panel.locator('tr.monitor-detail .monitor-assets');
    await expect.poll(() => files.getByRole('list', { name: 'Data files spellcheck loaded' }).isVisible(), { timeout: 15_000 }).toBe(true);
    const dictionary = files.locator('li', { hasText: 'dictionary (en_US aff + dic)' });
    expect(await dictionary.innerText()).toMatch(new RegExp(`: ${FIGURES}$`));

    // Ctrl+. inside "recieve": the quick fixes ask the task for suggestions.
    await page.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('Control+Home');
    for (let step = 0; step < TEXT.indexOf('recieve') + 2; step += 1) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Control+.');
    await page.locator('.action-widget .monaco-list-row', { hasText: 'Replace with "receive"' }).waitFor({ state: 'visible', timeout: 15_000 });
    await page.keyboard.press('Escape');
    const frequencies = files.locator('li', { hasText: 'word frequencies (SUBTLEX-US)' });
    const line = await waitUntil(() => frequencies.innerText(), (text) => new RegExp(FIGURES).test(text), 15_000, 'the frequency list’s figures');
    expect(line).toMatch(new RegExp(`^word frequencies \\(SUBTLEX-US\\): ${FIGURES}$`));
    expect(await files.locator('.monitor-assets-note').innerText()).toMatch(/V8 heap growth: heap used after the parse minus before/);
    expect(await row(page, 'task:spellcheck').locator('.monitor-label').getAttribute('title')).toContain(line);
    // Grammar's harper: its memory is the WebAssembly instance's, and says so.
    await row(page, 'task:grammar').locator('button.monitor-expand').click();
    const harper = panel.locator('tr.monitor-detail .monitor-assets li', { hasText: 'harper (WASM + linter)' });
    await waitUntil(() => harper.innerText(), (text) => /: loaded in [\d.,]+ (?:ms|s), [\d.,]+ MB read, WASM memory [\d.,]+ MB$/.test(text), 30_000, 'harper’s figures');
    await expectAccessible(page, 'the monitor with tasks’ data files shown');
    await dictionary.scrollIntoViewIfNeeded();
    await screenshot(page, 'monitor-data-files');
    expect(browser.pageErrors).toEqual([]);
  });
});
