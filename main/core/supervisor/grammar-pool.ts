/**
 * Grammar as a pool of N hosts of one kind (issue 7). Replica 0 is the grammar task's ordinary
 * slot; replicas 1..N-1 are further slots of the same kind, each supervised on its own (restart
 * policy, heartbeat, metrics). Every replica holds the whole document: open, change and the
 * ignored rules are sent to all of them. A check is split by paragraph (`shard`): each replica
 * plans the same units and lints its own contiguous run of them, the runs of equal text length
 * (workers/tasks/grammar/shard.ts), so no replica lints or holds results for another's share;
 * the shares are merged into one result.
 *
 * With one replica every call goes straight to the task's slot, so N = 1 behaves and costs
 * exactly as a supervisor without a pool. Inline runs one replica only: every inline replica
 * would share the host's one main thread, so a second one could only take turns with the first.
 */
import { proxyClient } from '../../../workers/common/proxy-client.ts';
import type { CallOptions, Client } from '../../../workers/common/rpc.ts';
import type { GrammarEvents, GrammarResult, TaskApi } from '../../../workers/common/task-api.ts';
import type { HostKind } from '../../../workers/common/tasks.ts';
import { mergeGrammarResults, ProgressCombiner } from './grammar-merge.ts';
import { SerialQueue } from './serial-queue.ts';
import type { GrammarPoolInfo } from './supervisor-api.ts';
import type { TaskRunner } from './task-runner.ts';
import type { TaskSlot } from './task-slot.ts';

type GrammarSlot = TaskSlot<'grammar'>;
type CheckRequest = Parameters<Client<TaskApi<'grammar'>>['check']>[0];

/** Calls every replica must see, so that each holds the same document and rules. */
const BROADCAST: ReadonlySet<string> = new Set(['open', 'change', 'setIgnoredRules']);

/**
 * How long a replica's warm-up may take. It lints ~4 KB (1–2 s of CPU when cold) but pauses
 * for every check, so while the user types it can take a while; it is never on a check's path.
 */
const WARM_UP_TIMEOUT_MS = 120_000;

export interface GrammarPoolOptions {
  /** A new slot for replica `index`, whose events it passes to `onEvent`. */
  readonly makeSlot: (index: number, onEvent: (name: string, payload: unknown) => void) => GrammarSlot;
  /** Emits a grammar event to the supervisor's subscribers. */
  readonly emitEvent: (name: string, payload: unknown) => void;
  /** Largest pool: the machine's cores (`os.availableParallelism()`). */
  readonly maxSize: number;
  readonly log: (line: string) => void;
}

export class GrammarPool implements TaskRunner<'grammar'> {
  readonly task = 'grammar';
  readonly api: Client<TaskApi<'grammar'>>;
  /** Every replica; all get broadcast calls, including one still starting (its calls wait). */
  private readonly slots: GrammarSlot[];
  /** How many replicas, from the first, share checks: those started and primed. */
  private sharing = 1;
  private requested = 1;
  private readonly options: GrammarPoolOptions;
  private readonly progress = new ProgressCombiner();
  private readonly inFlight = new Set<Promise<unknown>>();
  /** The pool's own lifecycle operations (start, resize, move, restart, end), one at a time. */
  private readonly operations = new SerialQueue();
  private disposed = false;
  /** Hosts already asked to warm up: each is asked once; a restarted or moved replica is a new host. */
  private readonly warmed = new WeakSet<object>();

  constructor(options: GrammarPoolOptions) {
    this.options = options;
    this.slots = [this.makeReplica(0)];
    this.api = proxyClient<TaskApi<'grammar'>>((method, request, callOptions) => this.call(method, request, callOptions));
  }

  /** The task's own slot: its status, kind and lifecycle stand for the pool's. */
  get primary(): GrammarSlot {
    return this.slots[0] as GrammarSlot;
  }

  /** Every replica's slot, replica 0 first (probes, tests). */
  replicas(): readonly GrammarSlot[] {
    return [...this.slots];
  }

