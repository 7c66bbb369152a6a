/**
 * A benchmark child for scenario 11, the shared document (issue 12). This process plays the
 * session: it holds the text in a SharedDocumentWriter, as the host always does, and starts task
 * hosts with the product's own host kinds (MeasuredHosts, as The Lesson does). Measured:
 * - priming: the time and the document bytes to give a new spellcheck host a 200 KB and a 20 MB
 *   document (a thread attaches to the shared buffers, a process is sent a copy); the first
 *   repetition is reported apart, as the cold one a user meets;
 * - the memory of a whole host (this process and its task processes, RSS and PSS) with all four
 *   tasks holding the 20 MB document, per model, against the same hosts idle (the control);
 * - what opening the 20 MB document adds to spellcheck's and grammar's own memory: a thread's V8
 *   heap (the text is not in it), a process's private memory (its copy is).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processMemoryMb } from '../../main/core/lesson/claims/memory.ts';
import { primeNewHost } from '../../main/core/lesson/claims/sharing.ts';
import { MeasuredHosts, type MeasuredHost } from '../../main/core/lesson/measured-hosts.ts';
import { SharedDocumentWriter } from '../../workers/common/shared-document/document-writer.ts';
import { PRESETS, TASK_IDS, type HostKind, type PresetId, type TaskId } from '../../workers/common/tasks.ts';
import { sampleDocument } from '../../workers/tasks/text/sample-document.ts';
import { ROWS } from '../budgets.ts';
import { childParams, runChild, toParent } from '../child-protocol.ts';
import type { Measurement } from '../results.ts';
import { summarize } from '../stats.ts';
import { BENCH_ASSETS, benchEntries, fileLog } from './bench-host.ts';
import { hostTreeMemory, megabytes } from './memory.ts';

export interface SharingRunParams {
  readonly repeats: number;
  readonly models: readonly PresetId[];
  readonly logFile: string;
}

export const SHARING_SCENARIO = 11;
export const LARGE_DOCUMENT_UNITS = 20 * 1024 * 1024;
const SIZES = [{ label: '200 KB', units: 200 * 1024 }, { label: '20 MB', units: LARGE_DOCUMENT_UNITS }] as const;
const PRIMED_KINDS = ['thread', 'process'] as const;
const HEAP_TASKS = ['spellcheck', 'grammar'] as const;

/** The rows the own-memory figures are reported under, for the report and the budget alike. */
const HELD_MEMORY_ROW = { spellcheck: ROWS.spellcheckHeldMemory, grammar: ROWS.grammarHeldMemory } as const;

const params = childParams<SharingRunParams>();
const log = fileLog(params.logFile);
const measurement = (row: string, column: string, value: number, unit: Measurement['unit'], note?: string): Measurement => ({ scenario: SHARING_SCENARIO, row, column, value, unit, ...(note ? { note } : {}) });

async function settle(ms = 800): Promise<void> {
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((resolve) => setTimeout(resolve, ms));
}

function writerOf(units: number, seed: number): { writer: SharedDocumentWriter; text: string } {
  const text = sampleDocument(units, seed).slice(0, units);
  return { writer: new SharedDocumentWriter({ uri: `bench:sharing-${units}`, version: 1, text }), text };
}

/** Opens the document in a started host; the shared buffers are given at start for a thread. */
function open(measured: MeasuredHost<TaskId>, writer: SharedDocumentWriter, text: string): Promise<unknown> {
  return measured.api.open({ uri: writer.uri, version: writer.version, text, path: null });
}

