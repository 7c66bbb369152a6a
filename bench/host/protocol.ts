/**
 * Scenario 1: the cost of Forkpad's RPC over the bare channel it runs on, measured in the same
 * process at the same time. No-op calls go through the supervisor's stable client (the path
 * every real call takes); the baselines send a message of the same shape over a bare worker, a
 * bare fork with the same serialization, and a bare MessageChannel for inline.
 *
 * Where the OS places each far end decides its round trip more than any protocol does. On this
 * kind of machine (a VM whose idle cores halt) a thread that the OS keeps on the main thread's
 * core answers a bare echo in about 18 µs, and one on the other core in about 52 µs, because each
 * wake-up of a halted core costs about 17 µs; the OS keeps a thread where it first put it, so two
 * identical bare workers in one run can differ by three times. With one or two channels of a kind
 * (the mix) that lottery, not Forkpad, decided the ratio. So the budgeted figures are taken with
 * the placement fixed alike for both sides: the host's main thread on the first core, and every
 * far end, Forkpad's and the bare ones, on the others (a task on a core of its own, which is what
 * a thread or process host is for). The same channels measured with the placement left to the
 * OS are reported beside them as the control.
 */
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { MessageChannel, Worker } from 'node:worker_threads';
import { ROWS } from '../budgets.ts';
import type { Measurement } from '../results.ts';
import { median, summarize } from '../stats.ts';
import type { TaskSupervisor } from '../../main/core/supervisor/supervisor-api.ts';
import type { MetricsSnapshot } from '../../workers/common/metrics.ts';
import { TASK_IDS, type HostKind, type IsolationModel, type TaskId } from '../../workers/common/tasks.ts';
import { echoCall, echoReply } from './raw-echo-reply.ts';

/** The thread name Node gives a bare worker's OS thread; a task thread is named after its task. */
const RAW_THREAD_NAME = 'raw-echo';

export interface ProtocolOptions {
  readonly warmup: number;
  /** Round trips of each channel, taken in turn. */
  readonly rounds: number;
}

interface Channel {
  readonly name: string;
  /** The far end's process, when it is a process of its own. */
  readonly pid?: number;
  readonly roundTrip: () => Promise<void>;
  readonly close: () => Promise<void>;
}

/** Pairs each answer with its call by id, for a raw channel that has no RPC of its own. */
function idRoundTrips(post: (message: unknown) => void): { roundTrip: () => Promise<void>; receive: (message: unknown) => void } {
  const waiting = new Map<number, () => void>();
  let nextId = 1;
  return {
    roundTrip() {
      const id = nextId++;
      return new Promise<void>((resolve) => {
        waiting.set(id, resolve);
        post(echoCall(id));
      });
    },
    receive(message) {
      const id = (message as { id?: unknown }).id;
      if (typeof id !== 'number') return;
      waiting.get(id)?.();
      waiting.delete(id);
    },
  };
}

function rawThread(): Channel {
  const worker = new Worker(join(import.meta.dirname, 'raw-echo-thread.ts'), { name: RAW_THREAD_NAME });
  const trips = idRoundTrips((message) => worker.postMessage(message));
  worker.on('message', trips.receive);
  return { name: 'raw worker postMessage', roundTrip: trips.roundTrip, close: async () => void (await worker.terminate()) };
}

function rawProcess(): Channel {
  const child: ChildProcess = fork(join(import.meta.dirname, 'raw-echo-process.ts'), [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] });
  const trips = idRoundTrips((message) => child.send(message as object));
  child.on('message', trips.receive);
  return {
    name: 'raw fork IPC',
    ...(child.pid === undefined ? {} : { pid: child.pid }),
    roundTrip: trips.roundTrip,
    close: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.disconnect();
      }),
  };
}

function rawInline(): Channel {
  const { port1, port2 } = new MessageChannel();
  port2.on('message', (message: unknown) => port2.postMessage(echoReply(message, true)));
  const trips = idRoundTrips((message) => port1.postMessage(message));
  port1.on('message', trips.receive);
  return {
    name: 'raw MessageChannel',
    roundTrip: trips.roundTrip,
    close: () => {
      port1.close();
      port2.close();
      return Promise.resolve();
    },
  };
}

