/**
 * Scenario 7: start-up, as a new user meets it. Each repeat launches Chromium with a fresh,
 * empty profile (no HTTP cache, no V8 code cache: what the first load after a build is, since a
 * build renames every bundle), lets it settle, starts the built web host under the model and
 * opens the page the moment the host prints its URL, as a window opens while an app's tasks
 * still load. Measured: page navigation to the first key that lands in Monaco (keys are pressed
 * as soon as Monaco's input exists, and again until one lands), and host spawn to the fourth task
 * host logging ready. That cold figure is the budgeted one. Beside it, in the same profile: a
 * reload with the tasks running, and a warm start (a new host, the browser and its cache warm).
 *
 * The bare controls run the same way in fresh profiles: a blank page's load, and Forkpad's editor
 * alone (bare Monaco, the same build and options) from navigation to a typed key. They say what
 * this browser on this machine needs before Forkpad does anything.
 */
import { createServer } from 'node:http';
import type { Page } from 'playwright-core';
import { PRESETS, type PresetId } from '../../workers/common/tasks.ts';
import { launchBrowser, type BrowserSession } from '../../test/browser/harness.ts';
import { BARE_CONTROL, ROWS } from '../budgets.ts';
import type { Measurement } from '../results.ts';
import { median, summarize } from '../stats.ts';
import { startBareEditorSite } from './bare-editor/bare-editor-site.ts';
import { allTasksReady, startBenchWebHost } from './web-session.ts';

type HookGlobal = { __forkpad?: { modelText(): string }; __bareEditor?: { text(): string } };
const KEY_RETRY_MS = 100;
/** Monaco's keyboard input: a native EditContext element where Chromium has the API, else its textarea. */
const EDITOR_INPUT = '.monaco-editor .native-edit-context, .monaco-editor textarea.inputarea';
const START_TIMEOUT_MS = 30_000;
/** A fresh Chromium is still starting its own processes for a moment; a user's browser is already up. */
const BROWSER_SETTLE_MS = 1_000;

/** The page's own start-up marks (renderer/src/main.ts), ms from navigation start. */
const MARKS = { hello: 'forkpad:hello', editor: 'forkpad:editor' } as const;

interface Landing {
  readonly landed: number;
  readonly loadEvent: number;
  /** When the host's hello answer and the built editor were there, by the page's marks. */
  readonly hello: number;
  readonly editor: number;
}

function navigationTiming(page: Page): Promise<Omit<Landing, 'landed'>> {
  return page.evaluate((marks) => {
    // The page's Performance has navigation entries and marks; Node's typings (the bench has no DOM library) do not list them.
    const performance = globalThis.performance as unknown as { getEntriesByType(type: string): { loadEventEnd?: number }[]; getEntriesByName(name: string): { startTime: number }[] };
    const mark = (name: string) => performance.getEntriesByName(name)[0]?.startTime ?? Number.NaN;
    return { loadEvent: performance.getEntriesByType('navigation')[0]?.loadEventEnd ?? Number.NaN, hello: mark(marks.hello), editor: mark(marks.editor) };
  }, MARKS);
}

/** ms from navigation start (the page's time origin) until a pressed key is in Monaco's model. */
async function firstKeyLanded(page: Page, url: string, key: string): Promise<Landing> {
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForSelector(EDITOR_INPUT, { state: 'attached', timeout: START_TIMEOUT_MS });
  const deadline = performance.now() + START_TIMEOUT_MS;
  for (;;) {
    await page.focus(EDITOR_INPUT);
    await page.keyboard.press(`Key${key.toUpperCase()}`);
    const landed = await page
      .waitForFunction((char) => {
        const hooks = globalThis as unknown as HookGlobal;
        const text = hooks.__forkpad?.modelText() ?? hooks.__bareEditor?.text() ?? '';
        return text.includes(char) ? performance.now() : false;
      }, key, { timeout: KEY_RETRY_MS, polling: 'raf' })
      .then((handle) => handle.jsonValue() as Promise<number>)
      .catch(() => undefined); // Not yet: Monaco may not take keys this early; the key is pressed again.
    if (landed !== undefined) return { landed, ...(await navigationTiming(page)) };
    if (performance.now() > deadline) throw new Error(`no key landed in the editor within ${START_TIMEOUT_MS} ms of opening ${url}`);
  }
}

