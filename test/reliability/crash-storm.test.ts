/**
 * Crash storm: 10,000 keystrokes through the real host core (EditorSession, host service, the
 * real supervisor with the four real tasks in real threads and processes) while 200 faults hit
 * every task in every host kind: SIGKILLs from outside, uncaught exceptions, hangs killed by the
 * user, leaks, and live model switches. The restart policy is set to keep restarting.
 *
 * Asserted: the document equals the typed text; every acknowledged edit is in the journal on
 * disk at every checkpoint and at the end; the host (this process) never died; each crashed
 * task serves again within 1 s.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtEntryPaths, sourceEntryPaths } from '../../main/core/hosts/entry-paths.ts';
import { defaultLimits } from '../../main/core/hosts/host-factory.ts';
import { APP_WARM_STANDBY } from '../../main/core/supervisor/supervisor-options.ts';
import type { GrammarResult, RenderResult, SpellResult } from '../../workers/common/task-api.ts';
import { HOST_KINDS, TASK_IDS, type TaskId } from '../../workers/common/tasks.ts';
import { FaultDriver, LEAK_TO_OOM, readyLatencies } from './support/fault-driver.ts';
import { distribution, ranWhole, recordFigures } from './support/figures.ts';
import { BUILT_MAIN, freshBuild } from './support/fresh-build.ts';
import { NEVER, runSeed, seededRandom, startRealCore, until, type RealCore } from './support/real-core.ts';
import { CrashStorm, type StormPlan, type StormRun } from './support/storm.ts';
import { Typist } from './support/typist.ts';

const KEYSTROKES = 10_000;
const FAULTS = 200;
const READY_BOUND_MS = 1_000;
const STANDBY_DELAY_MS = 300;
const PLAN: StormPlan = { keystrokes: KEYSTROKES, faults: FAULTS, faultEveryMs: 100, tickMs: 15, keysPerTick: 8, checkpointEvery: 1_000 };
/** Grammar threads keep their ~300 MB of RSS after they end (STACK-NOTES): a few are enough to prove the point. */
const QUOTAS = new Map([
  ['grammar thread', 3],
  ['grammar process', 3],
]);
const SEED = runSeed();
const ENTRIES = freshBuild() ? builtEntryPaths(BUILT_MAIN) : sourceEntryPaths();
const startedAt = performance.now();

let run: StormRun | undefined;

async function storm(): Promise<StormRun> {
  const random = seededRandom(SEED);
  const real = await startRealCore({
    // Task threads and processes from the fresh build when there is one (as the app runs them), else from source.
    entries: ENTRIES,
    keepLogs: 100_000,
    supervisor: {
      restartPolicy: { maxCrashes: Number.MAX_SAFE_INTEGER, backoffBaseMs: 5, backoffMaxMs: 20 },
      timings: { heartbeat: { intervalMs: 100, timeoutMs: 500 }, drainMs: 300, stopMs: 1_000 },
      limits: (task) => (LEAK_TO_OOM.has(task) ? { ...defaultLimits(task), maxOldGenerationSizeMb: 64 } : defaultLimits(task)),
      probeIntervalMs: 250,
      // As in the app, every task keeps a warm spare host. The app warms one 3 s after a start
      // or move once the user pauses, or after 30 s of typing; this typist never pauses and a
      // fault comes every 100 ms, so here the spare comes after 0.3 s, or 3 s of typing.
      warmStandby: APP_WARM_STANDBY,
      standbyDelayMs: STANDBY_DELAY_MS,
    },
  });
  await real.core.ready;
  await warmInlineLoads(real);
  // A thread or process task is hit once its spare is loaded: a crash inside the spare's warm-up
  // waits for it, which says nothing new about recovery (see the summary).
  const armed = (task: TaskId) => {
    const kind = real.supervisor.model[task];
    return kind === 'inline' || !APP_WARM_STANDBY.includes(task) || real.supervisor.warmStandby(task) === kind;
  };
  return new CrashStorm(real, new FaultDriver(real, random, QUOTAS, armed), new Typist(random), PLAN).run();
}

/**
 * The first inline grammar host of a process builds harper's linter on the host's main thread
 * (~0.7 s idle), and the first inline spellcheck parses its dictionary there (~0.3 s); later inline
 * hosts reuse both. That one-time stall is the inline model's cost (bench scenario 8 measures the
 * switch); paid during the storm, it would hold up whatever other task is recovering just then. So
 * each is paid once before the clock starts, and the tasks go back where they were.
 */
