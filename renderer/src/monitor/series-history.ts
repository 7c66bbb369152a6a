/**
 * The last two minutes of each row's readings, for its sparkline and its detail chart. Keyed by
 * row key, so a task's history continues when it moves between a thread and a process.
 */

export const HISTORY_WINDOW_MS = 120_000;

export interface Series {
  /** Epoch seconds (uPlot's time scale). */
  readonly times: number[];
  readonly cpu: (number | null)[];
  /** p95 job latency, ms. */
  readonly latency: (number | null)[];
}

export class SeriesHistory {
  private readonly series = new Map<string, Series>();

  add(key: string, at: number, cpu: number | null, latency: number | null): void {
    let series = this.series.get(key);
    if (!series) {
      series = { times: [], cpu: [], latency: [] };
      this.series.set(key, series);
    }
    series.times.push(at / 1000);
    series.cpu.push(cpu);
    series.latency.push(latency);
    const cutoff = (at - HISTORY_WINDOW_MS) / 1000;
    let drop = 0;
    while (drop < series.times.length && (series.times[drop] ?? cutoff) < cutoff) drop += 1;
    if (drop > 0) {
      series.times.splice(0, drop);
      series.cpu.splice(0, drop);
      series.latency.splice(0, drop);
    }
  }

  get(key: string): Series | undefined {
    return this.series.get(key);
  }

  /** Forgets rows that are gone (an app process that exited). */
  retain(keys: ReadonlySet<string>): void {
    for (const key of this.series.keys()) if (!keys.has(key)) this.series.delete(key);
  }
}