async function priming(places: ConstructorParameters<typeof MeasuredHosts>[0]): Promise<Measurement[]> {
  const out: Measurement[] = [];
  for (const size of SIZES) {
    const { writer, text } = writerOf(size.units, 11);
    for (const kind of PRIMED_KINDS) {
      const times: number[] = [];
      let bytes = 0;
      for (let repeat = 0; repeat <= params.repeats; repeat++) {
        const sample = await primeNewHost(places, log, 'spellcheck', kind, writer, text);
        times.push(sample.ms);
        bytes = Math.max(bytes, sample.bytes);
      }
      const [cold = Number.NaN, ...warm] = times;
      const summary = summarize(warm);
      out.push(
        measurement(`priming a new host, ${size.label}: document bytes sent`, kind, megabytes(bytes), 'MB'),
        measurement(`priming a new host, ${size.label}: cold first`, kind, cold, 'ms'),
        { ...measurement(`priming a new host, ${size.label}: warm median`, kind, summary.p50, 'ms', `p95 ${summary.p95.toFixed(1)} ms of ${summary.n}`), summary },
      );
    }
  }
  return out;
}

/** The whole host's memory with every task of `model` started, idle and then holding the document. */
async function modelMemory(places: ConstructorParameters<typeof MeasuredHosts>[0], model: PresetId, writer: SharedDocumentWriter, text: string): Promise<Measurement[]> {
  const kinds = PRESETS.find((preset) => preset.id === model)?.model;
  if (!kinds) throw new Error(`no preset ${model}`);
  const hosts = new MeasuredHosts(places, log);
  try {
    const started = await Promise.all(TASK_IDS.map((task) => hosts.startHost(task, kinds[task], kinds[task] === 'process' ? undefined : writer.buffers)));
    await settle();
    const idle = await hostTreeMemory();
    await Promise.all(started.map((measured) => open(measured, writer, text)));
    await settle();
    const held = await hostTreeMemory();
    const total = (reading: typeof idle, field: 'rssBytes' | 'pssBytes') => reading.host[field] + reading.children[field];
    return [
      measurement('4 tasks started, no document (the control): host RSS', model, megabytes(total(idle, 'rssBytes')), 'MB'),
      measurement('4 tasks holding the 20 MB document: host RSS', model, megabytes(total(held, 'rssBytes')), 'MB'),
      measurement('4 tasks holding the 20 MB document: PSS added', model, megabytes(total(held, 'pssBytes') - total(idle, 'pssBytes')), 'MB'),
    ];
  } finally {
    await hosts.stopAll();
  }
}

/** Memory of the task itself: a thread's V8 heap, a process's private memory (USS), bytes. */
async function ownMemory(measured: MeasuredHost<TaskId>, kind: HostKind): Promise<number> {
  if (kind === 'process') return (await processMemoryMb(measured.host.pid ?? 0)).mb * 1024 * 1024;
  return (await measured.host.usage()).memory?.bytes ?? Number.NaN;
}

async function heapGrowth(places: ConstructorParameters<typeof MeasuredHosts>[0], writer: SharedDocumentWriter, text: string): Promise<Measurement[]> {
  const out: Measurement[] = [];
  for (const task of HEAP_TASKS) {
    for (const kind of PRIMED_KINDS) {
      const hosts = new MeasuredHosts(places, log);
      try {
        const measured = (await hosts.startHost(task, kind, kind === 'thread' ? writer.buffers : undefined)) as MeasuredHost<TaskId>;
        await settle();
        const before = await ownMemory(measured, kind);
        await open(measured, writer, text);
        await settle();
        const after = await ownMemory(measured, kind);
        const what = kind === 'thread' ? 'V8 heap used' : 'private memory (USS)';
        out.push(measurement(HELD_MEMORY_ROW[task], kind, Math.round(((after - before) / (2 * text.length)) * 1000) / 10, '%', `${what}: ${megabytes(before)} → ${megabytes(after)} MB`));
      } finally {
        await hosts.stopAll();
      }
    }
  }
  return out;
}

runChild(async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'forkpad-bench-sharing-'));
  // MeasuredHosts never forks the lesson entry: only the task hosts are started here.
  const places = { entries: benchEntries(), lessonEntry: '', assets: BENCH_ASSETS, dataDir };
  try {
    const items = await priming(places);
    const { writer, text } = writerOf(LARGE_DOCUMENT_UNITS, 17);
    for (const model of params.models) items.push(...(await modelMemory(places, model, writer, text)));
    items.push(...(await heapGrowth(places, writer, text)));
    toParent({ type: 'measurements', items });
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
