/**
 * Everything the supervisor knows about one task: its current host, its lifecycle (start, live
 * move, restart, end, kill, crash and backoff), and its stable client. The lifecycle is one
 * `SlotLifecycle` (slot-lifecycle.ts); the rest of the host reads it through getters only.
 * Lifecycle operations run one at a time, in order; a kill does not wait its turn, because the
 * host it ends may be the reason the queue is stuck.
 */
import { Errors } from '../../../workers/common/errors.ts';
import type { TaskState } from '../../../workers/common/metrics.ts';
import type { HostKind, TaskId } from '../../../workers/common/tasks.ts';
import type { HostExit } from '../hosts/task-host.ts';
import type { CopyMeter } from './document-link.ts';
import { JobMeter } from '../probes/job-meter.ts';
import { launchHost, primeHost, type SlotOptions } from './host-launcher.ts';
import { HostRetirer } from './host-retirer.ts';
import type { LiveHost, LiveHostEvents } from './live-host.ts';
import type { RestartPolicy } from './restart-policy.ts';
import { isClosed, routeOf, servingHost, taskStateOf, type SlotLifecycle } from './slot-lifecycle.ts';
import { SerialQueue } from './serial-queue.ts';
import { wireSlot } from './slot-wiring.ts';
import type { Standby } from './standby.ts';
import { StableClient } from './stable-client.ts';
import type { TaskStatus } from './supervisor-api.ts';
import type { TaskRunner } from './task-runner.ts';

function sameStatus(a: TaskStatus | null, b: TaskStatus): boolean {
  return a !== null && a.kind === b.kind && a.state === b.state && a.restarts === b.restarts && a.lastError === b.lastError;
}

export class TaskSlot<T extends TaskId> implements TaskRunner<T> {
  readonly task: T;
  readonly meter = new JobMeter();

  /** Document bytes sent to this task's hosts (the monitor's Copied). */
  get copies(): CopyMeter {
    return this.options.copies;
  }
  readonly client: StableClient<T>;
  readonly policy: RestartPolicy;
  private readonly options: SlotOptions<T>;
  private readonly events: LiveHostEvents<T>;
  private life: SlotLifecycle<T> = { phase: 'idle' };
  /** The kind the task runs in, or will when it next starts. */
  private hostKind: HostKind;
  private restartCount = 0;
  private lastErrorReason: string | null = null;
  /** Lifecycle operations, one at a time; a kill does not queue. */
  private readonly operations = new SerialQueue();
  private readonly retirer: HostRetirer;
  private lastStatus: TaskStatus | null = null;
  /** The warm spare host, when this task keeps one (options.standbyDelayMs). */
  private readonly standby: Standby<T> | null;

  constructor(options: SlotOptions<T>) {
    this.options = options;
    this.task = options.task;
    this.hostKind = options.kind;
    this.retirer = new HostRetirer(options.log);
    this.policy = options.policy;
    this.client = new StableClient({
      task: options.task,
      route: () => routeOf(this.task, this.life),
      defaultTimeoutMs: options.timings.callTimeoutMs,
      maxCrashResends: options.timings.maxCrashResends,
    });
    ({ events: this.events, standby: this.standby } = wireSlot(options, {
      meter: this.meter,
      serves: (live) => live === this.current,
      isReady: () => this.state() === 'ready',
      statusChanged: () => this.emitStatus(),
      retire: (live, reason) => this.retire(live, reason, 0),
      onExit: (live, exit) => this.onHostExit(live, exit),
    }));
  }

  get kind(): HostKind {
    return this.hostKind;
  }

  /** The host that serves the task, if one does. */
  get current(): LiveHost<T> | null {
    return servingHost(this.life);
  }

  /** Restarts after a crash and by the user, and the live moves that count as one. */
  get restarts(): number {
    return this.restartCount;
  }

