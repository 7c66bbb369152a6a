/**
 * Crash isolation: the four tasks run together under one host kind, a crash is injected into
 * one of them (the task's own `injectFault`), and each of the others is asked to answer. Threads
 * and processes are the product's hosts; the shared main thread is a scratch host's, whose inline
 * tasks have no guard (see scratch.ts), so the crash is an uncaught exception on its main thread.
 * The app's own inline host, which catches an injected crash, is measured too and shown apart.
 */
import type { LessonFigure } from '../../../../workers/common/lesson.ts';
import { TASK_IDS, type HostKind, type TaskId } from '../../../../workers/common/tasks.ts';
import type { ProcessExit } from '../../hosts/process-spawner.ts';
import type { ClaimMeasurement } from '../lesson-protocol.ts';
import { describeExit, MeasuredHosts } from '../measured-hosts.ts';
import { startScratch } from '../scratch-client.ts';
import { judgeIsolation, type CrashOutcome } from '../verdicts.ts';
import { throwIfCancelled, within, type ClaimContext } from './claim-context.ts';

const CRASHED: TaskId = 'grammar';
const NEIGHBOURS = TASK_IDS.filter((task) => task !== CRASHED);
/** How long a neighbour may take to answer `noop` after the crash before it counts as gone. */
const ANSWER_MS = 3_000;
/** How long the crashed host may take to be seen gone. */
const EXIT_MS = 10_000;

interface KindOutcome extends CrashOutcome {
  /** How the crashed task's host (or the whole scratch host) ended. */
  readonly crashedExit: string;
}

async function answers(call: (task: TaskId) => Promise<unknown>): Promise<number> {
  const results = await Promise.allSettled(NEIGHBOURS.map((task) => within(call(task), ANSWER_MS, `${task} answering`)));
  return results.filter((result) => result.status === 'fulfilled').length;
}

/** Threads, processes, or the app's own (guarded) inline hosts, all in this runner. */
async function crashHosts(context: ClaimContext, kind: HostKind): Promise<KindOutcome> {
  const hosts = new MeasuredHosts(context.places, context.log);
  try {
    const started = await Promise.all(TASK_IDS.map((task) => hosts.startHost(task, kind)));
    const byTask = new Map(started.map((measured) => [measured.host.task, measured]));
    const crashed = byTask.get(CRASHED);
    if (!crashed) throw new Error(`${CRASHED} did not start`);
    // Never answered: the host dies under the call.
    crashed.control.injectFault({ kind: 'crash' }).catch(() => undefined);
    const exit = await within(crashed.exited, EXIT_MS, `${crashed.label} ending after its crash`);
    const survivors = await answers((task) => byTask.get(task)?.control.noop(null) ?? Promise.reject(new Error(`${task} did not start`)));
    return { survivors, neighbours: NEIGHBOURS.length, crashedExit: `${CRASHED}'s ${kind === 'inline' ? 'channel' : kind} ended: ${describeExit(exit)}` };
  } finally {
    await hosts.stopAll();
  }
}

/** All four inline in a scratch host with no guard; the crash is uncaught on its main thread. */
async function crashScratch(context: ClaimContext): Promise<KindOutcome> {
  const scratch = await startScratch(context.places, TASK_IDS.map((task) => ({ task, kind: 'inline' as const })), context.log);
  try {
    scratch.api.call({ task: CRASHED, method: 'injectFault', request: { kind: 'crash' } }).catch(() => undefined);
    const exit: ProcessExit = await within(scratch.child.exited, EXIT_MS, `${scratch.child.label} after ${CRASHED} crashed inline`);
    const survivors = await answers((task) => scratch.api.call({ task, method: 'noop', request: null }));
    return { survivors, neighbours: NEIGHBOURS.length, crashedExit: `the scratch host ended: ${describeExit(exit)}` };
  } finally {
    await scratch.stop();
  }
}

function figure(label: string, outcome: KindOutcome, note: string): LessonFigure {
  return { label, value: outcome.survivors, unit: 'tasks', detail: `of ${outcome.neighbours} neighbours answered; ${outcome.crashedExit}${note}` };
}

export async function measureIsolation(context: ClaimContext): Promise<ClaimMeasurement> {
  const steps: [string, () => Promise<KindOutcome>][] = [
    ['processes', () => crashHosts(context, 'process')],
    ['worker threads', () => crashHosts(context, 'thread')],
    ['the shared main thread of a scratch host', () => crashScratch(context)],
    ["this app's inline host", () => crashHosts(context, 'inline')],
  ];
  const outcomes: KindOutcome[] = [];
  for (const [index, [what, run]] of steps.entries()) {
    throwIfCancelled(context.signal, 'isolation');
    context.progress(index / steps.length, `crashing ${CRASHED} among the four tasks in ${what}`);
    outcomes.push(await run());
  }
  const [process, thread, scratch, guarded] = outcomes as [KindOutcome, KindOutcome, KindOutcome, KindOutcome];
  const figures = [
    figure(`processes: neighbours still answering after ${CRASHED} crashed`, process, ''),
    figure(`worker threads: neighbours still answering after ${CRASHED} crashed`, thread, ''),
    figure(`shared main thread: neighbours still answering after ${CRASHED} crashed`, scratch, '; every task in it died with it, while this host stayed up'),
    figure(
      `this app's inline host: neighbours still answering after ${CRASHED} crashed`,
      guarded,
      "; its guard catches an injected crash, but no guard catches every failure on a main thread (an uncaught error in a callback, a native abort, the heap running out)",
    ),
  ];
  return { ...judgeIsolation(process, thread, scratch), figures };
}
