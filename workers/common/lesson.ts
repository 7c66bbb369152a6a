/**
 * "The Lesson": the OS notes' claims about threads and processes, each with evidence the host
 * measures live on this machine (HostApi `measureLesson`, HostEvents `lessonProgress`). The
 * numbers come with a verdict computed from them, never asserted.
 */

/** The six claims of the notes that the host can measure. */
export type ClaimId = 'creation' | 'memory' | 'communication' | 'isolation' | 'parallelism' | 'blocking';

export const CLAIM_IDS: readonly ClaimId[] = ['creation', 'memory', 'communication', 'isolation', 'parallelism', 'blocking'];

/** Whether the numbers bear a claim out. */
export type Verdict = 'holds' | 'does not hold' | 'holds with a caveat';

export const VERDICTS: readonly Verdict[] = ['holds', 'does not hold', 'holds with a caveat'];

export type LessonUnit = 'ms' | 'µs' | 'MB' | '×' | 'tasks' | 'cores';

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

/** The evidence for one claim. */
export interface ClaimResult {
  readonly claim: ClaimId;
  /** null when measuring failed or was cancelled; `error` then says why. */
  readonly verdict: Verdict | null;
  /** One line: why the numbers give this verdict (or what went wrong). */
  readonly explanation: string;
  readonly figures: readonly LessonFigure[];
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
