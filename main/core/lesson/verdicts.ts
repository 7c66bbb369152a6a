/**
 * From numbers to verdicts: one pure function per claim, so what would flip a verdict is
 * written down once, tested, and documented in docs/lesson.md. Each returns the verdict and a
 * one-line explanation quoting the numbers it was decided on.
 */
import type { Verdict } from '../../../workers/common/lesson.ts';
import { round } from './stats.ts';

export interface Judgement {
  readonly verdict: Verdict;
  readonly explanation: string;
}

/** Differences smaller than this share of the larger value are noise on a shared machine. */
export const NOISE_SHARE = 0.1;

/** True when `cheaper` is below `dearer` by more than the noise share. */
export function clearlyBelow(cheaper: number, dearer: number): boolean {
  return cheaper < dearer * (1 - NOISE_SHARE);
}

export const times = (dearer: number, cheaper: number) => `${round(dearer / cheaper)}×`;

// ---- creation ------------------------------------------------------------------------------

/** Median spawn-to-ready ms of a host without a task and with one loaded. */
export interface ReadyTimes {
  readonly bare: number;
  readonly loaded: number;
}

export function judgeCreation(thread: ReadyTimes, process: ReadyTimes, task: string): Judgement {
  const numbers = `a thread answered in ${round(thread.bare)} ms, a process in ${round(process.bare)} ms; with ${task} loaded ${round(thread.loaded)} vs ${round(process.loaded)} ms`;
  if (!clearlyBelow(thread.bare, process.bare)) {
    return { verdict: 'does not hold', explanation: `A thread was not clearly quicker to create: ${numbers}.` };
  }
  if (!clearlyBelow(thread.loaded, process.loaded)) {
    return { verdict: 'holds with a caveat', explanation: `A bare thread is ready ${times(process.bare, thread.bare)} sooner, but loading ${task} costs more than the host: ${numbers}.` };
  }
  return { verdict: 'holds', explanation: `A process takes ${times(process.bare, thread.bare)} as long to be ready: ${numbers}.` };
}

// ---- communication -------------------------------------------------------------------------

/** Median round trip, µs, of a small message and of a large one. */
export interface RoundTrips {
  readonly small: number;
  readonly large: number;
}

export function judgeCommunication(thread: RoundTrips, process: RoundTrips, largeLabel: string): Judgement {
  const numbers = `small ${round(thread.small)} vs ${round(process.small)} µs, ${largeLabel} ${round(thread.large)} vs ${round(process.large)} µs (thread vs process, medians)`;
  const small = clearlyBelow(thread.small, process.small);
  const large = clearlyBelow(thread.large, process.large);
  if (small && large) return { verdict: 'holds', explanation: `A thread answers sooner at both sizes: ${numbers}.` };
  if (small || large) {
    return { verdict: 'holds with a caveat', explanation: `A thread answers clearly sooner only for ${small ? 'small' : largeLabel} messages: ${numbers}.` };
  }
  return { verdict: 'does not hold', explanation: `A thread did not answer clearly sooner: ${numbers}.` };
}

// ---- crash isolation -----------------------------------------------------------------------

/** What one injected crash left standing. */
export interface CrashOutcome {
  /** Neighbours (the other tasks) that still answered afterwards. */
  readonly survivors: number;
  readonly neighbours: number;
}

const survived = (outcome: CrashOutcome) => `${outcome.survivors} of ${outcome.neighbours}`;

/** `inline` is tasks sharing one main thread without the inline host's guard (a scratch host). */
export function judgeIsolation(process: CrashOutcome, thread: CrashOutcome, inline: CrashOutcome): Judgement {
  const numbers = `neighbours answering after the crash: processes ${survived(process)}, threads ${survived(thread)}, shared main thread ${survived(inline)}`;
  if (process.survivors < process.neighbours) {
    return { verdict: 'does not hold', explanation: `A crashed process took neighbours with it: ${numbers}.` };
  }
  if (inline.survivors > 0) {
    return { verdict: 'does not hold', explanation: `Tasks on the crashed main thread survived it: ${numbers}.` };
  }
  if (thread.survivors === thread.neighbours) {
    return {
      verdict: 'holds with a caveat',
      explanation: `Processes isolate a crash and a shared main thread does not, but Node's worker threads isolated it too (an uncaught exception ends only its thread; a native crash would not): ${numbers}.`,
    };
  }
  return { verdict: 'holds', explanation: `Only processes kept the crash to themselves: ${numbers}.` };
}

