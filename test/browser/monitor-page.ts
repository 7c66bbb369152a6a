/**
 * The task monitor as a test sees it: open it, read a row's cells, use a row's action menu.
 */
import type { Locator, Page } from 'playwright-core';
import type { TaskId } from '../../workers/common/tasks.ts';
import { expectAccessible } from './accessibility.ts';
import { waitUntil } from './forkpad-page.ts';

export async function openMonitor(page: Page): Promise<Locator> {
  const panel = page.locator('section.monitor-panel');
  if (!(await panel.isVisible())) await page.keyboard.press('Control+Shift+M');
  await panel.waitFor({ state: 'visible' });
  await expectAccessible(page, 'the monitor open');
  return panel;
}

export function row(page: Page, key: string): Locator {
  return page.locator(`section.monitor-panel tr[data-key="${key}"]`);
}

export function cell(page: Page, key: string, column: string): Promise<string> {
  return row(page, key).locator(`td[data-column="${column}"]`).innerText();
}

/** A CPU cell as a number (percent), NaN while measuring. */
export async function cpu(page: Page, key: string): Promise<number> {
  return Number.parseFloat(await cell(page, key, 'cpu'));
}

/** The pid and, for threads and inline tasks, the thread id, from a row's "PID · TID" cell. */
export async function where(page: Page, key: string): Promise<{ pid: number; threadId: number | null }> {
  const text = await cell(page, key, 'id');
  const match = /^(\d+)(?: · t(\d+))?$/.exec(text.trim());
  if (!match?.[1]) return { pid: Number.NaN, threadId: null };
  return { pid: Number(match[1]), threadId: match[2] === undefined ? null : Number(match[2]) };
}

export async function states(page: Page, tasks: readonly TaskId[]): Promise<string[]> {
  return Promise.all(tasks.map((task) => cell(page, `task:${task}`, 'state')));
}

/** Waits until every task row shows `kind` and `state`. */
export async function waitForTasks(page: Page, tasks: readonly TaskId[], kind: string, state: string, timeoutMs = 60_000): Promise<void> {
  await waitUntil(
    () => Promise.all(tasks.map(async (task) => `${await cell(page, `task:${task}`, 'kind')} ${await cell(page, `task:${task}`, 'state')}`)),
    (seen) => seen.every((entry) => entry === `${kind} ${state}`),
    timeoutMs,
    `every task to be ${kind} and ${state}`,
  );
}

/** Opens a task row's action menu and chooses the item whose text matches `label`. */
export async function rowAction(page: Page, task: TaskId, label: RegExp): Promise<void> {
  await row(page, `task:${task}`).locator('button.monitor-actions').click();
  const menu = page.locator('.action-menu');
  await menu.waitFor({ state: 'visible' });
  // Near the left edge: the busy item holds a number field in its middle.
  await menu.locator('.menu-item', { hasText: label }).first().click({ position: { x: 8, y: 8 } });
}
