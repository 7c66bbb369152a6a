/**
 * `npm run bench`: every scenario of issue 7 under each isolation model in one run. Prints the
 * results as Markdown on stdout, writes JSON, Markdown and an SVG chart to bench/results/, and
 * with `--check` exits with code 1 naming every budget that was missed.
 */
import os from 'node:os';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { checkBudgets, describeVerdict } from './budget-check.ts';
import type { ChildSink } from './child.ts';
import { planJobs } from './jobs.ts';
import { machineInfo } from './machine.ts';
import { parseBenchArgs, usage, type BenchOptions } from './options.ts';
import { ProgressBar } from './progress.ts';
import { reportMarkdown } from './report/markdown.ts';
import { writeRun } from './report/write.ts';
import type { BenchRun, Contention, Measurement } from './results.ts';
import { round, roundSummary } from './stats.ts';
import { REPO_ROOT } from './host/bench-host.ts';

interface Collected {
  readonly measurements: Measurement[];
  readonly contention: Record<string, Contention>;
  readonly notes: string[];
  readonly steps: { label: string; seconds: number }[];
}

async function runJobs(options: BenchOptions, logFile: string, collected: Collected): Promise<void> {
  const { jobs, close } = planJobs({ options, logFile, cores: os.availableParallelism() });
  const progress = new ProgressBar(jobs.reduce((sum, job) => sum + job.weight, 0));
  try {
    for (const job of jobs) {
      progress.begin(job.label, job.weight);
      const started = performance.now();
      const sink: ChildSink = {
        progress: (fraction, label) => progress.update(fraction, label),
        measurements: (items) => collected.measurements.push(...items),
        contention: (key, value) => (collected.contention[key] = value),
        note: (text) => collected.notes.push(text),
      };
      try {
        await job.run(sink);
      } catch (error) {
        // One failed step must not cost the others: it is reported, and its budgets fail as unmeasured.
        const message = error instanceof Error ? error.message : String(error);
        progress.say(`[bench] ${job.label} failed: ${message.split('\n')[0] ?? ''}`);
        collected.notes.push(`${job.label} failed: ${message.split('\n').slice(0, 3).join(' ')}`);
      }
      progress.end();
      collected.steps.push({ label: job.label, seconds: Math.round((performance.now() - started) / 100) / 10 });
    }
  } finally {
    progress.finish();
    await close();
  }
}

/** A measurement as reported: three significant digits are all these machines can vouch for. */
function rounded(item: Measurement): Measurement {
  return { ...item, value: item.value === null ? null : round(item.value), ...(item.summary ? { summary: roundSummary(item.summary) } : {}) };
}

async function main(): Promise<number> {
  const parsed = parseBenchArgs(process.argv.slice(2));
  if ('help' in parsed) {
    console.log(usage());
    return 0;
  }
  if ('error' in parsed) {
    console.error(`${parsed.error}\n\n${usage()}`);
    return 2;
  }
  const started = performance.now();
  const machine = await machineInfo(REPO_ROOT);
  const logFile = join(tmpdir(), `forkpad-bench-${Date.now()}.log`);
  console.error(`[bench] ${parsed.plan.mode} run on ${machine.cpuModel} (${machine.cores} cores); task and host logs go to ${logFile}`);
  const collected: Collected = { measurements: [], contention: {}, notes: [], steps: [] };
  if (parsed.plan.mode === 'quick') collected.notes.push('Quick run: fewer samples; inline is left out of scenarios 1–4, and memory per task is not measured.');
  await runJobs(parsed, logFile, collected);
  const run: BenchRun = {
    mode: parsed.plan.mode,
    machine,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    measurements: collected.measurements.map(rounded),
    contention: collected.contention,
    verdicts: checkBudgets(collected.measurements, parsed.only),
    notes: collected.notes,
    steps: collected.steps,
  };
  const written = await writeRun(run, REPO_ROOT, parsed.only);
  console.log(reportMarkdown(run));
  console.error(`[bench] wrote ${Object.values(written).map((path: string) => relative(REPO_ROOT, path)).join(', ')}`);
  const missed = run.verdicts.filter((verdict) => !verdict.passed);
  if (!parsed.check) return 0;
  const excused = run.verdicts.filter((verdict) => verdict.passed && verdict.machineBound);
  if (missed.length === 0) {
    const note = excused.length === 0 ? '' : ` (${excused.length} of them only as machine-bound: ${excused.map((verdict) => describeVerdict(verdict)).join('; ')})`;
    console.error(`[bench] --check: all ${run.verdicts.length} budgets met${note}`);
    return 0;
  }
  console.error(`[bench] --check: ${missed.length} of ${run.verdicts.length} budgets missed:`);
  for (const verdict of missed) console.error(`  ✗ ${describeVerdict(verdict)}`);
  return 1;
}

process.exitCode = await main();