async function warmInlineLoads(real: RealCore): Promise<void> {
  for (const task of ['grammar', 'spellcheck'] as const) {
    const kind = real.supervisor.model[task];
    if (kind === 'inline') continue;
    await real.core.api.setIsolation({ task, kind: 'inline' }, NEVER);
    await real.core.api.setIsolation({ task, kind }, NEVER);
  }
}

function latest<T extends { version: number }>(storm: StormRun, name: string): T | undefined {
  return storm.real.events.findLast((event) => event.name === name)?.payload as T | undefined;
}

function stormRun(): StormRun {
  if (!run) throw new Error('the storm did not run');
  return run;
}

beforeAll(async () => {
  run = await storm();
}, 300_000);

afterAll(async ({}, file) => {
  if (!run) return;
  if (ranWhole(file)) await recordStormFigures(run);
  await run.real.close();
}, 60_000);

describe(`crash storm: ${KEYSTROKES.toLocaleString('en-US')} keystrokes, ${FAULTS} faults`, () => {
  it('leaves the document exactly as typed, and every task in step with it', async () => {
    const { real, typist, episodes } = stormRun();
    expect(episodes).toHaveLength(FAULTS);
    expect(episodes.filter((episode) => episode.error !== undefined).map((episode) => `${episode.task} ${episode.kind} ${episode.fault}: ${episode.error}`)).toEqual([]);
    expect(real.core.session.version).toBe(KEYSTROKES);
    expect(real.core.session.text).toBe(typist.text);
    const final = real.core.session.version;
    for (const name of ['preview', 'spelling', 'grammar'] as const) {
      await until(() => latest<RenderResult | SpellResult | GrammarResult>(stormRun(), name)?.version === final, `${name} of the final version`, 60_000);
    }
    expect(real.supervisor.status().filter((status) => status.state === 'stopped')).toEqual([]);
  });

  it('has every acknowledged edit in the journal, at each checkpoint and at the end', async () => {
    const { real, typist, journalProblems, durableMax: acknowledged } = stormRun();
    expect(journalProblems).toEqual([]);
    expect(acknowledged()).toBe(KEYSTROKES);
    const recovered = await real.supervisor.client('keystroke').recover(null);
    expect(recovered.find((document) => document.uri === real.core.session.uri)).toMatchObject({ version: KEYSTROKES, text: typist.text, dirty: true });
  });

  it('never lost the host: no unhandled error, and it still answers', async () => {
    const { real, unhandled } = stormRun();
    expect(unhandled).toEqual([]);
    await expect(real.core.api.hello(null, NEVER)).resolves.toMatchObject({ document: { version: KEYSTROKES } });
  });

  it('hit every task in every host kind with a crash, and switched models live', () => {
    const { episodes } = stormRun();
    for (const task of TASK_IDS) {
      for (const kind of HOST_KINDS) {
        expect(episodes.some((episode) => episode.task === task && episode.kind === kind && episode.fault !== 'switch'), `${task} ${kind}`).toBe(true);
      }
    }
    for (const fault of ['crash', 'sigkill', 'kill', 'hang', 'leak', 'switch'] as const) expect(episodes.some((episode) => episode.fault === fault), fault).toBe(true);
  });

  it('has every crashed task serving again, each within 30 s at worst', () => {
    const crashes = stormRun().episodes.filter((episode) => episode.fault !== 'switch');
    expect(crashes.every((episode) => episode.crashedAt !== undefined && episode.readyAt !== undefined)).toBe(true);
    expect(Math.max(...crashes.map((episode) => (episode.readyAt ?? Infinity) - (episode.crashedAt ?? 0)))).toBeLessThan(30_000);
  });

  // A new grammar host builds harper's linter (~0.6 s) and a spellcheck host parses its
  // dictionary (~0.3 s): the warm standby is what brings these restarts under the bound.
  it(`has each crashed task serving again within ${READY_BOUND_MS} ms`, () => {
    const slow = [...readyLatencies(stormRun().episodes)].flatMap(([group, latencies]) =>
      latencies.filter((ms) => ms > READY_BOUND_MS).map((ms) => `${group}: ${Math.round(ms)} ms`),
    );
    expect(slow).toEqual([]);
  });
});

function slowCount(latencies: Map<string, number[]>): number {
  return [...latencies.values()].flat().filter((ms) => ms > READY_BOUND_MS).length;
}

