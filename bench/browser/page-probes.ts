/**
 * What the benchmark watches inside the page, installed before any of the page's own scripts:
 * keydown Event Timing entries, keydown to the next frame for every key, clicks, and changes of
 * the status bar's isolation segment. It only observes; it changes nothing on the page.
 */
import type { Page } from 'playwright-core';

export interface EventTimingEntry {
  readonly start: number;
  readonly duration: number;
  /** Handler time: processingEnd − processingStart. */
  readonly processing: number;
  /** Input delay: processingStart − startTime. */
  readonly delay: number;
}

export interface PageProbe {
  readonly eventTiming: EventTimingEntry[];
  /** Every keydown: its timestamp and the time until the frame after it was painted. */
  readonly keydowns: { readonly start: number; readonly nextFrame: number }[];
  readonly clicks: { readonly at: number; readonly text: string }[];
  readonly isolationChanges: { readonly at: number; readonly text: string }[];
}

type ProbeGlobal = { __forkpadBench?: PageProbe };

/** The few browser APIs the probe uses, typed here: the bench is type-checked without the DOM library. */
interface BrowserGlobal {
  __forkpadBench?: PageProbe;
  readonly document: {
    querySelector(selector: string): { readonly textContent: string | null } | null;
    readonly body: unknown;
  };
  requestAnimationFrame(callback: () => void): number;
  setTimeout(callback: () => void, ms: number): number;
  addEventListener(type: string, listener: (event: { readonly timeStamp: number; readonly target: { readonly textContent?: string | null } | null }) => void, options?: { capture: boolean }): void;
  readonly performance: { now(): number };
  readonly PerformanceObserver: new (callback: (list: { getEntries(): unknown[] }) => void) => { observe(options: object): void };
  readonly MutationObserver: new (callback: () => void) => { observe(target: unknown, options: object): void; disconnect(): void };
}

interface EventTimingLike {
  readonly name: string;
  readonly startTime: number;
  readonly duration: number;
  readonly processingStart: number;
  readonly processingEnd: number;
}

/** The script the page runs first. Serialized into the page: it may use nothing from this module. */
function installProbe(): void {
  const page = globalThis as unknown as BrowserGlobal;
  const probe: PageProbe = { eventTiming: [], keydowns: [], clicks: [], isolationChanges: [] };
  page.__forkpadBench = probe;
  // 16 ms is the lowest threshold Event Timing allows: shorter keydowns are not reported at all.
  new page.PerformanceObserver((list) => {
    for (const entry of list.getEntries() as EventTimingLike[]) {
      if (entry.name !== 'keydown') continue;
      probe.eventTiming.push({ start: entry.startTime, duration: entry.duration, processing: entry.processingEnd - entry.processingStart, delay: entry.processingStart - entry.startTime });
    }
  }).observe({ type: 'event', durationThreshold: 16, buffered: true });
  // A task queued from requestAnimationFrame runs after that frame is painted.
  page.addEventListener('keydown', (event) => {
    const start = event.timeStamp;
    page.requestAnimationFrame(() => page.setTimeout(() => probe.keydowns.push({ start, nextFrame: page.performance.now() - start }), 0));
  }, { capture: true });
  page.addEventListener('click', (event) => {
    probe.clicks.push({ at: event.timeStamp, text: event.target?.textContent?.trim().slice(0, 80) ?? '' });
  }, { capture: true });
  const watch = (): boolean => {
    const segment = page.document.querySelector('.status-bar [data-segment="isolation"]');
    if (!segment) return false;
    let last = segment.textContent ?? '';
    probe.isolationChanges.push({ at: page.performance.now(), text: last });
    new page.MutationObserver(() => {
      const text = segment.textContent ?? '';
      if (text !== last) probe.isolationChanges.push({ at: page.performance.now(), text });
      last = text;
    }).observe(segment, { childList: true, characterData: true, subtree: true });
    return true;
  };
  const waitForBar = new page.MutationObserver(() => {
    if (watch()) waitForBar.disconnect();
  });
  page.addEventListener('DOMContentLoaded', () => {
    if (!watch()) waitForBar.observe(page.document.body, { childList: true, subtree: true });
  });
}

export async function installPageProbe(page: Page): Promise<void> {
  await page.addInitScript(installProbe);
}

export async function readProbe(page: Page): Promise<PageProbe> {
  const probe = await page.evaluate(() => (globalThis as unknown as ProbeGlobal).__forkpadBench ?? null);
  if (!probe) throw new Error('the page probe is missing: installPageProbe must run before the page loads');
  return probe;
}

/** Empties the probe's lists, so the next reading holds only what follows. */
export async function resetProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const probe = (globalThis as unknown as ProbeGlobal).__forkpadBench;
    if (!probe) return;
    for (const list of [probe.eventTiming, probe.keydowns, probe.clicks]) list.splice(0);
  });
}
