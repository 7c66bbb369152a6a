/**
 * One running host of a task, as the supervisor holds it: the host, the RPC client to it, its
 * heartbeat, and how it ended. Log lines from the task arrive here and leave under its label.
 */
import { Errors } from '../../../workers/common/errors.ts';
import type { JobTiming } from '../../../workers/common/rpc-messages.ts';
import { createRpcClient, type CallRecord, type Client, type RpcClient } from '../../../workers/common/rpc.ts';
import type { ReadyInfo, TaskApi, TaskInit } from '../../../workers/common/task-api.ts';
import { hostLabel, type TaskId } from '../../../workers/common/tasks.ts';
import { ASSET_EVENT } from '../../../workers/common/asset-loads.ts';
import { controlMethods, LOG_EVENT, type HostControlApi } from '../../../workers/entry/host-control.ts';
import type { HostExit, TaskHost } from '../hosts/task-host.ts';
import { linkDocument, type CopyMeter } from './document-link.ts';
import { Heartbeat, type Beat, type HeartbeatOptions } from './heartbeat.ts';

/** Methods that manage a host rather than do the task's work: not metered, never re-sent. */
export const CONTROL_METHODS = controlMethods((role) => role.managesHost);

export type LiveHostApi<T extends TaskId> = TaskApi<T> & HostControlApi;

export interface LiveHostEvents<T extends TaskId> {
  onSettled(live: LiveHost<T>, call: CallRecord, outcome: { ok: boolean; roundTripMs: number; timing?: JobTiming }): void;
  onEvent(name: string, payload: unknown): void;
  /** The host reported a data file it loaded (ASSET_EVENT); `payload` is unchecked. */
  onAsset(live: LiveHost<T>, payload: unknown): void;
  onBeat(live: LiveHost<T>, beat: Beat): void;
  /** The host is gone; called before its pending calls are rejected, so they can be re-routed. */
  onExit(live: LiveHost<T>, exit: HostExit): void;
}

export interface LiveHostOptions<T extends TaskId> {
  readonly heartbeat: HeartbeatOptions;
  readonly now: () => number;
  readonly log: (line: string) => void;
  readonly events: LiveHostEvents<T>;
  /** Counts the document bytes this host is sent (the monitor's Copied). */
  readonly copies: CopyMeter;
  /** The host was given the shared document (`TaskInit.document`): it is sent no text. */
  readonly sharedDocument: boolean;
}

export class LiveHost<T extends TaskId> {
  readonly host: TaskHost;
  readonly label: string;
  readonly rpc: RpcClient<LiveHostApi<T>, Record<string, unknown>>;
  readonly spawnedAt: number;
  ready: ReadyInfo | null = null;
  readyAt: number | null = null;
  responsive = true;
  roundTripMs: number | null = null;
  exit: HostExit | null = null;
  /** Set when the supervisor stops or kills this host on purpose, saying why. */
  planned: string | null = null;
  /** Set by a kill the user asked for: the exit is then a crash with this reason. */
  killedBecause: string | null = null;
  private readonly now: () => number;
  private readonly heartbeat: Heartbeat;
  private readonly exited: Promise<HostExit>;
  private readonly idleWaiters = new Set<() => void>();

  constructor(host: TaskHost, options: LiveHostOptions<T>) {
    this.host = host;
    this.now = options.now;
    this.spawnedAt = options.now();
    this.label = hostLabel(host.task, host.kind, { pid: host.pid, ...(host.threadId === null ? {} : { threadId: host.threadId }) });
    const { events, log } = options;
    this.rpc = createRpcClient(linkDocument(host.port, host.task, options.sharedDocument, options.copies), {
      label: this.label,
      log,
      onSettled: (call, outcome) => {
        events.onSettled(this, call, outcome);
        if (this.rpc.pendingCount() === 0) for (const wake of this.idleWaiters) wake();
      },
      // Events come through the RPC client's own listener: a second listener on the port would
      // decode every answer twice, on the host's main thread, for nothing.
      onEvent: (name, payload) => {
        if (name === LOG_EVENT) log(`${this.label} ${String(payload)}`);
        // Kept apart from the task's events, with the host that sent it: a warm spare's are
        // not silenced (they describe the spare), and a replaced host's are never the task's.
        else if (name === ASSET_EVENT) events.onAsset(this, payload);
        else events.onEvent(name, payload);
      },
    });
    this.heartbeat = new Heartbeat((timeoutMs) => this.rpc.ping(timeoutMs), options.heartbeat, (beat) => events.onBeat(this, beat));
    this.exited = new Promise((resolve) => {
      host.onExit((exit) => {
        this.exit = exit;
        this.heartbeat.stop();
        events.onExit(this, exit);
        this.rpc.close(Errors.hostGone(this.label, this.reason(exit)));
        for (const wake of this.idleWaiters) wake();
        resolve(exit);
      });
    });
  }

