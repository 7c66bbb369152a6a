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
  readonly blocks: number;
  readonly perBlock: number;
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

async function sample(channel: Channel, count: number, into: number[] | undefined): Promise<void> {
  for (let index = 0; index < count; index++) {
    const started = performance.now();
    await channel.roundTrip();
    into?.push(performance.now() - started);
  }
}

/** Round trips of every channel, interleaved in blocks (order rotated) so drift hits all alike. */
async function measureAll(channels: readonly Channel[], options: ProtocolOptions): Promise<Map<string, number[]>> {
  const samples = new Map(channels.map((channel) => [channel.name, [] as number[]]));
  for (const channel of channels) await sample(channel, options.warmup, undefined);
  for (let block = 0; block < options.blocks; block++) {
    const order = channels.map((_, index) => channels[(index + block) % channels.length] as Channel);
    for (const channel of order) await sample(channel, options.perBlock, samples.get(channel.name));
  }
  return samples;
}

export async function measureProtocol(column: string, model: IsolationModel, supervisor: TaskSupervisor, options: ProtocolOptions): Promise<Measurement[]> {
  const kinds = [...new Set(TASK_IDS.map((task) => model[task]))];
  const raw = new Map(kinds.map((kind) => [kind, RAW[kind]()]));
  const tasks = TASK_IDS.map((task) => taskChannel(supervisor, task));
  try {
    const samples = await measureAll([...raw.values(), ...tasks], options);
    const measurements: Measurement[] = [];
    const ratios: number[] = [];
    const at = (row: string, value: number, values: readonly number[], unit: 'ms' | '×' = 'ms', note?: string): Measurement => ({
      scenario: 1, row, column, value, unit, ...(unit === 'ms' ? { summary: summarize(values) } : {}), ...(note ? { note } : {}),
    });
    for (const kind of kinds) {
      const channel = raw.get(kind) as Channel;
      const baseline = samples.get(channel.name) ?? [];
      const hosted = TASK_IDS.filter((task) => model[task] === kind);
      const forkpad = hosted.flatMap((task) => samples.get(task) ?? []);
      const taskRatios = hosted.map((task) => median(samples.get(task) ?? []) / median(baseline));
      ratios.push(...taskRatios);
      measurements.push(
        at(`${kind}: ${channel.name} round trip, median`, median(baseline), baseline),
        at(`${kind}: Forkpad no-op round trip, median`, median(forkpad), forkpad),
        at(`${kind}: Forkpad ÷ raw, median (worst task)`, Math.max(...taskRatios), [], '×', hosted.map((task, index) => `${task} ${(taskRatios[index] ?? 0).toFixed(2)}×`).join(', ')),
      );
    }
    measurements.push(at(ROWS.protocolRatio, Math.max(...ratios), [], '×'));
    return measurements;
  } finally {
    await Promise.all([...raw.values()].map((channel) => channel.close()));
  }
}
