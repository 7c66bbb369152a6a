/**
 * What a browser test does to Forkpad's page, in a person's terms: open it, type, read the
 * status bar. Reads go through the page's read-only `window.__forkpad` hook; writes go through
 * the keyboard and mouse only.
 */
import type { Locator, Page } from 'playwright-core';
import type { ChangeAnswer } from '../../workers/common/host-api.ts';
import { expectAccessible } from './accessibility.ts';

export interface PaintedMarker {
  readonly owner: string;
  readonly start: number;
  readonly end: number;
  readonly message: string;
  readonly severity: number;
}

interface HookView {
  readonly ready: boolean;
  modelText(): string;
  version(): number;
  lastAnswer(): ChangeAnswer | null;
  staleAnswers(): number;
  markers(): readonly PaintedMarker[];
  durableVersion(): number | null;
  previewPatch(): { readonly created: number; readonly kept: number; readonly removed: number };
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

export function markers(page: Page): Promise<readonly PaintedMarker[]> {
  return page.evaluate(() => (globalThis as unknown as HookGlobal).__forkpad?.markers() ?? []);
}

export function durableVersion(page: Page): Promise<number | null> {
  return page.evaluate(() => (globalThis as unknown as HookGlobal).__forkpad?.durableVersion() ?? null);
}

export function previewPatch(page: Page): Promise<{ created: number; kept: number; removed: number }> {
  return page.evaluate(() => (globalThis as unknown as HookGlobal).__forkpad?.previewPatch() ?? { created: 0, kept: 0, removed: 0 });
}

/** Waits until the painted markers satisfy `test` (run in the test, polled). */
export async function waitForMarkers(
  page: Page,
  test: (painted: readonly PaintedMarker[]) => boolean,
  timeoutMs = 30_000,
): Promise<readonly PaintedMarker[]> {
  const deadline = Date.now() + timeoutMs;
  let last: readonly PaintedMarker[] = [];
  while (Date.now() < deadline) {
    last = await markers(page);
    if (test(last)) return last;
    await page.waitForTimeout(100);
  }
  throw new Error(`markers never matched; last seen: ${JSON.stringify(last)}`);
}

/** Clicks through the in-page menu bar, e.g. `['Isolation', 'Worker Threads']`. */
export async function chooseMenu(page: Page, path: readonly string[]): Promise<void> {
  const [top, ...rest] = path;
  if (top === undefined) throw new Error('empty menu path');
  await page.locator('.menu-top-button', { hasText: top }).click();
  let scope = page.locator('.menu-top', { has: page.locator('.menu-top-button', { hasText: top }) });
  for (const [index, label] of rest.entries()) {
    const row = scope.locator('.menu-list:visible .menu-item', { has: page.locator('.menu-label', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) }).first();
    await row.click();
    // A submenu's items are in its entry (the row's parent); a `has:` filter would look for the
    // row's whole chain, from the menu bar, inside the entry, and find nothing.
    if (index < rest.length - 1) scope = row.locator('xpath=..');
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Polls until `read()` satisfies `test`; returns the last value. */
export async function waitUntil<T>(read: () => Promise<T>, test: (value: T) => boolean, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!test(value)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

/** The element's `scrollTop` (the Node-side types have no DOM, so the element is described here). */
export function scrollTopOf(locator: Locator): Promise<number> {
  return locator.evaluate((element: unknown) => (element as { scrollTop: number }).scrollTop);
}

/** Vertical distance from the top of `container` to the top of `target`, in CSS pixels. */
export async function offsetWithin(target: Locator, container: Locator): Promise<number> {
  const [inner, outer] = await Promise.all([target.boundingBox(), container.boundingBox()]);
  if (!inner || !outer) throw new Error('element not rendered');
  return inner.y - outer.y;
}

/** Picks `path` in the in-page Open dialog (the web host's file picker). */
export async function pickToOpen(page: Page, path: string): Promise<void> {
  const picker = page.locator('dialog.file-picker');
  await picker.waitFor({ state: 'visible' });
  await expectAccessible(page, 'the Open dialog open');
  await picker.locator(`li[data-path="${path}"]`).click();
  await picker.locator('.modal-buttons button.primary').click();
  await picker.waitFor({ state: 'detached' });
}

/** Types `name` into the in-page Save As dialog and confirms with Enter. */
export async function pickToSave(page: Page, name: string): Promise<void> {
  const picker = page.locator('dialog.file-picker');
  await picker.waitFor({ state: 'visible' });
  await expectAccessible(page, 'the Save As dialog open');
  const field = picker.locator('input.file-picker-name');
  await field.fill(name);
  await field.press('Enter');
  await picker.waitFor({ state: 'detached' });
}

/** Text of the newest notice (toast or banner) of `level`. */
export async function waitForNotice(page: Page, level: 'info' | 'warning' | 'error', pattern: RegExp, timeoutMs = 15_000): Promise<string> {
  const notice = page.locator(`.notice[data-level="${level}"] .notice-text`, { hasText: pattern }).last();
  await notice.waitFor({ timeout: timeoutMs });
  return notice.innerText();
}

interface FrameMeterGlobal {
  __frameGaps?: number[];
  requestAnimationFrame(callback: (now: number) => void): number;
}

/** Starts recording the gaps between animation frames: a frozen page shows as one long gap. */
export async function startFrameMeter(page: Page): Promise<void> {
  await page.evaluate(() => {
    const scope = globalThis as unknown as FrameMeterGlobal;
    const gaps: number[] = [];
    scope.__frameGaps = gaps;
    let last = performance.now();
    const tick = (now: number) => {
      gaps.push(now - last);
      last = now;
      scope.requestAnimationFrame(tick);
    };
    scope.requestAnimationFrame(tick);
  });
}

/** The longest frame gap since `startFrameMeter`, ms. */
export function worstFrameGap(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(0, ...((globalThis as unknown as FrameMeterGlobal).__frameGaps ?? [])));
}
