/**
 * "The Lesson": the OS notes' claims about threads and processes, each with evidence the host
 * measures live on this machine (HostApi `measureLesson`, HostEvents `lessonProgress`). The
 * numbers come with a verdict computed from them, never asserted.
 */

/**
 * Every claim of the notes The Lesson measures, in the order the tab shows them. A new claim is
 * one entry here (its id, its words, its time budget) and one file in main/core/lesson/claims/
 * that measures and judges it; the type system asks for both.
 */
export const LESSON_CLAIMS = [
  { id: 'creation', title: 'Creation time', claim: 'Creating a thread is cheaper than creating a process.', budgetMs: 30_000 },
  {
    id: 'memory',
    title: 'Memory',
    claim: 'Threads share the memory of their process: tasks in threads hold one copy of a 20 MB document between them, tasks in processes one copy each.',
    budgetMs: 60_000,
  },
  {
    id: 'sharing',
    title: 'Accessing shared memory',
    claim: 'Accessing memory is easier for threads: a new thread host attaches to the document already in shared memory, while a new process host must be sent a copy of it.',
    budgetMs: 30_000,
  },
  {
    id: 'communication',
    title: 'Communication cost',
    claim: 'Talking to a thread costs less than talking to a process, for small and for large (100 KB) messages.',
    budgetMs: 20_000,
  },
  {
    id: 'switching',
    title: 'Switching between threads',
    claim: 'Switching between threads is fast: waking another thread of the same process and being woken back costs less than the same round trip between two processes.',
    budgetMs: 30_000,
  },
  {
    id: 'debugging',
    title: 'Debugging threads',
    claim: 'Debugging threads is harder: threads that share memory can race, and a read made without the lock while another thread writes sees a torn text that no single moment ever held.',
    budgetMs: 30_000,
  },
  {
    id: 'isolation',
    title: 'Crash isolation',
    claim: 'A crash in a process takes down only that process; a crash on a shared thread takes its neighbours with it.',
    budgetMs: 45_000,
  },
  {
    id: 'parallelism',
    title: 'Parallelism',
    claim: 'Several processes use several cores: grammar over a document speeds up with one process per core.',
    budgetMs: 60_000,
  },
  {
    id: 'single-core',
    title: 'Multiprocessing on a single core',
    claim: 'On one core, several processes do not run at once: the OS gives them the core in turns (time slicing), so a pool finishes no sooner; on several cores they run side by side.',
    budgetMs: 90_000,
  },
  {
    id: 'io-bound',
    title: 'Threads for I/O-bound work',
    claim: 'Threads pay off for work that waits (the notes’ web scraper): while one thread waits for the disk, another runs, so several threads finish sooner than one doing the same work in turn, whatever the number of cores.',
    budgetMs: 30_000,
  },
  {
    id: 'blocking',
    title: 'Blocking',
    claim: 'Work on the main thread delays everything else on it: keystroke acknowledgement slows while grammar runs inline, not while it runs off-thread.',
    budgetMs: 45_000,
  },
] as const satisfies readonly ClaimInfo[];

/** What the tab shows of a claim before it is measured, and how long measuring it may take. */
export interface ClaimInfo {
  readonly id: string;
  readonly title: string;
  /** The claim in the notes' words, as the tab states it. */
  readonly claim: string;
  /** Upper bound on a busy two-core machine (a typical run takes a third); over it, "not measured". */
  readonly budgetMs: number;
}

/** The claims of the notes that the host can measure. */
export type ClaimId = (typeof LESSON_CLAIMS)[number]['id'];

export const CLAIM_IDS: readonly ClaimId[] = LESSON_CLAIMS.map((claim) => claim.id);

/** Whether the numbers bear a claim out. */
export type Verdict = 'holds' | 'does not hold' | 'holds with a caveat';

export const VERDICTS: readonly Verdict[] = ['holds', 'does not hold', 'holds with a caveat'];

export type LessonUnit = 'ms' | 'µs' | 'KB' | 'MB' | '×' | 'tasks' | 'cores' | '%' | 'reads';

/** One measured number. */
export interface LessonFigure {
  /** What was measured, e.g. "thread, no task: spawn to ready". */
  readonly label: string;
  /** Always a measurement (never a placeholder); a figure that could not be measured is left out. */
  readonly value: number;
  readonly unit: LessonUnit;
  /** How it was summarized or what else was seen, e.g. "median of 5; p95 31 ms". */
  readonly detail?: string;
}

/**
 * A chart of samples over time, e.g. how much CPU each process got in every 10 ms. Every series
 * has one value per time; `null` is a sample that could not be read (drawn as a gap).
 */
export interface LessonTimeline {
  /** What the chart shows, e.g. "pinned to core 0: CPU of each grammar process, every 10 ms". */
  readonly title: string;
  /** The unit of the values, e.g. "% of one core". */
  readonly unit: string;
  /** Milliseconds since the first sample. */
  readonly times: readonly number[];
  readonly series: readonly { readonly label: string; readonly values: readonly (number | null)[] }[];
}

/** The evidence for one claim. */
export interface ClaimResult {
  readonly claim: ClaimId;
  /** null when measuring failed or was cancelled; `error` then says why. */
  readonly verdict: Verdict | null;
  /** One line: why the numbers give this verdict (or what went wrong). */
  readonly explanation: string;
  readonly figures: readonly LessonFigure[];
  /** Charts of what was sampled while measuring, for the claims that have them. */
  readonly timelines?: readonly LessonTimeline[];
  readonly error?: string;
  /** Epoch ms when measuring this claim began. */
  readonly measuredAt: number;
  readonly durationMs: number;
}

/** The machine the evidence was measured on: the verdicts depend on it. */
export interface LessonMachine {
  /** `os.availableParallelism()`. */
  readonly cores: number;
  readonly cpuModel: string;
  readonly platform: string;
  /** The Node (or Electron's Node) version the hosts ran. */
  readonly runtime: string;
  /** 1-minute load average when measuring began (0 where the OS does not report one). */
  readonly loadAverage: number;
  readonly totalMemoryMb: number;
}

export interface LessonRequest {
  /** The claims to measure, in order; all of them when absent. */
  readonly claims?: readonly ClaimId[];
}

export interface LessonReport {
  /** Epoch ms. */
  readonly startedAt: number;
  readonly durationMs: number;
  readonly machine: LessonMachine;
  /** One result per claim asked for, in the order asked. */
  readonly claims: readonly ClaimResult[];
}

/** Pushed while the lesson is measured: how far one claim has got, and its result once done. */
export interface LessonProgress {
  readonly claim: ClaimId;
  /** 0..1 of this claim. */
  readonly fraction: number;
  /** What is being measured now, e.g. "spawning 2 grammar processes". */
  readonly label: string;
  /** Set once the claim is finished (measured or failed). */
  readonly result?: ClaimResult;
}

export function isClaimId(value: unknown): value is ClaimId {
  return typeof value === 'string' && (CLAIM_IDS as readonly string[]).includes(value);
}
