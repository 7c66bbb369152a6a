/**
 * Scenario 8: all four tasks moved to another host kind through the Isolation menu while typing
 * goes on. The switch time runs from the menu click to the status bar showing the new model,
 * which the page does once the host answered (new hosts started, primed and swapped in). After
 * each switch, every typed key must be in Monaco, in the host's mirror and in the journal.
 */
import type { Page } from 'playwright-core';
import { documentStats } from '../../workers/common/document.ts';
import { PRESETS, type PresetId } from '../../workers/common/tasks.ts';
import { chooseMenu, durableVersion, editorVersion, modelText, openForkpad, pickToOpen, waitForHostAnswer, waitUntil } from '../../test/browser/forkpad-page.ts';
import { ROWS } from '../budgets.ts';
import type { Measurement } from '../results.ts';
import { summarize } from '../stats.ts';
import { readProbe } from './page-probes.ts';
import { allTasksReady, startBenchWebHost } from './web-session.ts';

/** Every step changes the kind of all four tasks (mix is reached only from inline). */
export const SWITCH_ORDER: readonly PresetId[] = ['processes', 'threads', 'inline', 'mix', 'inline', 'processes', 'threads', 'inline', 'mix'];
const CHUNK = 'and so the words keep coming ';
const KEY_DELAY_MS = 30;
const SWITCH_TIMEOUT_MS = 30_000;
const DOCUMENT = 'bench-switching.md';

interface SwitchOutcome {
  readonly target: PresetId;
  readonly ms: number;
  readonly keysLost: number;
  readonly problem?: string;
}

/** Types until the status bar shows `label` (or the deadline passes); returns when it changed. */
async function typeUntilSwitched(page: Page, label: string, clickAt: number, typed: string[]): Promise<number> {
  const deadline = performance.now() + SWITCH_TIMEOUT_MS;
  let chunk = 0;
  for (;;) {
    const text = CHUNK.slice((chunk * 5) % CHUNK.length, ((chunk * 5) % CHUNK.length) + 5) || 'words';
    await page.keyboard.type(text, { delay: KEY_DELAY_MS });
    typed.push(text);
    chunk += 1;
    const change = (await readProbe(page)).isolationChanges.find((entry) => entry.at > clickAt && entry.text === label);
    if (change) return change.at;
    if (performance.now() > deadline) throw new Error(`the switch to ${label} was not answered within ${SWITCH_TIMEOUT_MS} ms`);
  }
}

/** Keys missing from the editor, the host's mirror or the journal after a switch (0 when none). */
async function keysLost(page: Page, expected: string): Promise<{ lost: number; problem?: string }> {
  const answer = await waitForHostAnswer(page, 30_000);
  const version = await editorVersion(page);
  await waitUntil(() => durableVersion(page), (durable) => durable === version, 10_000, 'the journal to hold the newest version').catch(() => undefined); // Judged just below.
  const [text, durable] = [await modelText(page), await durableVersion(page)];
  if (text !== expected) return { lost: Math.max(1, Math.abs(expected.length - text.length)), problem: 'the editor’s text differs from what was typed' };
  if (answer.stats.characters !== documentStats(expected).characters) return { lost: Math.abs(answer.stats.characters - documentStats(expected).characters), problem: 'the host’s mirror differs' };
  if (durable !== version) return { lost: version - (durable ?? 0), problem: `the journal holds version ${durable} of ${version}` };
  return { lost: 0 };
}

async function switchTo(page: Page, target: PresetId, typed: string[], initial: string): Promise<SwitchOutcome> {
  const label = PRESETS.find((preset) => preset.id === target)?.label ?? target;
  const clicksBefore = (await readProbe(page)).clicks.length;
  await chooseMenu(page, ['Isolation', label]);
  const click = (await readProbe(page)).clicks.slice(clicksBefore).findLast((entry) => entry.text.includes(label));
  if (!click) throw new Error(`no click on the ${label} menu item was seen`);
  const answeredAt = await typeUntilSwitched(page, label, click.at, typed);
  // A few more keys right after the swap: the new hosts must take them too.
  for (let extra = 0; extra < 2; extra++) {
    await page.keyboard.type('more ', { delay: KEY_DELAY_MS });
    typed.push('more ');
  }
  const lost = await keysLost(page, initial + typed.join(''));
  return { target, ms: answeredAt - click.at, keysLost: lost.lost, ...(lost.problem ? { problem: lost.problem } : {}) };
}

export async function measureSwitching(page: Page, switches: number, document: string): Promise<Measurement[]> {
  const start = PRESETS.find((preset) => preset.id === 'threads');
  if (!start) throw new Error('no threads preset');
  const web = await startBenchWebHost(start.model, [{ name: DOCUMENT, text: document }]);
  const outcomes: SwitchOutcome[] = [];
  try {
    await openForkpad(page, web.host.url);
    await allTasksReady(web, 30_000);
    await chooseMenu(page, ['File', 'Open…']);
    await pickToOpen(page, DOCUMENT);
    await waitUntil(() => modelText(page), (text) => text === document, 30_000, 'the document in the editor');
    await page.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('Control+End');
    const typed: string[] = [];
    for (const target of SWITCH_ORDER.slice(0, switches)) outcomes.push(await switchTo(page, target, typed, document));
  } finally {
    await web.stop();
  }
  const measurements: Measurement[] = [];
  for (const column of [...new Set(outcomes.map((outcome) => outcome.target))]) {
    const mine = outcomes.filter((outcome) => outcome.target === column);
    const times = mine.map((outcome) => outcome.ms);
    const problems = mine.filter((outcome) => outcome.problem).map((outcome) => outcome.problem);
    measurements.push(
      { scenario: 8, row: ROWS.switchReady, column, value: Math.max(...times), unit: 'ms', summary: summarize(times), note: `worst of ${times.length} switch(es) into ${column}` },
      { scenario: 8, row: ROWS.keysLost, column, value: mine.reduce((sum, outcome) => sum + outcome.keysLost, 0), unit: 'count', ...(problems.length > 0 ? { note: problems.join('; ') } : {}) },
    );
  }
  return measurements;
}
