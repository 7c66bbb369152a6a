/**
 * Typing statistics from the renderer's key events. Rates and the backspace ratio cover a sliding
 * window (the last 60 s by default); words per minute uses the typists' standard word of five
 * characters, so it reads like any typing test.
 */
import { summarizePercentiles } from '../../common/percentile.ts';
import type { KeyEvent, TypingHistory, TypingStats } from '../../common/task-api.ts';

export interface TypingStatsOptions {
  /** Sliding window of the rates, ms. */
  readonly windowMs?: number;
  /** A pause this long or longer ends a burst, ms. */
  readonly burstGapMs?: number;
  /**
   * The shortest span a rate is computed over, ms, so that the first keys of a session do not
   * read as an absurd speed (two keys 100 ms apart are not 1,200 characters per minute).
   */
  readonly minRateSpanMs?: number;
  /** How many recent keydown-to-acknowledge latencies the percentiles cover. */
  readonly latencySamples?: number;
}

const CHARACTERS_PER_WORD = 5;

const keyId = (key: { readonly at: number; readonly kind: string }): string => `${key.at}:${key.kind}`;

interface WindowKey {
  readonly at: number;
  readonly kind: KeyEvent['kind'];
}

export class TypingStatsTracker {
  private readonly windowMs: number;
  private readonly burstGapMs: number;
  private readonly minRateSpanMs: number;
  private readonly latencyCapacity: number;
  private readonly recent: WindowKey[] = [];
  private keystrokes = 0;
  private firstKeyAt: number | undefined;
  private lastKeyAt: number | undefined;
  private burst = 0;
  private readonly latencies: number[] = [];
  private latencyNext = 0;

  constructor(options: TypingStatsOptions = {}) {
    this.windowMs = options.windowMs ?? 60_000;
    this.burstGapMs = options.burstGapMs ?? 2_000;
    this.minRateSpanMs = Math.min(options.minRateSpanMs ?? 5_000, this.windowMs);
    this.latencyCapacity = options.latencySamples ?? 1_000;
  }

  /** Counts key events; they may arrive in batches, in the order they were typed. */
  recordKeys(keys: readonly KeyEvent[]): void {
    for (const key of keys) {
      this.keystrokes += 1;
      this.firstKeyAt ??= key.at;
      const gap = this.lastKeyAt === undefined ? Number.POSITIVE_INFINITY : key.at - this.lastKeyAt;
      this.burst = gap < this.burstGapMs ? this.burst + 1 : 1;
      this.lastKeyAt = this.lastKeyAt === undefined ? key.at : Math.max(this.lastKeyAt, key.at);
      this.recent.push({ at: key.at, kind: key.kind });
    }
    // Keeps the window bounded even if nobody asks for a snapshot.
    if (this.lastKeyAt !== undefined) this.prune(this.lastKeyAt - this.windowMs);
  }

  /** One keydown-to-durable-acknowledgement latency, ms. */
  recordAckLatency(ms: number): void {
    const value = Math.max(0, ms);
    if (this.latencies.length < this.latencyCapacity) this.latencies.push(value);
    else this.latencies[this.latencyNext] = value;
    this.latencyNext = (this.latencyNext + 1) % this.latencyCapacity;
  }

  /** Everything the statistics are computed from, for the host that takes this task over. */
  history(): TypingHistory {
    // Oldest first, as they were measured, so the adopting tracker keeps the newest when it is full.
    const latencies = this.latencies.length < this.latencyCapacity ? [...this.latencies] : [...this.latencies.slice(this.latencyNext), ...this.latencies.slice(0, this.latencyNext)];
    return {
      keystrokes: this.keystrokes,
      firstKeyAt: this.firstKeyAt ?? null,
      lastKeyAt: this.lastKeyAt ?? null,
      burst: this.burst,
      recent: this.recent.map((key) => ({ at: key.at, kind: key.kind })),
      latencies,
    };
  }

  /**
   * Takes over the statistics of the host this one replaces in a live move. This tracker has
   * seen only keys since the move began: the priming catch-up, some of which the old host counted
   * too. A key is identified by its time and kind, so those count once.
   */
  adopt(history: TypingHistory): void {
    const known = new Set(history.recent.map(keyId));
    const fresh = this.recent.filter((key) => !known.has(keyId(key)));
    this.keystrokes = history.keystrokes + fresh.length;
    this.recent.splice(0, this.recent.length, ...[...history.recent, ...fresh].sort((a, b) => a.at - b.at));
    this.firstKeyAt = history.firstKeyAt ?? this.firstKeyAt;
    let burst = history.burst;
    let lastKeyAt = history.lastKeyAt ?? undefined;
    for (const key of fresh) {
      burst = lastKeyAt !== undefined && key.at - lastKeyAt < this.burstGapMs ? burst + 1 : 1;
      lastKeyAt = lastKeyAt === undefined ? key.at : Math.max(lastKeyAt, key.at);
    }
    this.burst = burst;
    this.lastKeyAt = lastKeyAt;
    const mine = this.history().latencies;
    this.latencies.splice(0);
    this.latencyNext = 0;
    for (const ms of [...history.latencies, ...mine]) this.recordAckLatency(ms);
    if (this.lastKeyAt !== undefined) this.prune(this.lastKeyAt - this.windowMs);
  }

  snapshot(now: number): TypingStats {
    const windowStart = now - this.windowMs;
    this.prune(windowStart);
    let characters = 0;
    let backspaces = 0;
    for (const key of this.recent) {
      if (key.kind === 'character' || key.kind === 'enter') characters += 1;
      else if (key.kind === 'backspace') backspaces += 1;
    }
    const spanStart = Math.max(windowStart, this.firstKeyAt ?? now);
    const minutes = Math.max(now - spanStart, this.minRateSpanMs) / 60_000;
    const charactersPerMinute = characters / minutes;
    const inBurst = this.lastKeyAt !== undefined && now - this.lastKeyAt < this.burstGapMs;
    return {
      keystrokes: this.keystrokes,
      charactersPerMinute: round(charactersPerMinute),
      wordsPerMinute: round(charactersPerMinute / CHARACTERS_PER_WORD),
      burst: inBurst ? this.burst : 0,
      backspaceRatio: this.recent.length === 0 ? 0 : round(backspaces / this.recent.length, 3),
      ackLatency: this.latencyPercentiles(),
    };
  }

  private prune(windowStart: number): void {
    let drop = 0;
    while (drop < this.recent.length && (this.recent[drop]?.at ?? windowStart) < windowStart) drop += 1;
    if (drop > 0) this.recent.splice(0, drop);
  }

  private latencyPercentiles(): TypingStats['ackLatency'] {
    const summary = summarizePercentiles(this.latencies);
    return summary === undefined ? null : { p50: round(summary.p50, 1), p95: round(summary.p95, 1) };
  }
}

function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
