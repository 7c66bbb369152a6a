/**
 * The benchmark's bare-Monaco control page (bench/browser/bare-editor) is built and served the
 * way the bench does it, loads under Forkpad's content security policy without an error, takes
 * typing, and has Forkpad's editor options (word wrap among them): a control that drifted from
 * the editor it stands for would measure something else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBareEditorSite, type BareEditorSite } from '../../bench/browser/bare-editor/bare-editor-site.ts';
import type { BareEditorHandle } from '../../bench/browser/bare-editor/handle.ts';
import { launchBrowser, type BrowserSession } from './harness.ts';

let site: BareEditorSite | undefined;
let browser: BrowserSession | undefined;

beforeAll(async () => {
  [site, browser] = await Promise.all([startBareEditorSite(), launchBrowser()]);
});

afterAll(async () => {
  await Promise.all([browser?.close(), site?.close()]);
});

type BareGlobal = { __bareEditor?: BareEditorHandle };

describe('the bare-Monaco control page of scenario 5', () => {
  it('loads under the CSP, takes typing and wraps long lines as Forkpad’s editor does', async () => {
    if (!site || !browser) throw new Error('not started');
    const { page } = browser;
    await page.goto(site.url);
    await page.waitForFunction(() => (globalThis as BareGlobal).__bareEditor !== undefined, undefined, { timeout: 30_000 });
    const paragraph = 'A long paragraph of prose that goes on well past the width of the editor pane. '.repeat(6);
    await page.evaluate((text) => (globalThis as BareGlobal).__bareEditor?.setText(text), paragraph);
    await page.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('Typed: ');
    expect(await page.evaluate(() => (globalThis as BareGlobal).__bareEditor?.text())).toBe(`Typed: ${paragraph}`);
    // One model line, several view lines: word wrap is on (EDITOR_OPTIONS; Monaco's default is off).
    expect(await page.locator('.monaco-editor .view-line').count()).toBeGreaterThan(3);
    expect(browser.pageErrors).toEqual([]);
  });
});
