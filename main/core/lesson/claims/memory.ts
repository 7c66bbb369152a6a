/**
 * Memory: what one worker thread adds to its host's RSS (and its own V8 heap), against what one
 * process adds to the machine: its private memory (USS, the pages only it maps, freed when it
 * ends). Its RSS counts in full the pages it shares with every other Node process (the binary,
 * libraries), and its PSS divides those among however many Node processes happen to run, so
 * both are shown but neither is its cost. Bare, and with spellcheck loaded and given a document.
 * The host here is the runner, a quiet process doing nothing else, so its RSS moves only with
 * the threads; and the RSS a terminated thread leaves behind stays there, not in the user's host.
 */
import { readFile } from 'node:fs/promises';
import type { LessonFigure } from '../../../../workers/common/lesson.ts';
import { sampleDocument } from '../../../../workers/tasks/text/sample-document.ts';
import { parseProcStatusRss } from '../../probes/process-metrics.ts';
import type { ClaimMeasurement } from '../lesson-protocol.ts';
import { MeasuredHosts, type MeasuredHost } from '../measured-hosts.ts';
import { MB, round } from '../stats.ts';
import { judgeMemory } from '../verdicts.ts';
import { delay, throwIfCancelled, type ClaimContext } from './claim-context.ts';

const TASK = 'spellcheck';
const DOCUMENT_BYTES = 20 * 1024;
const STATES = ['bare', 'loaded'] as const;
type State = (typeof STATES)[number];

interface Reading {
  readonly rssMb: number;
  /** PSS and USS (private memory) where the OS reports them. */
  readonly pssMb: number | null;
  readonly ussMb: number | null;
  /** A thread's used V8 heap. */
  readonly heapMb: number | null;
}

async function processReading(pid: number): Promise<Reading> {
  const rss = parseProcStatusRss(await readFile(`/proc/${pid}/status`, 'utf8'));
  if (rss === undefined) throw new Error(`/proc/${pid}/status has no VmRSS`);
  // Older kernels have no smaps_rollup: RSS alone then.
  const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => '');
  const kb = (field: string) => {
    const value = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(rollup)?.[1];
    return value === undefined ? null : (Number(value) * 1024) / MB;
  };
  const [pss, clean, dirty] = [kb('Pss'), kb('Private_Clean'), kb('Private_Dirty')];
  return { rssMb: rss / MB, pssMb: pss, ussMb: clean === null || dirty === null ? null : clean + dirty, heapMb: null };
}

const average = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/** Collects garbage here (the runner runs with --expose-gc), then lets the threads settle. */
async function settle(ms: number): Promise<void> {
  (globalThis as { gc?: () => void }).gc?.();
  await delay(ms);
  (globalThis as { gc?: () => void }).gc?.();
}

async function load(hosts: readonly MeasuredHost<typeof TASK>[], text: string): Promise<void> {
  await Promise.all(hosts.map(async (measured, index) => {
    await measured.start();
    await measured.api.open({ uri: `lesson:memory:${index}`, version: 1, text, path: null });
    await measured.api.check({ version: 1 });
  }));
}

/** Per thread: the runner's RSS growth over `baseMb`, and the threads' heaps, averaged. */
async function threadReading(hosts: readonly MeasuredHost<typeof TASK>[], baseMb: number): Promise<Reading> {
  const heaps = await Promise.all(hosts.map(async (measured) => (await measured.host.usage()).memory?.bytes ?? Number.NaN));
  return { rssMb: (process.memoryUsage.rss() / MB - baseMb) / hosts.length, pssMb: null, ussMb: null, heapMb: average(heaps) / MB };
}

async function processAverage(hosts: readonly MeasuredHost<typeof TASK>[]): Promise<Reading> {
  const readings = await Promise.all(hosts.map((measured) => processReading(measured.host.pid)));
  const known = (values: readonly (number | null)[]) => (values.every((value) => value !== null) ? average(values) : null);
  return {
    rssMb: average(readings.map((reading) => reading.rssMb)),
    pssMb: known(readings.map((reading) => reading.pssMb)),
    ussMb: known(readings.map((reading) => reading.ussMb)),
    heapMb: null,
  };
}

