/**
 * `node bench/profile/startup-trace.ts [--model threads] [--runs 3]` (through npm's Node 24:
 * `npm exec -- node bench/profile/startup-trace.ts`): where a cold start-up's time goes. Each
 * run launches Chromium with a fresh profile, starts the built web host, and records a Chromium
 * trace over CDP from navigation until a typed key is in the editor's model, then a reload in the
 * same profile with the tasks running, then a second reload (Chromium's code cache, produced on
 * the first reload, is used from the second). It prints, per load: each resource's serve time and size,
 * the main thread's time in parse/compile/evaluate, style and layout, paint, GC and fonts, and the
 * page's own marks (hello answered, app code loaded, editor built), medians over the runs.
 */
import { parseArgs } from 'node:util';
import type { CDPSession, Page } from 'playwright-core';
import { PRESETS, type PresetId } from '../../workers/common/tasks.ts';
import { launchBrowser } from '../../test/browser/harness.ts';
import { startBenchWebHost } from '../browser/web-session.ts';
import { median } from '../stats.ts';

interface TraceEvent { readonly name: string; readonly cat: string; readonly ph: string; readonly ts: number; readonly dur?: number; readonly tid: number; readonly pid: number; readonly args?: { readonly data?: { readonly url?: string; readonly frame?: string }; readonly name?: string } }

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'disabled-by-default-v8.compile', 'blink', 'loading', 'toplevel', 'blink.user_timing'];
/** Main-thread trace events, grouped as the Performance panel does. */
const GROUPS: Record<string, readonly string[]> = {
  'HTML parse': ['ParseHTML'],
  'script compile (main thread)': ['v8.compile', 'V8.CompileCode', 'v8.compileModule', 'CompileScript', 'CompileCode'],
  'script evaluate (incl. compile of lazy functions)': ['EvaluateScript', 'v8.evaluateModule', 'FunctionCall', 'TimerFire', 'FireAnimationFrame', 'EventDispatch', 'RunMicrotasks'],
  'style recalc': ['UpdateLayoutTree', 'RecalculateStyles'],
  layout: ['Layout'],
  paint: ['Paint', 'PaintImage', 'Layerize', 'Commit', 'UpdateLayer', 'PrePaint'],
  GC: ['MinorGC', 'MajorGC', 'V8.GCScavenger', 'V8.GCIncrementalMarking', 'V8.GCFinalizeMC', 'BlinkGC.AtomicPhase'],
  fonts: ['FontCache::GetFontData', 'Fonts', 'ResourceFetcher::requestResource'],
  'code cache': ['v8.produceCache', 'v8.consumeCache', 'v8.produceModuleCache', 'v8.compile.codeCache'],
};

async function trace(page: Page, session: CDPSession, action: () => Promise<void>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  session.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
  const done = new Promise<void>((resolve) => session.once('Tracing.tracingComplete', () => resolve()));
  await session.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES }, transferMode: 'ReportEvents' });
  await action();
  await session.send('Tracing.end');
  await done;
  void page;
  return events;
}