/** A fresh profile, settled, closed (and its folder removed) after `use`. */
async function inFreshBrowser<T>(use: (session: BrowserSession) => Promise<T>): Promise<T> {
  const session = await launchBrowser();
  try {
    await new Promise((resolve) => setTimeout(resolve, BROWSER_SETTLE_MS));
    return await use(session);
  } finally {
    await session.close();
  }
}

export async function measureStartup(column: PresetId, repeats: number): Promise<Measurement[]> {
  const preset = PRESETS.find((candidate) => candidate.id === column);
  if (!preset) throw new Error(`unknown model ${column}`);
  const samples = { typed: [] as number[], ready: [] as number[], reload: [] as number[], warm: [] as number[], warmReady: [] as number[], loads: [] as number[], hellos: [] as number[], editors: [] as number[] };
  for (let repeat = 0; repeat < repeats; repeat++) {
    await inFreshBrowser(async ({ page }) => {
      const web = await startBenchWebHost(preset.model, []);
      try {
        const cold = await firstKeyLanded(page, web.host.url, 'q');
        samples.typed.push(cold.landed);
        samples.loads.push(cold.loadEvent);
        samples.hellos.push(cold.hello);
        samples.editors.push(cold.editor);
        samples.ready.push((await allTasksReady(web, START_TIMEOUT_MS)) - web.spawnedAt);
        // A different letter: the document still holds the 'q' typed above.
        samples.reload.push((await firstKeyLanded(page, web.host.url, 'z')).landed);
      } finally {
        await web.stop();
      }
      // Forkpad started again in the same browser: its processes and cache warm, the host new.
      const again = await startBenchWebHost(preset.model, []);
      try {
        samples.warm.push((await firstKeyLanded(page, again.host.url, 'w')).landed);
        samples.warmReady.push((await allTasksReady(again, START_TIMEOUT_MS)) - again.spawnedAt);
      } finally {
        await again.stop();
      }
    });
  }
  const note = `first load in a fresh Chromium profile, median of ${repeats}`;
  const row = (name: string, values: number[]) => ({ scenario: 7, row: name, column, value: median(values), unit: 'ms' as const, summary: summarize(values) });
  return [
    { ...row(ROWS.typingReady, samples.typed), note },
    { ...row(ROWS.tasksReady, samples.ready), note },
    // The page asks the host for hello while the editor's code loads, so the load event does not wait for Monaco.
    row('page load event (cold)', samples.loads),
    row('host answered hello (cold)', samples.hellos),
    row('editor built (cold)', samples.editors),
    row('page reload → typed key (tasks already running)', samples.reload),
    row('warm start: page load → typed key (browser warm, new host)', samples.warm),
    row('warm start: host start → all four tasks ready', samples.warmReady),
  ];
}

/** A blank page served over HTTP from this process: the least any page load costs here. */
async function blankPageLoad(page: Page): Promise<number> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    response.end('<!doctype html><title>blank</title><p>blank</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('the blank page has no port');
    await page.goto(`http://127.0.0.1:${address.port}/`, { waitUntil: 'load' });
    return (await navigationTiming(page)).loadEvent;
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** The bare controls of scenario 7, each in fresh profiles, `repeats` times. */
export async function measureStartupControls(repeats: number): Promise<Measurement[]> {
  const blank: number[] = [];
  const bare: number[] = [];
  const bareReload: number[] = [];
  const site = await startBareEditorSite();
  try {
    for (let repeat = 0; repeat < repeats; repeat++) {
      await inFreshBrowser(async ({ page }) => {
        blank.push(await blankPageLoad(page));
        bare.push((await firstKeyLanded(page, site.url, 'q')).landed);
        bareReload.push((await firstKeyLanded(page, site.url, 'z')).landed);
      });
    }
  } finally {
    await site.close();
  }
  const row = (name: string, values: number[], note?: string) => ({ scenario: 7, row: name, column: BARE_CONTROL, value: median(values), unit: 'ms' as const, summary: summarize(values), ...(note ? { note } : {}) });
  return [
    row(ROWS.blankPageLoad, blank, `fresh Chromium profile, median of ${repeats}`),
    row(ROWS.typingReady, bare, `Forkpad’s editor alone (bare Monaco), fresh profile, median of ${repeats}`),
    row('page reload → typed key (tasks already running)', bareReload),
  ];
}
