/**
 * Multiprocessing on a single core (an open question of the notes): the parallelism claim's
 * grammar pool, measured twice: free to use every core, then with every thread of every grammar
 * process pinned to one core (Linux's sched_setaffinity, through `taskset`). Pinned, the OS can
 * only take turns: each process gets the core for a slice of time, then another does. While the
 * pool checks, each process's CPU time is read from /proc/<pid>/stat about every 10 ms, and the
 * timeline of who ran when is drawn, so the time slicing is seen, not inferred.
 */
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import type { LessonFigure, LessonTimeline } from '../../../../workers/common/lesson.ts';
import { sampleDocument } from '../../../../workers/tasks/text/sample-document.ts';
import { parseProcStat } from '../../probes/process-metrics.ts';
import type { ClaimMeasurement } from '../lesson-protocol.ts';
import { MeasuredHosts, type MeasuredHost } from '../measured-hosts.ts';
import { judgeSingleCore } from '../scheduling-verdicts.ts';
import { median, round } from '../stats.ts';
import { throwIfCancelled, type ClaimContext } from './claim-context.ts';
import { check, measurePair, QUICK_KB, warmUpAll, type Pair, type Run } from './parallelism.ts';
import { findPinning, pinProcess } from './pinning.ts';

type Grammar = MeasuredHost<'grammar'>;
const SAMPLE_MS = 10;
const POOL_SIZE = 2;
/**
 * Documents of 32 KB, half the parallelism claim's: this claim asks only whether pinning takes the
 * pool's gain away, and its pinned runs go at half speed, so 64 KB would not fit its budget.
 */
const FULL_KB = 32;

const readCpuMs = async (pid: number) => parseProcStat(await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => ''))?.cpuTimeMs ?? null;

/**
 * Checks `text` with `pool` while reading each process's CPU time every ~10 ms: the timeline has,
 * per sample, the share of one core each process got since the sample before.
 */
export async function checkWithTimeline(pool: readonly Grammar[], text: string, uri: string, title: string): Promise<{ run: Run; timeline: LessonTimeline }> {
  const pids = pool.map((measured) => measured.host.pid);
  const times: number[] = [];
  const values: (number | null)[][] = pids.map(() => []);
  let previous: { at: number; cpu: (number | null)[] } | null = null;
  const origin = performance.now();
  const sample = async () => {
    const cpu = await Promise.all(pids.map(readCpuMs));
    const at = performance.now();
    if (previous) {
      const elapsed = at - previous.at;
      const before = previous.cpu;
      times.push(round(at - origin));
      cpu.forEach((now, index) => {
        const then = before[index];
        values[index]?.push(now === null || then === null || then === undefined ? null : round((100 * (now - then)) / elapsed));
      });
    }
    previous = { at, cpu };
  };
  await sample();
  let chain = Promise.resolve();
  // Samples queue behind each other: a slow read delays the next rather than overlapping it.
  const timer = setInterval(() => {
    chain = chain.then(sample);
  }, SAMPLE_MS);
  try {
    const run = await check(pool, text, uri);
    return { run, timeline: { title, unit: '% of one core', times, series: pids.map((pid, index) => ({ label: `grammar process ${index + 1} (pid ${pid})`, values: values[index] ?? [] })) } };
  } finally {
    clearInterval(timer);
    await chain;
  }
}

async function pairs(context: ClaimContext, single: Grammar, pool: readonly Grammar[], kb: number, count: number, how: string, seed: number): Promise<Pair[]> {
  const measured: Pair[] = [];
  for (let index = 0; index < count; index++) {
    throwIfCancelled(context.signal, 'single-core');
    measured.push(await measurePair(single, pool, sampleDocument(kb * 1024, seed + index), index, `lesson:single-core:${how}:${index}`));
  }
  return measured;
}

const speedup = (measured: readonly Pair[]) => median(measured.map((pair) => pair.single.ms / pair.pool.ms));
const coresBusy = (runs: readonly Run[]) => median(runs.map((run) => run.cpuMs / run.ms));

function figures(how: string, measured: readonly Pair[], kb: number): LessonFigure[] {
  const each = `median of ${measured.length} documents of ${kb} KB`;
  return [
    { label: `${how}: 1 process, full grammar check`, value: round(median(measured.map((pair) => pair.single.ms))), unit: 'ms', detail: each },
    { label: `${how}: ${POOL_SIZE} processes, a shard each`, value: round(median(measured.map((pair) => pair.pool.ms))), unit: 'ms', detail: `${each}; on average ${round(coresBusy(measured.map((pair) => pair.pool)))} cores busy` },
    { label: `${how}: speedup`, value: round(speedup(measured)), unit: '×', detail: `median of ${measured.length}` },
  ];
}

export async function measureSingleCore(context: ClaimContext): Promise<ClaimMeasurement> {
  const pinning = await findPinning();
  const cores = availableParallelism();
  const kb = context.scale === 'full' ? FULL_KB : QUICK_KB;
  // Two documents a case: four pool runs in all, pinned ones at half speed, within the budget.
  const count = context.scale === 'full' ? 2 : 1;
  const hosts = new MeasuredHosts(context.places, context.log);
  try {
    context.progress(0, `starting ${1 + POOL_SIZE} grammar processes (loading harper)`);
    const started = await Promise.all(Array.from({ length: 1 + POOL_SIZE }, () => hosts.startHost('grammar', 'process')));
    await warmUpAll(started);
    const [single, ...pool] = started as [Grammar, ...Grammar[]];
    context.progress(0.1, `free to use ${cores} cores: 1 grammar process, then ${POOL_SIZE}`);
    const free = await pairs(context, single, pool, kb, count, 'free', 41);
    const freeTimeline = await checkWithTimeline(pool, sampleDocument(kb * 1024, 61), 'lesson:single-core:free-timeline', `Free to use ${cores} cores: CPU of each grammar process, every ${SAMPLE_MS} ms`);
    if (!pinning.available) {
      return {
        verdict: null,
        explanation: `Pinning is not available here: ${pinning.why}. Only the free pool was measured.`,
        figures: figures('free', free, kb),
        timelines: [freeTimeline.timeline],
      };
    }
    throwIfCancelled(context.signal, 'single-core');
    await Promise.all(started.map((measured) => pinProcess(measured.host.pid, pinning.core)));
    context.progress(0.55, `pinned to core ${pinning.core}: 1 grammar process, then ${POOL_SIZE}`);
    const pinned = await pairs(context, single, pool, kb, count, 'pinned', 51);
    const pinnedTimeline = await checkWithTimeline(pool, sampleDocument(kb * 1024, 71), 'lesson:single-core:pinned-timeline', `Pinned to core ${pinning.core}: CPU of each grammar process, every ${SAMPLE_MS} ms`);
    const judged = judgeSingleCore({ cores, processes: POOL_SIZE, freeSpeedup: speedup(free), pinnedSpeedup: speedup(pinned), pinnedCoresBusy: coresBusy(pinned.map((pair) => pair.pool)) });
    return { ...judged, figures: [...figures('free', free, kb), ...figures(`pinned to core ${pinning.core}`, pinned, kb)], timelines: [freeTimeline.timeline, pinnedTimeline.timeline] };
  } finally {
    await hosts.stopAll();
  }
}
