/**
 * The task monitor's tree, computed from one metrics snapshot: the host process with its main
 * thread (and the inline tasks that share it) and its task threads; a row per task process; and
 * Electron's other app processes. Pure, so sorting and totals are tested without a browser.
 */
import type { AssetLoad } from '../../../workers/common/asset-loads.ts';
import type { MemoryReading, MetricsSnapshot, Percentiles, RestartPolicyState, TaskState } from '../../../workers/common/metrics.ts';
import type { HostKind, TaskId } from '../../../workers/common/tasks.ts';

export type RowKind = 'host' | 'main-thread' | 'task' | 'app-process';

/** One row of the monitor. A `null` number is still being measured. */
export interface MonitorRow {
  /** Stable across refreshes and moves: `host`, `main`, `task:grammar`, `app:1234`. */
  readonly key: string;
  readonly parent: string | null;
  readonly depth: number;
  readonly kind: RowKind;
  readonly label: string;
  readonly task?: TaskId;
  /** Where it runs: a task's host kind; 'process' or 'thread' for the host's own rows. */
  readonly hostKind: HostKind;
  readonly pid: number | null;
  readonly threadId: number | null;
  readonly state: TaskState | 'running';
  /** Percent of one core. */
  readonly cpuPercent: number | null;
  readonly cpuTimeMs: number | null;
  readonly memory: MemoryReading | null;
  readonly latency: Percentiles | null;
  readonly queueDepth: number | null;
  /** Document bytes copied to the task's host since the last sample (see TaskSample.copiedBytes). */
  readonly copiedBytes: number | null;
  readonly jobsPerSecond: number | null;
  readonly restarts: number | null;
  readonly spawnToReadyMs: number | null;
  readonly roundTripMs: number | null;
  readonly lastError: string | null;
  readonly restartPolicy: RestartPolicyState | null;
  /** The data files the row's host loaded (TaskSample.assets); null for rows that load none or have not said. */
  readonly assets: readonly AssetLoad[] | null;
}

export type SortColumn = 'label' | 'cpu' | 'memory' | 'latency' | 'jobs' | 'queue' | 'restarts' | 'id';

export interface SortOrder {
  readonly column: SortColumn;
  readonly descending: boolean;
}

const EMPTY = {
  cpuTimeMs: null,
  latency: null,
  queueDepth: null,
  copiedBytes: null,
  jobsPerSecond: null,
  restarts: null,
  spawnToReadyMs: null,
  roundTripMs: null,
  lastError: null,
  restartPolicy: null,
  assets: null,
} as const;

function sum(values: readonly (number | null)[]): number | null {
  const known = values.filter((value): value is number => value !== null);
  return known.length === 0 ? null : known.reduce((total, value) => total + value, 0);
}

/** Parent rows carry the totals of their children's counters (queue, copied, jobs/s, restarts). */
function withTotals(row: MonitorRow, children: readonly MonitorRow[]): MonitorRow {
  // No children (the main thread with no inline task): nothing is queued there, a true zero.
  if (children.length === 0) return { ...row, queueDepth: 0, copiedBytes: 0, jobsPerSecond: 0, restarts: 0 };
  return {
    ...row,
    queueDepth: sum(children.map((child) => child.queueDepth)),
    copiedBytes: sum(children.map((child) => child.copiedBytes)),
    jobsPerSecond: sum(children.map((child) => child.jobsPerSecond)),
    restarts: sum(children.map((child) => child.restarts)),
  };
}