// ---- parallelism ---------------------------------------------------------------------------

export interface PoolTiming {
  /** `os.availableParallelism()`. */
  readonly cores: number;
  /** Processes in the pool. */
  readonly processes: number;
  /** Medians over the documents checked. */
  readonly singleMs: number;
  readonly poolMs: number;
  /** Median of the per-document speedups (single ms / pool ms). */
  readonly speedup: number;
  /** CPU time per wall-clock time: how many cores the OS gave the single process and the pool. */
  readonly singleCores: number;
  readonly poolCores: number;
  /** 1-minute load average before measuring. */
  readonly loadAverage: number;
}

/** Share of the ideal extra speed a pool must reach to count as using the cores. */
export const PARALLEL_SHARE = 0.6;
/** Below this speedup a pool did not help at all. */
export const MIN_SPEEDUP = 1.15;

export function judgeParallelism(timing: PoolTiming): Judgement {
  const ideal = Math.min(timing.processes, timing.cores);
  const { speedup } = timing;
  const numbers = `1 process ${round(timing.singleMs / 1000)} s, ${timing.processes} processes ${round(timing.poolMs / 1000)} s: ${round(speedup)}× on ${timing.cores} core${timing.cores === 1 ? '' : 's'} (ideal ${ideal}×)`;
  const contention = `the OS gave one process ${round(timing.singleCores)} cores and the pool ${round(timing.poolCores)} on average; load average ${round(timing.loadAverage)}`;
  if (ideal < 2) {
    return { verdict: 'holds with a caveat', explanation: `This machine has one core, so more processes cannot run at once: ${numbers}.` };
  }
  if (speedup >= 1 + PARALLEL_SHARE * (ideal - 1)) return { verdict: 'holds', explanation: `The pool used the cores: ${numbers}.` };
  if (speedup >= MIN_SPEEDUP) {
    return { verdict: 'holds with a caveat', explanation: `Faster, but short of one core per process, as other work competes for the cores: ${numbers}; ${contention}.` };
  }
  const busy = timing.poolCores < 1 + PARALLEL_SHARE * (ideal - 1);
  return {
    verdict: 'does not hold',
    explanation: busy
      ? `Not shown here and now: other work held the cores, so more processes did not finish sooner: ${numbers}; ${contention}. Measure again when the machine is quieter.`
      : `More processes did not finish sooner even with the cores to run on: ${numbers}; ${contention}.`,
  };
}

// ---- blocking ------------------------------------------------------------------------------

export interface AckLatency {
  readonly p50: number;
  readonly p95: number;
}

/** Extra p95 delay a person notices while typing, ms (about one to two frames). */
export const NOTICEABLE_MS = 20;
/** How many times the off-thread p95 the inline p95 must reach to count as blocked. */
export const BLOCKED_FACTOR = 3;

export function judgeBlocking(inline: AckLatency, offThread: AckLatency): Judgement {
  const numbers = `keystroke acknowledged in p50 ${round(inline.p50)} / p95 ${round(inline.p95)} ms with grammar inline, ${round(offThread.p50)} / ${round(offThread.p95)} ms with grammar in a thread`;
  const extra = inline.p95 - offThread.p95;
  if (inline.p95 >= offThread.p95 * BLOCKED_FACTOR && extra >= NOTICEABLE_MS) {
    return { verdict: 'holds', explanation: `Grammar on the same thread held keystrokes back: ${numbers}.` };
  }
  if (clearlyBelow(offThread.p95, inline.p95)) {
    return {
      verdict: 'holds with a caveat',
      explanation: `Inline grammar slowed keystrokes, but not many times over: it yields to the event loop between paragraphs, every few milliseconds: ${numbers}.`,
    };
  }
  return { verdict: 'does not hold', explanation: `Keystrokes were not slower with grammar inline: ${numbers}.` };
}
