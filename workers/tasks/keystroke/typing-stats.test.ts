import { describe, expect, it } from 'vitest';
import type { KeyEvent } from '../../common/task-api.ts';
import { TypingStatsTracker } from './typing-stats.ts';

const T0 = 1_700_000_000_000;

function keys(kind: KeyEvent['kind'], count: number, start: number, gapMs: number): KeyEvent[] {
  return Array.from({ length: count }, (_, index) => ({ kind, at: start + index * gapMs }));
}

describe('typing statistics', () => {
  it('starts empty, with latency still being measured', () => {
    expect(new TypingStatsTracker().snapshot(T0)).toEqual({
      keystrokes: 0,
      charactersPerMinute: 0,
      wordsPerMinute: 0,
      burst: 0,
      backspaceRatio: 0,
      ackLatency: null,
    });
  });

  it('computes characters and words per minute over the last 60 s, five characters to a word', () => {
    const stats = new TypingStatsTracker();
    // 300 characters at 5 per second: 60 s of typing at 300 per minute.
    stats.recordKeys(keys('character', 300, T0, 200));
    const now = T0 + 60_000;
    expect(stats.snapshot(now)).toMatchObject({ keystrokes: 300, charactersPerMinute: 300, wordsPerMinute: 60 });
    // 30 s later half of them have left the window, and the rate halves.
    expect(stats.snapshot(now + 30_000)).toMatchObject({ keystrokes: 300, charactersPerMinute: 150, wordsPerMinute: 30 });
    expect(stats.snapshot(now + 61_000)).toMatchObject({ keystrokes: 300, charactersPerMinute: 0 });
  });

  it('does not read the first keys of a session as an absurd speed', () => {
    const stats = new TypingStatsTracker();
    stats.recordKeys(keys('character', 2, T0, 100));
    // Two keys over at least the 5 s floor: 24 per minute, not 1,200.
    expect(stats.snapshot(T0 + 100).charactersPerMinute).toBe(24);
    // After 10 s of a session, the span is the real 10 s.
    expect(stats.snapshot(T0 + 10_000).charactersPerMinute).toBe(12);
  });

  it('counts the current burst until a pause of 2 s', () => {
    const stats = new TypingStatsTracker();
    stats.recordKeys(keys('character', 10, T0, 300));
    expect(stats.snapshot(T0 + 2_800).burst).toBe(10);
    expect(stats.snapshot(T0 + 2_700 + 2_000).burst).toBe(0);
    stats.recordKeys(keys('character', 3, T0 + 10_000, 1_999));
    expect(stats.snapshot(T0 + 14_000).burst).toBe(3);
    stats.recordKeys([{ kind: 'character', at: T0 + 16_000 }]);
    expect(stats.snapshot(T0 + 16_001).burst).toBe(1);
  });

  it('reports the share of backspaces among recent keys', () => {
    const stats = new TypingStatsTracker();
    stats.recordKeys([...keys('character', 6, T0, 100), ...keys('backspace', 2, T0 + 600, 100), ...keys('enter', 2, T0 + 800, 100)]);
    const snapshot = stats.snapshot(T0 + 1_000);
    expect(snapshot.backspaceRatio).toBe(0.2);
    expect(snapshot.charactersPerMinute).toBe(96); // 6 characters and 2 enters over the 5 s floor
  });

  it('gives nearest-rank percentiles of the most recent acknowledgement latencies', () => {
    const stats = new TypingStatsTracker({ latencySamples: 100 });
    for (let ms = 1; ms <= 100; ms++) stats.recordAckLatency(ms);
    expect(stats.snapshot(T0).ackLatency).toEqual({ p50: 50, p95: 95 });
    for (let index = 0; index < 100; index++) stats.recordAckLatency(7);
    expect(stats.snapshot(T0).ackLatency).toEqual({ p50: 7, p95: 7 });
    for (let index = 0; index < 100; index++) stats.recordAckLatency(-3); // A clock step back: counted as 0.
    expect(stats.snapshot(T0).ackLatency).toEqual({ p50: 0, p95: 0 });
  });

  it('keeps its window bounded when nobody asks for a snapshot', () => {
    const stats = new TypingStatsTracker({ windowMs: 1_000 });
    for (let second = 0; second < 100; second++) stats.recordKeys(keys('character', 10, T0 + second * 1_000, 100));
    expect(stats.snapshot(T0 + 100_000)).toMatchObject({ keystrokes: 1_000, charactersPerMinute: 600 });
  });

  describe('handed over in a live move', () => {
    it('continues where the replaced host left off: counts, rates, burst and latencies', () => {
      const old = new TypingStatsTracker();
      old.recordKeys([...keys('character', 90, T0, 200), ...keys('backspace', 10, T0 + 18_000, 200)]);
      for (let index = 0; index < 20; index += 1) old.recordAckLatency(3 + index);
      const fresh = new TypingStatsTracker();
      fresh.adopt(old.history());
      const now = T0 + 20_000;
      expect(fresh.snapshot(now)).toEqual(old.snapshot(now));
      // And it goes on counting from there: the next key continues the same burst.
      fresh.recordKeys(keys('character', 1, now, 0));
      old.recordKeys(keys('character', 1, now, 0));
      expect(fresh.snapshot(now + 10)).toEqual(old.snapshot(now + 10));
    });

    it('counts once a key both hosts saw (the priming catch-up), and adds the ones only the new host saw', () => {
      const old = new TypingStatsTracker();
      const typed = keys('character', 50, T0, 100);
      old.recordKeys(typed.slice(0, 45));
      const fresh = new TypingStatsTracker();
      // Primed with the last five the old host also had, plus five it never got (held during the move).
      fresh.recordKeys(typed.slice(40, 50));
      fresh.adopt(old.history());
      const whole = new TypingStatsTracker();
      whole.recordKeys(typed);
      expect(fresh.snapshot(T0 + 6_000)).toEqual(whole.snapshot(T0 + 6_000));
      expect(fresh.snapshot(T0 + 6_000).keystrokes).toBe(50);
    });

    it('keeps the newest latencies when the two together exceed what a tracker holds', () => {
      const old = new TypingStatsTracker({ latencySamples: 4 });
      for (const ms of [100, 100, 100, 100, 1, 2]) old.recordAckLatency(ms);
      const fresh = new TypingStatsTracker({ latencySamples: 4 });
      fresh.recordAckLatency(3);
      fresh.adopt(old.history());
      // Kept: 100, 1, 2 from the old host (oldest first), then 3: the old 100s are mostly gone.
      expect(fresh.history().latencies).toEqual([100, 1, 2, 3]);
    });
  });
});
