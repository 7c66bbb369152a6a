/**
 * Scenario 5: typing into Monaco in headless Chromium while grammar checks a freshly opened
 * 200 KB document. Chromium reports a keydown's Event Timing entry only from 16 ms up (the
 * lowest threshold the API allows), so unreported keydowns count as under 16 ms; every keydown's
 * time to the next painted frame is measured beside it, for the whole distribution.
 */
import type { Page } from 'playwright-core';
import { ascending, nearestRank } from '../../workers/common/percentile.ts';
import { PRESETS, type PresetId } from '../../workers/common/tasks.ts';
import { chooseMenu, modelText, openForkpad, pickToOpen, statusSegment, waitForHostAnswer, waitUntil } from '../../test/browser/forkpad-page.ts';
import { BARE_MONACO, ROWS } from '../budgets.ts';
import type { Measurement } from '../results.ts';
import { summarize } from '../stats.ts';
import { readProbe, resetProbe, type PageProbe } from './page-probes.ts';
import { startBareEditorSite } from './bare-editor/bare-editor-site.ts';
import type { BareEditorHandle } from './bare-editor/handle.ts';
import { allTasksReady, startBenchWebHost } from './web-session.ts';
import { BACKGROUND_NICE, lowerBackgroundTasks } from '../host/priority.ts';

/** Event Timing's lowest reporting threshold, ms. */
export const EVENT_TIMING_FLOOR_MS = 16;
const KEY_DELAY_MS = 35;
const PROSE = 'We recieve letters every morning and answer them with care, because an reply matters. ';
const DOCUMENT = 'bench-typing.md';

/**
 * p95 of `count` keydowns of which only those at or over the floor have a duration: when the
 * 95th percentile falls among the unreported ones, it is below the floor (reported as the floor).
 */
export function eventTimingP95(count: number, reported: readonly number[]): { value: number; belowFloor: boolean } {
  const sorted = ascending(reported);
  const unreported = Math.max(0, count - sorted.length);
  const rank = nearestRank(count, 95);
  if (rank <= unreported) return { value: EVENT_TIMING_FLOOR_MS, belowFloor: true };
  return { value: sorted[rank - unreported - 1] ?? Number.NaN, belowFloor: false };
}

export function typedText(keys: number): string {
  let text = '';
  while (text.length < keys) text += PROSE;
  return text.slice(0, keys);
}

export interface TypingOptions {
  /** Lower the background task hosts' OS priority first (the scheduling question). */
  readonly lowerPriority?: boolean;
  /** Appended to every row name: what sets this run apart (a control, a lower priority). */
  readonly variant?: string;
  /** The table column, when not the model's name (a control run). */
  readonly column?: string;
}

/** Opens `document` from the workspace in the editor; an empty one is the untitled document already there. */
async function openDocument(page: Page, document: string): Promise<void> {
  if (document === '') return;
  await chooseMenu(page, ['File', 'Open…']);
  await pickToOpen(page, DOCUMENT);
  await waitUntil(() => modelText(page), (text) => text.length === document.length, 30_000, 'the 200 KB document in the editor');
}

/** Types `keys` keys at the top of the focused editor and returns what the page probe saw. */
async function typeAtTop(page: Page, keys: number): Promise<{ typed: string; probe: PageProbe }> {
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+Home');
  await page.waitForTimeout(100);
  await resetProbe(page);
  const typed = typedText(keys);
  await page.keyboard.type(typed, { delay: KEY_DELAY_MS });
  return { typed, probe: await readProbe(page) };
}

