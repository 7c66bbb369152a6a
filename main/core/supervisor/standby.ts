/**
 * A warm standby: one spare host of a task's current kind, spawned and loaded but not primed,
 * that the slot swaps in at once when its host crashes, instead of waiting for a new host to load.
 * Loading is the slow part of a restart: harper builds its linter in about 0.6 s and nspell parses
 * its dictionary in about 0.3 s, in every new thread or process (each has its own WASM memory and
 * heap, so nothing of the crashed host's can be reused). The price is one more host's memory,
 * which the monitor shows on the standby's own row. Chromium keeps a spare renderer process for
 * the same reason.
 *
 * The spare is warmed a while after the task (re)started, when the task is idle, so that it does
 * not compete for the cores with the start it backs up or with the task's work; it is dropped
 * when the task moves to another kind.
 */
import type { HostKind, TaskId } from '../../../workers/common/tasks.ts';
import type { LiveHost } from './live-host.ts';

/** A spare waits for an idle task at most this many delays. */
const MAX_DEFERRALS = 10;
/** How often a deferred spare looks again whether the task is idle. */
const IDLE_POLL_MS = 500;

export interface StandbyOptions<T extends TaskId> {
  /** Spawns and loads a host of `kind` whose events stay silent until `promote` is called on it. */
  readonly launch: (kind: HostKind) => Promise<{ live: LiveHost<T>; promote: () => void }>;
  /** Stops a spare that is no longer wanted. */
  readonly retire: (live: LiveHost<T>, reason: string) => void;
  readonly log: (line: string) => void;
  /** From the task (re)starting to warming its spare. */
  readonly delayMs: number;
  /**
   * Whether the task is idle now. A spare is warmed then, or once it has waited ten delays
   * (a typist who never pauses still gets one): loading harper takes a core for most of a
   * second, and a spare process or thread starting meanwhile costs the typist frames.
   */
  readonly isIdle: () => boolean;
}

interface Spare<T extends TaskId> {
  readonly live: LiveHost<T>;
  readonly promote: () => void;
}

export class Standby<T extends TaskId> {
  private readonly options: StandbyOptions<T>;
  private spare: Spare<T> | null = null;
  /** The kind being warmed, while a launch is under way. */
  private warmingKind: HostKind | null = null;
  private warming: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private wanted: HostKind | null = null;
  private failures = 0;
  /** Set when a spare was taken: the next one is warmed without delay. */
  private urgent = false;
  /** When a spare of the wanted kind was first asked for (performance.now()). */
  private wantedAt = 0;

  constructor(options: StandbyOptions<T>) {
    this.options = options;
  }

  /** The spare host, while there is one (for the monitor). */
  get host(): LiveHost<T> | null {
    return this.spare?.live ?? null;
  }

  /** True when `live` is (or was) this standby's spare and has not been taken. */
  owns(live: LiveHost<T>): boolean {
    return this.spare?.live === live;
  }

  /**
   * Takes the spare if it is of `kind` and alive (waiting for one that is warming: it is further
   * along than a new host would be); its events flow from now on. The next spare is then warmed
   * at once: crashes come in runs, and the delay and idle wait are for starts, not recoveries.
   */
  async take(kind: HostKind): Promise<LiveHost<T> | null> {
    if (!this.spare && this.warmingKind === kind) await this.warming;
    const spare = this.spare;
    if (!spare || spare.live.exit || spare.live.host.kind !== kind) return null;
    this.spare = null;
    this.urgent = true;
    spare.promote();
    this.options.log(`${spare.live.label} standby taken over`);
    return spare.live;
  }

  /** Keeps a spare of `kind` ready: warms one after the delay unless one is there or coming. */
  want(kind: HostKind): void {
    if (this.wanted !== kind) this.wantedAt = performance.now();
    this.wanted = kind;
    if (this.spare && this.spare.live.host.kind !== kind) this.dropSpare(`the task moved to ${kind}`);
    if (this.spare || this.warmingKind === kind) return;
    // Each failed warm-up doubles the wait, so a spare that cannot start does not spin.
    this.schedule(kind, this.urgent ? 0 : this.options.delayMs * 2 ** Math.min(this.failures, 6));
  }

  private schedule(kind: HostKind, delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.warming = this.warm(kind);
    }, delayMs);
    this.timer.unref();
  }

  /** No spare wanted any more (the task ended, stopped, or the standby was turned off). */
  cancel(reason: string): void {
    this.wanted = null;
    clearTimeout(this.timer);
    this.dropSpare(reason);
  }

  /** Resolves once no spare is being started (a spare started after `cancel` is retired). */
  async idle(): Promise<void> {
    await this.warming;
  }

  /** The spare died while waiting: forget it and warm another. */
  lost(live: LiveHost<T>, reason: string): void {
    if (this.spare?.live !== live) return;
    this.spare = null;
    this.failures += 1;
    this.options.log(`${live.label} standby lost: ${reason}`);
    if (this.wanted) this.want(this.wanted);
  }

  private async warm(kind: HostKind): Promise<void> {
    if (this.wanted !== kind || this.spare || this.warmingKind !== null) return;
    const deferredMs = performance.now() - this.wantedAt;
    if (!this.urgent && !this.options.isIdle() && deferredMs < MAX_DEFERRALS * this.options.delayMs) {
      return this.schedule(kind, Math.min(this.options.delayMs, IDLE_POLL_MS));
    }
    this.urgent = false;
    this.warmingKind = kind;
    try {
      const spare = await this.options.launch(kind);
      if (this.wanted !== kind) return this.options.retire(spare.live, 'standby no longer wanted');
      this.spare = spare;
      this.failures = 0;
    } catch (error) {
      this.failures += 1;
      this.options.log(`a ${kind} standby could not start: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.warmingKind = null;
    }
    // The task moved while this one warmed: warm the kind it is in now.
    if (this.wanted !== null && !this.spare) this.want(this.wanted);
  }

  private dropSpare(reason: string): void {
    const spare = this.spare;
    this.spare = null;
    if (spare) this.options.retire(spare.live, `standby dropped: ${reason}`);
  }
}
