/**
 * Pings a host on a steady cadence and reports each answer or silence. One ping is outstanding at
 * a time, so a hung host is not flooded; a ping unanswered for `timeoutMs` marks it unresponsive.
 *
 * Why 250 ms: a hang must be reported within 3.5 s, and a ping unanswered for 3 s is the rule.
 * The last ping before a hang may have been answered just in time, so the next one goes out at
 * most one interval later: 250 ms keeps the worst case at 3.25 s, and costs four tiny messages a
 * second per task.
 */
export interface HeartbeatOptions {
  readonly intervalMs: number;
  readonly timeoutMs: number;
}

export type Beat = { readonly ok: true; readonly roundTripMs: number } | { readonly ok: false; readonly error: Error };

export const DEFAULT_HEARTBEAT: HeartbeatOptions = { intervalMs: 250, timeoutMs: 3_000 };

export class Heartbeat {
  private readonly ping: (timeoutMs: number) => Promise<number>;
  private readonly options: HeartbeatOptions;
  private readonly onBeat: (beat: Beat) => void;
  private running = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(ping: (timeoutMs: number) => Promise<number>, options: HeartbeatOptions, onBeat: (beat: Beat) => void) {
    this.ping = ping;
    this.options = options;
    this.onBeat = onBeat;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.beat();
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
  }

  private async beat(): Promise<void> {
    const sentAt = performance.now();
    try {
      const roundTripMs = await this.ping(this.options.timeoutMs);
      if (this.running) this.onBeat({ ok: true, roundTripMs });
    } catch (error) {
      if (this.running) this.onBeat({ ok: false, error: error instanceof Error ? error : new Error(String(error)) });
    }
    if (!this.running) return;
    const wait = Math.max(0, this.options.intervalMs - (performance.now() - sentAt));
    this.timer = setTimeout(() => void this.beat(), wait);
    this.timer.unref();
  }
}
