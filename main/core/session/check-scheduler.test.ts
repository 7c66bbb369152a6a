import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CheckScheduler } from './check-scheduler.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A check that takes `ms` of fake time, or stops when aborted; records how each run ended. */
function slowCheck(ms: number) {
  const runs: ('done' | 'aborted')[] = [];
  const run = (signal: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        runs.push('done');
        resolve();
      }, ms);
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        runs.push('aborted');
        reject(new Error('aborted'));
      });
    });
  return { run, runs };
}

describe('CheckScheduler', () => {
  it('debounces by 50 ms at first, then by 1.5 × the last check, within 50..500 ms', async () => {
    const { run } = slowCheck(200);
    const scheduler = new CheckScheduler({ run, now: () => Date.now() });
    expect(scheduler.delayMs).toBe(50);
    scheduler.schedule();
    await vi.advanceTimersByTimeAsync(50 + 200);
    expect(scheduler.delayMs).toBe(300);
    const slower = new CheckScheduler({ run: slowCheck(2_000).run, now: () => Date.now() });
    slower.schedule();
    await vi.advanceTimersByTimeAsync(50 + 2_000);
    expect(slower.delayMs).toBe(500);
  });

  it('runs one check after a burst of changes, not one per change', async () => {
    const { run, runs } = slowCheck(10);
    const scheduler = new CheckScheduler({ run, now: () => Date.now() });
    for (let change = 0; change < 20; change += 1) {
      scheduler.schedule();
      await vi.advanceTimersByTimeAsync(20);
    }
    await vi.advanceTimersByTimeAsync(100);
    expect(runs).toEqual(['done']);
  });

  it('supersedes a running check twice in a row at most, then lets it finish', async () => {
    const { run, runs } = slowCheck(1_000);
    const scheduler = new CheckScheduler({ run, now: () => Date.now() });
    scheduler.schedule();
    await vi.advanceTimersByTimeAsync(60); // First check running.
    for (let round = 0; round < 3; round += 1) {
      scheduler.schedule();
      await vi.advanceTimersByTimeAsync(60);
    }
    await vi.advanceTimersByTimeAsync(5_000);
    expect(runs.slice(0, 3)).toEqual(['aborted', 'aborted', 'done']);
    expect(runs.at(-1)).toBe('done');
    scheduler.dispose();
  });
});
