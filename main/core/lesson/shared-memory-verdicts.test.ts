import { describe, expect, it } from 'vitest';
import { judgeDebugging, judgeMemory, judgeSharing, judgeSwitching } from './shared-memory-verdicts.ts';
import { judgeIoBound, judgeSingleCore } from './scheduling-verdicts.ts';

describe('memory of a 20 MB document', () => {
  const base = { sharedMb: 40, tasks: 2, threadsAddedMb: 1, threadHeapGrowthMb: 0.5, processesAddedMb: 90, processMeasure: 'USS' as const };

  it('holds when threads add clearly less and their heaps stay out of the text', () => {
    const judged = judgeMemory(base);
    expect(judged.verdict).toBe('holds');
    expect(judged.explanation).toMatch(/40 MB in shared memory/);
    expect(judged.explanation).toMatch(/private memory/);
  });

  it('has a caveat when a thread heap grows by more than a tenth of the document', () => {
    expect(judgeMemory({ ...base, threadHeapGrowthMb: 4.5 }).verdict).toBe('holds with a caveat');
  });

  it('does not hold when threads cost as much as processes', () => {
    expect(judgeMemory({ ...base, threadsAddedMb: 85 }).verdict).toBe('does not hold');
  });
});

describe('sharing: priming a new host', () => {
  it('holds when the thread is sent nothing and attaches sooner', () => {
    expect(judgeSharing({ bytes: 0, ms: 3 }, { bytes: 409_600, ms: 60 }, '200 KB').verdict).toBe('holds');
  });

  it('has a caveat when nothing is sent but attaching is not quicker', () => {
    expect(judgeSharing({ bytes: 0, ms: 58 }, { bytes: 409_600, ms: 60 }, '200 KB').verdict).toBe('holds with a caveat');
  });

  it('does not hold when the thread was sent text', () => {
    const judged = judgeSharing({ bytes: 409_600, ms: 3 }, { bytes: 409_600, ms: 60 }, '200 KB');
    expect(judged.verdict).toBe('does not hold');
    expect(judged.explanation).toMatch(/400 KB/);
  });
});

describe('switching', () => {
  it('holds when threads are clearly faster at the median and the p99', () => {
    expect(judgeSwitching({ median: 5, p99: 20 }, { median: 20, p99: 90 }).verdict).toBe('holds');
  });

  it('has a caveat when only the median is faster', () => {
    expect(judgeSwitching({ median: 5, p99: 95 }, { median: 20, p99: 90 }).verdict).toBe('holds with a caveat');
  });

  it('does not hold when the median is not clearly faster, and says what was compared', () => {
    const judged = judgeSwitching({ median: 27, p99: 66 }, { median: 21, p99: 168 });
    expect(judged.verdict).toBe('does not hold');
    expect(judged.explanation).toMatch(/shared memory.*pipes/);
  });
});

describe('debugging: the race', () => {
  const race = { seconds: 5, unlockedReads: 6_000, tornReads: 300, lockedReads: 6_000, lockedTorn: 0 };

  it('holds when reads tear without the lock and never with it', () => {
    expect(judgeDebugging(race).verdict).toBe('holds');
  });

  it('has a caveat when no torn read was caught', () => {
    expect(judgeDebugging({ ...race, tornReads: 0 }).verdict).toBe('holds with a caveat');
  });

  it('does not hold when a locked read tore: the lock is broken', () => {
    expect(judgeDebugging({ ...race, lockedTorn: 1 }).verdict).toBe('does not hold');
  });
});

describe('single-core multiprocessing', () => {
  const pool = { cores: 2, processes: 2, freeSpeedup: 1.6, pinnedSpeedup: 0.95, pinnedCoresBusy: 1 };

  it('holds when pinned gains nothing and free gains', () => {
    expect(judgeSingleCore(pool).verdict).toBe('holds');
  });

  it('has a caveat when neither gains', () => {
    expect(judgeSingleCore({ ...pool, freeSpeedup: 1.05 }).verdict).toBe('holds with a caveat');
    expect(judgeSingleCore({ ...pool, cores: 1, freeSpeedup: 1 }).verdict).toBe('holds with a caveat');
  });

  it('does not hold when the pinned pool still speeds up', () => {
    expect(judgeSingleCore({ ...pool, pinnedSpeedup: 1.5 }).verdict).toBe('does not hold');
  });
});

describe('I/O-bound threads', () => {
  it('holds at half the ideal speedup or more', () => {
    expect(judgeIoBound({ threads: 4, serialMs: 100, parallelMs: 35, speedup: 2.9 }).verdict).toBe('holds');
  });

  it('has a caveat when faster but far from ideal', () => {
    expect(judgeIoBound({ threads: 4, serialMs: 100, parallelMs: 60, speedup: 1.6 }).verdict).toBe('holds with a caveat');
  });

  it('does not hold when threads are not faster', () => {
    expect(judgeIoBound({ threads: 4, serialMs: 74, parallelMs: 148, speedup: 0.5 }).verdict).toBe('does not hold');
  });
});
