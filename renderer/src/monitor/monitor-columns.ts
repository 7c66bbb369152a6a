/**
 * The monitor's columns: header, what sorts them, and how a row's value is written.
 */
import { formatBytes, formatCount, formatCpu, formatCpuTime, formatLatency, formatMemory, formatMs, type CpuScale } from './format.ts';
import type { DocumentMemory } from '../../../workers/common/metrics.ts';
import type { MonitorRow, SortColumn } from './monitor-rows.ts';

export interface ColumnContext {
  readonly scale: CpuScale;
  readonly cores: number;
}

export interface Column {
  readonly id: string;
  readonly header: string;
  readonly title: string;
  readonly sort?: SortColumn;
  readonly numeric?: boolean;
  /** Text of the cell; columns without it are drawn by the table (label, sparkline, actions). */
  readonly text?: (row: MonitorRow, context: ColumnContext) => string;
}

function where(row: MonitorRow): string {
  if (row.pid === null) return 'measuring';
  if (row.threadId === null || row.hostKind === 'process') return `${row.pid}`;
  return `${row.pid} · t${row.threadId}`;
}

export const COLUMNS: readonly Column[] = [
  { id: 'label', header: 'Task', title: 'Task or process', sort: 'label' },
  { id: 'kind', header: 'Host', title: 'What runs it: inline (the host main thread), a worker thread, or its own process', text: (row) => row.hostKind },
  { id: 'id', header: 'PID · TID', title: 'Process id; for threads and inline tasks also the thread id (t0 is the main thread)', sort: 'id', text: where },
  { id: 'state', header: 'State', title: 'starting, ready, busy, unresponsive, crashed, restarting or stopped', text: (row) => row.state },
  {
    id: 'cpu',
    header: 'CPU',
    title: 'CPU over the last interval',
    sort: 'cpu',
    numeric: true,
    text: (row, context) => formatCpu(row.cpuPercent, context.scale, context.cores),
  },
  { id: 'cpuTime', header: 'CPU time', title: 'CPU time used by the current host', numeric: true, text: (row) => (row.kind === 'task' || row.cpuTimeMs !== null ? formatCpuTime(row.cpuTimeMs) : '') },
  { id: 'memory', header: 'Memory', title: "RSS for processes; V8 heap used for threads; an inline task's memory is part of the host's (see the main thread)", sort: 'memory', numeric: true, text: (row) => (row.memory === null && row.hostKind === 'inline' ? 'in host' : formatMemory(row.memory)) },
  { id: 'latency', header: 'Latency p50/95', title: 'Job latency (queue wait + run); for the main thread, its event-loop delay', sort: 'latency', numeric: true, text: (row) => (row.kind === 'host' || row.kind === 'app-process' ? '' : formatLatency(row.latency)) },
  {
    id: 'copied',
    header: 'Copied',
    title: 'Document bytes copied to the host since the last sample. A thread or inline host reads the one shared document in place: 0 B. A process cannot share memory: it is sent its copy, in full when it is primed, then every edit',
    numeric: true,
    text: (row) => (row.kind === 'app-process' ? '' : row.copiedBytes === null ? '' : formatBytes(row.copiedBytes)),
  },
  { id: 'queue', header: 'Queue', title: 'Jobs waiting or running (totals on parent rows)', sort: 'queue', numeric: true, text: (row) => (row.kind === 'app-process' ? '' : formatCount(row.queueDepth)) },
  { id: 'jobs', header: 'Jobs/s', title: 'Jobs finished per second (totals on parent rows)', sort: 'jobs', numeric: true, text: (row) => (row.kind === 'app-process' ? '' : formatCount(row.jobsPerSecond, 1)) },
  { id: 'restarts', header: 'Restarts', title: 'Restarts since start (totals on parent rows)', sort: 'restarts', numeric: true, text: (row) => (row.kind === 'app-process' ? '' : formatCount(row.restarts)) },
  { id: 'spawn', header: 'Spawn', title: 'Spawn to ready: from starting the host to the task being ready', numeric: true, text: (row) => (row.kind === 'task' ? formatMs(row.spawnToReadyMs) : '') },
  { id: 'rtt', header: 'RTT', title: 'Round trip of a no-op message to the host', numeric: true, text: (row) => (row.kind === 'task' ? formatMs(row.roundTripMs) : '') },
  { id: 'spark', header: 'CPU 2 min', title: 'CPU over the last two minutes (0 to 100% of one core, more for a process above one core)' },
  { id: 'actions', header: '', title: 'Actions' },
];

export function totalLabel(cpuPercent: number | null, rssBytes: number | null, context: ColumnContext): string {
  const cpu = formatCpu(cpuPercent, context.scale, context.cores);
  return `All processes: CPU ${cpu}${context.scale === 'machine' ? ' of the machine' : ' of one core'}, memory ${rssBytes === null ? 'measuring' : `${formatBytes(rssBytes)} RSS`}`;
}

/** The panel header's figure: the document held once in shared memory, against the processes' copies. */
export function documentLabel(document: DocumentMemory | undefined): string {
  if (!document) return '';
  const copies = document.processCopies === 0 ? 'no process holds a copy' : `${document.processCopies} process ${document.processCopies === 1 ? 'copy' : 'copies'} of ${formatBytes(document.textBytes)} (${formatBytes(document.processCopies * document.textBytes)})`;
  return `Document ${formatBytes(document.textBytes)}: held once in shared memory (${formatBytes(document.sharedBytes)} of buffers) for every thread and inline task; ${copies}`;
}
