/**
 * When a crashed task is restarted: with exponential backoff, and not at all once it crashed more
 * than `maxCrashes` times inside `windowMs` (VS Code's rule for its extension host: three
 * crashes in five minutes, then it stays down and says so). A manual restart starts afresh.
 */
import type { RestartPolicyState } from '../../../workers/common/metrics.ts';

export interface RestartPolicyOptions {
  /** Crashes tolerated inside the window; the next one stops the task. Default 3. */
  readonly maxCrashes?: number;
  /** Default 5 minutes. */
  readonly windowMs?: number;
  /** First restart delay, doubled per crash in the window. Default 100 ms. */
  readonly backoffBaseMs?: number;
  /** Longest restart delay. Default 2 s. */
  readonly backoffMaxMs?: number;
}

export class RestartPolicy {
  private readonly maxCrashes: number;
  private readonly windowMs: number;
  private readonly baseMs: number;
  private readonly maxMs: number;
  private crashes: number[] = [];
  private nextRestartAt: number | null = null;
  private gaveUp = false;

  constructor(options: RestartPolicyOptions = {}) {
    this.maxCrashes = options.maxCrashes ?? 3;
    this.windowMs = options.windowMs ?? 5 * 60_000;
    this.baseMs = options.backoffBaseMs ?? 100;
    this.maxMs = options.backoffMaxMs ?? 2_000;
  }

  private prune(at: number): void {
    this.crashes = this.crashes.filter((crashAt) => at - crashAt < this.windowMs);
  }

  /** Records a crash at `at` (epoch ms). Returns the delay before restarting, or null to stop. */
  recordCrash(at: number): number | null {
    this.prune(at);
    this.crashes.push(at);
    if (this.crashes.length > this.maxCrashes) {
      this.gaveUp = true;
      this.nextRestartAt = null;
      return null;
    }
    const delay = Math.min(this.baseMs * 2 ** (this.crashes.length - 1), this.maxMs);
    this.nextRestartAt = at + delay;
    return delay;
  }

  /** The scheduled restart happened (or was superseded). */
  restarted(): void {
    this.nextRestartAt = null;
  }

  /** A manual restart: the user takes over, so earlier crashes no longer count. */
  reset(): void {
    this.crashes = [];
    this.gaveUp = false;
    this.nextRestartAt = null;
  }

  crashesInWindow(at: number): number {
    this.prune(at);
    return this.crashes.length;
  }

  state(at: number): RestartPolicyState {
    return {
      crashesInWindow: this.crashesInWindow(at),
      windowMs: this.windowMs,
      maxCrashes: this.maxCrashes,
      nextRestartAt: this.nextRestartAt,
      gaveUp: this.gaveUp,
    };
  }
}
