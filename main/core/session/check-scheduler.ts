/**
 * When to ask a checking task (render, spellcheck, grammar) for a fresh result. Each change
 * re-arms a debounce whose delay follows the task's last check time (a fast renderer answers
 * within 50 ms of a pause; a slow grammar pass waits up to 500 ms), so checks never pile up
 * behind typing.
 *
 * A check still running when a newer one is due is superseded: it is aborted (the abort reaches
 * the task as a cancel) and the newer one starts. Aborting forever would starve a task slower
 * than the user's pauses, so after `maxSupersede` aborts in a row the running check is allowed
 * to finish and the newer one follows it.
 */

export interface CheckSchedulerOptions {
  /** Runs one check; must settle, and should stop early when `signal` aborts. */
  readonly run: (signal: AbortSignal) => Promise<void>;
  readonly minDelayMs?: number;
  readonly maxDelayMs?: number;
  /** Delay = last check duration × this, clamped to [min, max]. */
  readonly scale?: number;
  readonly maxSupersede?: number;
  readonly now?: () => number;
}

export class CheckScheduler {
  private readonly options: Required<CheckSchedulerOptions>;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: { controller: AbortController; done: Promise<void> } | undefined;
  /** A check became due while the running one was allowed to finish. */
  private queued = false;
  private superseded = 0;
  private lastDurationMs: number | undefined;
  private disposed = false;

  constructor(options: CheckSchedulerOptions) {
    this.options = {
      minDelayMs: 50,
      maxDelayMs: 500,
      scale: 1.5,
      maxSupersede: 2,
      now: () => performance.now(),
      ...options,
    };
  }

  /** The debounce the next check waits for, in ms. */
  get delayMs(): number {
    const { minDelayMs, maxDelayMs, scale } = this.options;
    const wanted = this.lastDurationMs === undefined ? minDelayMs : this.lastDurationMs * scale;
    return Math.round(Math.min(maxDelayMs, Math.max(minDelayMs, wanted)));
  }

  /** The document changed: a check is due after the debounce. */
  schedule(): void {
    if (this.disposed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.due(), this.delayMs);
  }

  /** A check is due now (after a restart, a dictionary change): no debounce. */
  runSoon(): void {
    if (this.disposed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.due(), 0);
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.running?.controller.abort('session closed');
  }

  private due(): void {
    this.timer = undefined;
    if (this.disposed) return;
    if (!this.running) return this.start();
    if (this.superseded < this.options.maxSupersede) {
      this.superseded += 1;
      this.running.controller.abort('superseded by a newer version');
      // The aborted check settles soon; the newer one starts once it has, so a task never runs two.
      this.queued = true;
      return;
    }
    this.queued = true;
  }

  private start(): void {
    const controller = new AbortController();
    const startedAt = this.options.now();
    const done = this.options.run(controller.signal).then(
      () => {
        if (!controller.signal.aborted) {
          this.lastDurationMs = this.options.now() - startedAt;
          this.superseded = 0;
        }
      },
      () => undefined, // The runner reports its own failures; a rejected check only ends this run.
    );
    this.running = { controller, done };
    void done.then(() => {
      this.running = undefined;
      if (this.queued && !this.disposed) {
        this.queued = false;
        this.start();
      }
    });
  }
}
