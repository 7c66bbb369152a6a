/**
 * Memory: what one worker thread adds to its host's RSS (and its own V8 heap), against what one
 * process holds (its RSS, and its PSS: RSS with pages shared among processes, such as the Node
 * binary's, divided among their sharers). Bare, and with spellcheck loaded and given a document.
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
  /** PSS where the OS reports it. */
  readonly pssMb: number | null;
  /** A thread's used V8 heap. */
  readonly heapMb: number | null;
}

async function processReading(pid: number): Promise<Reading> {
  const rss = parseProcStatusRss(await readFile(`/proc/${pid}/status`, 'utf8'));
  if (rss === undefined) throw new Error(`/proc/${pid}/status has no VmRSS`);
  const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => '');
  const pss = /^Pss:\s+(\d+) kB$/m.exec(rollup)?.[1];
  return { rssMb: rss / MB, pssMb: pss === undefined ? null : (Number(pss) * 1024) / MB, heapMb: null };
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
  return { rssMb: (process.memoryUsage.rss() / MB - baseMb) / hosts.length, pssMb: null, heapMb: average(heaps) / MB };
}

async function processAverage(hosts: readonly MeasuredHost<typeof TASK>[]): Promise<Reading> {
  const readings = await Promise.all(hosts.map((measured) => processReading(measured.host.pid)));
  const pss = readings.map((reading) => reading.pssMb);
  return {
    rssMb: average(readings.map((reading) => reading.rssMb)),
    pssMb: pss.every((value) => value !== null) ? average(pss) : null,
    heapMb: null,
  };
}

async function measureKind(context: ClaimContext, kind: 'thread' | 'process', count: number, text: string): Promise<Record<State, Reading>> {
  const settleMs = context.scale === 'full' ? 600 : 200;
  const hosts = new MeasuredHosts(context.places, context.log);
  try {
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
        { label: `${what}: RSS it adds to its host`, value: round(reading.rssMb), unit: 'MB' as const, detail: `the host's RSS growth per thread${each}` },
        ...(reading.heapMb === null || Number.isNaN(reading.heapMb) ? [] : [{ label: `${what}: its own V8 heap`, value: round(reading.heapMb), unit: 'MB' as const, detail: `used heap${each}` }]),
      ];
    }
    const pss = reading.pssMb === null ? '' : `; PSS ${round(reading.pssMb)} MB (shared pages divided among their sharers)`;
    return [{ label: `${what}: its RSS`, value: round(reading.rssMb), unit: 'MB' as const, detail: `its own resident memory${each}${pss}` }];
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
  // PSS where the OS reports it: a process's RSS counts the pages it shares with its host in full.
  const hasPss = processes.bare.pssMb !== null && processes.loaded.pssMb !== null;
  const processCost = (state: State) => (hasPss ? processes[state].pssMb : null) ?? processes[state].rssMb;
  const verdict = judgeMemory({ bare: thread.bare.rssMb, loaded: thread.loaded.rssMb }, { bare: processCost('bare'), loaded: processCost('loaded') }, TASK, hasPss ? 'PSS' : 'RSS');
  return { ...verdict, figures: [...figures('thread', thread, count), ...figures('process', processes, count)] };
}
