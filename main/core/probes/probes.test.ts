import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { HostProbe } from './host-probe.ts';
import { JobMeter } from './job-meter.ts';
import { clampProbeInterval, Poller } from './poller.ts';
import { parseProcStat, parseProcStatusRss, procfsProcessMetrics } from './process-metrics.ts';
import { TaskProbe, type TaskProbeSource } from './task-probe.ts';

describe('poller', () => {
  it('clamps its interval to 250..5000 ms', () => {
    expect([0, 100, 250, 1_000, 9_999, Number.NaN].map(clampProbeInterval)).toEqual([250, 250, 250, 1_000, 5_000, 1_000]);
  });

  it('re-arms only after the previous poll finished, so polls never overlap', async () => {
    // On the fake clock: with real timers a busy machine fires them late and the count drifts.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    onTestFinished(() => void vi.useRealTimers());
    let running = 0;
    let overlapped = false;
    let polls = 0;
    const poller = new Poller(
      async () => {
        running += 1;
        overlapped ||= running > 1;
        polls += 1;
        await new Promise((resolve) => setTimeout(resolve, 400)); // Slower than the interval.
        running -= 1;
      },
      250,
      () => undefined,
    );
    poller.start();
    await vi.advanceTimersByTimeAsync(1_500);
    poller.stop();
    expect(overlapped).toBe(false);
    expect(polls).toBe(2); // At 250 and 900 ms: 650 ms per cycle, not 250.
  });
});

describe('job meter', () => {
  it('gives nearest-rank percentiles of recent jobs and counts every job', () => {
    const meter = new JobMeter();
    expect(meter.latency()).toBeNull();
    for (let ms = 1; ms <= 100; ms += 1) meter.record(ms);
    meter.record(Number.NaN); // Ignored: not a duration.
    expect(meter.latency()).toEqual({ p50: 50, p95: 95, p99: 99 });
    expect(meter.completedJobs()).toBe(100);
  });

  it('keeps only the most recent jobs in its percentiles', () => {
    const meter = new JobMeter();
    for (let job = 0; job < 1_000; job += 1) meter.record(1_000);
    for (let job = 0; job < 256; job += 1) meter.record(1);
    expect(meter.latency()).toEqual({ p50: 1, p95: 1, p99: 1 });
  });
});

describe('/proc readings', () => {
  it('parses utime and stime after a command name with spaces and parentheses', () => {
    const stat = '4242 (my (odd) task) S 1 4242 4242 0 -1 4194304 1000 0 0 0 250 50 0 0 20 0 7 0 100 1000000 2000';
    expect(parseProcStat(stat)).toEqual({ cpuTimeMs: 3_000 });
    expect(parseProcStat('garbage')).toBeUndefined();
    expect(parseProcStatusRss('Name:\tnode\nVmRSS:\t  12345 kB\nThreads:\t7\n')).toBe(12_345 * 1024);
    expect(parseProcStatusRss('Name:\tzombie\n')).toBeUndefined();
  });

  it('reads this process, and leaves out a pid that does not exist', async () => {
    const readings = await procfsProcessMetrics().read([process.pid, 2 ** 22 + 7]);
    expect(readings.get(process.pid)?.rssBytes).toBeGreaterThan(10 * 2 ** 20);
    expect(readings.get(process.pid)?.cpuTimeMs).toBeGreaterThan(0);
    expect(readings.has(2 ** 22 + 7)).toBe(false);
  });
});

describe('first samples say "measuring"', () => {
  it('host rates are null at first, then real', async () => {
    const probe = new HostProbe();
    const first = probe.sample();
    expect(first).toMatchObject({ cpuPercent: null, mainThreadCpuPercent: null, eventLoopUtilization: null, pid: process.pid });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = probe.sample();
    expect(second.cpuPercent).toBeTypeOf('number');
    expect(second.eventLoopUtilization).toBeGreaterThanOrEqual(0);
    probe.dispose();
  });

  it('task rates are null until two readings of the same host exist', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    onTestFinished(() => void vi.useRealTimers());
    const meter = new JobMeter();
    let cpuTimeMs = 100;
    const host = { key: {}, pid: 1, threadId: 2, spawnToReadyMs: 30, roundTripMs: 0.2, usage: () => Promise.resolve({ cpuTimeMs, memory: null }) };
    let current: typeof host | null = host;
    const source: TaskProbeSource = {
      task: 'render',
      meter,
      kind: () => 'thread',
      state: () => 'ready',
      copiedBytes: () => 0,
      restarts: () => 0,
      lastError: () => null,
      restartPolicy: () => ({ crashesInWindow: 0, windowMs: 300_000, maxCrashes: 3, nextRestartAt: null, gaveUp: false }),
      queueDepth: () => 0,
      host: () => current,
    };
    const probe = new TaskProbe();
    expect(await probe.sample(source)).toMatchObject({ cpuPercent: null, jobsPerSecond: null, cpuTimeMs: 100 });
    await vi.advanceTimersByTimeAsync(100);
    cpuTimeMs = 150;
    meter.record(1);
    const second = await probe.sample(source);
    expect(second.cpuPercent).toBeCloseTo(50); // 50 ms of CPU in 100 ms.
    expect(second.jobsPerSecond).toBeCloseTo(10);
    current = { ...host, key: {} }; // A new host (a move or restart): measuring again.
    expect((await probe.sample(source)).cpuPercent).toBeNull();
  });
});
