/**
 * What a benchmark child process (a host-side scenario run) tells the benchmark: progress,
 * measurements, contention per scenario, notes, and how it ended.
 */
import type { Contention, Measurement } from './results.ts';

export type ChildMessage =
  | { readonly type: 'progress'; readonly fraction: number; readonly label: string }
  | { readonly type: 'measurements'; readonly items: readonly Measurement[] }
  | { readonly type: 'contention'; readonly key: string; readonly contention: Contention }
  | { readonly type: 'note'; readonly text: string }
  | { readonly type: 'done' }
  | { readonly type: 'failed'; readonly error: string };

/** Sends to the parent; a child started without IPC (by hand) prints instead. */
export function toParent(message: ChildMessage): void {
  if (process.send) process.send(message);
  else console.log(JSON.stringify(message));
}

/** Reads the child's parameters from its first argument (JSON). */
export function childParams<T>(): T {
  const raw = process.argv[2];
  if (!raw) throw new Error('a benchmark child needs its parameters as JSON in its first argument');
  return JSON.parse(raw) as T;
}

/** Runs a child's work, reporting failure to the parent instead of dying silently. */
export function runChild(work: () => Promise<void>): void {
  work().then(
    () => {
      toParent({ type: 'done' });
      process.exit(0);
    },
    (error: unknown) => {
      toParent({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      process.exit(1);
    },
  );
}
