/**
 * The source of process figures off Linux. The lookup is faked so that these run, and mean the
 * same, on every OS; one case reads a real child through the real pidusage.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it, onTestFinished } from 'vitest';
import { hostProcessMetrics, usageProcessMetrics, type UsageLookup } from './pidusage-metrics.ts';

const fakeLookup =
  (table: Readonly<Record<number, { ctime: number; memory: number }>>): UsageLookup =>
  (pid) => {
    const stat = table[pid];
    return stat ? Promise.resolve(stat) : Promise.reject(new Error('No matching pid found'));
  };

describe('process figures through pidusage', () => {
  it('gives CPU time and RSS for each pid, and leaves out a pid that has gone', async () => {
    const source = usageProcessMetrics(fakeLookup({ 11: { ctime: 1_250, memory: 48 * 1024 * 1024 }, 12: { ctime: 30, memory: 85 * 1024 * 1024 } }));
    const readings = await source.read([11, 12, 13]);
    expect([...readings.entries()]).toEqual([
      [11, { cpuTimeMs: 1_250, rssBytes: 48 * 1024 * 1024 }],
      [12, { cpuTimeMs: 30, rssBytes: 85 * 1024 * 1024 }],
    ]);
  });

  it('drops a reading that is not a number rather than showing it', async () => {
    const readings = await usageProcessMetrics(fakeLookup({ 21: { ctime: Number.NaN, memory: 1 }, 22: { ctime: 5, memory: -1 } })).read([21, 22]);
    expect(readings.size).toBe(0);
  });

  it('is the source where /proc is missing, and /proc stays the source where it exists', async () => {
    const lookup = fakeLookup({ [process.pid]: { ctime: 7, memory: 9 } });
    const withoutProc = await hostProcessMetrics(false, lookup).read([process.pid]);
    expect(withoutProc.get(process.pid)).toEqual({ cpuTimeMs: 7, rssBytes: 9 });
    if (process.platform === 'linux') {
      const withProc = await hostProcessMetrics(true, lookup).read([process.pid]);
      expect(withProc.get(process.pid)?.rssBytes).toBeGreaterThan(1024 * 1024);
    }
  });

  it('reads a real child process through pidusage itself', async () => {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    onTestFinished(() => void child.kill('SIGKILL'));
    await new Promise((resolve) => child.once('spawn', resolve));
    const pid = child.pid as number;
    const readings = await usageProcessMetrics().read([pid]);
    expect(readings.get(pid)?.rssBytes).toBeGreaterThan(1024 * 1024);
    expect(readings.get(pid)?.cpuTimeMs).toBeGreaterThanOrEqual(0);
  });
});
