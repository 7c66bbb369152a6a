/**
 * Everything the supervisor knows about one task: its current host, its lifecycle (start, live
 * move, restart, end, kill, crash and backoff), and its stable client. Lifecycle operations run
 * one at a time, in order; a kill does not wait its turn, because the host it ends may be the
 * reason the queue is stuck.
 */
import { Errors } from '../../../workers/common/errors.ts';
import type { TaskState } from '../../../workers/common/metrics.ts';
import type { HostKind, TaskId } from '../../../workers/common/tasks.ts';
import type { HostExit } from '../hosts/task-host.ts';
import type { CopyMeter } from './document-link.ts';
import { JobMeter } from '../probes/job-meter.ts';
import { launchHost, launchSilentHost, primeHost, type SlotOptions } from './host-launcher.ts';
import { CONTROL_METHODS, type LiveHost, type LiveHostEvents } from './live-host.ts';
import type { RestartPolicy } from './restart-policy.ts';
import { Standby } from './standby.ts';
import { StableClient, type Route } from './stable-client.ts';
import type { TaskStatus } from './supervisor-api.ts';
import type { TaskRunner } from './task-runner.ts';

/**
 * A task counts as idle for warming its spare once no call has been in flight for this long:
 * typing sends every task a call per key, so this means the user paused too.
 */
const QUIET_MS = 1_000;

