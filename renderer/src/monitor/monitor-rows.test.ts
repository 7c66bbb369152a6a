import { describe, expect, it } from 'vitest';
import type { MetricsSnapshot, TaskSample } from '../../../workers/common/metrics.ts';
import type { HostKind, TaskId } from '../../../workers/common/tasks.ts';
import { FaultTracker } from './fault-tracker.ts';
import { describeFault } from './fault-text.ts';
import { formatCpu } from './format.ts';
import { buildRows, sortRows, totals } from './monitor-rows.ts';

const policy = { crashesInWindow: 0, windowMs: 300_000, maxCrashes: 3, nextRestartAt: null, gaveUp: false };

function task(name: TaskId, kind: HostKind, extra: Partial<TaskSample> = {}): TaskSample {
  return {
    task: name,
    kind,
    state: 'ready',
    pid: kind === 'process' ? 500 + name.length : 100,
    threadId: kind === 'thread' ? name.length : kind === 'inline' ? 0 : null,
    cpuPercent: 1,
    cpuTimeMs: 10,
    memory: { bytes: 1_000_000, kind: kind === 'process' ? 'rss' : 'heap' },
    latency: { p50: 1, p95: 2, p99: 3 },
    queueDepth: 1,
    copiedBytes: kind === 'process' ? 2_048 : 0,
    jobsPerSecond: 2,
    restarts: 0,
    spawnToReadyMs: 30,
    roundTripMs: 0.1,
    lastError: null,
    restartPolicy: policy,
    ...extra,
  };
}

function snapshot(tasks: TaskSample[], delayMax = 2): MetricsSnapshot {
  return {
    at: 1_000_000,
    intervalMs: 1000,
    cores: 2,
    host: { pid: 100, cpuPercent: 20, mainThreadCpuPercent: 5, rssBytes: 200_000_000, heapUsedBytes: 30_000_000, eventLoopDelay: { p50: 1, p95: 2, p99: 3, max: delayMax }, eventLoopUtilization: 0.1 },
    tasks,
    appProcesses: [],
  };
}

describe('monitor rows', () => {
  const mix = snapshot([task('keystroke', 'inline'), task('render', 'thread'), task('spellcheck', 'process', { cpuPercent: 90 }), task('grammar', 'process', { cpuPercent: 40 })]);

  it('puts inline tasks under the main thread, thread tasks under the host, processes at the top', () => {
    const rows = buildRows(mix, 'host');
    const parent = Object.fromEntries(rows.map((row) => [row.key, row.parent]));
    expect(parent).toEqual({ host: null, main: 'host', 'task:keystroke': 'main', 'task:render': 'host', 'task:spellcheck': null, 'task:grammar': null });
  });

  it('gives each grammar pool replica a row of its own, under the host when they are threads', () => {
    const pooled = { ...snapshot([task('grammar', 'thread')]), replicas: [task('grammar', 'thread', { replica: 1, threadId: 9 })] };
    const rows = buildRows(pooled, 'host');
    expect(rows.filter((row) => row.task === 'grammar').map((row) => [row.key, row.label, row.parent, row.threadId])).toEqual([
      ['task:grammar', 'grammar', 'host', 7],
      ['task:grammar#1', 'grammar #2', 'host', 9],
    ]);
  });

  it('gives a warm standby host a row of its own, where its kind puts it', () => {
    const spared = { ...snapshot([task('grammar', 'process'), task('spellcheck', 'thread')]), standbys: [task('grammar', 'process', { standby: true, pid: 99 }), task('spellcheck', 'thread', { standby: true, threadId: 11 })] };
    const rows = buildRows(spared, 'host');
    const spares = rows.filter((row) => row.key.endsWith('~standby')).map((row) => [row.key, row.label, row.parent]);
    expect(spares.sort()).toEqual([
      ['task:grammar~standby', 'grammar (warm standby)', null],
      ['task:spellcheck~standby', 'spellcheck (warm standby)', 'host'],
    ]);
  });

  it('shows totals of queue, jobs/s and restarts on parent rows', () => {
    const rows = buildRows(mix, 'host');
    const host = rows.find((row) => row.key === 'host');
    const main = rows.find((row) => row.key === 'main');
    expect(main?.queueDepth).toBe(1);
    expect(host?.queueDepth).toBe(2);
    expect(host?.jobsPerSecond).toBe(4);
    expect(totals(rows)).toEqual({ cpuPercent: 150, rssBytes: 202_000_000 });
  });

  it('sorts only within each group and keeps the main thread first among the host rows', () => {
    const sorted = sortRows(buildRows(mix, 'host'), { column: 'cpu', descending: true }).map((row) => row.key);
    expect(sorted).toEqual(['task:spellcheck', 'task:grammar', 'host', 'main', 'task:keystroke', 'task:render']);
  });

  it('writes "measuring" for a reading not taken, and converts to the whole machine', () => {
    expect(formatCpu(null, 'core', 2)).toBe('measuring');
    expect(formatCpu(150, 'core', 2)).toBe('150%');
    expect(formatCpu(150, 'machine', 2)).toBe('75%');
  });
});

describe('fault tracker', () => {
  it('reports a process crash that took nothing else down', () => {
    let now = 0;
    const tracker = new FaultTracker(() => now);
    const all = (grammar: Partial<TaskSample>) =>
      snapshot([task('keystroke', 'process'), task('render', 'process'), task('spellcheck', 'process'), task('grammar', 'process', grammar)]);
    tracker.observe(all({}));
    tracker.injected('grammar', 'process', 'crash');
    now = 500;
    tracker.observe(all({ state: 'restarting', restarts: 1, restartPolicy: { ...policy, crashesInWindow: 1, nextRestartAt: 1500 } }));
    const [report] = tracker.reports();
    expect(report?.wentDown).toEqual(['grammar']);
    expect(report?.stalled).toEqual([]);
    expect(report?.unaffected).toEqual(['keystroke', 'render', 'spellcheck']);
    expect(describeFault(report ?? ({} as never), 500)).toContain('1 of 3 crashes');
    expect(tracker.reports()).toHaveLength(1);
  });

  it('counts every inline task as stalled when the main thread was blocked', () => {
    let now = 0;
    const tracker = new FaultTracker(() => now);
    const inline = (delayMax: number) => snapshot([task('keystroke', 'inline'), task('render', 'inline'), task('spellcheck', 'thread'), task('grammar', 'inline')], delayMax);
    tracker.observe(inline(2));
    tracker.injected('grammar', 'inline', 'hang');
    tracker.blocked(2500);
    now = 3000;
    tracker.observe(inline(2600));
    const [report] = tracker.reports();
    expect(report?.stalled).toEqual(['host main thread', 'keystroke', 'render', 'grammar']);
    expect(report?.unaffected).toEqual(['spellcheck']);
    now = 10_000;
    expect(tracker.reports()[0]?.watching).toBe(false);
  });

  it('notices a crash it did not inject from the restart count', () => {
    const tracker = new FaultTracker(() => 0);
    tracker.observe(snapshot([task('render', 'thread')]));
    tracker.observe(snapshot([task('render', 'thread', { restarts: 1, state: 'restarting' })]));
    expect(tracker.reports()[0]).toMatchObject({ task: 'render', cause: 'crash (observed)', wentDown: ['render'] });
  });
});