const RAW: Record<HostKind, () => Channel> = { thread: rawThread, process: rawProcess, inline: rawInline };

function taskChannel(supervisor: TaskSupervisor, task: TaskId): Channel {
  const client = supervisor.client(task);
  return { name: task, roundTrip: async () => void (await client.noop(null)), close: () => Promise.resolve() };
}

async function roundTrip(channel: Channel): Promise<number> {
  const started = performance.now();
  await channel.roundTrip();
  return performance.now() - started;
}

/**
 * Round trips of every channel, one each in turn (the order rotating every round), so a burst of
 * other work on the machine lands on all channels alike instead of on one channel's block.
 */
async function measureAll(channels: readonly Channel[], options: ProtocolOptions): Promise<Map<string, number[]>> {
  const samples = new Map(channels.map((channel) => [channel.name, [] as number[]]));
  for (const channel of channels) for (let index = 0; index < options.warmup; index++) await roundTrip(channel);
  for (let round = 0; round < options.rounds; round++) {
    for (let offset = 0; offset < channels.length; offset++) {
      const channel = channels[(round + offset) % channels.length] as Channel;
      samples.get(channel.name)?.push(await roundTrip(channel));
    }
  }
  return samples;
}

/**
 * One bare channel per task of each kind: on two cores with many threads, where the OS places a
 * thread changes its round trip for the whole run, so each side gets as many placements.
 */
function rawChannels(model: IsolationModel): Map<HostKind, Channel[]> {
  const channels = new Map<HostKind, Channel[]>();
  for (const task of TASK_IDS) {
    const kind = model[task];
    const made = RAW[kind]();
    const list = channels.get(kind) ?? [];
    list.push({ ...made, name: `${made.name} #${list.length + 1}` });
    channels.set(kind, list);
  }
  return channels;
}

/** OS thread ids of `pid` (all of them, or those whose name is in `names`). */
async function threadIds(pid: number, names?: ReadonlySet<string>): Promise<number[]> {
  const ids: number[] = [];
  for (const tid of await readdir(`/proc/${pid}/task`).catch(() => [] as string[])) {
    // A thread that ended since the listing has no name any more and is skipped.
    const comm = (await readFile(`/proc/${pid}/task/${tid}/comm`, 'utf8').catch(() => '')).trim();
    if (comm !== '' && (names === undefined || names.has(comm))) ids.push(Number(tid));
  }
  return ids;
}

/** Sets one OS thread's CPU affinity with util-linux's taskset (Node has no call for it). */
function setAffinity(tid: number, cpus: string): boolean {
  return spawnSync('taskset', ['-p', '-c', cpus, String(tid)], { stdio: 'ignore' }).status === 0;
}

/** The Forkpad task processes of the model, from the supervisor's probe. */
async function taskPids(supervisor: TaskSupervisor): Promise<number[]> {
  const snapshot =
    supervisor.latestMetrics() ??
    (await new Promise<MetricsSnapshot | null>((resolve) => {
      const timer = setTimeout(() => resolve(null), 5_000);
      const off = supervisor.onMetrics((next) => {
        clearTimeout(timer);
        off();
        resolve(next);
      });
    }));
  return (snapshot?.tasks ?? []).flatMap((sample) => (sample.kind === 'process' && sample.pid !== null ? [sample.pid] : []));
}

interface Pinning {
  readonly note: string;
  /** Gives every pinned thread all cores again (what the main thread starts later inherits its mask). */
  restore(): void;
}

/**
 * Puts the host's main thread on the first core and every far end (task threads and processes,
 * bare workers and forks) on the others; or says why it cannot.
 */
