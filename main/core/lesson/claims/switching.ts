/**
 * Switching: how fast one thread of execution can hand the CPU to another and get it back. Both
 * sides measure the same thing, a wake-up round trip in which each side sleeps in the kernel
 * until the other wakes it, so what differs is only what the two share:
 * - two worker threads of one process: a flag in shared memory, `Atomics.wait` / `Atomics.notify`
 *   (a futex: the kernel wakes the sleeper, and no data moves at all);
 * - two processes: one byte through a pair of pipes (named FIFOs), each side blocked in `read`,
 *   the fastest round trip two processes can make without shared memory.
 * Each round trip is timed on its own by the side that starts it.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import type { LessonFigure } from '../../../../workers/common/lesson.ts';
import type { ClaimMeasurement } from '../lesson-protocol.ts';
import { percentile, round, spread } from '../stats.ts';
import { judgeSwitching } from '../shared-memory-verdicts.ts';
import { throwIfCancelled, within, type ClaimContext } from './claim-context.ts';

const run = promisify(execFile);
const TIMEOUT_MS = 20_000;

/** Thread A: starts each round trip and times it; thread B: answers. Flag 0 = A's turn, 1 = B's, 2 = stop. */
const THREAD_PING = `
const { workerData, parentPort } = require('node:worker_threads');
const flag = new Int32Array(workerData.buffer);
const times = new Float64Array(workerData.rounds);
for (let round = -workerData.warmUp; round < workerData.rounds; round++) {
  const started = performance.now();
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
  Atomics.wait(flag, 0, 1);
  if (round >= 0) times[round] = (performance.now() - started) * 1000;
}
Atomics.store(flag, 0, 2);
Atomics.notify(flag, 0);
parentPort.postMessage(Array.from(times));
`;
const THREAD_PONG = `
const { workerData } = require('node:worker_threads');
const flag = new Int32Array(workerData.buffer);
for (;;) {
  Atomics.wait(flag, 0, 0);
  if (Atomics.load(flag, 0) === 2) break;
  Atomics.store(flag, 0, 0);
  Atomics.notify(flag, 0);
}
`;

/** The same protocol over two FIFOs: the pinger writes a byte to `a`, the ponger answers on `b`. */
const PROCESS_PING = `
const fs = require('node:fs');
const [a, b, rounds, warmUp] = process.argv.slice(1);
const out = fs.openSync(a, 'w');
const inp = fs.openSync(b, 'r');
const byte = Buffer.alloc(1);
const times = [];
for (let round = -Number(warmUp); round < Number(rounds); round++) {
  const started = performance.now();
  fs.writeSync(out, byte);
  if (fs.readSync(inp, byte) !== 1) throw new Error('the ponger closed its pipe');
  if (round >= 0) times.push((performance.now() - started) * 1000);
}
fs.closeSync(out);
process.stdout.write(JSON.stringify(times));
`;
const PROCESS_PONG = `
const fs = require('node:fs');
const [a, b] = process.argv.slice(1);
const inp = fs.openSync(a, 'r');
const out = fs.openSync(b, 'w');
const byte = Buffer.alloc(1);
while (fs.readSync(inp, byte) === 1) fs.writeSync(out, byte);
`;

function finished(worker: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`a ping-pong thread exited with code ${code}`))));
  });
}

export async function threadRoundTrips(rounds: number, warmUp: number): Promise<number[]> {
  const buffer = new SharedArrayBuffer(4);
  const pong = new Worker(THREAD_PONG, { eval: true, workerData: { buffer } });
  const ping = new Worker(THREAD_PING, { eval: true, workerData: { buffer, rounds, warmUp } });
  try {
    const times = new Promise<number[]>((resolve, reject) => {
      ping.once('message', resolve);
      ping.once('error', reject);
    });
    const [result] = await within(Promise.all([times, finished(ping), finished(pong)]), TIMEOUT_MS, 'the thread ping-pong');
    return result;
  } finally {
    await Promise.all([ping.terminate(), pong.terminate()]);
  }
}

function nodeProcess(code: string, args: readonly string[]): { output: Promise<string>; kill(): void } {
  const child = spawn(process.execPath, ['-e', code, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const output = new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`a ping-pong process exited with code ${code}: ${stderr.trim().split('\n').at(-1) ?? ''}`))));
  });
  return { output, kill: () => child.kill('SIGKILL') };
}

/** Round trips between two processes through two named FIFOs (Linux and macOS have `mkfifo`; Windows does not). */
export async function processRoundTrips(rounds: number, warmUp: number): Promise<number[]> {
  const folder = await mkdtemp(join(tmpdir(), 'forkpad-switching-'));
  const [a, b] = [join(folder, 'a'), join(folder, 'b')];
  try {
    await run('mkfifo', [a, b], { timeout: 5_000 });
    const pong = nodeProcess(PROCESS_PONG, [a, b]);
    const ping = nodeProcess(PROCESS_PING, [a, b, String(rounds), String(warmUp)]);
    try {
      const [times] = await within(Promise.all([ping.output, pong.output]), TIMEOUT_MS, 'the process ping-pong');
      return JSON.parse(times) as number[];
    } finally {
      ping.kill();
      pong.kill();
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

function figure(kind: string, samples: readonly number[]): LessonFigure[] {
  const summary = spread(samples);
  const p99 = percentile(samples, 99);
  return [
    { label: `${kind}: wake-up round trip, median`, value: round(summary.p50), unit: 'µs', detail: `${summary.n} round trips` },
    { label: `${kind}: wake-up round trip, p99`, value: round(p99), unit: 'µs', detail: `max ${round(summary.max)} µs` },
  ];
}

export async function measureSwitching(context: ClaimContext): Promise<ClaimMeasurement> {
  const rounds = context.scale === 'full' ? 5_000 : 500;
  const warmUp = context.scale === 'full' ? 500 : 100;
  if (process.platform === 'win32') {
    return { verdict: null, explanation: 'Windows has no named FIFOs that two Node processes can block on, so the process side of the round trip cannot be measured here.', figures: [] };
  }
  // Two turns each, alternating, so a change in the machine's load hits both kinds alike.
  const threads: number[] = [];
  const processes: number[] = [];
  for (let turn = 0; turn < 2; turn++) {
    throwIfCancelled(context.signal, 'switching');
    context.progress(turn / 2, `two threads ping-pong through shared memory (turn ${turn + 1} of 2)`);
    threads.push(...(await threadRoundTrips(rounds / 2, warmUp)));
    throwIfCancelled(context.signal, 'switching');
    context.progress(turn / 2 + 0.25, `two processes ping-pong through pipes (turn ${turn + 1} of 2)`);
    processes.push(...(await processRoundTrips(rounds / 2, warmUp)));
  }
  const judged = judgeSwitching({ median: spread(threads).p50, p99: percentile(threads, 99) }, { median: spread(processes).p50, p99: percentile(processes, 99) });
  return { ...judged, figures: [...figure('two threads, Atomics.wait/notify on shared memory', threads), ...figure('two processes, one byte through a pipe each way', processes)] };
}