async function measureKind(context: ClaimContext, kind: 'thread' | 'process', count: number, text: string): Promise<Record<State, Reading>> {
  const settleMs = context.scale === 'full' ? 600 : 200;
  const hosts = new MeasuredHosts(context.places, context.log);
  try {
    // A first thread sets up what every later one shares (the worker machinery, the entry's
    // compiled code caches): it runs during the measurement but is not counted.
    if (kind === 'thread') await hosts.spawnHost(TASK, kind).control.noop(null);
    await settle(settleMs);
    const baseMb = process.memoryUsage.rss() / MB;
    const spawned = Array.from({ length: count }, () => hosts.spawnHost(TASK, kind));
    await Promise.all(spawned.map((measured) => measured.control.noop(null)));
    await settle(settleMs);
    const bare = kind === 'thread' ? await threadReading(spawned, baseMb) : await processAverage(spawned);
    throwIfCancelled(context.signal, 'memory');
    context.progress(kind === 'thread' ? 0.25 : 0.75, `${count} ${kind}${count === 1 ? '' : 's'} with ${TASK} loaded`);
    await load(spawned, text);
    await settle(settleMs);
    const loaded = kind === 'thread' ? await threadReading(spawned, baseMb) : await processAverage(spawned);
    return { bare, loaded };
  } finally {
    await hosts.stopAll();
  }
}

function figures(kind: 'thread' | 'process', readings: Record<State, Reading>, count: number): LessonFigure[] {
  const each = count === 1 ? '' : `, average of ${count}`;
  return STATES.flatMap((state) => {
    const reading = readings[state];
    const what = `${kind}, ${state === 'bare' ? 'no task' : `${TASK} loaded`}`;
    if (kind === 'thread') {
      return [
        { label: `${what}: RSS it adds to its host`, value: round(reading.rssMb), unit: 'MB' as const, detail: `the host's RSS growth per thread${each}, beside a first thread not counted` },
        ...(reading.heapMb === null || Number.isNaN(reading.heapMb) ? [] : [{ label: `${what}: its own V8 heap`, value: round(reading.heapMb), unit: 'MB' as const, detail: `used heap${each}` }]),
      ];
    }
    const shared = `its RSS ${round(reading.rssMb)} MB counts the pages it shares with other Node processes in full${reading.pssMb === null ? '' : `, its PSS ${round(reading.pssMb)} MB divides them among their sharers`}`;
    return reading.ussMb === null
      ? [{ label: `${what}: its RSS`, value: round(reading.rssMb), unit: 'MB' as const, detail: `resident memory${each}; this OS does not report private memory` }]
      : [{ label: `${what}: its private memory (USS)`, value: round(reading.ussMb), unit: 'MB' as const, detail: `freed when it ends${each}; ${shared}` }];
  });
}

export async function measureMemory(context: ClaimContext): Promise<ClaimMeasurement> {
  const count = context.scale === 'full' ? 2 : 1;
  const text = sampleDocument(DOCUMENT_BYTES, 5);
  context.progress(0, `${count} bare thread${count === 1 ? '' : 's'}`);
  const thread = await measureKind(context, 'thread', count, text);
  throwIfCancelled(context.signal, 'memory');
  context.progress(0.5, `${count} bare process${count === 1 ? '' : 'es'}`);
  const processes = await measureKind(context, 'process', count, text);
  // Private memory where the OS reports it: what one more process really adds to the machine.
  const hasUss = processes.bare.ussMb !== null && processes.loaded.ussMb !== null;
  const processCost = (state: State) => (hasUss ? processes[state].ussMb : null) ?? processes[state].rssMb;
  const verdict = judgeMemory({ bare: thread.bare.rssMb, loaded: thread.loaded.rssMb }, { bare: processCost('bare'), loaded: processCost('loaded') }, TASK, hasUss ? 'USS' : 'RSS');
  return { ...verdict, figures: [...figures('thread', thread, count), ...figures('process', processes, count)] };
}