  get api(): Client<LiveHostApi<T>> {
    return this.rpc.api;
  }

  /** The control methods, typed without the task's generic API in the way. */
  private get control(): Client<HostControlApi> {
    return this.rpc.api;
  }

  /** True when the host died of itself (or was killed by the user), not when it was stopped. */
  get crashed(): boolean {
    return this.exit !== null && this.planned === null;
  }

  /** Why the host is gone, as a crash reason or the planned stop's reason. */
  reason(exit: HostExit): string {
    if (this.planned !== null) return this.planned;
    if (this.killedBecause !== null) return this.killedBecause;
    return exit.kind === 'clean' ? 'exited cleanly without being asked to' : exit.reason;
  }

  async start(init: TaskInit, timeoutMs: number): Promise<ReadyInfo> {
    this.ready = await this.control.start(init, { timeoutMs });
    this.readyAt = this.now();
    this.heartbeat.start();
    return this.ready;
  }

  /** Calls sent and not yet answered (heartbeats are not calls). */
  inFlight(): number {
    return this.rpc.pendingCount();
  }

  whenExited(): Promise<HostExit> {
    return this.exited;
  }

  /** Resolves true once no call is in flight, or false after `timeoutMs`. */
  async waitIdle(timeoutMs: number): Promise<boolean> {
    if (this.inFlight() === 0 || this.exit) return true;
    return new Promise((resolve) => {
      const done = (idle: boolean) => {
        clearTimeout(timer);
        this.idleWaiters.delete(wake);
        resolve(idle);
      };
      const wake = () => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      this.idleWaiters.add(wake);
    });
  }

  /**
   * Lets in-flight calls finish (up to `drainMs`), asks the host to shut down, and kills it if it
   * has not exited after `stopMs`. Says which of these happened.
   */
  async stop(reason: string, drainMs: number, stopMs: number): Promise<string> {
    this.planned = reason;
    this.heartbeat.stop();
    if (this.exit) return 'had already exited';
    // A host that does not answer heartbeats will not answer calls either: no drain.
    const drained = await this.waitIdle(this.responsive ? drainMs : 0);
    const exitedMeanwhile = this.exitSoFar();
    if (exitedMeanwhile) return `exited by itself while draining (${exitedMeanwhile.kind === 'clean' ? 'code 0' : exitedMeanwhile.reason})`;
    const unanswered = this.inFlight();
    // The exit is the answer that matters; the reply to shutdown may be lost as the host ends.
    this.control.shutdown(null, { timeoutMs: stopMs }).catch(() => undefined);
    const graceful = await Promise.race([this.exited.then(() => true), sleep(stopMs).then(() => false)]);
    const drainNote = drained ? 'drained' : `${unanswered} call(s) unanswered after ${drainMs} ms, re-sent`;
    if (graceful) return `${drainNote}; stopped gracefully`;
    this.host.kill();
    await Promise.race([this.exited, sleep(stopMs)]);
    return `${drainNote}; did not stop within ${stopMs} ms: killed`;
  }

  /** The exit, if it happened; read through a call so that checks after an await are not narrowed away. */
  private exitSoFar(): HostExit | null {
    return this.exit;
  }

  /** Ends the host now; with `because`, its exit counts as a crash with that reason. */
  kill(because?: string): void {
    if (because !== undefined && this.planned === null) this.killedBecause = because;
    this.heartbeat.stop();
    this.host.kill();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