/** Main-thread time per group (ms), top-level events only, so nested ones are not counted twice. */
function mainThreadTime(events: readonly TraceEvent[]): Record<string, number> {
  // The page's main thread: the renderer main thread (named in the trace's metadata) busiest in the trace.
  const names = events.filter((event) => event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain');
  const busy = (pid: number, tid: number) => events.filter((event) => event.pid === pid && event.tid === tid && event.name === 'RunTask').reduce((sum, event) => sum + (event.dur ?? 0), 0);
  const main = names.map((event) => ({ pid: event.pid, tid: event.tid, busy: busy(event.pid, event.tid) })).sort((a, b) => b.busy - a.busy)[0];
  const on = events.filter((event) => main && event.pid === main.pid && event.tid === main.tid && event.ph === 'X' && event.dur !== undefined);
  const result: Record<string, number> = {};
  for (const [group, names] of Object.entries(GROUPS)) result[group] = on.filter((event) => names.includes(event.name)).reduce((sum, event) => sum + (event.dur ?? 0) / 1000, 0);
  const top = on.filter((event) => event.name === 'RunTask');
  result['main thread busy (RunTask)'] = top.reduce((sum, event) => sum + (event.dur ?? 0) / 1000, 0);
  const background = events.filter((event) => event.ph === 'X' && (event.name === 'v8.parseOnBackground' || event.name === 'V8.CompileCodeBackground' || event.name === 'v8.compile') && main && event.pid === main.pid && event.tid !== main.tid);
  result['script parse/compile off the main thread'] = background.reduce((sum, event) => sum + (event.dur ?? 0) / 1000, 0);
  return result;
}

type HookGlobal = { __forkpad?: { modelText(): string } };
const EDITOR_INPUT = '.monaco-editor .native-edit-context, .monaco-editor textarea.inputarea';

async function loadAndType(page: Page, go: () => Promise<unknown>, key: string): Promise<Record<string, number>> {
  await go();
  await page.waitForSelector(EDITOR_INPUT, { state: 'attached', timeout: 30_000 });
  let landed: number | undefined;
  while (landed === undefined) {
    await page.focus(EDITOR_INPUT);
    await page.keyboard.press(`Key${key.toUpperCase()}`);
    landed = await page
      .waitForFunction((char) => ((globalThis as unknown as HookGlobal).__forkpad?.modelText().includes(char) ? performance.now() : false), key, { timeout: 100, polling: 'raf' })
      .then((handle) => handle.jsonValue() as Promise<number>)
      .catch(() => undefined); // Not yet: pressed again.
  }
  const marks = await page.evaluate(() => {
    const performance = globalThis.performance as unknown as {
      getEntriesByType(type: string): { name: string; startTime: number; responseEnd?: number; requestStart?: number; transferSize?: number; encodedBodySize?: number; loadEventEnd?: number; domContentLoadedEventEnd?: number }[];
    };
    const out: Record<string, number> = {};
    const nav = performance.getEntriesByType('navigation')[0];
    out['DOMContentLoaded'] = nav?.domContentLoadedEventEnd ?? Number.NaN;
    out['load event'] = nav?.loadEventEnd ?? Number.NaN;
    for (const mark of performance.getEntriesByType('mark')) out[`mark ${mark.name}`] = mark.startTime;
    for (const entry of performance.getEntriesByType('paint')) out[entry.name] = entry.startTime;
    for (const resource of performance.getEntriesByType('resource')) {
      const name = resource.name.replace(/^.*\/assets\//, '').replace(/-[\w-]{8}\./, '.');
      out[`serve ${name} (request → end)`] = (resource.responseEnd ?? 0) - (resource.requestStart ?? 0);
      out[`serve ${name} done at`] = resource.responseEnd ?? 0;
      out[`bytes ${name} (transfer)`] = resource.transferSize ?? 0;
    }
    return out;
  });
  return { ...marks, 'typed key landed': landed };
}

const { values } = parseArgs({ options: { model: { type: 'string', default: 'threads' }, runs: { type: 'string', default: '3' }, 'no-tasks': { type: 'boolean', default: false } } });
const preset = PRESETS.find((candidate) => candidate.id === (values.model as PresetId));
if (!preset) throw new Error(`unknown model ${values.model}`);
// Chromium compiles a script's code cache on its second load and uses it from the third, so the
// first reload pays for producing it and only a second reload shows a page served from the cache.
const rows = new Map<string, { cold: number[]; reload: number[]; again: number[] }>();
const add = (phase: 'cold' | 'reload' | 'again', figures: Record<string, number>) => {
  for (const [name, value] of Object.entries(figures)) {
    const row = rows.get(name) ?? { cold: [], reload: [], again: [] };
    row[phase].push(value);
    rows.set(name, row);
  }
};
for (let run = 0; run < Number(values.runs); run++) {
  const browser = await launchBrowser();
  // --no-tasks: the host serves the page and answers, but starts no task host: their share of the page's start.
  const web = await startBenchWebHost(preset.model, [], values['no-tasks'] ? ['--no-tasks'] : []);
  try {
    const session = await browser.context.newCDPSession(browser.page);
    let figures: Record<string, number> = {};
    const coldEvents = await trace(browser.page, session, async () => {
      figures = await loadAndType(browser.page, () => browser.page.goto(web.host.url, { waitUntil: 'commit' }), 'q');
    });
    add('cold', { ...figures, ...mainThreadTime(coldEvents) });
    await new Promise((resolve) => setTimeout(resolve, 3_000)); // Tasks up, as a reload with them running.
    // A different letter each time: the document keeps what was typed before.
    for (const [phase, key] of [['reload', 'z'], ['again', 'x']] as const) {
      const reloadEvents = await trace(browser.page, session, async () => {
        figures = await loadAndType(browser.page, () => browser.page.reload({ waitUntil: 'commit' }), key);
      });
      add(phase, { ...figures, ...mainThreadTime(reloadEvents) });
    }
  } finally {
    await web.stop();
    await browser.close();
  }
}
const format = (samples: number[]) => (samples.length ? `${median(samples).toFixed(1)}` : '—');
console.log(`| ${preset.id}${values['no-tasks'] ? ' (no tasks)' : ''}, ${values.runs} runs, medians (ms; bytes for bytes rows) | cold, fresh profile | reload, tasks running | second reload |`);
console.log('|---|---|---|---|');
for (const [name, row] of [...rows].sort((a, b) => (median(a[1].cold) || 0) - (median(b[1].cold) || 0))) console.log(`| ${name} | ${format(row.cold)} | ${format(row.reload)} | ${format(row.again)} |`);
