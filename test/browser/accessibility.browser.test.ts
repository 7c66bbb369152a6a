/**
 * Issue 15's accessibility: the monitor worked from the keyboard alone (treegrid rows, the row
 * menu, a restart), Alt alone reaching the menu bar, and axe's WCAG 2.1 A/AA rules with the
 * monitor, The Lesson and a dialog open.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible } from './accessibility.ts';
import { screenshot } from './harness.ts';
import { chooseMenu, openForkpad, waitUntil } from './forkpad-page.ts';
import { cell, openMonitor, row } from './monitor-page.ts';
import { freshWebSession } from './web-session.ts';

/** The `data-key` of the focused monitor row, or what else has focus. */
function focusedKey(page: Page): Promise<string> {
  return page.evaluate(() => {
    const active = (globalThis as unknown as { document: { activeElement: { getAttribute(name: string): string | null; className: string } | null } }).document.activeElement;
    return active?.getAttribute('data-key') ?? `other:${active?.className ?? ''}`;
  });
}

describe('accessibility', () => {
  const session = freshWebSession();

  it('moves through the monitor with arrows, opens a row menu with Enter and restarts a task without the mouse', async () => {
    const { host, browser } = session();
    const { page } = browser;
    await openForkpad(page, host.url);
    await openMonitor(page);
    await waitUntil(() => cell(page, 'task:spellcheck', 'state'), (state) => state === 'ready', 60_000, 'spellcheck ready');
    expect(await row(page, 'host').getAttribute('aria-level')).toBe('1');
    expect(await row(page, 'host').getAttribute('aria-expanded')).toBe('true');
    expect(await page.locator('.monitor-table').getAttribute('role')).toBe('treegrid');
    expect(await page.locator('.monitor-table th[data-column="label"]').getAttribute('aria-sort')).toBe('ascending');
    // openMonitor ran axe with the monitor open (every test that opens it does); again with rows.
    await expectAccessible(page, 'the monitor open, its rows drawn');

    // The one row in the tab order (roving tabindex) takes focus as Tab would give it.
    await page.locator('.monitor-table tr[tabindex="0"]').focus();
    expect(await focusedKey(page)).toBe('host');
    for (let step = 0; step < 12 && (await focusedKey(page)) !== 'task:spellcheck'; step++) await page.keyboard.press('ArrowDown');
    expect(await focusedKey(page)).toBe('task:spellcheck');
    await page.keyboard.press('Home');
    expect(await focusedKey(page)).toBe('host');
    // The main thread is the host's first child; Left collapses it if it has inline tasks, then goes up.
    await page.keyboard.press('ArrowDown');
    expect(await focusedKey(page)).toBe('main');
    expect(await row(page, 'main').getAttribute('aria-level')).toBe('2');
    if ((await row(page, 'main').getAttribute('aria-expanded')) === 'true') await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect(await focusedKey(page)).toBe('host');
    await page.keyboard.press('End');
    expect(await focusedKey(page)).not.toBe('host');
    await page.keyboard.press('Home');
    // Collapsing the host hides its children; expanding shows them again.
    await page.keyboard.press('ArrowLeft');
    expect(await row(page, 'host').getAttribute('aria-expanded')).toBe('false');
    expect(await row(page, 'main').isVisible()).toBe(false);
    await page.keyboard.press('ArrowRight');
    expect(await row(page, 'main').isVisible()).toBe(true);
    for (let step = 0; step < 12 && (await focusedKey(page)) !== 'task:spellcheck'; step++) await page.keyboard.press('ArrowDown');
    await page.waitForTimeout(1500);
    // Refreshes keep the focused row.
    expect(await focusedKey(page)).toBe('task:spellcheck');
    await screenshot(page, 'monitor-keyboard-focus');

    const restartsBefore = Number(await cell(page, 'task:spellcheck', 'restarts'));
    await page.keyboard.press('Enter');
    const menu = page.locator('.action-menu');
    await menu.waitFor({ state: 'visible' });
    for (let step = 0; step < 12; step++) {
      const label = await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string | null } | null } }).document.activeElement?.textContent ?? '');
      if (label === 'Restart') break;
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
    await menu.waitFor({ state: 'hidden' });
    expect(await focusedKey(page)).toBe('task:spellcheck');
    await waitUntil(() => cell(page, 'task:spellcheck', 'restarts'), (text) => Number(text) === restartsBefore + 1, 30_000, 'the restart to be counted');
    await waitUntil(() => cell(page, 'task:spellcheck', 'state'), (state) => state === 'ready', 60_000, 'spellcheck ready again');
    expect(browser.pageErrors).toEqual([]);
  });

  it('focuses the menu bar on Alt alone, not on Alt+Shift, and leaves it on a second Alt', async () => {
    const { host, browser } = session();
    const { page } = browser;
    await openForkpad(page, host.url);
    await page.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('Alt+Shift');
    expect(await focusedKey(page)).not.toMatch(/menu-top-button/);
    await page.keyboard.press('Alt');
    expect(await focusedKey(page)).toMatch(/menu-top-button/);
    await page.keyboard.press('Alt');
    expect(await focusedKey(page)).not.toMatch(/menu-top-button/);
    await page.keyboard.press('F10');
    expect(await focusedKey(page)).toMatch(/menu-top-button/);
  });

  it('passes axe with The Lesson open and with the Open dialog open', async () => {
    const { host, browser } = session();
    const { page } = browser;
    await openForkpad(page, host.url);
    await chooseMenu(page, ['Help', 'The Lesson']);
    await page.locator('#monitor-lesson').waitFor({ state: 'visible' });
    await expectAccessible(page, 'The Lesson open');
    await chooseMenu(page, ['File', 'Open…']);
    await page.locator('dialog.file-picker').waitFor({ state: 'visible' });
    // pickToOpen and pickToSave check their dialog too, for every test that uses them.
    await expectAccessible(page, 'the Open dialog open');
  });
});
