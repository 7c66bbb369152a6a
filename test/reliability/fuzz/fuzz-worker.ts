/**
 * Worker thread entry of the reliability fuzzer: builds one target, runs fast-check on it with
 * the given seed and number of cases, and posts the outcome. The parent watches the shared case
 * clock and ends this thread if a case runs past the bound.
 */
import { parentPort, workerData } from 'node:worker_threads';
import fc from 'fast-check';
import { shareClock } from './case-clock.ts';
import { TARGETS } from './targets.ts';

export interface FuzzJob {
  readonly target: string;
  readonly numRuns: number;
  readonly seed: number;
  readonly clock: SharedArrayBuffer;
}

export interface FuzzReport {
  readonly failed: boolean;
  /** fast-check's report: the shrunk counterexample, its seed and path, and the error. */
  readonly message: string;
  readonly numRuns: number;
  readonly numShrinks: number;
  readonly setupMs: number;
  readonly runMs: number;
}

function describeError(error: unknown): string {
  return error instanceof Error ? `Error: ${error.stack ?? error.message}` : `Error: ${String(error)}`;
}

const job = workerData as FuzzJob;
shareClock(job.clock);
const factory = TARGETS[job.target];
if (!factory) throw new Error(`no fuzz target named ${job.target}`);
const setupStarted = performance.now();
const target = await factory();
const runStarted = performance.now();
const details = await fc.check(target.property, { numRuns: job.numRuns, seed: job.seed });
const report: FuzzReport = {
  failed: details.failed,
  message: details.failed ? `${fc.defaultReportMessage(details) ?? ''}\n${describeError(details.errorInstance)}` : '',
  numRuns: details.numRuns,
  numShrinks: details.numShrinks,
  setupMs: runStarted - setupStarted,
  runMs: performance.now() - runStarted,
};
await target.dispose();
parentPort?.postMessage(report);
