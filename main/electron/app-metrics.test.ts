import { describe, expect, it } from 'vitest';
import { AppProcessMeter, electronProcessMetrics, readingOf, wholeMachineToOneCore, type AppMetric } from './app-metrics.ts';

function metric(pid: number, type: AppMetric['type'], cpuSeconds: number | undefined, extra: Partial<AppMetric> = {}): AppMetric {
  return {
    pid,
    type,
    creationTime: 1000 + pid,
    cpu: { percentCPUUsage: 12.5, idleWakeupsPerSecond: 0, ...(cpuSeconds === undefined ? {} : { cumulativeCPUUsage: cpuSeconds }) },
    memory: { workingSetSize: 2048, peakWorkingSetSize: 4096 },
    ...extra,
  };
}

describe('app metrics conversion', () => {
  it('converts Electron’s whole-machine percent to percent of one core', () => {
    // One core fully busy on a 4-core machine: Electron says 25%, Forkpad says 100%.
    expect(wholeMachineToOneCore(25, 4)).toBe(100);
  });

  it('reads cumulative CPU in ms and memory in bytes (Electron gives seconds and kilobytes)', () => {
    expect(readingOf(metric(10, 'Utility', 1.5))).toEqual({ cpuTimeMs: 1500, rssBytes: 2 * 1024 * 1024 });
    expect(readingOf(metric(10, 'Utility', undefined))).toBeUndefined();
  });

  it('measures percent of one core from cumulative deltas, null on first sight', () => {
    let now = 0;
    const meter = new AppProcessMeter(2, () => now);
    expect(meter.sample([metric(20, 'Tab', 10)])[0]?.cpuPercent).toBeNull();
    now = 1000;
    // 1.5 s of CPU in 1 s: one and a half cores, which percent of one core shows as 150.
    expect(meter.sample([metric(20, 'Tab', 11.5)])[0]).toEqual({ pid: 20, type: 'Tab', name: 'Tab', cpuPercent: 150, memory: { bytes: 2 * 1024 * 1024, kind: 'rss' } });
    now = 2000;
    expect(meter.sample([metric(20, 'Tab', 11.5)])[0]?.cpuPercent).toBe(0);
  });

  it('starts over for a reused pid (a new creation time)', () => {
    let now = 0;
    const meter = new AppProcessMeter(2, () => now);
    meter.sample([metric(30, 'GPU', 100)]);
    now = 1000;
    expect(meter.sample([metric(30, 'GPU', 0.2, { creationTime: 999_999 })])[0]?.cpuPercent).toBeNull();
  });

  it('falls back to Electron’s percent, scaled to one core, when cumulative CPU is missing', () => {
    let now = 0;
    const meter = new AppProcessMeter(4, () => now);
    expect(meter.sample([metric(40, 'GPU', undefined)])[0]?.cpuPercent).toBeNull();
    now = 1000;
    expect(meter.sample([metric(40, 'GPU', undefined)])[0]?.cpuPercent).toBe(50);
  });
});

describe('Electron process metrics source', () => {
  const list: AppMetric[] = [
    metric(1, 'Browser', 5),
    metric(2, 'Tab', 3, { name: 'Forkpad' }),
    metric(3, 'GPU', 2),
    metric(4, 'Utility', 1, { name: 'forkpad-grammar', serviceName: 'node.mojom.NodeService' }),
    metric(5, 'Utility', 0.5, { name: 'Network Service' }),
  ];

  it('reads the task processes asked for, by pid', async () => {
    const source = electronProcessMetrics(() => list, 2);
    const readings = await source.read([4, 99]);
    expect([...readings.keys()]).toEqual([4]);
    expect(readings.get(4)).toEqual({ cpuTimeMs: 1000, rssBytes: 2 * 1024 * 1024 });
  });

  it('lists the other app processes, without the host and the task processes', async () => {
    const source = electronProcessMetrics(() => list, 2);
    const others = (await source.appProcesses?.()) ?? [];
    expect(others.map((sample) => [sample.pid, sample.name])).toEqual([
      [2, 'Forkpad'],
      [3, 'GPU'],
      [5, 'Network Service'],
    ]);
  });
});
