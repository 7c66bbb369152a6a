/**
 * Fault injection, as each host kind really suffers it. A thread or process can crash, hang or
 * leak for real: the supervisor and the OS contain it. An inline task shares the host's main
 * thread, so a real infinite loop or heap exhaustion there would take the whole app down for
 * good; inline faults are bounded imitations that still show their blast radius (see
 * docs/architecture.md, "Faults").
 */
import { getHeapStatistics } from 'node:v8';
import { Errors } from '../common/errors.ts';
import type { Fault, FaultKind } from '../common/task-api.ts';
import type { HostKind } from '../common/tasks.ts';
import { runRace, type RaceTarget } from './race-fault.ts';

/** Longest busy or inline hang a request may ask for. */
export const MAX_FAULT_MS = 120_000;
/** An inline hang without a duration blocks this long unless the task is ended or killed first. */
export const DEFAULT_INLINE_HANG_MS = 30_000;
const DEFAULT_BUSY_MS = 3_000;
/** An inline hang blocks in slices this long, so the host can still notice and end it. */
const INLINE_HANG_SLICE_MS = 100;
/** Leaks grow by this much per turn of the event loop: fast, yet visible on a 1 s chart. */
const LEAK_CHUNK_DOUBLES = 512 * 1024; // 4 MB of V8 heap
/** An inline leak stops growing here (it cannot be contained: it is the host's own heap). */
const INLINE_LEAK_CAP_BYTES = 256 * 1024 * 1024;

const FAULT_KINDS: ReadonlySet<string> = new Set<FaultKind>(['crash', 'hang', 'leak', 'busy', 'race']);

export function validateFault(value: unknown): Fault {
  if (typeof value !== 'object' || value === null) throw Errors.invalidInput('fault', 'expected an object');
  const { kind, durationMs } = value as Record<string, unknown>;
  if (typeof kind !== 'string' || !FAULT_KINDS.has(kind)) throw Errors.invalidInput('fault', `unknown kind ${String(kind)}`);
  if (durationMs !== undefined && (typeof durationMs !== 'number' || !Number.isFinite(durationMs) || durationMs < 0 || durationMs > MAX_FAULT_MS)) {
    throw Errors.invalidInput('fault', `durationMs must be 0..${MAX_FAULT_MS}`);
  }
  return { kind: kind as FaultKind, ...(durationMs === undefined ? {} : { durationMs }) };
}

/** What a fault may do to the task server that runs it (a race also reads its shared document). */
export interface FaultTarget extends RaceTarget {
  readonly kind: HostKind;
  /** Crashes the host the way its kind crashes (see EntryRuntime.crash). */
  crash(error: Error): void;
  /** True once the server is closed (ended, killed or moved away). */
  closed(): boolean;
  /** Holds or releases incoming messages (an inline hang). */
  hold(): void;
  release(): void;
  /** Adds CPU spent outside a job's synchronous part (an inline hang's later slices). */
  addCpuMs(ms: number): void;
  threadCpuMs(): number;
  /** Where a leak keeps what it allocates; the server empties it when it closes. */
  readonly retained: unknown[];
  log(line: string): void;
}

/** Keeps 100% of one core busy for `ms`, synchronously. */
export function spin(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // Busy-waiting is the point: this is the "100% CPU" fault and the CPU-accuracy load.
  }
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

async function hangInline(fault: Fault, target: FaultTarget): Promise<void> {
  const end = performance.now() + (fault.durationMs ?? DEFAULT_INLINE_HANG_MS);
  target.hold();
  target.log(`hangs the host's main thread in ${INLINE_HANG_SLICE_MS} ms slices until ended or killed`);
  await nextTurn();
  while (!target.closed() && performance.now() < end) {
    const cpuBefore = target.threadCpuMs();
    spin(Math.min(INLINE_HANG_SLICE_MS, end - performance.now()));
    target.addCpuMs(target.threadCpuMs() - cpuBefore);
    // One turn of the event loop between slices: the host can see the hang and end it.
    await nextTurn();
  }
  if (!target.closed()) {
    target.log('inline hang reached its time limit and stopped');
    target.release();
  }
}

async function leak(target: FaultTarget): Promise<void> {
  const cap = target.kind === 'inline' ? Math.min(INLINE_LEAK_CAP_BYTES, getHeapStatistics().heap_size_limit / 4) : Number.POSITIVE_INFINITY;
  target.log(target.kind === 'inline' ? `leaks up to ${Math.round(cap / 2 ** 20)} MB of the host's heap` : 'leaks until its heap limit stops it');
  let bytes = 0;
  while (!target.closed() && bytes < cap) {
    target.retained.push(new Array<number>(LEAK_CHUNK_DOUBLES).fill(Math.random()));
    bytes += LEAK_CHUNK_DOUBLES * 8;
    await nextTurn();
  }
  if (!target.closed()) target.log(`holds ${Math.round(bytes / 2 ** 20)} MB until it is ended or killed`);
}

export async function runFault(fault: Fault, target: FaultTarget): Promise<void> {
  switch (fault.kind) {
    case 'busy':
      spin(fault.durationMs ?? DEFAULT_BUSY_MS);
      return;
    case 'crash':
      target.log('crashes on request');
      target.crash(new Error(`Injected crash (${target.kind})`));
      // Never answered: the host dies under the call, as under any call it was running.
      return new Promise<never>(() => undefined);
    case 'hang':
      if (target.kind === 'inline') return hangInline(fault, target);
      target.log('hangs in an infinite loop on request');
      for (;;) {
        // A real hang: only terminate() or SIGKILL ends it.
      }
    case 'leak':
      return leak(target);
    case 'race':
      await runRace(fault, target);
      return;
  }
}
