/**
 * Scenario 1: the cost of Forkpad's RPC over the bare channel it runs on, measured in the same
 * process at the same time. No-op calls go through the supervisor's stable client (the path
 * every real call takes); the baselines send a message of the same shape over a bare worker, a
 * bare fork with the same serialization, and a bare MessageChannel for inline.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { MessageChannel, Worker } from 'node:worker_threads';
import { ROWS } from '../budgets.ts';
import type { Measurement } from '../results.ts';
import { median, summarize } from '../stats.ts';
import type { TaskSupervisor } from '../../main/core/supervisor/supervisor-api.ts';
import { TASK_IDS, type HostKind, type IsolationModel, type TaskId } from '../../workers/common/tasks.ts';
import { echoCall, echoReply } from './raw-echo-reply.ts';

export interface ProtocolOptions {
  readonly warmup: number;
  /** Round trips of each channel, taken in turn. */
  readonly rounds: number;
}

interface Channel {
  readonly name: string;
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
  const worker = new Worker(join(import.meta.dirname, 'raw-echo-thread.ts'), { name: 'raw-echo' });
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
  port2.on('message', (message: unknown) => port2.postMessage(echoReply(message)));
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

export async function measureProtocol(column: string, model: IsolationModel, supervisor: TaskSupervisor, options: ProtocolOptions): Promise<Measurement[]> {
  const raw = rawChannels(model);
  const tasks = TASK_IDS.map((task) => taskChannel(supervisor, task));
  try {
    const samples = await measureAll([...[...raw.values()].flat(), ...tasks], options);
    const pooled = (names: readonly string[]) => names.flatMap((name) => samples.get(name) ?? []);
    const measurements: Measurement[] = [];
    const ratios: number[] = [];
    const at = (row: string, values: readonly number[]): Measurement => ({ scenario: 1, row, column, value: median(values), unit: 'ms', summary: summarize(values) });
    for (const [kind, channels] of raw) {
      const hosted = TASK_IDS.filter((task) => model[task] === kind);
      const baseline = pooled(channels.map((channel) => channel.name));
      const forkpad = pooled(hosted);
      const ratio = median(forkpad) / median(baseline);
      ratios.push(ratio);
      const perTask = hosted.map((task) => `${task} ${(median(samples.get(task) ?? []) / median(baseline)).toFixed(2)}×`).join(', ');
      measurements.push(
        at(`${kind}: ${channels[0]?.name.replace(/ #\d+$/, '') ?? 'raw'} round trip, median`, baseline),
        at(`${kind}: Forkpad no-op round trip, median`, forkpad),
        { scenario: 1, row: `${kind}: Forkpad ÷ raw, median`, column, value: ratio, unit: '×', note: `${kind}: per task ${perTask}` },
      );
    }
    measurements.push({ scenario: 1, row: ROWS.protocolRatio, column, value: Math.max(...ratios), unit: '×' });
    return measurements;
  } finally {
    await Promise.all([...raw.values()].flat().map((channel) => channel.close()));
  }
}