async function recordStormFigures(storm: StormRun): Promise<void> {
  const crashes = storm.episodes.filter((episode) => episode.fault !== 'switch');
  const latencies = readyLatencies(storm.episodes);
  const all = distribution([...latencies.values()].flat());
  const byFault = (['crash', 'sigkill', 'kill', 'hang', 'leak', 'switch'] as const).map((fault) => `${fault} ${storm.episodes.filter((episode) => episode.fault === fault).length}`);
  const tasks: readonly TaskId[] = TASK_IDS;
  await recordFigures(
    {
      suite: '1-crash-storm',
      title: 'Crash storm',
      file: 'test/reliability/crash-storm.test.ts',
      summary:
        `${KEYSTROKES.toLocaleString('en-US')} scripted keystrokes (typing, backspace, enter, paste, selection deletes, cursor jumps; emoji, ZWJ, RTL) ` +
        `go through the host service's \`change\` into the real EditorSession and supervisor, while ${FAULTS} faults hit the four real tasks in ` +
        'inline, thread and process hosts: injected uncaught exceptions, SIGKILL of task processes from outside, kills, hangs (killed once the ' +
        'monitor reports them unresponsive), leaks (ended by the heap limit, or killed) and live model switches. The restart policy never gives up ' +
        '(`restartPolicy.maxCrashes`). Every 1,000 keys the journal file is read from disk and must hold every acknowledged edit: that check ' +
        'found the journal falling behind acknowledged versions during live moves of the keystroke task (now fixed; kept in ' +
        'test/reliability/journal-moves.test.ts). As in the app, every task in a thread or process keeps a warm standby host that a crash swaps in ' +
        'at once (main/core/supervisor/standby.ts), warmed 0.3 s after a start or move (3 s in the app) once the task has been quiet for 1 s, or ' +
        'after ten such delays of typing, and at once after a takeover; it is hit only while its ' +
        'spare is loaded: a second crash inside the spare\'s warm-up (0.1-1.2 s idle, longer under the storm) waits for that warm-up, and would ' +
        'measure the warm-up again rather than recovery. Inline restarts reuse what the host\'s thread loaded. ' +
        'Before the storm, grammar and spellcheck visit inline once, so that the host\'s one-time load of harper and of the dictionary on its ' +
        'main thread (the inline model\'s stall, measured by bench scenario 8) does not hold up other recoveries inside it.',
      seed: SEED,
      figures: [
        { label: 'faults survived', value: storm.episodes.filter((episode) => episode.error === undefined).length, unit: `of ${storm.episodes.length}`, bound: `all ${FAULTS}` },
        { label: 'keystrokes typed', value: storm.real.core.session.version, bound: 'document = typed text' },
        { label: 'crashed task ready again, p50 / p95 / max', value: `${all.p50} / ${all.p95} / ${all.max}`, unit: 'ms', bound: `≤ ${READY_BOUND_MS} ms each` },
        { label: 'crashes and restarts', value: crashes.length },
        { label: 'restarts served by a warm standby', value: storm.real.logs.filter((line) => line.endsWith(' standby taken over')).length },
        { label: 'faults by kind', value: byFault.join(', ') },
        { label: 'journal checkpoints with every acknowledged edit on disk', value: storm.checkpoints - storm.journalProblems.length, unit: `of ${storm.checkpoints}`, bound: 'all' },
        { label: 'storm duration', value: Math.round(storm.stormMs / 100) / 10, unit: `s (task hosts from ${ENTRIES.thread.includes('/out/') ? 'the build' : 'source'})` },
        { label: 'host event-loop delay, worst sample', value: Math.round(storm.maxLoopDelayMs), unit: 'ms' },
        { label: 'host RSS before / after', value: `${Math.round(storm.rssBefore / 2 ** 20)} / ${Math.round(storm.rssAfter / 2 ** 20)}`, unit: 'MB' },
      ],
      tables: [
        {
          title: 'Crash to ready again, by task and host kind (ms)',
          columns: ['task', 'kind', 'crashes', 'p50', 'p95', 'max'],
          rows: tasks.flatMap((task) =>
            HOST_KINDS.map((kind) => {
              const stats = distribution(latencies.get(`${task} ${kind}`) ?? []);
              return [task, kind, stats.count, stats.p50, stats.p95, stats.max];
            }),
          ),
        },
      ],
      knownFailures:
        slowCount(latencies) === 0
          ? []
          : [
              `"has each crashed task serving again within ${READY_BOUND_MS} ms" (${slowCount(latencies)} of ${crashes.length} restarts took longer): ` +
                'a restart that found no warm spare loads the task again (harper\'s linter ~0.6 s, the spelling dictionary ~0.3 s, more under the storm).',
            ],
    },
    startedAt,
  );
}