export function buildRows(snapshot: MetricsSnapshot, hostLabel: string): MonitorRow[] {
  const { host } = snapshot;
  // Grammar pool replicas beyond the first, and warm standby hosts, get rows of their own: each
  // is a thread or process whose memory and CPU are part of what the isolation model costs.
  const samples = [...snapshot.tasks, ...(snapshot.replicas ?? []), ...(snapshot.standbys ?? [])];
  const taskRows = samples.map((sample): MonitorRow => {
    const parent = sample.kind === 'inline' ? 'main' : sample.kind === 'thread' ? 'host' : null;
    const replica = sample.replica ?? 0;
    return {
      key: sample.standby ? `task:${sample.task}~standby` : replica === 0 ? `task:${sample.task}` : `task:${sample.task}#${replica}`,
      parent,
      depth: sample.kind === 'inline' ? 2 : sample.kind === 'thread' ? 1 : 0,
      kind: 'task',
      label: sample.standby ? `${sample.task} (warm standby)` : replica === 0 ? sample.task : `${sample.task} #${replica + 1}`,
      task: sample.task,
      hostKind: sample.kind,
      pid: sample.pid,
      threadId: sample.threadId,
      state: sample.state,
      cpuPercent: sample.cpuPercent,
      cpuTimeMs: sample.cpuTimeMs,
      memory: sample.memory,
      latency: sample.latency,
      queueDepth: sample.queueDepth,
      copiedBytes: sample.copiedBytes,
      jobsPerSecond: sample.jobsPerSecond,
      restarts: sample.restarts,
      spawnToReadyMs: sample.spawnToReadyMs,
      roundTripMs: sample.roundTripMs,
      lastError: sample.lastError,
      restartPolicy: sample.restartPolicy,
      assets: sample.assets ?? null,
    };
  });
  const inline = taskRows.filter((row) => row.parent === 'main');
  const threads = taskRows.filter((row) => row.parent === 'host');
  const { p50, p95, p99 } = host.eventLoopDelay;
  const mainThread = withTotals(
    {
      ...EMPTY,
      key: 'main',
      parent: 'host',
      depth: 1,
      kind: 'main-thread',
      label: 'main thread (event loop)',
      hostKind: 'thread',
      pid: host.pid,
      threadId: 0,
      state: 'running',
      cpuPercent: host.mainThreadCpuPercent,
      memory: { bytes: host.heapUsedBytes, kind: 'heap' },
      // The main thread's "latency" is its event-loop delay: how late every inline job starts.
      latency: { p50, p95, p99 },
    },
    inline,
  );
  const hostRow = withTotals(
    { ...EMPTY, key: 'host', parent: null, depth: 0, kind: 'host', label: hostLabel, hostKind: 'process', pid: host.pid, threadId: null, state: 'running', cpuPercent: host.cpuPercent, memory: { bytes: host.rssBytes, kind: 'rss' } },
    [mainThread, ...threads],
  );
  const apps = snapshot.appProcesses.map(
    (app): MonitorRow => ({ ...EMPTY, key: `app:${app.pid}`, parent: null, depth: 0, kind: 'app-process', label: app.name || app.type, hostKind: 'process', pid: app.pid, threadId: null, state: 'running', cpuPercent: app.cpuPercent, memory: app.memory }),
  );
  return [hostRow, mainThread, ...inline, ...threads, ...taskRows.filter((row) => row.parent === null), ...apps];
}

function sortValue(row: MonitorRow, column: SortColumn): number | string {
  switch (column) {
    case 'label':
      return row.label;
    case 'cpu':
      return row.cpuPercent ?? -1;
    case 'memory':
      return row.memory?.bytes ?? -1;
    case 'latency':
      return row.latency?.p95 ?? -1;
    case 'jobs':
      return row.jobsPerSecond ?? -1;
    case 'queue':
      return row.queueDepth ?? -1;
    case 'restarts':
      return row.restarts ?? -1;
    case 'id':
      return row.threadId ?? row.pid ?? -1;
  }
}

function compare(a: MonitorRow, b: MonitorRow, order: SortOrder): number {
  // The main thread stays first among the host's children: it is what every inline task shares.
  if (a.kind === 'main-thread' || b.kind === 'main-thread') return a.kind === 'main-thread' ? -1 : 1;
  const left = sortValue(a, order.column);
  const right = sortValue(b, order.column);
  const result = typeof left === 'string' || typeof right === 'string' ? String(left).localeCompare(String(right)) : left - right;
  return (order.descending ? -result : result) || a.key.localeCompare(b.key);
}

/** Depth-first order with each parent's children sorted by `order`: sorting stays inside groups. */
export function sortRows(rows: readonly MonitorRow[], order: SortOrder): MonitorRow[] {
  const children = new Map<string | null, MonitorRow[]>();
  for (const row of rows) children.set(row.parent, [...(children.get(row.parent) ?? []), row]);
  const result: MonitorRow[] = [];
  const visit = (parent: string | null) => {
    for (const row of [...(children.get(parent) ?? [])].sort((a, b) => compare(a, b, order))) {
      result.push(row);
      visit(row.key);
    }
  };
  visit(null);
  return result;
}

/** Machine-wide totals: every process's CPU and memory (rows at depth 0). */
export function totals(rows: readonly MonitorRow[]): { cpuPercent: number | null; rssBytes: number | null } {
  const processes = rows.filter((row) => row.parent === null);
  return { cpuPercent: sum(processes.map((row) => row.cpuPercent)), rssBytes: sum(processes.map((row) => row.memory?.bytes ?? null)) };
}