  info(): GrammarPoolInfo {
    const kind = this.primary.kind;
    return {
      requested: this.requested,
      effective: this.target(kind),
      maxSize: this.options.maxSize,
      reason: this.requested > 1 && kind === 'inline' ? 'inline runs one grammar host: replicas on the host’s main thread would only take turns' : null,
      replicas: this.slots.map((slot, index) => ({ replica: index, kind: slot.kind, state: slot.state(), pid: slot.current?.ready?.pid ?? slot.current?.host.pid ?? null, restarts: slot.restarts })),
    };
  }

  /** Routes a replica's event: unchanged with one replica, combined progress with more. */
  private onReplicaEvent(index: number, name: string, payload: unknown): void {
    if (this.slots.length === 1 && index === 0) return this.options.emitEvent(name, payload);
    if (name !== 'progress') return this.options.emitEvent(name, payload);
    const combined = this.progress.combine(index, payload as GrammarEvents['progress']);
    if (combined) this.options.emitEvent(name, combined);
  }

  start(kind: HostKind): Promise<void> {
    return this.operations.run(async () => {
      await this.primary.start(kind);
      await this.resizeTo(this.target(kind));
    });
  }

  /** Sets the requested size (clamped to 1..maxSize) and grows or shrinks the pool live. */
  setSize(size: number): Promise<GrammarPoolInfo> {
    if (!Number.isSafeInteger(size)) return Promise.reject(new RangeError(`grammar pool size must be an integer, not ${String(size)}`));
    return this.operations.run(async () => {
      this.requested = Math.max(1, Math.min(this.options.maxSize, size));
      if (this.primary.state() !== 'stopped' && this.primary.current) await this.resizeTo(this.target(this.primary.kind));
    }).then(() => this.info());
  }

  /** Moves every replica; to inline the pool first shrinks to one, from inline it grows again. */
  move(kind: HostKind): Promise<void> {
    return this.operations.run(async () => {
      if (kind === 'inline') await this.resizeTo(1);
      await Promise.all(this.slots.map((slot) => slot.move(kind)));
      await this.resizeTo(this.target(kind));
      this.warmReplicas();
    });
  }

  /** Restarts every replica; after an End, which left one, the pool grows back to its size. */
  restart(): Promise<void> {
    return this.operations.run(async () => {
      await Promise.all(this.slots.map((slot) => slot.restart()));
      await this.resizeTo(this.target(this.primary.kind));
      this.warmReplicas();
    });
  }

  end(): Promise<void> {
    return this.operations.run(async () => {
      await this.resizeTo(1);
      await this.primary.end();
    });
  }

  /** Kills every replica now; each one's restart policy decides what follows. */
  async kill(): Promise<void> {
    await Promise.all(this.slots.map((slot) => slot.kill()));
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await Promise.all(this.slots.map((slot) => slot.dispose()));
  }

  private makeReplica(index: number): GrammarSlot {
    return this.options.makeSlot(index, (name, payload) => this.onReplicaEvent(index, name, payload));
  }

  private target(kind: HostKind): number {
    return kind === 'inline' ? 1 : this.requested;
  }

  private call(method: string, request: unknown, options?: CallOptions): Promise<unknown> {
    const primary = this.primary.client;
    if (this.slots.length === 1) return primary.call(method, request, options);
    if (method === 'check') return this.track(this.check(request as CheckRequest, options));
    if (!BROADCAST.has(method)) return primary.call(method, request, options);
    // The first replica's answer stands for the pool; every replica must have taken the call.
    return this.track(Promise.all(this.serving(this.slots).map((slot) => slot.client.call(method, request, options))).then((answers) => answers[0]));
  }

  /**
   * The replicas that take calls: a replica the restart policy gave up on is left out (until a
   * restart of grammar, whose primer brings it up to date) rather than failing every call of a
   * task whose first host still serves; the first host's own state decides the task's.
   */
  private serving(slots: readonly GrammarSlot[]): GrammarSlot[] {
    return slots.filter((slot, index) => index === 0 || slot.state() !== 'stopped');
  }

