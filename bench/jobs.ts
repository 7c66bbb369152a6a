/**
 * The steps of a run, each with the seconds it is expected to take (the progress bar's weights):
 * host-side scenario children per model, the grammar pool, memory per task, and the browser
 * scenarios, which share one Chromium.
 */
import { join } from 'node:path';
import { HOST_KINDS, TASK_IDS } from '../workers/common/tasks.ts';
import { sampleDocument } from '../workers/tasks/text/sample-document.ts';
import { launchBrowser, type BrowserSession } from '../test/browser/harness.ts';
import { measureStartup, measureStartupControls } from './browser/startup.ts';
import { measureSwitching } from './browser/switching.ts';
import { measureBareTyping, measureTyping } from './browser/typing.ts';
import { installPageProbe } from './browser/page-probes.ts';
import { runBenchChild, type ChildSink } from './child.ts';
import { ContentionMeter } from './machine.ts';
import { BARE_CONTROL, BARE_MONACO } from './budgets.ts';
import type { BenchOptions } from './options.ts';
import type { SpellingRunParams } from './spelling/spelling-run.ts';
import type { SharingRunParams } from './host/sharing-run.ts';
import type { Measurement } from './results.ts';

export interface Job {
  readonly label: string;
  /** Expected seconds. */
  readonly weight: number;
  readonly run: (sink: ChildSink) => Promise<void>;
}

export interface JobContext {
  readonly options: BenchOptions;
  readonly logFile: string;
  readonly cores: number;
}

const HOST_DIR = join(import.meta.dirname, 'host');
const CHILD_TIMEOUT_MS = 10 * 60_000;
/** Keys per run of the priority comparison (its two runs are compared with each other only). */
const PRIORITY_KEYS = 300;
const wants = (options: BenchOptions, ...scenarios: number[]) => scenarios.some((number) => options.only?.has(number) ?? true);

function hostJobs(context: JobContext): Job[] {
  const { plan } = context.options;
  if (!wants(context.options, 1, 2, 3, 4, 9)) return [];
  return plan.hostModels.map((column) => ({
    label: `scenarios 1–4 · ${column}`,
    weight: 8 + (plan.documentKb / 200) * 12 * (plan.fromScratchRuns + (plan.priorityRuns && column !== 'inline' ? 2 : 0)) + plan.edits * 0.03 + plan.durableKeys / 15,
    run: (sink) =>
      runBenchChild(join(HOST_DIR, 'model-run.ts'), {
        column,
        logFile: context.logFile,
        rootPid: process.pid,
        documentKb: plan.documentKb,
        fromScratchRuns: plan.fromScratchRuns,
        edits: plan.edits,
        keys: plan.durableKeys,
        protocol: plan.protocol,
        priorityRun: plan.priorityRuns && column !== 'inline',
      }, sink, CHILD_TIMEOUT_MS),
  }));
}

function poolJob(context: JobContext): Job[] {
  if (!wants(context.options, 6)) return [];
  const sizes = Array.from({ length: Math.max(2, context.cores) }, (_, index) => index + 1);
  const { plan } = context.options;
  return [{
    label: 'scenario 6 · grammar pool',
    // Forkpad's pool and the bare-harper control, each settling 1 s after start-up.
    weight: plan.poolRepeats * sizes.reduce((sum, size) => sum + 2 * (3 + 12 / size), 0),
    run: (sink) => runBenchChild(join(HOST_DIR, 'pool-run.ts'), { sizes, repeats: plan.poolRepeats, documentKb: plan.documentKb, cores: context.cores, logFile: context.logFile, rootPid: process.pid }, sink, CHILD_TIMEOUT_MS),
  }];
}

function memoryJobs(context: JobContext): Job[] {
  if (!wants(context.options, 9) || !context.options.plan.memoryPerTask) return [];
  return TASK_IDS.flatMap((task) => HOST_KINDS.map((kind) => ({
    label: `scenario 9 · ${task} ${kind} memory`,
    weight: task === 'grammar' ? 14 : 3,
    run: (sink: ChildSink) => runBenchChild(join(HOST_DIR, 'memory-run.ts'), { task, kind, documentKb: context.options.plan.documentKb, logFile: context.logFile }, sink, CHILD_TIMEOUT_MS),
  })));
}

function spellingJob(context: JobContext): Job[] {
  if (!wants(context.options, 10)) return [];
  const { plan } = context.options;
  const params: SpellingRunParams = { logFile: context.logFile, slipWords: 1000, ...(plan.spellingPairs === undefined ? {} : { maxPairs: plan.spellingPairs }) };
  return [{
    label: 'scenario 10 · spelling suggestions',
    // Raw nspell's unbounded search dominates: about 40 ms a pair.
    weight: 5 + (plan.spellingPairs ?? 1700) * 2 * 0.06,
    run: (sink) => runBenchChild(join(import.meta.dirname, 'spelling', 'spelling-run.ts'), params, sink, CHILD_TIMEOUT_MS),
  }];
}

