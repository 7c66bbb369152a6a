/**
 * What a browser test does to Forkpad's page, in a person's terms: open it, type, read the
 * status bar. Reads go through the page's read-only `window.__forkpad` hook; writes go through
 * the keyboard and mouse only.
 */
import type { Page } from 'playwright-core';
import type { ChangeAnswer } from '../../workers/common/host-api.ts';

interface HookView {
  readonly ready: boolean;
  modelText(): string;
  version(): number;
  lastAnswer(): ChangeAnswer | null;
  staleAnswers(): number;
}

/**
 * The page's global object as the callbacks below see it: they are serialized and run inside the
 * page, so each names `globalThis` itself rather than calling a helper from this module.
 */
type HookGlobal = { __forkpad?: HookView };

export async function openForkpad(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => (globalThis as unknown as HookGlobal).__forkpad?.ready === true, undefined, { timeout: 30_000 });
  await page.locator('.monaco-editor .view-lines').waitFor({ state: 'visible' });
}

/** Clicks into the editor at the end of the text and types as a person would, key by key. */
export async function typeInEditor(page: Page, text: string, delayMs = 0): Promise<void> {
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text, { delay: delayMs });
}

export function modelText(page: Page): Promise<string> {
  return page.evaluate(() => (globalThis as unknown as HookGlobal).__forkpad?.modelText() ?? '');
}

export function editorVersion(page: Page): Promise<number> {
  return page.evaluate(() => (globalThis as unknown as HookGlobal).__forkpad?.version() ?? -1);
}

export function lastAnswer(page: Page): Promise<ChangeAnswer | null> {
  return page.evaluate(() => (globalThis as unknown as HookGlobal).__forkpad?.lastAnswer() ?? null);
}

/** Waits until the host answered the editor's newest version; returns that answer. */
export async function waitForHostAnswer(page: Page, timeoutMs = 15_000): Promise<ChangeAnswer> {
  await page.waitForFunction(
    () => {
      const hook = (globalThis as unknown as HookGlobal).__forkpad;
      return hook !== undefined && hook.lastAnswer()?.version === hook.version();
    },
    undefined,
    { timeout: timeoutMs },
  );
  const answer = await lastAnswer(page);
  if (!answer) throw new Error('the host answered, then the answer vanished');
  return answer;
}

export function statusSegment(page: Page, segment: string): Promise<string> {
  return page.locator(`.status-bar [data-segment="${segment}"]`).innerText();
}
