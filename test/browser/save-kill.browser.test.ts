/**
 * Issue 5's atomic save, end to end: the web host is killed with SIGKILL at different moments
 * of saving a large file. Each time the file on disk is exactly the old or exactly the new
 * content, never a truncated mix.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, startWebHost, type BrowserSession, type WebHost } from './harness.ts';
import { chooseMenu, modelText, openForkpad, pickToOpen, waitForHostAnswer, waitUntil } from './forkpad-page.ts';

/** About 6 MB of prose lines: large enough that writing it takes a while. */
function largeText(): string {
  const line = 'The quick brown fox jumps over the lazy dog while the journal keeps every keystroke.\n';
  return line.repeat(Math.ceil((6 * 1024 * 1024) / line.length));
}

describe('save interrupted by a kill', () => {
  const hosts: WebHost[] = [];
  let browser: BrowserSession | undefined;

  afterEach(async () => {
    await browser?.close();
    for (const host of hosts.splice(0)) await host.stop();
  });

  it('leaves the old or the new file, never a truncated one', async () => {
    const old = largeText();
    const outcomes: string[] = [];
    browser = await launchBrowser();
    const { page } = browser;
    for (const delayMs of [0, 10, 30, 80]) {
      const host = await startWebHost();
      hosts.push(host);
      const path = join(host.workspace, 'big.md');
      await writeFile(path, old);
      await openForkpad(page, host.url);
      await chooseMenu(page, ['File', 'Open…']);
      await pickToOpen(page, 'big.md');
      await waitUntil(() => page.evaluate(() => (globalThis as unknown as { __forkpad: { modelText(): string } }).__forkpad.modelText().length), (length) => length === old.length, 60_000, 'the large file to open');
      await page.locator('.monaco-editor .view-lines').click();
      await page.keyboard.press('Control+Home');
      await page.keyboard.type('NEW ');
      await waitForHostAnswer(page, 60_000);
      await page.keyboard.press('Control+S');
      await page.waitForTimeout(delayMs);
      await host.kill();
      const onDisk = await readFile(path, 'utf8');
      const outcome = onDisk === old ? 'old' : onDisk === `NEW ${old}` ? 'new' : `corrupt (${onDisk.length} of ${old.length + 4} characters)`;
      outcomes.push(`${delayMs} ms: ${outcome}`);
      expect(outcome === 'old' || outcome === 'new', outcomes.join('; ')).toBe(true);
    }
    await screenshot(page, 'save-kill-last');
    console.log(`[save-kill] ${outcomes.join('; ')}`);
    expect(await modelText(page)).toMatch(/^NEW /);
  });
});
