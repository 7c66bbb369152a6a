/**
 * The window around the editor: the in-page menu bar works from the keyboard alone, the theme
 * follows the OS until chosen, settings survive a restart of the host, and closing the tab with
 * unsaved changes asks first.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, startWebHost, type BrowserSession, type WebHost } from './harness.ts';
import { openForkpad, statusSegment, typeInEditor, waitForHostAnswer, waitUntil } from './forkpad-page.ts';

describe('window, menus and settings', () => {
  const hosts: WebHost[] = [];
  let browser: BrowserSession | undefined;

  afterEach(async () => {
    await browser?.close();
    for (const host of hosts.splice(0)) await host.stop();
  });

  it('runs the menus from the keyboard alone and gives focus back to the editor', async () => {
    const host = await startWebHost();
    hosts.push(host);
    browser = await launchBrowser();
    const { page } = browser;
    await openForkpad(page, host.url);
    await page.keyboard.press('F10');
    expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string } | null } }).document.activeElement?.textContent)).toBe('File');
    // File → Edit → View → Isolation, open it, go down to "Worker Threads" (the second preset).
    for (let step = 0; step < 3; step += 1) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowDown');
    await screenshot(page, 'menu-keyboard');
    await page.keyboard.press('Enter');
    await waitUntil(() => statusSegment(page, 'isolation'), (text) => text === 'Worker Threads', 30_000, 'the isolation model to change');
    await page.keyboard.type('typed after the menu');
    await waitForHostAnswer(page);
    expect(await page.evaluate(() => (globalThis as unknown as { __forkpad: { modelText(): string } }).__forkpad.modelText())).toBe('typed after the menu');
    // Escape closes a menu without running anything.
    await page.keyboard.press('F10');
    await page.keyboard.press('Enter');
    expect(await page.locator('.menu-top[data-menu="file"] > .menu-list').isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    expect(await page.locator('.menu-top[data-menu="file"] > .menu-list').isVisible()).toBe(false);
  });

  it('follows the OS theme until one is chosen, and keeps theme and panels across a restart', async () => {
    const first = await startWebHost();
    hosts.push(first);
    browser = await launchBrowser();
    const { page } = browser;
    const theme = () => page.evaluate(() => (globalThis as unknown as { document: { documentElement: { dataset: { theme?: string } } } }).document.documentElement.dataset.theme);
    await page.emulateMedia({ colorScheme: 'dark' });
    await openForkpad(page, first.url);
    expect(await theme()).toBe('dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await waitUntil(theme, (value) => value === 'light', 5000, 'the theme to follow the OS');

    await page.locator('.menu-top-button', { hasText: 'View' }).click();
    await page.locator('.menu-item[data-id="view.theme"]').click();
    await page.locator('.menu-item[data-id="view.theme.dark"]').click();
    expect(await theme()).toBe('dark');
    await page.keyboard.press('Control+Shift+V');
    expect(await page.locator('.preview-pane').isVisible()).toBe(false);
    await page.keyboard.press('Control+Shift+M');
    await page.locator('section.monitor-panel').waitFor({ state: 'visible' });
    await page.waitForTimeout(500);
    await first.stop();

    const second = await startWebHost({ workspace: first.workspace, dataDir: first.dataDir });
    hosts.push(second);
    await openForkpad(page, second.url);
    expect(await theme()).toBe('dark');
    expect(await page.locator('.preview-pane').isVisible()).toBe(false);
    expect(await page.locator('section.monitor-panel').isVisible()).toBe(true);
    await screenshot(page, 'settings-restored-dark');
  });

  it('asks before the tab closes with unsaved changes', async () => {
    const host = await startWebHost();
    hosts.push(host);
    browser = await launchBrowser();
    const { page } = browser;
    await openForkpad(page, host.url);
    await typeInEditor(page, 'unsaved words');
    await waitForHostAnswer(page);
    const dialog = new Promise<string>((resolve) => page.once('dialog', (prompt) => {
      resolve(prompt.type());
      void prompt.dismiss();
    }));
    await page.close({ runBeforeUnload: true });
    expect(await dialog).toBe('beforeunload');
  });
});
