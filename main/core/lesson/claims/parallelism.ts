/**
 * Parallelism: a full grammar check of one large document by one grammar process, then by a
 * pool of one process per core (at least two), split as the app's grammar pool splits it: every
 * replica opens the whole document and lints one contiguous run of paragraphs (shard.ts), and
 * the shares are merged as the supervisor merges them. Every process is started (harper loaded)
 * before the clock starts. The merged issues must equal the single process's. The CPU time the
 * processes got, read from outside them, shows how many cores the OS gave them meanwhile.
 */
import { readFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import type { LessonFigure } from '../../../../workers/common/lesson.ts';
import type { GrammarIssue } from '../../../../workers/common/task-api.ts';
import { sampleDocument } from '../../../../workers/tasks/text/sample-document.ts';
import { mergeGrammarResults } from '../../supervisor/grammar-merge.ts';
import type { ClaimMeasurement } from '../lesson-protocol.ts';
import { MeasuredHosts, type MeasuredHost } from '../measured-hosts.ts';
import { median, round } from '../stats.ts';
import { judgeParallelism } from '../verdicts.ts';
import { throwIfCancelled, type ClaimContext } from './claim-context.ts';

/**
 * 64 KB: past the ~20 KB after which harper's cost per KB settles, so what is left of its warm-up
 * in each replica is a small part of a document. Five runs at 32 KB all fell short of "holds"; at
 * 64 KB three of five hold, since the line sits at this machine's ceiling for two harper processes
 * (docs/lesson.md, claim 5).
 */
export const FULL_KB = 64;
export const QUICK_KB = 6;

export interface Run {
  readonly ms: number;
  readonly issues: readonly string[];
  /** CPU ms the run's processes spent, from outside them. */
  readonly cpuMs: number;
}

export interface Pair {
  readonly single: Run;
  readonly pool: Run;
}

async function cpuMs(hosts: readonly MeasuredHost<'grammar'>[]): Promise<number> {
  const usages = await Promise.all(hosts.map((measured) => measured.host.usage()));
  return usages.reduce((sum, usage) => sum + (usage.cpuTimeMs ?? Number.NaN), 0);
}

function issueKey(issue: GrammarIssue): string {
  return `${issue.start}:${issue.end}:${issue.rule}:${issue.message}`;
}

/** Checks `text` as document `uri`: one host checks it all, or each host of a pool its shard. */
export async function check(hosts: readonly MeasuredHost<'grammar'>[], text: string, uri: string): Promise<Run> {
  const count = hosts.length;
  const cpuBefore = await cpuMs(hosts);
  const started = performance.now();
  const shares = await Promise.all(hosts.map(async (measured, index) => {
    await measured.api.open({ uri, version: 1, text, path: null });
    return measured.api.check({ version: 1, ...(count === 1 ? {} : { shard: { index, count } }) });
  }));
  const ms = performance.now() - started;
  return { ms, issues: mergeGrammarResults(shares).issues.map(issueKey), cpuMs: (await cpuMs(hosts)) - cpuBefore };
}

/** Warms every process as the app's pool warms each replica, before any timed check. */
export async function warmUpAll(hosts: readonly MeasuredHost<'grammar'>[]): Promise<void> {
  await Promise.all(hosts.map((measured) => measured.api.warmUp(null)));
}

function sameIssues(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((key, index) => key === b[index]);
}

/**
 * One document checked by the single process and by the pool, in alternating order from pair to
 * pair so a drift in the machine's load favours neither. Each pair has a document of its own,
 * so grammar's paragraph cache never helps (no process has seen its paragraphs).
 */
export async function measurePair(single: MeasuredHost<'grammar'>, pool: readonly MeasuredHost<'grammar'>[], text: string, index: number, uri = `lesson:parallelism:${index}`): Promise<Pair> {
  const first = index % 2 === 0 ? await check([single], text, uri) : await check(pool, text, uri);
  const second = index % 2 === 0 ? await check(pool, text, uri) : await check([single], text, uri);
  const pair = index % 2 === 0 ? { single: first, pool: second } : { single: second, pool: first };
  if (!sameIssues(pair.single.issues, pair.pool.issues)) {
    throw new Error(`the pool found ${pair.pool.issues.length} issues where one process found ${pair.single.issues.length}: its time is not comparable`);
  }
  return pair;
}

/**
 * Linux's autogroup shares the CPU fairly between sessions, not processes: every process Forkpad
 * starts is in its session, so on a busy machine more of them get no more CPU in total.
 */
export async function autogroupNote(): Promise<string> {
  const enabled = await readFile('/proc/sys/kernel/sched_autogroup_enabled', 'utf8').catch(() => '0');
  return enabled.trim() === '1' ? "; Linux's autogroup is on: the CPU is shared fairly between sessions, and all of Forkpad's processes share one session's share" : '';
}

function figures(pairs: readonly Pair[], poolSize: number, cores: number, kb: number, loadAverage: number, note: string): LessonFigure[] {
  const singleMs = median(pairs.map((pair) => pair.single.ms));
  const poolMs = median(pairs.map((pair) => pair.pool.ms));
  const busy = (runs: readonly Run[]) => round(median(runs.map((run) => run.cpuMs / run.ms)));
  const each = `median of ${pairs.length} documents of ${kb} KB`;
  return [
    { label: `1 process: full grammar check of ${kb} KB`, value: round(singleMs), unit: 'ms', detail: `${each}; on average ${busy(pairs.map((pair) => pair.single))} cores busy` },
    { label: `${poolSize} processes, a shard each: the same check`, value: round(poolMs), unit: 'ms', detail: `${each}; identical issues; on average ${busy(pairs.map((pair) => pair.pool))} cores busy` },
    { label: 'speedup', value: round(median(pairs.map((pair) => pair.single.ms / pair.pool.ms))), unit: '×', detail: `median of the ${pairs.length} pairs; ideal ${Math.min(poolSize, cores)}×` },
    { label: 'cores on this machine', value: cores, unit: 'cores', detail: `os.availableParallelism(); 1-minute load average ${round(loadAverage)} before measuring${note}` },
  ];
}

export async function measureParallelism(context: ClaimContext): Promise<ClaimMeasurement> {
  const cores = availableParallelism();
  const poolSize = Math.max(2, cores);
  const kb = context.scale === 'full' ? FULL_KB : QUICK_KB;
  const count = context.scale === 'full' ? 3 : 1;
  const loadAverage = loadavg()[0] ?? 0;
  const hosts = new MeasuredHosts(context.places, context.log);
  try {
    context.progress(0, `starting ${1 + poolSize} grammar processes (loading harper)`);
    const started = await Promise.all(Array.from({ length: 1 + poolSize }, () => hosts.startHost('grammar', 'process')));
    // Every process warms up as the app's pool replicas do (workers/tasks/grammar/warm-up.ts):
    // harper's first KB in a process cost two to three times later ones, and a pool replica,
    // seeing half the text, would pay that on its share of every timed document.
    context.progress(0.1, 'warming up: each process lints the grammar task’s warm-up text');
    await warmUpAll(started);
    const [single, ...pool] = started as [MeasuredHost<'grammar'>, ...MeasuredHost<'grammar'>[]];
    const pairs: Pair[] = [];
    for (let index = 0; index < count; index++) {
      throwIfCancelled(context.signal, 'parallelism');
      context.progress(0.15 + (0.85 * index) / count, `document ${index + 1} of ${count}: 1 grammar process, then ${poolSize}, each check ${kb} KB`);
      pairs.push(await measurePair(single, pool, sampleDocument(kb * 1024, 23 + index), index));
    }
    const singleMs = median(pairs.map((pair) => pair.single.ms));
    const poolMs = median(pairs.map((pair) => pair.pool.ms));
    const busy = (pick: (pair: Pair) => Run) => median(pairs.map((pair) => pick(pair).cpuMs / pick(pair).ms));
    const speedup = median(pairs.map((pair) => pair.single.ms / pair.pool.ms));
    const timing = { cores, processes: poolSize, singleMs, poolMs, speedup, loadAverage, singleCores: busy((pair) => pair.single), poolCores: busy((pair) => pair.pool) };
    return { ...judgeParallelism(timing), figures: figures(pairs, poolSize, cores, kb, loadAverage, await autogroupNote()) };
  } finally {
    await hosts.stopAll();
  }
}
