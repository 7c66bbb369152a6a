/**
 * Threads for I/O-bound work (the notes' web scraper): jobs that mostly wait. Each job appends a
 * small record to a journal and waits for the disk to make it durable (fsync), as the keystroke
 * task's journal does. One worker thread does all the jobs in turn; then N worker threads share
 * them, each with its own journal. While one thread waits for the disk the others can issue
 * their writes, so they finish sooner however few cores the machine has. Rounds alternate.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LessonFigure } from '../../../../workers/common/lesson.ts';
import type { ClaimMeasurement } from '../lesson-protocol.ts';
import { judgeIoBound } from '../scheduling-verdicts.ts';
import { median, round } from '../stats.ts';
import { describeSpread, throwIfCancelled, within, type ClaimContext } from './claim-context.ts';

const THREADS = 4;
const RECORD = `${'{"offset":120,"length":0,"text":"a"}'.repeat(8)}\n`;

/**
 * One worker thread: waits for the start signal (a flag in shared memory, so starting the threads
 * is not timed), then makes `jobs` appends to `path`, each durable before the next.
 */
const JOURNAL_WRITER = `
const { workerData, parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const go = new Int32Array(workerData.go);
const fd = fs.openSync(workerData.path, 'a');
parentPort.postMessage('ready');
Atomics.wait(go, 0, 0);
try {
  for (let job = 0; job < workerData.jobs; job++) {
    fs.writeSync(fd, workerData.record);
    fs.fsyncSync(fd);
  }
} finally {
  fs.closeSync(fd);
}
parentPort.postMessage('done');
`;

function journalThread(path: string, jobs: number, go: SharedArrayBuffer): { ready: Promise<void>; done: Promise<void> } {
  const worker = new Worker(JOURNAL_WRITER, { eval: true, workerData: { path, jobs, record: RECORD, go } });
  const failed = new Promise<never>((_resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`a journal thread exited with code ${code} before it was done`)));
  });
  const message = (expected: string) =>
    Promise.race([
      new Promise<void>((resolve) => {
        const listener = (value: unknown) => {
          if (value !== expected) return;
          worker.off('message', listener);
          resolve();
        };
        worker.on('message', listener);
      }),
      failed,
    ]);
  return { ready: message('ready'), done: message('done') };
}

/** Wall ms for `jobs` durable appends spread over `threads` threads (each its own file), from the start signal. */
export async function journalRun(folder: string, threads: number, jobs: number, round: number): Promise<number> {
  const go = new SharedArrayBuffer(4);
  const started = Array.from({ length: threads }, (_unused, index) => journalThread(join(folder, `journal-${round}-${threads}-${index}.jsonl`), jobs / threads, go));
  await Promise.all(started.map((thread) => thread.ready));
  const from = performance.now();
  Atomics.store(new Int32Array(go), 0, 1);
  Atomics.notify(new Int32Array(go), 0);
  await Promise.all(started.map((thread) => thread.done));
  return performance.now() - from;
}

export async function measureIoBound(context: ClaimContext): Promise<ClaimMeasurement> {
  const jobs = context.scale === 'full' ? 200 : 80;
  const rounds = context.scale === 'full' ? 5 : 3;
  const folder = await mkdtemp(join(context.places.dataDir, 'io-bound-'));
  const serial: number[] = [];
  const parallel: number[] = [];
  try {
    for (let index = 0; index < rounds; index++) {
      throwIfCancelled(context.signal, 'io-bound');
      context.progress(index / rounds, `round ${index + 1} of ${rounds}: ${jobs} durable journal writes by 1 thread and by ${THREADS}`);
      const oneFirst = index % 2 === 0;
      if (oneFirst) serial.push(await within(journalRun(folder, 1, jobs, index), 60_000, 'one thread writing'));
      parallel.push(await within(journalRun(folder, THREADS, jobs, index), 60_000, `${THREADS} threads writing`));
      if (!oneFirst) serial.push(await within(journalRun(folder, 1, jobs, index), 60_000, 'one thread writing'));
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
  const serialMs = median(serial);
  const parallelMs = median(parallel);
  const speedups = serial.map((ms, index) => ms / (parallel[index] ?? Number.NaN));
  const figures: LessonFigure[] = [
    { label: `1 thread, ${jobs} fsync'd writes in turn`, value: round(serialMs), unit: 'ms', detail: describeSpread(serial, 'ms') },
    { label: `${THREADS} threads, ${jobs / THREADS} fsync'd writes each`, value: round(parallelMs), unit: 'ms', detail: describeSpread(parallel, 'ms') },
    { label: `speedup with ${THREADS} threads`, value: round(median(speedups)), unit: '×', detail: describeSpread(speedups, '×') },
  ];
  return { ...judgeIoBound({ threads: THREADS, serialMs, parallelMs, speedup: median(speedups) }), figures };
}