  /** Why the task last crashed or stopped by itself; an End by the user leaves it as it was. */
  get lastError(): string | null {
    return this.lastErrorReason;
  }

  get api(): StableClient<T>['api'] {
    return this.client.api;
  }

  /** A slot stands for its task by itself. */
  get primary(): TaskSlot<T> {
    return this;
  }

  replicas(): readonly TaskSlot<T>[] {
    return [this];
  }

  /** The warm spare host, while there is one. */
  get standbyHost(): LiveHost<T> | null {
    return this.standby?.host ?? null;
  }

  state(): TaskState {
    return taskStateOf(this.life, this.client.queued());
  }

  status(): TaskStatus {
    return { task: this.task, kind: this.kind, state: this.state(), restarts: this.restarts, lastError: this.lastError };
  }

  start(kind: HostKind): Promise<void> {
    return this.operations.run(async () => {
      this.hostKind = kind;
      await this.bringUp('starting');
    });
  }

  move(kind: HostKind): Promise<void> {
    return this.operations.run(() => (kind === this.kind ? Promise.resolve() : this.replace(kind, `moved to ${kind}`, false)));
  }

  restart(): Promise<void> {
    return this.operations.run(async () => {
      this.policy.reset();
      if (this.current) return this.replace(this.kind, 'restarted by the user', true);
      this.cancelRestart();
      this.restartCount += 1;
      await this.bringUp('restarting');
    });
  }

  end(): Promise<void> {
    return this.operations.run(async () => {
      const live = this.current;
      this.stopWith('ended by the user');
      if (live) this.options.log(`${live.label} ended: ${await live.stop('ended by the user', this.options.timings.drainMs, this.options.timings.stopMs)}`);
    });
  }

  /** Kills the current host now. It counts as a crash: the restart policy decides what follows. */
  async kill(): Promise<void> {
    const live = this.current;
    if (!live) return;
    const exited = live.whenExited();
    live.kill('killed by the user');
    await exited;
  }

  async dispose(): Promise<void> {
    const live = this.current;
    this.stopWith('the supervisor was disposed', 'disposed');
    if (live) this.retire(live, 'the supervisor was disposed', 500, 1_000);
    // A start in progress finishes into the stopped slot and retires its host; wait for that,
    // but not for a primer that never answers.
    await Promise.race([Promise.all([this.operations.idle(), this.standby?.idle()]), new Promise((resolve) => setTimeout(resolve, 3_000).unref())]);
    await this.retirer.settled();
  }

  /** The warm spare if it is of `kind`, else a new host. */
  private async takeOrLaunch(kind: HostKind): Promise<LiveHost<T>> {
    return (await this.standby?.take(kind)) ?? (await launchHost(this.options, this.events, kind));
  }

