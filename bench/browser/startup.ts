/**
 * Scenario 7: start-up. The built web host starts under the model; the page is opened the moment
 * the host prints its URL, as a window opens while an app's tasks still load. Measured: page
 * navigation to the first key that lands in Monaco (keys are pressed as soon as Monaco's input
 * exists, and again until one lands), and host spawn to the fourth task host logging ready.
 */
import type { Page } from 'playwright-core';
import { PRESETS, type PresetId } from '../../workers/common/tasks.ts';
import { ROWS } from '../budgets.ts';
import type { Measurement } from '../results.ts';
import { median, summarize } from '../stats.ts';
import { allTasksReady, startBenchWebHost } from './web-session.ts';

type HookGlobal = { __forkpad?: { modelText(): string } };
const KEY_RETRY_MS = 100;
/** Monaco's keyboard input: a native EditContext element where Chromium has the API, else its textarea. */
const EDITOR_INPUT = '.monaco-editor .native-edit-context, .monaco-editor textarea.inputarea';
const START_TIMEOUT_MS = 30_000;

/** The page's own start-up marks (renderer/src/main.ts), ms from navigation start. */
const MARKS = { hello: 'forkpad:hello', editor: 'forkpad:editor' } as const;

interface Landing {
  readonly landed: number;
  readonly loadEvent: number;
  /** When the host's hello answer and the built editor were there, by the page's marks. */
  readonly hello: number;
  readonly editor: number;
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
      .waitForFunction((char) => ((globalThis as unknown as HookGlobal).__forkpad?.modelText().includes(char) ? performance.now() : false), key, { timeout: KEY_RETRY_MS, polling: 'raf' })
      .then((handle) => handle.jsonValue() as Promise<number>)
      .catch(() => undefined); // Not yet: Monaco may not take keys this early; the key is pressed again.
    if (landed !== undefined) {
      const timing = await page.evaluate((marks) => {
        // The page's Performance has navigation entries and marks; Node's typings (the bench has no DOM library) do not list them.
        const performance = globalThis.performance as unknown as { getEntriesByType(type: string): { loadEventEnd?: number }[]; getEntriesByName(name: string): { startTime: number }[] };
        const mark = (name: string) => performance.getEntriesByName(name)[0]?.startTime ?? Number.NaN;
        return { loadEvent: performance.getEntriesByType('navigation')[0]?.loadEventEnd ?? Number.NaN, hello: mark(marks.hello), editor: mark(marks.editor) };
      }, MARKS);
      return { landed, ...timing };
    }
    if (performance.now() > deadline) throw new Error(`no key landed in the editor within ${START_TIMEOUT_MS} ms of opening ${url}`);
  }
}

export async function measureStartup(page: Page, column: PresetId, repeats: number): Promise<Measurement[]> {
  const preset = PRESETS.find((candidate) => candidate.id === column);
  if (!preset) throw new Error(`unknown model ${column}`);
  const typed: number[] = [];
  const ready: number[] = [];
  const warm: number[] = [];
  const loads: number[] = [];
  const hellos: number[] = [];
  const editors: number[] = [];
  for (let repeat = 0; repeat < repeats; repeat++) {
    const web = await startBenchWebHost(preset.model, []);
    try {
      const cold = await firstKeyLanded(page, web.host.url, 'q');
      typed.push(cold.landed);
      loads.push(cold.loadEvent);
      hellos.push(cold.hello);
      editors.push(cold.editor);
      ready.push((await allTasksReady(web, START_TIMEOUT_MS)) - web.spawnedAt);
      // A different letter: the document still holds the 'q' typed above.
      warm.push((await firstKeyLanded(page, web.host.url, 'z')).landed);
    } finally {
      await web.stop();
    }
  }
  const note = `median of ${repeats}`;
  return [
    { scenario: 7, row: ROWS.typingReady, column, value: median(typed), unit: 'ms', summary: summarize(typed), note },
    { scenario: 7, row: ROWS.tasksReady, column, value: median(ready), unit: 'ms', summary: summarize(ready), note },
    // The page asks the host for hello while the editor's code loads, so the load event no longer waits for Monaco.
    { scenario: 7, row: 'page load event (cold)', column, value: median(loads), unit: 'ms' },
    { scenario: 7, row: 'host answered hello (cold)', column, value: median(hellos), unit: 'ms' },
    { scenario: 7, row: 'editor built (cold)', column, value: median(editors), unit: 'ms' },
    { scenario: 7, row: 'page reload → typed key (tasks already running)', column, value: median(warm), unit: 'ms', summary: summarize(warm) },
  ];
}
