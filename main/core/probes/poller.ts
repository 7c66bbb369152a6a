/**
 * Runs a poll on a fixed interval that re-arms only after the previous poll finished (as VS Code's
 * process explorer does with its Delayer), so slow polls never overlap or pile up.
 */
export const PROBE_INTERVAL_MS = { min: 250, max: 5_000, default: 1_000 } as const;

export function clampProbeInterval(ms: number): number {
  if (!Number.isFinite(ms)) return PROBE_INTERVAL_MS.default;
  return Math.min(PROBE_INTERVAL_MS.max, Math.max(PROBE_INTERVAL_MS.min, Math.round(ms)));
}

export class Poller {
  private readonly poll: (lateMs: number) => Promise<void>;
  private readonly log: (line: string) => void;
  private intervalMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private polling = false;
  private armedAt = 0;

  /** `poll` receives how late its timer fired, ms: itself a measure of event-loop delay. */
  constructor(poll: (lateMs: number) => Promise<void>, intervalMs: number, log: (line: string) => void) {
    this.poll = poll;
    this.intervalMs = clampProbeInterval(intervalMs);
    this.log = log;
  }

  get interval(): number {
    return this.intervalMs;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.arm();
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
  }

  /** Takes effect now if waiting, or after the poll in progress. */
  setInterval(ms: number): void {
    this.intervalMs = clampProbeInterval(ms);
    if (this.running && !this.polling) {
      clearTimeout(this.timer);
      this.arm();
    }
  }

  private arm(): void {
    this.armedAt = performance.now();
    this.timer = setTimeout(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    this.polling = true;
    try {
      await this.poll(Math.max(0, performance.now() - this.armedAt - this.intervalMs));
    } catch (error) {
      this.log(`[probes] a poll failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.polling = false;
      if (this.running) this.arm();
    }
  }
}
