/**
 * A benchmark child for scenario 6: a full grammar check over a pool of N grammar task processes,
 * beside a control that measures what the machine allows without Forkpad.
 *
 * Forkpad's pool: N process hosts of the grammar task started through the public host API, each
 * holding the whole document, checked as the app's grammar pool checks it (grammar-pool.ts):
 * replica i asked for shard { index: i, count: N }, the shares merged by grammar-merge.ts. Harper
 * lints each paragraph on its own, so the merged issues must equal one process's; the run checks.
 *
 * The control: the same shards' paragraphs linted by harper.js alone in N bare Node processes
 * (bare-harper.ts: no host, RPC, checker or cache), forked the same way and timed the same way.
 * Two processes of harper on two cores may not run twice as fast (shared caches and memory
 * bandwidth); the control's speedup is that ceiling, measured in the same run, so a miss of the
 * budget can be told apart from a loss in Forkpad's own design.
 */
import { mergeGrammarResults } from '../../main/core/supervisor/grammar-merge.ts';
import type { GrammarIssue, GrammarResult } from '../../workers/common/task-api.ts';
import { planCheck } from '../../workers/tasks/grammar/check-plan.ts';
import { shareOf } from '../../workers/tasks/grammar/shard.ts';
import { sampleDocument } from '../../workers/tasks/text/sample-document.ts';
import { ROWS } from '../budgets.ts';
import { childParams, runChild, toParent } from '../child-protocol.ts';
import { ContentionMeter } from '../machine.ts';
import type { Contention, Measurement } from '../results.ts';
import { median, summarize } from '../stats.ts';
import { startBareHarper, type BareHarper } from './bare-pool.ts';
import { fileLog } from './bench-host.ts';
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

interface TimedRun {
  readonly ms: number;
  /** CPU time the pool's processes used for the check, ms: over `ms`, the cores they got. */
  readonly cpuMs: number;
  /** Other work on the machine while the shares were checked (start-up excluded). */
  readonly contention: Contention;
}

interface PoolRun extends TimedRun {
  readonly issues: string[];
  /** The last replica's time over the first's: how evenly the shards split the work. */
  readonly imbalance: number;
}

