import { describe, expect, it } from 'vitest';
import { VERDICTS } from '../../../workers/common/lesson.ts';
import { median, percentile, round, spread } from './stats.ts';
import {
  BLOCKED_FACTOR,
  judgeBlocking,
  judgeCommunication,
  judgeCreation,
  judgeIsolation,
  judgeParallelism,
  MIN_SPEEDUP,
  NOISE_SHARE,
  NOTICEABLE_MS,
  type PoolTiming,
} from './verdicts.ts';

describe('stats', () => {
  it('takes nearest-rank percentiles: every one is a measured sample', () => {
    const samples = [5, 1, 4, 2, 3, 100];
    expect(median(samples)).toBe(3);
    expect(percentile(samples, 95)).toBe(100);
    expect(spread(samples)).toEqual({ n: 6, p50: 3, p95: 100, max: 100 });
    expect(median([7])).toBe(7);
  });

  it('refuses to summarize nothing or a non-number, rather than make a figure up', () => {
    expect(() => median([])).toThrow(/no samples/);
    expect(() => spread([1, Number.NaN])).toThrow(/finite/);
  });

  it('rounds to three significant digits at most', () => {
    expect(round(1234.5)).toBe(1235);
    expect(round(12.345)).toBe(12.3);
    expect(round(1.2345)).toBe(1.23);
    expect(round(0.012345)).toBe(0.012);
  });
});

describe('creation', () => {
  it('holds when a thread is clearly quicker bare and loaded', () => {
    const judged = judgeCreation({ bare: 25, loaded: 160 }, { bare: 60, loaded: 210 }, 'spellcheck');
    expect(judged.verdict).toBe('holds');
    expect(judged.explanation).toContain('25 ms');
    expect(judged.explanation).toContain('210 ms');
  });

  it('holds with a caveat when loading the task swamps the host', () => {
    expect(judgeCreation({ bare: 25, loaded: 600 }, { bare: 60, loaded: 610 }, 'spellcheck').verdict).toBe('holds with a caveat');
  });

  it('does not hold when a bare thread is within the noise of a process', () => {
    const process = 60;
    expect(judgeCreation({ bare: process * (1 - NOISE_SHARE / 2), loaded: 100 }, { bare: process, loaded: 300 }, 'x').verdict).toBe('does not hold');
    expect(judgeCreation({ bare: 80, loaded: 100 }, { bare: 60, loaded: 300 }, 'x').verdict).toBe('does not hold');
  });
});

describe('communication', () => {
  it('holds when a thread answers clearly sooner at both sizes', () => {
    expect(judgeCommunication({ small: 30, large: 100 }, { small: 60, large: 600 }, '100 KB').verdict).toBe('holds');
  });

  it('holds with a caveat for one size only, and names it', () => {
    const judged = judgeCommunication({ small: 58, large: 100 }, { small: 60, large: 600 }, '100 KB');
    expect(judged.verdict).toBe('holds with a caveat');
    expect(judged.explanation).toContain('only for 100 KB');
  });

  it('does not hold when neither size is clearly quicker', () => {
    expect(judgeCommunication({ small: 60, large: 600 }, { small: 58, large: 590 }, '100 KB').verdict).toBe('does not hold');
  });
});

describe('crash isolation', () => {
  const all = { survivors: 3, neighbours: 3 };
  const none = { survivors: 0, neighbours: 3 };

  it('holds when only processes keep a crash to themselves', () => {
    expect(judgeIsolation(all, none, none).verdict).toBe('holds');
  });

  it("holds with a caveat when Node's worker threads isolate it too", () => {
    const judged = judgeIsolation(all, all, none);
    expect(judged.verdict).toBe('holds with a caveat');
    expect(judged.explanation).toContain('threads 3 of 3');
  });

  it('does not hold when a process crash takes a neighbour, or the shared thread spares one', () => {
    expect(judgeIsolation({ survivors: 2, neighbours: 3 }, none, none).verdict).toBe('does not hold');
    expect(judgeIsolation(all, none, { survivors: 1, neighbours: 3 }).verdict).toBe('does not hold');
  });
});

describe('parallelism', () => {
  const timing = (speedup: number, extra: Partial<PoolTiming> = {}): PoolTiming => ({
    cores: 2,
    processes: 2,
    singleMs: 4000,
    poolMs: 4000 / speedup,
    speedup,
    singleCores: 1,
    poolCores: speedup,
    loadAverage: 0.5,
    ...extra,
  });

  it('holds when the pool reaches most of the ideal speedup', () => {
    expect(judgeParallelism(timing(1.8)).verdict).toBe('holds');
    expect(judgeParallelism(timing(3.2, { cores: 4, processes: 4 })).verdict).toBe('holds');
  });

  it('holds with a caveat when faster but well short of the cores', () => {
    expect(judgeParallelism(timing(1.3)).verdict).toBe('holds with a caveat');
    expect(judgeParallelism(timing(2, { cores: 4, processes: 4 })).verdict).toBe('holds with a caveat');
  });

  it('does not hold below the minimum speedup, saying when other work held the cores', () => {
    const busy = judgeParallelism(timing(MIN_SPEEDUP - 0.1, { poolCores: 0.7, loadAverage: 9 }));
    expect(busy.verdict).toBe('does not hold');
    expect(busy.explanation).toMatch(/other work held the cores/);
    const idle = judgeParallelism(timing(1, { poolCores: 1.9 }));
    expect(idle.verdict).toBe('does not hold');
    expect(idle.explanation).toMatch(/even with the cores/);
  });

  it('says a single core cannot show it', () => {
    const judged = judgeParallelism(timing(1, { cores: 1 }));
    expect(judged.verdict).toBe('holds with a caveat');
    expect(judged.explanation).toMatch(/one core/);
  });
});

describe('blocking', () => {
  it('holds when inline p95 is many times off-thread and noticeable', () => {
    expect(judgeBlocking({ p50: 40, p95: 120 }, { p50: 1, p95: 5 }).verdict).toBe('holds');
  });

  it('holds with a caveat when inline is slower but the delay stays small', () => {
    expect(judgeBlocking({ p50: 2, p95: 12 }, { p50: 1, p95: 5 }).verdict).toBe('holds with a caveat');
    // Many times slower, but not noticeable: still only a caveat.
    expect(judgeBlocking({ p50: 1, p95: 2 * BLOCKED_FACTOR }, { p50: 0.5, p95: 2 }).verdict).toBe('holds with a caveat');
    // Noticeable, but not many times slower: a caveat too.
    expect(judgeBlocking({ p50: 30, p95: 60 + NOTICEABLE_MS }, { p50: 20, p95: 60 }).verdict).toBe('holds with a caveat');
  });

  it('does not hold when inline keystrokes are not slower', () => {
    expect(judgeBlocking({ p50: 1, p95: 5 }, { p50: 1, p95: 5 }).verdict).toBe('does not hold');
  });

  it('every judgement is one of the three verdicts, with its numbers in one line', () => {
    const judged = [
      judgeBlocking({ p50: 40, p95: 120 }, { p50: 1, p95: 5 }),
      judgeCreation({ bare: 25, loaded: 160 }, { bare: 60, loaded: 210 }, 'spellcheck'),
      judgeIsolation({ survivors: 3, neighbours: 3 }, { survivors: 3, neighbours: 3 }, { survivors: 0, neighbours: 3 }),
    ];
    for (const { verdict, explanation } of judged) {
      expect(VERDICTS).toContain(verdict);
      expect(explanation).not.toContain('\n');
      expect(explanation).toMatch(/\d/);
    }
  });
});
