/**
 * Issue 12 as a user sees it in the task monitor: thread tasks read the one shared document, so
 * their Copied column stays at 0 B while the user types, and processes are sent copies; the Race
 * fault tears reads without the seqlock and none with it, and a process has nothing to race on.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { TASK_IDS } from '../../workers/common/tasks.ts';
import { screenshot } from './harness.ts';
import { chooseMenu, modelText, openForkpad, pickToOpen, typeInEditor, waitForHostAnswer, waitForNotice, waitUntil } from './forkpad-page.ts';
import { cell, openMonitor, rowAction, waitForTasks } from './monitor-page.ts';
import { freshWebSession } from './web-session.ts';

const READERS = ['spellcheck', 'grammar'] as const;

/** A cell such as "0 B", "1.2 KB" or "3 MB" in bytes; NaN for an empty cell. */
function bytesOf(text: string): number {
  const match = /^([\d.,]+)\s*(B|KB|MB|GB)$/.exec(text.trim());
  if (!match?.[1] || !match[2]) return Number.NaN;
  const scale = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 }[match[2] as 'B' | 'KB' | 'MB' | 'GB'];
  return Number.parseFloat(match[1].replace(/,/g, '')) * scale;
}

/** Types a word at a time for `rounds` monitor samples, and returns each task's Copied readings. */
async function copiedWhileTyping(page: Page, rounds: number): Promise<Record<(typeof READERS)[number], number[]>> {
  const seen = { spellcheck: [] as number[], grammar: [] as number[] };
  for (let round = 0; round < rounds; round += 1) {
    await typeInEditor(page, ` word${round}`, 20);
    await waitForHostAnswer(page);
    await page.waitForTimeout(600); // Past the next sample (the monitor refreshes every 500 ms here).
    for (const task of READERS) seen[task].push(bytesOf(await cell(page, `task:${task}`, 'copied')));
  }
  return seen;
}

/** The race's line in the fault list once it is over: its torn and locked counts. */
async function raceTally(page: Page, task: string): Promise<{ torn: number; unlocked: number; lockedTorn: number; text: string }> {
  const entry = page.locator(`.fault-list li[data-task="${task}"]`).first();
  const text = await waitUntil(() => entry.innerText(), (line) => /Raced on/.test(line), 30_000, `the ${task} race to finish`);
  const number = (pattern: RegExp) => Number((pattern.exec(text)?.[1] ?? 'NaN').replace(/,/g, ''));
  return {
    torn: number(/([\d,]+) torn of [\d,]+ reads without the seqlock/),
    unlocked: number(/torn of ([\d,]+) reads without the seqlock/),
    lockedTorn: number(/locked reads, ([\d,]+) torn/),
    text,
  };
}

describe('the shared document in the monitor', () => {
  const session = freshWebSession();

  it('shows Copied 0 B for thread spellcheck and grammar while typing, and copies under Processes', async () => {
    const { host, browser } = session();
    const { page } = browser;
    await openForkpad(page, host.url);
    const monitor = await openMonitor(page);
    await page.locator('.monitor-refresh select').selectOption('500');
    await chooseMenu(page, ['Isolation', 'Worker Threads']);
    await waitForTasks(page, TASK_IDS, 'thread', 'ready');
    await typeInEditor(page, 'Teh shared document is read in place by every thread.');
    await waitForHostAnswer(page);
    const threads = await copiedWhileTyping(page, 4);
    for (const task of READERS) expect(threads[task], `${task} under threads`).toEqual([0, 0, 0, 0]);
    await expect.poll(() => monitor.innerText(), { timeout: 10_000 }).toMatch(/held once in shared memory.*no process holds a copy/s);
    await screenshot(page, 'shared-memory-copied-threads');

    await chooseMenu(page, ['Isolation', 'Processes']);
    await waitForTasks(page, TASK_IDS, 'process', 'ready');
    const processes = await copiedWhileTyping(page, 4);
    // Each edit is sent to a process as a copy, so some sample of each task shows bytes.
    for (const task of READERS) expect(processes[task].some((bytes) => bytes > 0), `${task} under processes: ${processes[task].join(', ')}`).toBe(true);
    await expect.poll(() => monitor.innerText(), { timeout: 10_000 }).toMatch(/\d process copies of/);
    await screenshot(page, 'shared-memory-copied-processes');
  });

  it('races a thread task on the shared document: torn reads without the seqlock, none with it; a process refuses', async () => {
    const { host, browser } = session();
    const { page } = browser;
    // A document of some size, so one rewrite by the session takes long enough to be caught mid-way.
    const paragraph = 'The quick brown fox jumps over the lazy dog while the host rewrites the text. ';
    const text = `${paragraph.repeat(1_200)}\n`;
    await writeFile(join(host.workspace, 'race.md'), text);
    await openForkpad(page, host.url);
    await chooseMenu(page, ['File', 'Open…']);
    await pickToOpen(page, 'race.md');
    await waitUntil(() => modelText(page), (model) => model === text, 15_000, 'the race document');
    await openMonitor(page);
    await chooseMenu(page, ['Isolation', 'Worker Threads']);
    await waitForTasks(page, TASK_IDS, 'thread', 'ready');

    await rowAction(page, 'render', /^Inject race/);
    const tally = await raceTally(page, 'render');
    expect(tally.unlocked, tally.text).toBeGreaterThan(0);
    expect(tally.torn, tally.text).toBeGreaterThan(0);
    expect(tally.lockedTorn, tally.text).toBe(0);
    expect(tally.text).toMatch(/No marker comes from a torn read/);
    // The race wrote the shared copy, never the user's text.
    expect(await modelText(page)).toBe(text);
    await screenshot(page, 'shared-memory-race');

    await chooseMenu(page, ['Isolation', 'Processes']);
    await waitForTasks(page, TASK_IDS, 'process', 'ready');
    await rowAction(page, 'spellcheck', /^Inject race/);
    await waitForNotice(page, 'error', /no shared memory to race on/);
    expect(await modelText(page)).toBe(text);
  });
});