/** The scenario's rows for one run: Event Timing p95 (the budget), the slow-key count, and keydown → next frame. */
function typingRows(probe: PageProbe, keys: number, column: string, variant: string, note: string): Measurement[] {
  const count = probe.keydowns.length;
  const p95 = eventTimingP95(count, probe.eventTiming.map((entry) => entry.duration));
  const frames = summarize(probe.keydowns.map((entry) => entry.nextFrame));
  const over = probe.eventTiming.filter((entry) => entry.duration > EVENT_TIMING_FLOOR_MS).length;
  const fullNote = `${count} keydowns at ${Math.round(1000 / KEY_DELAY_MS)} keys/s; ${p95.belowFloor ? 'p95 below Event Timing’s 16 ms reporting floor' : 'p95 from reported entries'}; ${note}`;
  return [
    { scenario: 5, row: `${ROWS.keydownP95}${variant}`, column, value: count >= keys ? p95.value : null, unit: 'ms', note: count >= keys ? fullNote : `only ${count} of ${keys} keydowns were seen` },
    { scenario: 5, row: `${ROWS.keydownsOver}${variant}`, column, value: over, unit: 'count' },
    { scenario: 5, row: `keydown → next frame p95${variant}`, column, value: frames.p95, unit: 'ms', summary: frames },
    { scenario: 5, row: `keydown → next frame median${variant}`, column, value: frames.p50, unit: 'ms' },
  ];
}

export async function measureTyping(page: Page, model: PresetId, keys: number, document: string, options: TypingOptions = {}): Promise<Measurement[]> {
  const preset = PRESETS.find((candidate) => candidate.id === model);
  if (!preset) throw new Error(`unknown model ${model}`);
  const column = options.column ?? model;
  const lowerPriority = options.lowerPriority === true;
  const web = await startBenchWebHost(preset.model, [{ name: DOCUMENT, text: document }]);
  try {
    await openForkpad(page, web.host.url);
    await allTasksReady(web, 30_000);
    const lowered = lowerPriority ? await lowerBackgroundTasks([...web.placed.values()]) : [];
    const variant = options.variant ?? (lowerPriority ? `, background tasks at nice ${BACKGROUND_NICE}` : '');
    await openDocument(page, document);
    const { typed } = await typeAtTop(page, keys);
    const progress = await statusSegment(page, 'progress');
    await waitForHostAnswer(page, 60_000);
    await page.waitForTimeout(300); // Event Timing entries are delivered after the frame they end in.
    const probe = await readProbe(page);
    const text = await modelText(page);
    if (!text.startsWith(typed)) throw new Error(`typed text did not arrive intact under ${column}`);
    const checking = /Grammar: checking/.test(progress) ? `grammar was still checking when typing ended (${progress})` : `grammar had finished when typing ended`;
    const priority = lowered.length > 0 ? `; lowered: ${lowered.join(', ')}` : '';
    return typingRows(probe, keys, column, variant, `${checking}${priority}`);
  } finally {
    await web.stop();
  }
}

/**
 * The same typing into the bare-Monaco control page (bench/browser/bare-editor): Forkpad's editor
 * with the same document and options and nothing else. Its p95 is the floor this browser and
 * machine allow any Monaco-based editor, the ceiling rule of scenario 5's budget.
 */
export async function measureBareTyping(page: Page, keys: number, document: string): Promise<Measurement[]> {
  const site = await startBareEditorSite();
  try {
    await page.goto(site.url);
    await page.waitForFunction(() => (globalThis as { __bareEditor?: unknown }).__bareEditor !== undefined, undefined, { timeout: 30_000 });
    await page.evaluate((text) => (globalThis as unknown as { __bareEditor: BareEditorHandle }).__bareEditor.setText(text), document);
    const { typed } = await typeAtTop(page, keys);
    await page.waitForTimeout(300); // Event Timing entries are delivered after the frame they end in.
    const probe = await readProbe(page);
    const text = await page.evaluate(() => (globalThis as unknown as { __bareEditor: BareEditorHandle }).__bareEditor.text());
    if (!text.startsWith(typed)) throw new Error('typed text did not arrive intact in the bare editor');
    return typingRows(probe, keys, BARE_MONACO, '', 'Monaco alone: no host, tasks, preview, status bar or problem markers');
  } finally {
    await site.close();
  }
}
