/**
 * Issue 5's hot exit: the web host is killed with SIGKILL while the user types; after a restart
 * and a reload the unsaved text is back (everything the keystroke task had made durable) and
 * the user is told what was restored.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, startWebHost, type BrowserSession, type WebHost } from './harness.ts';
import { durableVersion, editorVersion, modelText, openForkpad, typeInEditor, waitForHostAnswer, waitForNotice, waitUntil } from './forkpad-page.ts';

const FIRST = 'Dear diary, today the host will be killed without warning.\nEvery word typed before that must come back.\n';
const SECOND = 'These words are typed while the kill happens, so some may be lost, but never garbled.';

describe('hot exit', () => {
  const hosts: WebHost[] = [];
  let browser: BrowserSession | undefined;

  afterEach(async () => {
    await browser?.close();
    for (const host of hosts.splice(0)) await host.stop();
  });

  it('restores the journaled text after SIGKILL mid-typing and says so', async () => {
    const first = await startWebHost();
    hosts.push(first);
    browser = await launchBrowser();
    const { page } = browser;
    await openForkpad(page, first.url);
    await typeInEditor(page, FIRST);
    await waitForHostAnswer(page);
    const typedVersion = await editorVersion(page);
    await waitUntil(() => durableVersion(page), (version) => version !== null && version >= typedVersion, 15_000, 'the journal to catch up');

    // Kill the host while a second sentence is being typed.
    const typing = typeInEditor(page, SECOND, 15);
    await page.waitForTimeout(300);
    await first.kill();
    await typing;

    const second = await startWebHost({ workspace: first.workspace, dataDir: first.dataDir });
    hosts.push(second);
    await openForkpad(page, second.url);
    const restored = await modelText(page);
    expect(restored.startsWith(FIRST), `restored: ${JSON.stringify(restored)}`).toBe(true);
    expect((FIRST + SECOND).startsWith(restored)).toBe(true);
    const notice = await waitForNotice(page, 'info', /restor/i);
    expect(notice.length).toBeGreaterThan(10);
    expect(await page.title()).toMatch(/^● /);
    await screenshot(page, 'hot-exit-restored');
    expect(browser.pageErrors.filter((line) => !/WebSocket|ERR_CONNECTION_REFUSED|Failed to load resource/.test(line))).toEqual([]);
  });
});
