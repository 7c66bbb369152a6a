/**
 * Runs one fuzz target in its own worker thread and watches its case clock: a case that has not
 * returned `HANG_GRACE_MS` after the case bound is a hang, and the thread is terminated (the only
 * way to stop a synchronous loop). The outcome says which case hung, so it can be replayed.
 */
import { Worker } from 'node:worker_threads';
import { CASE_LIMIT_MS, CLOCK_SLOTS } from './case-clock.ts';
import type { FuzzJob, FuzzReport } from './fuzz-worker.ts';

/** A case past the bound by this much is stopped from outside; one that ends sooner fails by itself, with its input. */
const HANG_GRACE_MS = 1_000;

export interface FuzzOutcome extends FuzzReport {
  readonly target: string;
  readonly seed: number;
  /** Set when a case never returned and the thread was ended. */
  readonly hung?: string;
}

export function runFuzz(target: string, numRuns: number, seed: number): Promise<FuzzOutcome> {
  const clock = new SharedArrayBuffer(Float64Array.BYTES_PER_ELEMENT * CLOCK_SLOTS);
  const slots = new Float64Array(clock);
  const job: FuzzJob = { target, numRuns, seed, clock };
  const worker = new Worker(new URL('./fuzz-worker.ts', import.meta.url), { workerData: job, name: `fuzz ${target}` });
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (outcome: FuzzOutcome | Error) => {
      if (settled) return;
      settled = true;
      clearInterval(watch);
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const watch = setInterval(() => {
      const started = slots[0] ?? 0;
      const limit = (slots[2] || CASE_LIMIT_MS) + HANG_GRACE_MS;
      if (started === 0 || Date.now() - started < limit) return;
      const hung = `case ${slots[1] ?? 0} of ${target} (seed ${seed}) ran for over ${limit} ms and was stopped; replay it with fc.sample(..., { seed: ${seed}, path: '${(slots[1] ?? 1) - 1}' })`;
      void worker.terminate();
      finish({ target, seed, failed: true, message: hung, hung, numRuns: (slots[1] ?? 1) - 1, numShrinks: 0, setupMs: 0, runMs: 0 });
    }, 50);
    worker.once('message', (report: FuzzReport) => finish({ ...report, target, seed }));
    worker.once('error', (error: Error) => finish(new Error(`fuzz worker for ${target} failed: ${error.message}`)));
    worker.once('exit', (code) => finish(new Error(`fuzz worker for ${target} exited with code ${code} before reporting`)));
  });
}
