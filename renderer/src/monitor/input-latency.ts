/**
 * The page's own input latency, from the Event Timing API: how long keydowns and clicks took
 * from the input to the next paint. Chromium reports only events of 16 ms or more, so this
 * counts slow inputs and their worst case rather than claiming a median of all input.
 */
import { localeFormat } from '../format/locale-format.ts';

const WINDOW_MS = 120_000;
/** The smallest threshold the API allows. */
const THRESHOLD_MS = 16;

interface SlowInput {
  readonly at: number;
  readonly durationMs: number;
}

export class InputLatency {
  private readonly slow: SlowInput[] = [];
  private readonly observer: PerformanceObserver | null;

  constructor() {
    if (!PerformanceObserver.supportedEntryTypes.includes('event')) {
      this.observer = null;
      return;
    }
    this.observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.name === 'keydown' || entry.name === 'pointerdown' || entry.name === 'click') {
          this.slow.push({ at: performance.timeOrigin + entry.startTime, durationMs: entry.duration });
        }
      }
    });
    this.observer.observe({ type: 'event', durationThreshold: THRESHOLD_MS, buffered: true } as PerformanceObserverInit);
  }

  /** One line for the monitor, e.g. "3 slow inputs (≥16 ms) in 2 min, worst 48 ms". */
  describe(now: number = Date.now()): string {
    if (!this.observer) return 'page input latency: not measurable in this browser';
    while (this.slow.length > 0 && (this.slow[0]?.at ?? now) < now - WINDOW_MS) this.slow.shift();
    if (this.slow.length === 0) return `page input: no input took ${THRESHOLD_MS} ms or more in the last 2 min (Event Timing)`;
    const worst = Math.max(...this.slow.map((input) => input.durationMs));
    return `page input: ${this.slow.length} slow input${this.slow.length === 1 ? '' : 's'} (≥${THRESHOLD_MS} ms) in 2 min, worst ${localeFormat.milliseconds(worst)} (Event Timing)`;
  }

  dispose(): void {
    this.observer?.disconnect();
  }
}
