/**
 * Verdicts of the claims about shared memory (issue 12): memory held once, attaching instead of
 * copying, switching through shared memory, and the data race that sharing makes possible. Pure
 * functions, like verdicts.ts; docs/lesson.md says what flips each one.
 */
import { clearlyBelow, times, type Judgement } from './verdicts.ts';
import { round } from './stats.ts';

// ---- memory --------------------------------------------------------------------------------

export interface DocumentMemory {
  /** The document's size in shared memory (UTF-16), MB: held once, by the session. */
  readonly sharedMb: number;
  readonly tasks: number;
  /** What opening the document added for all the thread tasks together, MB (the host's RSS). */
  readonly threadsAddedMb: number;
  /** The largest growth of one thread's used V8 heap when it opened the document, MB. */
  readonly threadHeapGrowthMb: number;
  /** What opening the document added for all the process tasks together, MB (their USS, or RSS). */
  readonly processesAddedMb: number;
  readonly processMeasure: 'USS' | 'RSS';
}

/** A thread's heap may grow by this share of the document at most: the text is not in it. */
export const HEAP_SHARE = 0.1;

export function judgeMemory(memory: DocumentMemory): Judgement {
  const { sharedMb, tasks } = memory;
  const numbers = `the document takes ${round(sharedMb)} MB in shared memory; opening it added ${round(memory.threadsAddedMb)} MB for ${tasks} thread tasks (each thread's heap grew at most ${round(memory.threadHeapGrowthMb)} MB) and ${round(memory.processesAddedMb)} MB of ${memory.processMeasure === 'USS' ? 'private memory' : 'RSS'} for ${tasks} process tasks`;
  if (!clearlyBelow(memory.threadsAddedMb, memory.processesAddedMb)) {
    return { verdict: 'does not hold', explanation: `Threads did not hold the document for clearly less than processes: ${numbers}.` };
  }
  if (memory.threadHeapGrowthMb > HEAP_SHARE * sharedMb) {
    return { verdict: 'holds with a caveat', explanation: `Threads cost less, but a thread's own heap grew by more than a tenth of the document, so part of it was copied there: ${numbers}.` };
  }
  return { verdict: 'holds', explanation: `The threads read one shared copy; each process keeps its own: ${numbers}.` };
}

// ---- sharing -------------------------------------------------------------------------------

export interface Priming {
  /** Document bytes sent to the new host (UTF-16, as the monitor's Copied counts them). */
  readonly bytes: number;
  /** Median ms from asking a ready host to open the document to its answer. */
  readonly ms: number;
}

export function judgeSharing(thread: Priming, process: Priming, documentLabel: string): Judgement {
  const kb = (bytes: number) => `${round(bytes / 1024)} KB`;
  const numbers = `a new thread host was sent ${kb(thread.bytes)} and had the ${documentLabel} document in ${round(thread.ms)} ms; a new process host was sent ${kb(process.bytes)} and had it in ${round(process.ms)} ms (medians)`;
  if (thread.bytes > 0) return { verdict: 'does not hold', explanation: `The thread host was sent document text: ${numbers}.` };
  if (!clearlyBelow(thread.ms, process.ms)) {
    return { verdict: 'holds with a caveat', explanation: `Nothing was copied to the thread, but attaching was not clearly quicker than copying at this size: ${numbers}.` };
  }
  return { verdict: 'holds', explanation: `The thread attached to the text already in memory, ${times(process.ms, thread.ms)} as fast as copying it to a process: ${numbers}.` };
}

// ---- switching -----------------------------------------------------------------------------

/** A wake-up round trip's median and p99, µs. */
export interface RoundTrip {
  readonly median: number;
  readonly p99: number;
}

export function judgeSwitching(thread: RoundTrip, process: RoundTrip): Judgement {
  const numbers = `a wake-up round trip took ${round(thread.median)} µs (p99 ${round(thread.p99)}) between two threads through shared memory, ${round(process.median)} µs (p99 ${round(process.p99)}) between two processes through pipes`;
  if (!clearlyBelow(thread.median, process.median)) {
    return {
      verdict: 'does not hold',
      explanation: `Waking a thread was not clearly faster than waking a process: ${numbers}. On Linux both are tasks the same scheduler switches; a process switch adds only the change of address space.`,
    };
  }
  if (!clearlyBelow(thread.p99, process.p99)) {
    return { verdict: 'holds with a caveat', explanation: `Threads switch faster as a rule, but their slowest round trips were no better: ${numbers}.` };
  }
  return { verdict: 'holds', explanation: `Switching between threads is ${times(process.median, thread.median)} as fast: ${numbers}.` };
}

// ---- debugging -----------------------------------------------------------------------------

export interface RaceTally {
  readonly seconds: number;
  readonly unlockedReads: number;
  readonly tornReads: number;
  readonly lockedReads: number;
  readonly lockedTorn: number;
}

export function judgeDebugging(race: RaceTally): Judgement {
  const numbers = `in ${round(race.seconds)} s, ${race.tornReads} of ${race.unlockedReads} reads made without the lock were torn, and ${race.lockedTorn} of ${race.lockedReads} made through the seqlock`;
  if (race.lockedTorn > 0) return { verdict: 'does not hold', explanation: `Even locked reads were torn, so the lock itself is broken: ${numbers}.` };
  if (race.tornReads === 0) {
    return {
      verdict: 'holds with a caveat',
      explanation: `No torn read was caught this time: ${numbers}. A race shows only when the timing lines up, which is what makes it hard to find; measure again.`,
    };
  }
  return { verdict: 'holds', explanation: `The same code read torn text without the lock and never with it, and which reads tear changes from run to run: ${numbers}.` };
}
