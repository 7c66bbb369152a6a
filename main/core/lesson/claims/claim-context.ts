/** What every claim's measurement gets from the runner, and small helpers they share. */
import { Errors } from '../../../../workers/common/errors.ts';
import type { ClaimId } from '../../../../workers/common/lesson.ts';
import type { LessonPlaces, LessonScale } from '../lesson-protocol.ts';
import { round, type Spread } from '../stats.ts';

export interface ClaimContext {
  readonly places: LessonPlaces;
  readonly scale: LessonScale;
  /** Aborted when the host cancels; loops check it between steps. */
  readonly signal: AbortSignal;
  readonly log: (line: string) => void;
  /** Reports how far the claim has got (0..1) and what it is doing now. */
  progress(fraction: number, label: string): void;
}

export function throwIfCancelled(signal: AbortSignal, claim: ClaimId): void {
  if (signal.aborted) throw Errors.cancelled(`measuring ${claim}`, String(signal.reason ?? ''));
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Rejects after `ms` with a clear message, or settles as `promise` does. */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** "median of 5, 21.2–30.4 ms": how a figure was summarized. */
export function describeSpread(samples: readonly number[], unit: string): string {
  const low = Math.min(...samples);
  const high = Math.max(...samples);
  return `median of ${samples.length}, range ${round(low)}–${round(high)} ${unit}`;
}

export function describePercentiles(spread: Spread, unit: string): string {
  return `p95 ${round(spread.p95)} ${unit}, max ${round(spread.max)} ${unit}, ${spread.n} samples`;
}