  private async check(request: CheckRequest, options?: CallOptions): Promise<GrammarResult> {
    const sharing = this.serving(this.slots.slice(0, this.sharing));
    if (sharing.length === 1) return (await this.primary.client.call('check', request, options)) as GrammarResult;
    const count = sharing.length;
    const shares = Promise.all(sharing.map((slot, index) => slot.client.call('check', { ...request, shard: { index, count } }, options)));
    // A replica its restart policy replaced since the last check is a cold host again. Asked
    // after the check is sent, so that the warm-up, arriving second, waits for it.
    this.warmReplicas();
    return mergeGrammarResults((await shares) as GrammarResult[]);
  }

  /** Keeps a pooled call in sight until it settles, so that shrinking waits for it. */
  private track<R>(call: Promise<R>): Promise<R> {
    this.inFlight.add(call);
    const forget = () => this.inFlight.delete(call);
    call.then(forget, forget);
    return call;
  }

  private async resizeTo(size: number): Promise<void> {
    if (size > this.slots.length) return this.grow(size);
    if (size < this.slots.length) return this.shrink(size);
  }

  private async grow(size: number): Promise<void> {
    // An ended or given-up task gets no replicas; a restart grows the pool again.
    if (this.primary.state() === 'stopped' || this.disposed) return;
    const kind = this.primary.kind;
    const added: GrammarSlot[] = [];
    // Added before they start: broadcast changes queue in their clients and follow the priming.
    for (let index = this.slots.length; index < size; index++) added.push(this.makeReplica(index));
    this.slots.push(...added);
    const started = await Promise.allSettled(added.map((slot) => slot.start(kind)));
    const failed = started.findIndex((outcome, index) => outcome.status === 'rejected' || added[index]?.state() === 'stopped');
    // Replicas stopped by a dispose under way are no failure to report.
    if (failed >= 0 && !this.disposed) {
      await this.shrink(this.sharing);
      throw new Error(`grammar pool could not grow to ${size}: replica ${this.sharing + failed} did not start (${added[failed]?.lastError ?? 'unknown reason'})`);
    }
    this.sharing = this.slots.length;
    this.options.log(`[grammar pool] ${size} ${kind} hosts share checks`);
    this.warmReplicas();
  }

  /**
   * Asks every sharing replica's host that has not been asked yet to warm up (warm-up.ts): each
   * replica lints only its share of a check, so a cold one would pay harper's warm-up on every
   * share of the first checks, where a single host pays it once. Not awaited: the warm-up runs
   * between checks, and a pool operation never waits for it. One replica alone is not warmed.
   */
  private warmReplicas(): void {
    if (this.sharing < 2 || this.disposed) return;
    for (const [index, slot] of this.slots.slice(0, this.sharing).entries()) {
      const host = slot.current?.host;
      if (!host || this.warmed.has(host)) continue;
      this.warmed.add(host);
      slot.api.warmUp(null, { timeoutMs: WARM_UP_TIMEOUT_MS }).then(
        (report) => this.options.log(`[grammar pool] replica ${index} warmed up: ${report.paragraphs} paragraphs, ${report.units} characters, in ${Math.round(report.ms)} ms`),
        // A replica ended, moved or killed meanwhile is no failure: its successor is asked anew.
        (error: unknown) => {
          if (!this.disposed && slot.current?.host === host) this.options.log(`[grammar pool] replica ${index} did not warm up: ${(error as Error).message}`);
        },
      );
    }
  }

  private async shrink(size: number): Promise<void> {
    this.sharing = Math.min(this.sharing, size);
    const removed = this.slots.splice(size);
    // Calls already split over the removed replicas finish there first: a resize loses no call.
    await Promise.allSettled([...this.inFlight]);
    for (const [offset] of removed.entries()) this.progress.forget(size + offset);
    await Promise.all(removed.map(async (slot) => {
      await slot.end();
      await slot.dispose();
    }));
    this.options.log(`[grammar pool] ${size} host(s) share checks`);
  }
}