async function pinFarEnds(model: IsolationModel, supervisor: TaskSupervisor, channels: readonly Channel[]): Promise<Pinning | string> {
  const cores = os.availableParallelism();
  if (process.platform !== 'linux' || cores < 2) return `placement left to the OS (${process.platform}, ${cores} core(s))`;
  const threadNames = new Set([RAW_THREAD_NAME, ...TASK_IDS.filter((task) => model[task] === 'thread')]);
  const processes = [...(await taskPids(supervisor)), ...channels.flatMap((channel) => (channel.pid === undefined ? [] : [channel.pid]))];
  const farEnds = [...(await threadIds(process.pid, threadNames)), ...(await Promise.all(processes.map((pid) => threadIds(pid)))).flat()];
  if (farEnds.length === 0) return 'placement left to the OS (no far end runs on a core of its own)';
  const all = `0-${cores - 1}`;
  const others = cores === 2 ? '1' : `1-${cores - 1}`;
  const pinned = [process.pid, ...farEnds];
  const restore = () => {
    for (const tid of pinned) setAffinity(tid, all);
  };
  if (!setAffinity(process.pid, '0') || !farEnds.every((tid) => setAffinity(tid, others))) {
    restore();
    return 'placement left to the OS (taskset failed)';
  }
  return { note: `host main thread on CPU 0, ${farEnds.length} far-end OS threads (tasks and bare channels alike) on CPU ${others}`, restore };
}

/** Per host kind: the bare channel's round trips, Forkpad's, their ratio, and the ratio per task. */
function ratiosByKind(model: IsolationModel, raw: Map<HostKind, Channel[]>, samples: Map<string, number[]>) {
  const pooled = (names: readonly string[]) => names.flatMap((name) => samples.get(name) ?? []);
  return [...raw].map(([kind, channels]) => {
    const hosted = TASK_IDS.filter((task) => model[task] === kind);
    const baseline = pooled(channels.map((channel) => channel.name));
    const forkpad = pooled(hosted);
    const perTask = hosted.map((task) => `${task} ${(median(samples.get(task) ?? []) / median(baseline)).toFixed(2)}×`).join(', ');
    return { kind, rawName: channels[0]?.name.replace(/ #\d+$/, '') ?? 'raw', baseline, forkpad, ratio: median(forkpad) / median(baseline), perTask };
  });
}

export async function measureProtocol(column: string, model: IsolationModel, supervisor: TaskSupervisor, options: ProtocolOptions): Promise<Measurement[]> {
  const raw = rawChannels(model);
  const channels = [...[...raw.values()].flat(), ...TASK_IDS.map((task) => taskChannel(supervisor, task))];
  try {
    // The control first, as the OS places everything; then the same channels with the placement fixed.
    const control = ratiosByKind(model, raw, await measureAll(channels, options));
    const pinning = await pinFarEnds(model, supervisor, channels);
    let samples: Map<string, number[]> | null = null;
    if (typeof pinning !== 'string') {
      try {
        samples = await measureAll(channels, options);
      } finally {
        pinning.restore();
      }
    }
    const placement = typeof pinning === 'string' ? pinning : pinning.note;
    const budgeted = samples ? ratiosByKind(model, raw, samples) : control;
    const at = (row: string, values: readonly number[]): Measurement => ({ scenario: 1, row, column, value: median(values), unit: 'ms', summary: summarize(values) });
    const measurements: Measurement[] = [];
    for (const [index, result] of budgeted.entries()) {
      const { kind } = result;
      measurements.push(
        at(`${kind}: ${result.rawName} round trip, median`, result.baseline),
        at(`${kind}: Forkpad no-op round trip, median`, result.forkpad),
        { scenario: 1, row: `${kind}: Forkpad ÷ raw, median`, column, value: result.ratio, unit: '×', note: `${kind}: per task ${result.perTask}; ${placement}` },
      );
      const free = control[index];
      if (samples && free) {
        const note = `${kind}, placement left to the OS: raw ${median(free.baseline).toFixed(3)} ms, Forkpad ${median(free.forkpad).toFixed(3)} ms; per task ${free.perTask}`;
        measurements.push({ scenario: 1, row: `${kind}: Forkpad ÷ raw, median, placement left to the OS (control)`, column, value: free.ratio, unit: '×', note });
      }
    }
    measurements.push({ scenario: 1, row: ROWS.protocolRatio, column, value: Math.max(...budgeted.map((result) => result.ratio)), unit: '×' });
    return measurements;
  } finally {
    await Promise.all([...raw.values()].flat().map((channel) => channel.close()));
  }
}
