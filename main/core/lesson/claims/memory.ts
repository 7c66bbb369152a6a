/**
 * Memory: what N spellcheck tasks cost to hold one 20 MB document. In threads, the tasks read the
 * document where it already is, in the session's shared memory (here the runner plays the
 * session: it writes the text into a SharedDocumentWriter before the baseline, as the host always
 * holds it); in processes, each task is sent its own copy. Measured: what opening the document
 * added to the runner's RSS for all the threads together, and each thread's V8 heap growth; and
 * what it added to the processes' private memory (USS, the pages only they map), summed.
 */
import { readFile } from 'node:fs/promises';
import type { LessonFigure } from '../../../../workers/common/lesson.ts';
import { SharedDocumentWriter } from '../../../../workers/common/shared-document/document-writer.ts';
import { sampleDocument } from '../../../../workers/tasks/text/sample-document.ts';
import { parseProcStatusRss } from '../../probes/process-metrics.ts';
import type { ClaimMeasurement } from '../lesson-protocol.ts';
import { MeasuredHosts, type MeasuredHost } from '../measured-hosts.ts';
import { judgeMemory } from '../shared-memory-verdicts.ts';
import { MB, round } from '../stats.ts';
import { delay, throwIfCancelled, type ClaimContext } from './claim-context.ts';

const TASK = 'spellcheck';
const URI = 'lesson:memory';

/** Private memory (USS) of a process where the OS reports it, else its RSS; MB. */
export async function processMemoryMb(pid: number): Promise<{ readonly mb: number; readonly measure: 'USS' | 'RSS' }> {
  // Older kernels have no smaps_rollup: RSS alone then.
  const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => '');
  const kb = (field: string) => new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(rollup)?.[1];
  const [clean, dirty] = [kb('Private_Clean'), kb('Private_Dirty')];
  if (clean !== undefined && dirty !== undefined) return { mb: ((Number(clean) + Number(dirty)) * 1024) / MB, measure: 'USS' };
  const rss = parseProcStatusRss(await readFile(`/proc/${pid}/status`, 'utf8'));
  if (rss === undefined) throw new Error(`/proc/${pid}/status has no VmRSS`);
  return { mb: rss / MB, measure: 'RSS' };
}

/** Collects garbage here (the runner runs with --expose-gc), then lets the hosts settle. */
async function settle(ms: number): Promise<void> {
  (globalThis as { gc?: () => void }).gc?.();
  await delay(ms);
  (globalThis as { gc?: () => void }).gc?.();
}

const heapMb = async (measured: MeasuredHost<typeof TASK>) => ((await measured.host.usage()).memory?.bytes ?? Number.NaN) / MB;
const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

interface Held {
  /** What opening the document added, MB, for all the tasks together. */
  readonly addedMb: number;
  /** Threads: the largest heap growth of one; processes: NaN. */
  readonly heapGrowthMb: number;
  readonly measure: 'USS' | 'RSS';
  /** Document bytes the tasks were sent. */
  readonly copiedBytes: number;
}

async function hold(context: ClaimContext, kind: 'thread' | 'process', count: number, writer: SharedDocumentWriter, text: string): Promise<Held> {
  const settleMs = context.scale === 'full' ? 800 : 300;
  const hosts = new MeasuredHosts(context.places, context.log);
  try {
    const document = kind === 'thread' ? writer.buffers : undefined;
    const started = await Promise.all(Array.from({ length: count }, () => hosts.startHost(TASK, kind, document)));
    await settle(settleMs);
    throwIfCancelled(context.signal, 'memory');
    const before = kind === 'thread' ? [process.memoryUsage.rss() / MB] : await Promise.all(started.map(async (measured) => (await processMemoryMb(measured.host.pid)).mb));
    const heapsBefore = kind === 'thread' ? await Promise.all(started.map(heapMb)) : [];
    const copiedBefore = sum(started.map((measured) => measured.copies.sinceStart));
    context.progress(kind === 'thread' ? 0.2 : 0.6, `${count} ${kind} tasks open the ${round(text.length / MB)} MB document`);
    await Promise.all(started.map((measured) => measured.api.open({ uri: writer.uri, version: writer.version, text, path: null })));
    await settle(settleMs);
    const copiedBytes = sum(started.map((measured) => measured.copies.sinceStart)) - copiedBefore;
    if (kind === 'thread') {
      const heapsAfter = await Promise.all(started.map(heapMb));
      const growth = Math.max(...heapsAfter.map((after, index) => after - (heapsBefore[index] ?? Number.NaN)));
      return { addedMb: process.memoryUsage.rss() / MB - (before[0] ?? Number.NaN), heapGrowthMb: growth, measure: 'RSS', copiedBytes };
    }
    const after = await Promise.all(started.map((measured) => processMemoryMb(measured.host.pid)));
    return { addedMb: sum(after.map((reading) => reading.mb)) - sum(before), heapGrowthMb: Number.NaN, measure: after[0]?.measure ?? 'RSS', copiedBytes };
  } finally {
    await hosts.stopAll();
  }
}

export async function measureMemory(context: ClaimContext): Promise<ClaimMeasurement> {
  const count = 2;
  const length = (context.scale === 'full' ? 20 : 4) * MB;
  const text = sampleDocument(length, 5).slice(0, length);
  context.progress(0, `writing the ${round(length / MB)} MB document into shared memory`);
  const writer = new SharedDocumentWriter({ uri: URI, version: 1, text });
  const sharedMb = writer.buffers.text.byteLength / MB;
  const threads = await hold(context, 'thread', count, writer, text);
  throwIfCancelled(context.signal, 'memory');
  const processes = await hold(context, 'process', count, writer, text);
  const figures: LessonFigure[] = [
    { label: 'the document in shared memory, held once', value: round(sharedMb), unit: 'MB', detail: `${round(length / MB)} M UTF-16 units, with room to grow` },
    { label: `${count} thread tasks: memory added by opening it`, value: round(threads.addedMb), unit: 'MB', detail: "the host's RSS growth" },
    { label: 'one thread task: growth of its V8 heap', value: round(threads.heapGrowthMb), unit: 'MB', detail: `the larger of ${count}; the text stays out of its heap` },
    { label: `${count} process tasks: memory added by opening it`, value: round(processes.addedMb), unit: 'MB', detail: `${processes.measure === 'USS' ? 'their private memory (USS)' : 'their RSS'}, summed` },
    { label: `${count} thread tasks: document text sent to them`, value: round(threads.copiedBytes / MB), unit: 'MB', detail: 'they read the shared copy in place' },
    { label: `${count} process tasks: document text sent to them`, value: round(processes.copiedBytes / MB), unit: 'MB', detail: 'a copy each (UTF-16 bytes, as the monitor counts them)' },
  ];
  const judged = judgeMemory({ sharedMb, tasks: count, threadsAddedMb: threads.addedMb, threadHeapGrowthMb: threads.heapGrowthMb, processesAddedMb: processes.addedMb, processMeasure: processes.measure });
  return { ...judged, figures };
}