type Phase = 'idle' | 'starting' | 'running' | 'crashed' | 'restarting' | 'stopped';

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
  kind: HostKind;
  current: LiveHost<T> | null = null;
  restarts = 0;
  lastError: string | null = null;
  private readonly options: SlotOptions<T>;
  private readonly events: LiveHostEvents<T>;
  private phase: Phase = 'idle';
  private stoppedReason = '';
  private holding = false;
  private disposed = false;
  private chain: Promise<void> = Promise.resolve();
  private restartTimer: NodeJS.Timeout | undefined;
  private readonly retiring = new Set<Promise<void>>();
  private lastStatus: TaskStatus | null = null;
  /** When the task's last call was answered (performance.now()). */
  private lastAnswerAt = 0;
  /** The warm spare host, when this task keeps one (options.standbyDelayMs). */
  private readonly standby: Standby<T> | null;

  constructor(options: SlotOptions<T>) {
    this.options = options;
    this.task = options.task;
    this.kind = options.kind;
    this.policy = options.policy;
    this.client = new StableClient({
      task: options.task,
      route: () => this.route(),
      defaultTimeoutMs: options.timings.callTimeoutMs,
      maxCrashResends: options.timings.maxCrashResends,
    });
    this.events = {
      onSettled: (live, call, outcome) => {
        this.lastAnswerAt = performance.now();
        if (CONTROL_METHODS.has(call.method)) return;
        this.meter.record(outcome.timing ? outcome.timing.queueMs + outcome.timing.runMs : outcome.roundTripMs);
      },
      onEvent: options.onEvent,
      onBeat: (live, beat) => this.onBeat(live, beat.ok ? beat.roundTripMs : null),
      onExit: (live, exit) => this.onHostExit(live, exit),
    };
    const delayMs = options.standbyDelayMs ?? null;
    this.standby =
      delayMs === null
        ? null
        : new Standby<T>({
            launch: (kind) => launchSilentHost(this.options, this.events, kind),
            retire: (live, reason) => this.retire(live, reason, 0),
            isIdle: () => this.state() === 'ready' && performance.now() - this.lastAnswerAt >= QUIET_MS,
            log: options.log,
            delayMs,
          });
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
    switch (this.phase) {
      case 'idle':
      case 'starting':
        return 'starting';
      case 'running': {
        const live = this.current;
        if (live && !live.responsive) return 'unresponsive';
        return (live?.inFlight() ?? 0) + this.client.queued() > 0 ? 'busy' : 'ready';
      }
      default:
        return this.phase;
    }
  }

  status(): TaskStatus {
    return { task: this.task, kind: this.kind, state: this.state(), restarts: this.restarts, lastError: this.lastError };
  }

  start(kind: HostKind): Promise<void> {
    return this.serial(async () => {
      this.kind = kind;
      await this.bringUp('starting');
    });
  }

  move(kind: HostKind): Promise<void> {
    return this.serial(() => (kind === this.kind ? Promise.resolve() : this.replace(kind, `moved to ${kind}`, false)));
  }

  restart(): Promise<void> {
    return this.serial(async () => {
      this.policy.reset();
      if (this.current) return this.replace(this.kind, 'restarted by the user', true);
      clearTimeout(this.restartTimer);
      this.restarts += 1;
      await this.bringUp('restarting');
    });
  }

  end(): Promise<void> {
    return this.serial(async () => {
      const live = this.current;
      this.current = null;
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
    this.disposed = true;
    const live = this.current;
    this.current = null;
    this.stopWith('the supervisor was disposed');
    if (live) this.retire(live, 'the supervisor was disposed', 500, 1_000);
    // A start in progress finishes into the stopped slot and retires its host; wait for that,
    // but not for a primer that never answers.
    await Promise.race([Promise.all([this.chain, this.standby?.idle()]), new Promise((resolve) => setTimeout(resolve, 3_000).unref())]);
    await Promise.all([...this.retiring]);
  }

  private serial(operation: () => Promise<void>): Promise<void> {
    const result = this.chain.then(operation);
    this.chain = result.catch(() => undefined); // The caller gets the error; the queue goes on.
    return result;
  }

  private route(): Route<T> {
    if (this.phase === 'stopped') return Errors.stopped(this.task, this.stoppedReason);
    return this.current && !this.holding ? this.current : 'wait';
  }

  private launch(kind: HostKind): Promise<LiveHost<T>> {
    return launchHost(this.options, this.events, kind);
  }

  /** The warm spare if it is of `kind`, else a new host. */
  private async takeOrLaunch(kind: HostKind): Promise<LiveHost<T>> {
    return (await this.standby?.take(kind)) ?? (await this.launch(kind));
  }

  private prime(live: LiveHost<T>, replaced?: LiveHost<T>): Promise<void> {
    return primeHost(this.options, live, replaced);
  }

  /** Starts a host where there is none (first start, restart after a crash). */
  private async bringUp(phase: 'starting' | 'restarting'): Promise<void> {
    if (this.current || this.disposed) return;
    this.setPhase(phase);
    let live: LiveHost<T> | undefined;
    try {
      live = await this.takeOrLaunch(this.kind);
      await this.prime(live);
    } catch (error) {
      if (live && !live.exit) live.kill();
      if (this.phase === 'stopped') return;
      return this.crashed(`failed to start: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (this.phase === 'stopped') return this.retire(live, 'ended while starting');
    this.swapIn(live);
  }

  /**
   * Live switch: start and prime a new host while the old one keeps serving, swap it in, then
   * drain the old one. New calls wait during priming only, so the snapshot the primer sends
   * precedes every change sent to the new host.
   */
  private async replace(kind: HostKind, reason: string, countsAsRestart: boolean): Promise<void> {
    if (!this.current || this.phase === 'stopped') {
      this.kind = kind; // Takes effect when the task next starts.
      return this.emitStatus();
    }
    const fresh = await this.takeOrLaunch(kind);
    this.holding = true;
    try {
      await this.prime(fresh, this.current ?? undefined);
    } catch (error) {
      this.holding = false;
      fresh.planned = 'priming failed';
      fresh.kill();
      this.client.flush();
      throw error;
    }
    const old = this.current;
    this.kind = kind;
    if (countsAsRestart) this.restarts += 1;
    this.swapIn(fresh);
    if (old) this.retire(old, reason);
  }

  private swapIn(live: LiveHost<T>): void {
    clearTimeout(this.restartTimer);
    this.policy.restarted();
    this.current = live;
    this.holding = false;
    this.phase = 'running';
    this.emitStatus();
    this.client.flush();
    // An inline restart reuses what its thread already loaded (harper, the dictionary): no spare.
    if (this.kind === 'inline') this.standby?.cancel('inline restarts reuse the loaded task');
    else this.standby?.want(this.kind);
  }

  private retire(live: LiveHost<T>, reason: string, drainMs = this.options.timings.drainMs, stopMs = this.options.timings.stopMs): void {
    const done = live
      .stop(reason, drainMs, stopMs)
      .then((outcome) => this.options.log(`${live.label} ${reason}: ${outcome}`))
      .catch((error: unknown) => this.options.log(`${live.label} could not be retired: ${String(error)}`));
    this.retiring.add(done);
    void done.finally(() => this.retiring.delete(done));
  }

  private onBeat(live: LiveHost<T>, roundTripMs: number | null): void {
    if (roundTripMs !== null) live.roundTripMs = roundTripMs;
    const responsive = roundTripMs !== null;
    if (live !== this.current || live.responsive === responsive) return;
    live.responsive = responsive;
    this.options.log(
      responsive ? `${live.label} answers again` : `${live.label} is unresponsive: no heartbeat answer within ${this.options.timings.heartbeat.timeoutMs} ms`,
    );
    this.emitStatus();
  }

  private onHostExit(live: LiveHost<T>, exit: HostExit): void {
    if (this.standby?.owns(live)) return this.standby.lost(live, live.reason(exit));
    if (live !== this.current) {
      if (!live.planned) this.options.log(`${live.label} exited while not serving the task: ${live.reason(exit)}`);
      return;
    }
    this.current = null;
    if (exit.kind === 'clean' && live.killedBecause === null) {
      this.options.log(`${live.label} exited cleanly without being asked to; it stays stopped`);
      return this.stopWith('the task exited by itself (code 0)');
    }
    this.options.log(`${live.label} crashed: ${live.reason(exit)}`);
    this.crashed(live.reason(exit));
  }

  private crashed(reason: string): void {
    this.lastError = reason;
    const delay = this.policy.recordCrash(this.options.now());
    if (delay === null) {
      const { crashesInWindow, windowMs } = this.policy.state(this.options.now());
      return this.stopWith(`crashed ${crashesInWindow} times in ${windowMs / 60_000} minutes, so it is no longer restarted; last: ${reason}`);
    }
    this.setPhase('crashed');
    this.restartTimer = setTimeout(() => {
      void this.serial(async () => {
        if (this.current || this.phase !== 'crashed' || this.disposed) return;
        this.restarts += 1;
        await this.bringUp('restarting');
      });
    }, delay);
  }

  private stopWith(reason: string): void {
    clearTimeout(this.restartTimer);
    this.standby?.cancel(reason);
    this.stoppedReason = reason;
    this.phase = 'stopped';
    if (reason !== 'ended by the user' && !this.disposed) this.lastError = reason;
    this.emitStatus();
    this.client.failQueued(Errors.stopped(this.task, reason));
  }

  private setPhase(phase: Phase): void {
    this.phase = phase;
    this.emitStatus();
  }

  private emitStatus(): void {
    const status = this.status();
    if (sameStatus(this.lastStatus, status)) return;
    this.lastStatus = status;
    this.options.onStatus(status);
  }
}
