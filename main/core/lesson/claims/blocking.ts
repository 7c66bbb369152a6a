/**
 * Blocking: keystroke acknowledgement latency while grammar checks a large document, with grammar
 * on the same main thread as the keystroke task (inline) and with grammar in a worker thread.
 * Each runs in a fresh scratch host, standing in for a host whose main thread acknowledges
 * keystrokes: the runner sends a real keystroke change every few ms from outside, as a renderer
 * does while someone types, and times each until the keystroke task answers. Keystrokes go out
 * on schedule whether or not the last one was answered, so a blocked thread makes them queue.
 */
import type { LessonFigure } from '../../../../workers/common/lesson.ts';
import type { KeystrokeChange } from '../../../../workers/common/task-api.ts';
import { sampleDocument } from '../../../../workers/tasks/text/sample-document.ts';
import type { ClaimMeasurement } from '../lesson-protocol.ts';
import { startScratch, type Scratch } from '../scratch-client.ts';
import { round, spread, type Spread } from '../stats.ts';
import { judgeBlocking } from '../verdicts.ts';
import { delay, describePercentiles, throwIfCancelled, type ClaimContext } from './claim-context.ts';

/** One keystroke every this many ms: brisk typing. */
const KEY_INTERVAL_MS = 20;
const FULL_KB = 24;
const QUICK_KB = 6;
const IDLE_MS = 600;
const URI = 'lesson:blocking';

type Mode = 'inline' | 'thread';

class Typist {
  private version = 1;
  private readonly scratch: Scratch;

  constructor(scratch: Scratch) {
    this.scratch = scratch;
  }

  async open(): Promise<void> {
    await this.scratch.api.call({ task: 'keystroke', method: 'open', request: { uri: URI, version: 1, text: '', path: null } });
  }

  /** Sends one keystroke now; resolves with ms until the keystroke task answered. */
  async press(): Promise<number> {
    const version = ++this.version;
    const change: KeystrokeChange = { uri: URI, version, edits: [{ offset: version - 2, length: 0, text: 'x' }], keys: [{ kind: 'character', at: Date.now() }] };
    const sent = performance.now();
    await this.scratch.api.call({ task: 'keystroke', method: 'change', request: change });
    return performance.now() - sent;
  }

  /** Types until `until` settles (or for `ms`); the latencies of every keystroke sent meanwhile. */
  async typeWhile(until: Promise<unknown> | null, ms = 0): Promise<number[]> {
    let running = true;
    const stop = (until ?? delay(ms)).finally(() => (running = false));
    const stopped = stop.then(() => undefined, () => undefined);
    const pressed: Promise<number>[] = [];
    while (running) {
      const press = this.press();
      // Each is awaited below; until then a failure (the scratch host gone) must not go unhandled.
      press.catch(() => undefined);
      pressed.push(press);
      await Promise.race([delay(KEY_INTERVAL_MS), stopped]);
    }
    await stop;
    return Promise.all(pressed);
  }
}

interface ModeResult {
  readonly during: Spread;
  readonly idle: Spread;
  readonly checkMs: number;
}

async function measureMode(context: ClaimContext, mode: Mode, text: string): Promise<ModeResult> {
  const scratch = await startScratch(context.places, [{ task: 'keystroke', kind: 'inline' }, { task: 'grammar', kind: mode }], context.log);
  try {
    const typist = new Typist(scratch);
    await typist.open();
    await scratch.api.call({ task: 'grammar', method: 'open', request: { uri: URI, version: 1, text, path: null } });
    const idle = await typist.typeWhile(null, IDLE_MS);
    const started = performance.now();
    const check = scratch.api.call({ task: 'grammar', method: 'check', request: { version: 1 } });
    const during = await typist.typeWhile(check);
    await check;
    return { during: spread(during), idle: spread(idle), checkMs: performance.now() - started };
  } finally {
    await scratch.stop();
  }
}

function figure(mode: Mode, result: ModeResult): LessonFigure[] {
  const where = mode === 'inline' ? 'grammar inline (same main thread)' : 'grammar in a worker thread';
  return [
    { label: `${where}: keystroke acknowledged, median`, value: round(result.during.p50), unit: 'ms', detail: `${describePercentiles(result.during, 'ms')}; the check took ${Math.round(result.checkMs)} ms` },
    { label: `${where}: keystroke acknowledged, p95`, value: round(result.during.p95), unit: 'ms', detail: `idle before the check: median ${result.idle.p50.toFixed(2)} ms, p95 ${result.idle.p95.toFixed(2)} ms` },
  ];
}

export async function measureBlocking(context: ClaimContext): Promise<ClaimMeasurement> {
  const kb = context.scale === 'full' ? FULL_KB : QUICK_KB;
  const text = sampleDocument(kb * 1024, 31);
  const results: Partial<Record<Mode, ModeResult>> = {};
  for (const [index, mode] of (['inline', 'thread'] as const).entries()) {
    throwIfCancelled(context.signal, 'blocking');
    context.progress(index / 2, `typing while grammar checks ${kb} KB ${mode === 'inline' ? 'inline' : 'in a worker thread'}`);
    results[mode] = await measureMode(context, mode, text);
  }
  const { inline, thread } = results as Record<Mode, ModeResult>;
  return { ...judgeBlocking(inline.during, thread.during), figures: [...figure('inline', inline), ...figure('thread', thread)] };
}