  /** Starts a host where there is none (first start, restart after a crash). */
  private async bringUp(phase: 'starting' | 'restarting'): Promise<void> {
    if (this.current || this.life.phase === 'disposed') return;
    this.enter({ phase });
    let live: LiveHost<T> | undefined;
    try {
      live = await this.takeOrLaunch(this.kind);
      await primeHost(this.options, live);
    } catch (error) {
      if (live && !live.exit) live.kill();
      if (isClosed(this.life)) return;
      return this.crashed(`failed to start: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (isClosed(this.life)) return this.retire(live, 'ended while starting');
    this.swapIn(live);
  }

  /**
   * Live switch: start and prime a new host while the old one keeps serving, swap it in, then
   * drain the old one. New calls wait during priming only, so the snapshot the primer sends
   * precedes every change sent to the new host.
   */
  private async replace(kind: HostKind, reason: string, countsAsRestart: boolean): Promise<void> {
    if (!this.current) {
      this.hostKind = kind; // Takes effect when the task next starts.
      return this.emitStatus();
    }
    const fresh = await this.takeOrLaunch(kind);
    // The serving host may have crashed while the new one launched: then there is none to hold.
    if (this.life.phase === 'running') this.life = { phase: 'switching', host: this.life.host };
    try {
      await primeHost(this.options, fresh, this.current ?? undefined);
    } catch (error) {
      if (this.life.phase === 'switching') this.life = { phase: 'running', host: this.life.host };
      fresh.planned = 'priming failed';
      fresh.kill();
      this.client.flush();
      throw error;
    }
    const old = this.current;
    this.hostKind = kind;
    if (countsAsRestart) this.restartCount += 1;
    this.swapIn(fresh);
    if (old) this.retire(old, reason);
  }

  private swapIn(live: LiveHost<T>): void {
    // A start or switch that finishes after dispose must not leave its host running.
    if (this.life.phase === 'disposed') return this.retire(live, this.life.reason, 500, 1_000);
    this.cancelRestart();
    this.policy.restarted();
    this.enter({ phase: 'running', host: live });
    this.client.flush();
    // An inline restart reuses what its thread already loaded (harper, the dictionary): no spare.
    if (this.kind === 'inline') this.standby?.cancel('inline restarts reuse the loaded task');
    else this.standby?.want(this.kind);
  }

  private retire(live: LiveHost<T>, reason: string, drainMs = this.options.timings.drainMs, stopMs = this.options.timings.stopMs): void {
    this.retirer.retire(live, reason, drainMs, stopMs);
  }

  private onHostExit(live: LiveHost<T>, exit: HostExit): void {
    if (this.standby?.owns(live)) return this.standby.lost(live, live.reason(exit));
    if (live !== this.current) {
      if (!live.planned) this.options.log(`${live.label} exited while not serving the task: ${live.reason(exit)}`);
      return;
    }
    if (exit.kind === 'clean' && live.killedBecause === null) {
      this.options.log(`${live.label} exited cleanly without being asked to; it stays stopped`);
      return this.stopWith('the task exited by itself (code 0)');
    }
    this.options.log(`${live.label} crashed: ${live.reason(exit)}`);
    this.crashed(live.reason(exit));
  }

  /** The serving host is gone (or never came up): restart after the backoff, or give up. */
  private crashed(reason: string): void {
    this.lastErrorReason = reason;
    const delay = this.policy.recordCrash(this.options.now());
    if (delay === null) {
      const { crashesInWindow, windowMs } = this.policy.state(this.options.now());
      return this.stopWith(`crashed ${crashesInWindow} times in ${windowMs / 60_000} minutes, so it is no longer restarted; last: ${reason}`);
    }
    const restart = setTimeout(() => {
      void this.operations.run(async () => {
        // A restart by the user, an End or a dispose may have come first, in the queue or not.
        if (this.current || this.life.phase !== 'crashed') return;
        this.restartCount += 1;
        await this.bringUp('restarting');
      });
    }, delay);
    this.enter({ phase: 'crashed', restart });
  }

  /** No host serves the task any more; queued calls fail with `reason`. */
  private stopWith(reason: string, phase: 'stopped' | 'disposed' = 'stopped'): void {
    this.cancelRestart();
    this.standby?.cancel(reason);
    if (phase === 'stopped' && reason !== 'ended by the user' && this.life.phase !== 'disposed') this.lastErrorReason = reason;
    this.enter({ phase, reason });
    this.client.failQueued(Errors.stopped(this.task, reason));
  }

  private cancelRestart(): void {
    if (this.life.phase === 'crashed') clearTimeout(this.life.restart);
  }

  /** Moves to the next phase; nothing follows dispose, so that no host outlives the supervisor. */
  private enter(next: SlotLifecycle<T>): void {
    if (this.life.phase === 'disposed') return;
    this.life = next;
    this.emitStatus();
  }

  private emitStatus(): void {
    const status = this.status();
    if (sameStatus(this.lastStatus, status)) return;
    this.lastStatus = status;
    this.options.onStatus(status);
  }
}
