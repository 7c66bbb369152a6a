/**
 * Notices a blocked host from the page. A host whose event loop is blocked (an inline task
 * hanging, inline grammar on a large document) sends nothing, not even the metrics that would
 * report its event-loop delay, so the page pings it and measures how long the pong is overdue.
 */

/** Pings this often while the previous one has been answered. */
const PING_EVERY_MS = 250;
/** A pong later than this means the host is not answering. */
export const UNRESPONSIVE_AFTER_MS = 500;

export interface WatchdogReading {
  /** True while a ping has waited longer than UNRESPONSIVE_AFTER_MS. */
  readonly blocked: boolean;
  /** How long the outstanding ping has waited, or the last round trip, in ms. */
  readonly waitedMs: number;
}

export class HostWatchdog {
  private sentAt: number | null = null;
  private lastRoundTrip = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly ping: (timeoutMs: number) => Promise<number>;
  private readonly onReading: (reading: WatchdogReading) => void;

  constructor(ping: (timeoutMs: number) => Promise<number>, onReading: (reading: WatchdogReading) => void) {
    this.ping = ping;
    this.onReading = onReading;
  }

  start(): void {
    this.timer ??= setInterval(() => this.tick(), PING_EVERY_MS);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private tick(): void {
    const now = performance.now();
    if (this.sentAt !== null) {
      const waited = now - this.sentAt;
      this.onReading({ blocked: waited > UNRESPONSIVE_AFTER_MS, waitedMs: waited });
      return;
    }
    this.sentAt = now;
    // A long timeout: the pong of a host blocked for seconds still arrives and ends the alarm.
    this.ping(120_000).then(
      (roundTrip) => {
        this.lastRoundTrip = roundTrip;
        this.sentAt = null;
        this.onReading({ blocked: false, waitedMs: roundTrip });
      },
      () => {
        // Timed out or the link closed: the connection segment reports a closed link; try again.
        this.sentAt = null;
      },
    );
  }

  get roundTripMs(): number {
    return this.lastRoundTrip;
  }
}
