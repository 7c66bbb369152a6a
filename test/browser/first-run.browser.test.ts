/**
 * Issue 15, part 8: the first launch teaches. A new user meets the welcome document, already
 * checked (red and blue marks on its deliberate slips) and rendered, with the task monitor open;
 * the next launch opens on an empty document whose preview says so, and Help → Welcome brings the
 * welcome document back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, startWebHost, type BrowserSession, type WebHost } from './harness.ts';
import { chooseMenu, modelText, openForkpad, waitForMarkers, waitUntil, type PaintedMarker } from './forkpad-page.ts';
import { expectAccessible } from './accessibility.ts';

const markedWords = (text: string, painted: readonly PaintedMarker[], owner: string): string[] =>
  painted.filter((marker) => marker.owner === owner).map((marker) => text.slice(marker.start, marker.end));

describe('the first run', () => {
  let host: WebHost | undefined;
  let browser: BrowserSession | undefined;
  afterEach(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('opens the welcome document, checked and rendered, with the monitor open; the second run does not', async () => {
    host = await startWebHost({ firstRun: true });
    browser = await launchBrowser();
    const { page } = browser;
    await openForkpad(page, host.url);

    const welcome = await modelText(page);
    expect(welcome).toMatch(/^# Welcome to Forkpad\n/);
    for (const invitation of ['Isolation', 'Task Monitor', 'fault', 'The Lesson']) expect(welcome).toContain(invitation);
    const painted = await waitForMarkers(
      page,
      (seen) => seen.some((marker) => marker.owner === 'spelling') && seen.some((marker) => marker.owner === 'grammar'),
      60_000,
    );
    expect(markedWords(welcome, painted, 'spelling')).toEqual(expect.arrayContaining(['recieve', 'seperate']));
    await expect.poll(() => page.locator('section.monitor-panel').isVisible()).toBe(true);
    // Rendered before the page had loaded: the host replays its latest preview to the page.
    await page.locator('.preview-pane h1', { hasText: 'Welcome to Forkpad' }).waitFor({ timeout: 30_000 });
    await expectAccessible(page, 'the first run');
    await screenshot(page, 'first-run');

    // The second launch, same data folder: an empty document, never the welcome again.
    await browser.close();
    await host.stop();
    host = await startWebHost({ workspace: host.workspace, dataDir: host.dataDir });
    browser = await launchBrowser();
    const second = browser.page;
    await openForkpad(second, host.url);
    expect(await modelText(second)).toBe('');
    const placeholder = second.locator('.preview-pane .preview-placeholder');
    await waitUntil(() => placeholder.innerText(), (text) => text.startsWith('The document is empty'), 30_000, 'the preview to say the document is empty');
    await screenshot(second, 'second-run');

    await chooseMenu(second, ['Help', 'Welcome']);
    await waitUntil(() => modelText(second), (text) => text === welcome, 10_000, 'Help → Welcome to open the welcome document');
    await second.locator('.preview-pane h1', { hasText: 'Welcome to Forkpad' }).waitFor({ timeout: 30_000 });
    expect(await placeholder.isHidden()).toBe(true);
  });
});
