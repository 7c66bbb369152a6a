/**
 * How one task slot is configured (the supervisor fills it from SupervisorOptions), and how a
 * slot starts a new host: spawn, start, prime, each within the start deadline.
 */
import { Errors } from '../../../workers/common/errors.ts';
import { HeldQueue } from '../../../workers/common/held-queue.ts';
import type { Client } from '../../../workers/common/rpc.ts';
import type { TaskApi, TaskInit } from '../../../workers/common/task-api.ts';
import type { HostKind, TaskId } from '../../../workers/common/tasks.ts';
import type { HostFactory } from '../hosts/host-factory.ts';
import type { HeartbeatOptions } from './heartbeat.ts';
import type { CopyMeter } from './document-link.ts';
import { LiveHost, type LiveHostEvents } from './live-host.ts';
import type { RestartPolicy } from './restart-policy.ts';
import type { Primer, TaskStatus } from './supervisor-api.ts';

export interface SlotTimings {
  /** Spawn to ready, and priming, each at most this long. */
  readonly startMs: number;
  /** How long a replaced host may keep answering its in-flight calls. */
  readonly drainMs: number;
  /** How long a host asked to shut down has before it is killed. */
  readonly stopMs: number;
  readonly callTimeoutMs: number;
  readonly maxCrashResends: number;
  readonly heartbeat: HeartbeatOptions;
}

export interface SlotOptions<T extends TaskId> {
  readonly task: T;
  readonly kind: HostKind;
  readonly spawn: HostFactory;
  /** The init of a host of `kind`: with the shared document for a thread or inline host, if the session has one. */
  readonly init: (task: T, kind: HostKind) => TaskInit;
  /** Counts the document bytes the task's hosts are sent. */
  readonly copies: CopyMeter;
  readonly primer: Primer;
  readonly policy: RestartPolicy;
  readonly timings: SlotTimings;
  /** Wall clock, epoch ms (restart windows, schedules). */
  readonly now: () => number;
  readonly log: (line: string) => void;
  readonly onStatus: (status: TaskStatus) => void;
  readonly onEvent: (name: string, payload: unknown) => void;
  /** A host of the slot reported a data file it loaded (unchecked; see asset-tally.ts). */
  readonly onAsset?: (host: object, payload: unknown) => void;
  /** Keep a warm spare host (standby.ts), warmed this long after each (re)start; null: none. */
  readonly standbyDelayMs?: number | null;
}

function withTimeout<R>(promise: Promise<R>, ms: number, what: string): Promise<R> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(Errors.timeout(what, ms)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Spawns a host of `kind` and starts the task in it; a host that fails to start is killed. */
export async function launchHost<T extends TaskId>(options: SlotOptions<T>, events: LiveHostEvents<T>, kind: HostKind): Promise<LiveHost<T>> {
  const { task, timings, log } = options;
  const init = options.init(task, kind);
  const live = new LiveHost<T>(options.spawn(task, kind), { heartbeat: timings.heartbeat, now: () => performance.now(), log, events, copies: options.copies, sharedDocument: init.document !== undefined });
  try {
    const ready = await live.start(init, timings.startMs);
    log(`${live.label} ready in ${Math.round((live.readyAt ?? 0) - live.spawnedAt)} ms (task loaded in ${Math.round(ready.loadMs)} ms)`);
    return live;
  } catch (error) {
    live.planned ??= 'failed to start';
    live.kill();
    throw error;
  }
}

/**
 * Spawns and starts a host whose task events (e.g. harper's loading progress) stay silent until
 * `promote` is called: a warm spare must not speak for the task before it serves it.
 */
export async function launchSilentHost<T extends TaskId>(
  options: SlotOptions<T>,
  events: LiveHostEvents<T>,
  kind: HostKind,
): Promise<{ live: LiveHost<T>; promote: () => void }> {
  // Room for none: what a spare said before it served (its own loading progress) is dropped, not replayed.
  const taskEvents = new HeldQueue<{ name: string; payload: unknown }>({ limit: 0 });
  const gated: LiveHostEvents<T> = { ...events, onEvent: (name, payload) => taskEvents.push({ name, payload }) };
  const live = await launchHost(options, gated, kind);
  return { live, promote: () => taskEvents.open(({ name, payload }) => events.onEvent(name, payload)) };
}

/** Runs the session's primer on a started host, within the start deadline; `replaced` is the host it takes over from in a live move. */
export async function primeHost<T extends TaskId>(options: SlotOptions<T>, live: LiveHost<T>, replaced?: LiveHost<T>): Promise<void> {
  const client = (host: LiveHost<T>) => host.api as unknown as Client<TaskApi<T>>;
  await withTimeout(options.primer(options.task, client(live), replaced ? client(replaced) : undefined), options.timings.startMs, `${live.label} priming`);
}
