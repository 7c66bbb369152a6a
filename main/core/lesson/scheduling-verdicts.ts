/**
 * Verdicts of the claims about how the OS schedules work: several processes on one core, and
 * threads that wait for I/O. Pure functions, like verdicts.ts; docs/lesson.md says what flips
 * each one.
 */
import { MIN_SPEEDUP, type Judgement } from './verdicts.ts';
import { round } from './stats.ts';

// ---- single-core multiprocessing -----------------------------------------------------------

export interface PinnedPool {
  readonly cores: number;
  readonly processes: number;
  /** Median speedup of the pool over one process, free to use every core. */
  readonly freeSpeedup: number;
  /** The same with every process pinned to one core. */
  readonly pinnedSpeedup: number;
  /** Cores the pinned pool kept busy on average (CPU time per wall time). */
  readonly pinnedCoresBusy: number;
}

export function judgeSingleCore(pool: PinnedPool): Judgement {
  const numbers = `${pool.processes} processes against 1: ${round(pool.freeSpeedup)}× free to use ${pool.cores} cores, ${round(pool.pinnedSpeedup)}× pinned to one core (where they kept ${round(pool.pinnedCoresBusy)} cores busy on average)`;
  if (pool.pinnedSpeedup >= MIN_SPEEDUP) {
    return { verdict: 'does not hold', explanation: `The pinned pool still finished sooner, so it did not run on one core alone: ${numbers}.` };
  }
  if (pool.cores < 2 || pool.freeSpeedup < MIN_SPEEDUP) {
    return {
      verdict: 'holds with a caveat',
      explanation: `On one core the pool gained nothing, as the OS took turns between its processes; but the free pool gained nothing either (too few free cores now): ${numbers}.`,
    };
  }
  return { verdict: 'holds', explanation: `On one core the processes took turns (see the timeline) and finished no sooner; free, they ran side by side: ${numbers}.` };
}

// ---- I/O-bound threads ---------------------------------------------------------------------

export interface IoRun {
  readonly threads: number;
  /** Median wall ms: one thread doing every job in turn, and the threads sharing them. */
  readonly serialMs: number;
  readonly parallelMs: number;
  /** Median of the per-round speedups. */
  readonly speedup: number;
}

export function judgeIoBound(run: IoRun): Judgement {
  const numbers = `1 thread took ${round(run.serialMs)} ms, ${run.threads} threads ${round(run.parallelMs)} ms: ${round(run.speedup)}×`;
  if (run.speedup >= 1 + (run.threads - 1) / 2) return { verdict: 'holds', explanation: `While each thread waited for the disk, the others went on: ${numbers}.` };
  if (run.speedup >= MIN_SPEEDUP) {
    return { verdict: 'holds with a caveat', explanation: `Threads finished sooner, though the disk served them partly one at a time: ${numbers}.` };
  }
  return {
    verdict: 'does not hold',
    explanation: `More threads did not finish sooner: ${numbers}. A disk that makes a write durable almost at once (or serves one at a time) leaves nothing to overlap.`,
  };
}
