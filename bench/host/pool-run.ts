/**
 * A benchmark child for scenario 6: a full grammar check split over a pool of N grammar task
 * processes. The supervisor runs one host per task, so the pool is built here from the public
 * host API: N process hosts of the grammar task, each opening a contiguous share of the
 * document's paragraphs (cut at block boundaries, balanced by length) and checking it. Harper
 * lints each paragraph on its own, so the shares' issues, shifted by their offsets, must equal
 * one process's issues for the whole document; the run checks that they do.
 */
import type { GrammarIssue } from '../../workers/common/task-api.ts';
import { sampleDocument } from '../../workers/tasks/text/sample-document.ts';
import { ROWS } from '../budgets.ts';
import { childParams, runChild, toParent } from '../child-protocol.ts';
import { ContentionMeter } from '../machine.ts';
import type { Contention, Measurement } from '../results.ts';
import { median, summarize } from '../stats.ts';
import { fileLog } from './bench-host.ts';
import { shareCuts } from './shares.ts';
import { startTask, type StartedTask } from './task-client.ts';

export interface PoolRunParams {
  readonly sizes: readonly number[];
  readonly repeats: number;
  readonly documentKb: number;
  readonly cores: number;
  readonly logFile: string;
  readonly rootPid: number;
}

const params = childParams<PoolRunParams>();

function issueKey(issue: GrammarIssue): string {
  return `${issue.start}:${issue.end}:${issue.rule}:${issue.message}`;
}

interface PoolRun {
  readonly ms: number;
  /** CPU time the pool's processes used for the check, ms: over `ms`, the cores they got. */
  readonly cpuMs: number;
  readonly issues: string[];
  /** Other work on the machine while the shares were checked (host start-up excluded). */
  readonly contention: Contention;
}

/** Starts `size` grammar processes, checks `text` split among them, and stops them again. */
async function poolCheck(size: number, text: string, log: (line: string) => void): Promise<PoolRun> {
  const hosts: StartedTask<'grammar'>[] = await Promise.all(Array.from({ length: size }, () => startTask('grammar', 'process', log)));
  const meter = new ContentionMeter(params.rootPid);
  try {
    // One process checks the document whole, as the app's grammar task does; a pool takes it in shares.
    const cuts = shareCuts(text, size === 1 ? 1 : size * SHARES_PER_PROCESS);
    const cpu = async () => (await Promise.all(hosts.map((host) => host.host.usage()))).reduce((sum, usage) => sum + (usage.cpuTimeMs ?? 0), 0);
    await meter.begin();
    const cpuBefore = await cpu();
    const started = performance.now();
    const shares: string[][] = [];
    let next = 0;
    // Each host takes the next share as soon as it is done with one, so a host that drew cheaper
    // paragraphs is not left idle while another finishes: the pool is as fast as its total work.
    await Promise.all(hosts.map(async (host) => {
      for (let index = next++; index < cuts.length - 1; index = next++) {
        const from = cuts[index] ?? 0;
        await host.api.open({ uri: `bench:pool:${index}`, version: 1, text: text.slice(from, cuts[index + 1] ?? text.length), path: null });
        const result = await host.api.check({ version: 1 });
        shares[index] = result.issues.map((issue) => issueKey({ ...issue, start: issue.start + from, end: issue.end + from }));
      }
    }));
    const ms = performance.now() - started;
    return { ms, cpuMs: (await cpu()) - cpuBefore, issues: shares.flat(), contention: await meter.end() };
  } finally {
    await Promise.all(hosts.map((host) => host.stop()));
  }
}

/** Shares per process in a pool: enough for a process that finishes early to take another. */
const SHARES_PER_PROCESS = 4;

const columnOf = (size: number) => (size === 1 ? '1 process' : `${size} processes`);

function mean(values: readonly number[]): number {
  return Math.round((values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length)) * 10) / 10;
}

/** Each size's runs as measurements, and the machine's contention averaged over them. */
function report(size: number, runs: readonly PoolRun[], speedups: readonly number[], mismatched: number): Measurement[] {
  const column = columnOf(size);
  const note = `${runs.length} run(s); issues ${mismatched === 0 ? 'identical to 1 process' : `differed from 1 process in ${mismatched} run(s)`}`;
  const contention: Contention = {
    loadAverage: mean(runs.map((run) => run.contention.loadAverage)),
    machineBusyPercent: mean(runs.map((run) => run.contention.machineBusyPercent)),
    othersPercent: mean(runs.map((run) => run.contention.othersPercent)),
    seconds: Math.round(runs.reduce((sum, run) => sum + run.contention.seconds, 0) * 10) / 10,
  };
  toParent({ type: 'contention', key: `6:${column}`, contention });
  const ms = runs.map((run) => run.ms);
  return [
    { scenario: 6, row: `full grammar check of ${params.documentKb} KB, median`, column, value: median(ms), unit: 'ms', summary: summarize(ms) },
    { scenario: 6, row: ROWS.poolSpeedup, column, value: mismatched === 0 ? median(speedups) : null, unit: '×', note },
    { scenario: 6, row: 'ideal speedup', column, value: Math.min(size, params.cores), unit: '×' },
    { scenario: 6, row: 'cores the pool got (its CPU time ÷ wall time), median', column, value: median(runs.map((run) => run.cpuMs / run.ms)), unit: '×' },
  ];
}

runChild(async () => {
  const log = fileLog(params.logFile);
  const runs = new Map(params.sizes.map((size) => [size, [] as PoolRun[]]));
  const speedups = new Map(params.sizes.map((size) => [size, [] as number[]]));
  const mismatches = new Map(params.sizes.map((size) => [size, 0]));
  let step = 0;
  for (let repeat = 0; repeat < params.repeats; repeat++) {
    // A new text each round: the task caches lints by paragraph text, so a repeat must not hit it.
    const text = sampleDocument(params.documentKb * 1024, 100 + repeat);
    let reference: PoolRun | undefined;
    for (const size of params.sizes) {
      toParent({ type: 'progress', fraction: step++ / (params.repeats * params.sizes.length), label: `grammar pool of ${size}, run ${repeat + 1}` });
      const run = await poolCheck(size, text, log);
      reference ??= run;
      runs.get(size)?.push(run);
      speedups.get(size)?.push(reference.ms / run.ms);
      const same = run.issues.length === reference.issues.length && run.issues.every((key, index) => key === reference?.issues[index]);
      if (!same) mismatches.set(size, (mismatches.get(size) ?? 0) + 1);
    }
  }
  const items = params.sizes.flatMap((size) => report(size, runs.get(size) ?? [], speedups.get(size) ?? [], mismatches.get(size) ?? 0));
  toParent({ type: 'measurements', items });
});