interface BareRun extends TimedRun {
  readonly lints: number;
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/** Checks `text` on `hosts` as the app's pool does: all hold it, each lints its shard. */
async function poolCheck(hosts: readonly StartedTask<'grammar'>[], text: string): Promise<PoolRun> {
  const count = hosts.length;
  await Promise.all(hosts.map((host) => host.api.open({ uri: 'bench:pool', version: 1, text, path: null })));
  const meter = new ContentionMeter(params.rootPid);
  const cpu = async () => sum((await Promise.all(hosts.map((host) => host.host.usage()))).map((usage) => usage.cpuTimeMs ?? 0));
  await meter.begin();
  const cpuBefore = await cpu();
  const started = performance.now();
  const finished: number[] = [];
  const shares = await Promise.all(
    hosts.map(async (host, index) => {
      const share = await host.api.check(count === 1 ? { version: 1 } : { version: 1, shard: { index, count } });
      finished.push(performance.now() - started);
      return share;
    }),
  );
  const ms = performance.now() - started;
  const merged: GrammarResult = mergeGrammarResults(shares);
  const imbalance = Math.max(...finished) / Math.max(1, Math.min(...finished));
  return { ms, cpuMs: (await cpu()) - cpuBefore, issues: merged.issues.map(issueKey), imbalance, contention: await meter.end() };
}

/** The same shards' paragraphs, linted by harper alone in the bare processes; timed the same way. */
async function bareCheck(bare: readonly BareHarper[], text: string): Promise<BareRun> {
  const units = planCheck(text, undefined).units;
  const count = bare.length;
  const shares = bare.map((_, index) => shareOf(units, count === 1 ? undefined : { index, count }).map((unit) => text.slice(unit.start, unit.end)));
  const meter = new ContentionMeter(params.rootPid);
  await meter.begin();
  const started = performance.now();
  const answers = await Promise.all(bare.map((process, index) => process.lint(shares[index] ?? [])));
  const ms = performance.now() - started;
  const cpuMs = sum(answers.map((answer, index) => answer.cpuMs - (bare[index]?.readyCpuMs ?? 0)));
  return { ms, cpuMs, lints: sum(answers.map((answer) => answer.lints)), contention: await meter.end() };
}

/** One round at one size: Forkpad's pool and the bare control, in the order given, on fresh processes. */
async function round(size: number, text: string, bareFirst: boolean, log: (line: string) => void): Promise<{ pool: PoolRun; bare: BareRun }> {
  const [hosts, bare] = await Promise.all([
    Promise.all(Array.from({ length: size }, () => startTask('grammar', 'process', log))),
    Promise.all(Array.from({ length: size }, () => startBareHarper(log))),
  ]);
  try {
    // A process just set up still compiles and collects in the background for a moment (about
    // 160 ms of CPU in its first half second): let that pass before anything is timed.
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    if (bareFirst) {
      const bareRun = await bareCheck(bare, text);
      return { bare: bareRun, pool: await poolCheck(hosts, text) };
    }
    const pool = await poolCheck(hosts, text);
    return { pool, bare: await bareCheck(bare, text) };
  } finally {
    await Promise.all([...hosts.map((host) => host.stop()), ...bare.map((process) => process.stop())]);
  }
}

/** Quiet time after start-up, before a round is timed. */
const SETTLE_MS = 1_000;

const columnOf = (size: number) => (size === 1 ? '1 process' : `${size} processes`);

function mean(values: readonly number[]): number {
  return Math.round((sum(values) / Math.max(1, values.length)) * 10) / 10;
}

interface SizeRuns {
  readonly pool: PoolRun[];
  readonly bare: BareRun[];
  readonly poolSpeedups: number[];
  readonly bareSpeedups: number[];
  mismatched: number;
  /** Runs whose bare lints differed in number from Forkpad's issues (harper's own work differed). */
  workDiffered: number;
}

function averageContention(runs: readonly TimedRun[]): Contention {
  return {
    loadAverage: mean(runs.map((run) => run.contention.loadAverage)),
    machineBusyPercent: mean(runs.map((run) => run.contention.machineBusyPercent)),
    othersPercent: mean(runs.map((run) => run.contention.othersPercent)),
    seconds: Math.round(sum(runs.map((run) => run.contention.seconds)) * 10) / 10,
  };
}

/** Each size's runs as measurements, and the machine's contention averaged over them. */
function report(size: number, runs: SizeRuns): Measurement[] {
  const column = columnOf(size);
  const same = runs.mismatched === 0 ? 'identical to 1 process' : `differed from 1 process in ${runs.mismatched} run(s)`;
  const work = runs.workDiffered === 0 ? 'bare harper found as many lints as Forkpad issues' : `bare harper's lint count differed from Forkpad's issues in ${runs.workDiffered} run(s)`;
  // The machine's other work over both halves of the comparison: a busy control is as misleading as a busy pool.
  const contention = averageContention([...runs.pool, ...runs.bare]);
  toParent({ type: 'contention', key: `6:${column}`, contention });
  const poolMs = runs.pool.map((run) => run.ms);
  const bareMs = runs.bare.map((run) => run.ms);
  const speedup = runs.mismatched === 0 ? median(runs.poolSpeedups) : null;
  const ceiling = median(runs.bareSpeedups);
  const cores = (list: readonly TimedRun[]) => median(list.map((run) => run.cpuMs / run.ms));
  return [
    { scenario: 6, row: `full grammar check of ${params.documentKb} KB, median`, column, value: median(poolMs), unit: 'ms', summary: summarize(poolMs) },
    { scenario: 6, row: ROWS.poolSpeedup, column, value: speedup, unit: '×', note: `${runs.pool.length} run(s); issues ${same}; ${work}` },
    { scenario: 6, row: ROWS.bareCeiling, column, value: ceiling, unit: '×' },
    { scenario: 6, row: 'ideal speedup', column, value: Math.min(size, params.cores), unit: '×' },
    { scenario: 6, row: 'Forkpad’s speedup as a share of the bare ceiling', column, value: speedup === null ? null : (speedup / ceiling) * 100, unit: '%' },
    { scenario: 6, row: `bare harper.js, same paragraphs, no Forkpad, median`, column, value: median(bareMs), unit: 'ms', summary: summarize(bareMs) },
    { scenario: 6, row: 'cores the pool got (its CPU time ÷ wall time), median', column, value: cores(runs.pool), unit: '×' },
    { scenario: 6, row: 'cores bare harper got (its CPU time ÷ wall time), median', column, value: cores(runs.bare), unit: '×' },
    { scenario: 6, row: ROWS.poolOtherWork, column, value: contention.othersPercent, unit: '%' },
    { scenario: 6, row: 'last replica done ÷ first replica done (shard balance), median', column, value: median(runs.pool.map((run) => run.imbalance)), unit: '×' },
  ];
}

runChild(async () => {
  const log = fileLog(params.logFile);
  const runs = new Map<number, SizeRuns>(params.sizes.map((size) => [size, { pool: [], bare: [], poolSpeedups: [], bareSpeedups: [], mismatched: 0, workDiffered: 0 }]));
  let step = 0;
  for (let repeat = 0; repeat < params.repeats; repeat++) {
    // A new text each round: the task caches lints by paragraph text, so a repeat must not hit it.
    const text = sampleDocument(params.documentKb * 1024, 100 + repeat);
    let reference: { pool: PoolRun; bare: BareRun } | undefined;
    for (const size of params.sizes) {
      toParent({ type: 'progress', fraction: step++ / (params.repeats * params.sizes.length), label: `grammar pool of ${size} and its bare control, run ${repeat + 1}` });
      // Which goes first alternates, so a drift in the machine's load favours neither.
      const measured = await round(size, text, (repeat + size) % 2 === 1, log);
      reference ??= measured;
      const into = runs.get(size);
      if (!into) continue;
      into.pool.push(measured.pool);
      into.bare.push(measured.bare);
      into.poolSpeedups.push(reference.pool.ms / measured.pool.ms);
      into.bareSpeedups.push(reference.bare.ms / measured.bare.ms);
      const expected = reference.pool.issues;
      if (measured.pool.issues.length !== expected.length || measured.pool.issues.some((key, index) => key !== expected[index])) into.mismatched += 1;
      if (measured.bare.lints !== measured.pool.issues.length) into.workDiffered += 1;
    }
  }
  const items = params.sizes.flatMap((size) => {
    const sizeRuns = runs.get(size);
    return sizeRuns ? report(size, sizeRuns) : [];
  });
  toParent({ type: 'measurements', items });
});