function sharingJob(context: JobContext): Job[] {
  if (!wants(context.options, 11)) return [];
  const params: SharingRunParams = { repeats: context.options.plan.sharingRepeats, models: ['threads', 'processes', 'mix'], logFile: context.logFile };
  return [{
    label: 'scenario 11 · the shared document',
    // Priming 4 × (repeats + 1) hosts, three models of four hosts, and harper loading four times.
    weight: 8 + 2 * (params.repeats + 1) + 3 * 6 + 4 * 3,
    run: (sink) => runBenchChild(join(HOST_DIR, 'sharing-run.ts'), params, sink, CHILD_TIMEOUT_MS),
  }];
}

/** Runs `measure` with one shared Chromium, and records how busy the machine was meanwhile. */
function browserJob(label: string, weight: number, key: string, browser: () => Promise<BrowserSession>, measure: (session: BrowserSession) => Promise<Measurement[]>): Job {
  return {
    label,
    weight,
    async run(sink) {
      const session = await browser();
      const meter = new ContentionMeter(process.pid);
      await meter.begin();
      sink.measurements(await measure(session));
      sink.contention(key, await meter.end());
    },
  };
}

/** A browser scenario that launches its own Chromium (fresh profiles), with the machine's load recorded. */
function ownBrowserJob(label: string, weight: number, key: string, measure: () => Promise<Measurement[]>): Job {
  return {
    label,
    weight,
    async run(sink) {
      const meter = new ContentionMeter(process.pid);
      await meter.begin();
      sink.measurements(await measure());
      sink.contention(key, await meter.end());
    },
  };
}

export function browserJobs(context: JobContext, browser: () => Promise<BrowserSession>): Job[] {
  const { plan } = context.options;
  const jobs: Job[] = [];
  if (wants(context.options, 7)) {
    // Each repeat in its own fresh Chromium (measureStartup launches it), not the shared one.
    for (const column of plan.startupModels) jobs.push(ownBrowserJob(`scenario 7 · start-up · ${column}`, 9 * plan.startupRepeats, `7:${column}`, () => measureStartup(column, plan.startupRepeats)));
    jobs.push(ownBrowserJob(`scenario 7 · start-up · ${BARE_CONTROL}`, 4 * Math.max(3, plan.startupRepeats), `7:${BARE_CONTROL}`, () => measureStartupControls(Math.max(3, plan.startupRepeats))));
  }
  if (wants(context.options, 5)) {
    const document = sampleDocument(plan.documentKb * 1024, 5);
    for (const column of plan.browserModels) {
      jobs.push(browserJob(`scenario 5 · typing · ${column}`, 8 + plan.browserKeys * 0.04, `5:${column}`, browser, (session) => measureTyping(session.page, column, plan.browserKeys, document)));
    }
    // The budget's floor: Forkpad's editor alone, the same keys into the same document. Last of
    // the four, in the warmest browser, so that if anything the floor is flattered, not Forkpad.
    jobs.push(browserJob(`scenario 5 · typing · ${BARE_MONACO}`, 6 + plan.browserKeys * 0.04, '5:bare', browser, (session) => measureBareTyping(session.page, plan.browserKeys, document)));
    if (plan.priorityRuns) {
      // Back to back, so the comparison is not with a run made earlier: as it is, then lowered.
      const keys = Math.min(plan.browserKeys, PRIORITY_KEYS);
      const pair = [
        { label: 'processes again, normal priority', options: { variant: ', again at normal priority' } },
        { label: 'processes, background tasks at lower priority', options: { lowerPriority: true } },
      ];
      for (const { label, options } of pair) {
        jobs.push(browserJob(`scenario 5 · typing · ${label}`, 8 + keys * 0.04, `5:${label}`, browser, (session) => measureTyping(session.page, 'processes', keys, document, options)));
      }
      // The floor of this browser set-up: the same typing into an empty document, nothing to check.
      const control = 'control: empty document (mix)';
      jobs.push(browserJob(`scenario 5 · typing · ${control}`, 8 + plan.browserKeys * 0.04, `5:${control}`, browser, (session) => measureTyping(session.page, 'mix', plan.browserKeys, '', { column: control })));
    }
  }
  if (wants(context.options, 8)) {
    const switches = plan.mode === 'full' ? 9 : 4;
    jobs.push(browserJob('scenario 8 · switching while typing', 5 + switches * 3, '8:all', browser, (session) => measureSwitching(session.page, switches, sampleDocument(20 * 1024, 6))));
  }
  return jobs;
}

/** Every job of the run, and a function that closes the shared browser afterwards. */
export function planJobs(context: JobContext): { jobs: Job[]; close: () => Promise<void> } {
  let session: Promise<BrowserSession> | undefined;
  const browser = () => {
    session ??= launchBrowser().then(async (launched) => {
      await installPageProbe(launched.page);
      return launched;
    });
    return session;
  };
  const jobs = [...hostJobs(context), ...poolJob(context), ...memoryJobs(context), ...spellingJob(context), ...sharingJob(context), ...browserJobs(context, browser)];
  return { jobs, close: async () => void (session ? await (await session).close() : undefined) };
}
