/**
 * The `TaskSupervisor`: one runner per task (task-runner.ts), the probes, and the wiring between
 * them and the rest of the host. See docs/architecture.md for the lifecycle it implements.
 */
import os from 'node:os';
import { Errors } from '../../../workers/common/errors.ts';
import type { MetricsSnapshot } from '../../../workers/common/metrics.ts';
import type { Client } from '../../../workers/common/rpc.ts';
import { RACE_EVENT } from '../../../workers/common/race-counts.ts';
import type { Fault, TaskApi, TaskEventMaps, TaskSettings } from '../../../workers/common/task-api.ts';
import { TASK_IDS, type HostKind, type IsolationModel, type TaskId } from '../../../workers/common/tasks.ts';
import { MAX_FAULT_MS, validateFault } from '../../../workers/entry/faults.ts';
import { DEFAULT_RACE_MS, noSharedMemory } from '../../../workers/entry/race-fault.ts';
import { forkSpawner } from '../hosts/fork-spawner.ts';
import { createHostFactory, defaultLimits } from '../hosts/host-factory.ts';
import { MetricsCollector } from '../probes/metrics-collector.ts';
import { PROBE_INTERVAL_MS } from '../probes/poller.ts';
import { procfsProcessMetrics } from '../probes/process-metrics.ts';
import type { TaskProbeSource } from '../probes/task-probe.ts';
import { CopyMeter, sharesMemory } from './document-link.ts';
import { AssetTally } from './asset-tally.ts';
import { RaceTally } from './race-tally.ts';
import { RestartPolicy } from './restart-policy.ts';
import { slotProbeSource, standbyProbeSource } from './slot-probe.ts';
import type { GrammarPool } from './grammar-pool.ts';
import { tellLiveSettings } from './live-settings.ts';
import type { GrammarPoolInfo, SharedDocumentHandle, TaskStatus, TaskSupervisor } from './supervisor-api.ts';
import { DEFAULT_SETTINGS, DEFAULT_STANDBY_DELAY_MS, DEFAULT_TIMINGS, type SupervisorOptions } from './supervisor-options.ts';
import type { TaskRunner, TaskRunners } from './task-runner.ts';
import { createTaskRunners } from './task-runners.ts';
import { TaskSlot } from './task-slot.ts';

type Handler = (payload: never) => void;

export function createTaskSupervisor(options: SupervisorOptions): TaskSupervisor {
  return new Supervisor(options);
}

function documentSize(document: SharedDocumentHandle): () => { textBytes: number; sharedBytes: number } {
  const { control, text, lines } = document.buffers;
  return () => ({ textBytes: document.textBytes(), sharedBytes: control.byteLength + text.byteLength + lines.byteLength });
}

class Supervisor implements TaskSupervisor {
  private readonly runners: TaskRunners;
  /** The grammar runner, for the pool's own settings (setGrammarPoolSize, grammarPool). */
  private readonly pool: GrammarPool;
  private readonly replicaProbeSources = new WeakMap<TaskSlot<TaskId>, TaskProbeSource>();
  private readonly collector: MetricsCollector;
  private readonly log: (line: string) => void;
  private readonly eventHandlers = new Map<string, Set<Handler>>();
  private readonly statusHandlers = new Set<(status: TaskStatus) => void>();
  private settings: TaskSettings;
  private readonly races = new RaceTally();
  /** What every host of every task reported loading, kept per host (asset-tally.ts). */
  private readonly assets = new AssetTally();
  private readonly document: SharedDocumentHandle | null;

  constructor(options: SupervisorOptions) {
    const log = options.log ?? ((line: string) => console.warn(line));
    const now = options.now ?? Date.now;
    this.log = log;
    this.settings = options.settings ?? DEFAULT_SETTINGS;
    this.document = options.document ?? null;
    const processMetrics = options.processMetrics ?? procfsProcessMetrics();
    const spawn = createHostFactory({
      entries: options.entries,
      loadInline: options.loadInline,
      spawner: options.spawner ?? forkSpawner({ log }),
      processMetrics,
      limits: options.limits ?? defaultLimits,
      log,
    });
    const timings = { ...DEFAULT_TIMINGS, ...options.timings };
    const makeSlot = <T extends TaskId>(task: T, replica: number, onEvent: (name: string, payload: unknown) => void): TaskSlot<T> =>
      new TaskSlot<T>({
        task,
        kind: 'inline',
        spawn,
        init: (_task, kind) => ({
          task,
          dataDir: options.dataDir,
          assets: options.assets,
          settings: this.settings,
          ...(options.document && sharesMemory(kind) ? { document: options.document.buffers } : {}),
        }),
        copies: new CopyMeter(),
        primer: options.primer,
        policy: new RestartPolicy(options.restartPolicy),
        timings,
        now,
        log,
        standbyDelayMs: replica === 0 && options.warmStandby?.includes(task) ? (options.standbyDelayMs ?? DEFAULT_STANDBY_DELAY_MS) : null,
        // A pool replica's status is the pool's business (grammarPool()); the task's is replica 0's.
        onStatus: (status) => (replica === 0 ? this.emitStatus(status) : undefined),
        onEvent: (name, payload) => {
          // A race is raced by the task's own host (a pool's replica 0), and shown in its samples.
          if (name === RACE_EVENT) return replica === 0 ? this.races.record(task, this.runners[task].primary.current, payload) : undefined;
          return onEvent(name, payload);
        },
        onAsset: (host, payload) => this.assets.record(host, payload),
      });
    ({ runners: this.runners, pool: this.pool } = createTaskRunners({
      makeSlot,
      emitEvent: (task, name, payload) => this.emitEvent(task, name, payload),
      maxGrammarPool: options.maxGrammarPool ?? os.availableParallelism(),
      log,
    }));
    this.collector = new MetricsCollector({
      sources: TASK_IDS.map((task) => slotProbeSource(this.primary(task), now, { races: this.races, assets: this.assets })),
      replicaSources: () => this.replicaSources(now),
      standbySources: TASK_IDS.map((task) => standbyProbeSource(this.primary(task), now, this.assets)),
      processMetrics,
      ...(options.document ? { document: documentSize(options.document) } : {}),
      intervalMs: options.probeIntervalMs ?? PROBE_INTERVAL_MS.default,
      log,
      ...(options.historySize === undefined ? {} : { historySize: options.historySize }),
    });
  }

  get model(): IsolationModel {
    const kindOf = (task: TaskId) => this.primary(task).kind;
    return { keystroke: kindOf('keystroke'), render: kindOf('render'), spellcheck: kindOf('spellcheck'), grammar: kindOf('grammar') };
  }

  async start(model: IsolationModel): Promise<void> {
    this.collector.start();
    await Promise.all(TASK_IDS.map((task) => this.runners[task].start(model[task])));
  }

  client<T extends TaskId>(task: T): Client<TaskApi<T>> {
    return this.runner(task).api;
  }

  on<T extends TaskId, K extends keyof TaskEventMaps[T] & string>(task: T, name: K, handler: (payload: TaskEventMaps[T][K]) => void): () => void {
    const key = `${task}\u0000${name}`;
    const handlers = this.eventHandlers.get(key) ?? new Set();
    this.eventHandlers.set(key, handlers);
    handlers.add(handler);
    return () => handlers.delete(handler);
  }

  async setModel(model: IsolationModel): Promise<void> {
    const moves = await Promise.allSettled(TASK_IDS.map((task) => this.move(task, model[task])));
    const failures = moves.filter((move): move is PromiseRejectedResult => move.status === 'rejected').map((move) => move.reason as unknown);
    if (failures.length > 0) throw new AggregateError(failures, `${failures.length} task(s) could not be moved; they stay where they were`);
  }

  move(task: TaskId, kind: HostKind): Promise<void> {
    return this.runners[task].move(kind);
  }

  restart(task: TaskId): Promise<void> {
    return this.runners[task].restart();
  }

  end(task: TaskId): Promise<void> {
    return this.runners[task].end();
  }

  kill(task: TaskId): Promise<void> {
    return this.runners[task].kill();
  }

  setGrammarPoolSize(size: number): Promise<GrammarPoolInfo> {
    return this.pool.setSize(size);
  }

  grammarPool(): GrammarPoolInfo {
    return this.pool.info();
  }

  warmStandby(task: TaskId): HostKind | null {
    const spare = this.primary(task).standbyHost;
    return spare && !spare.exit ? spare.host.kind : null;
  }

  /** Busy resolves when its time is up; the others resolve once delivered, and show in the status. */
  async injectFault(task: TaskId, fault: Fault): Promise<void> {
    const checked = validateFault(fault);
    const live = this.primary(task).current;
    if (!live) throw Errors.stopped(task, 'no host is running it');
    if (checked.kind === 'race') return this.race(task, live, checked);
    this.log(`${live.label} fault injected: ${checked.kind}${checked.durationMs === undefined ? '' : ` for ${checked.durationMs} ms`}`);
    const outcome = live.api.injectFault(checked, { timeoutMs: MAX_FAULT_MS + 10_000 });
    if (checked.kind === 'busy') return outcome;
    outcome.catch((error: unknown) => this.log(`${live.label} ${checked.kind} fault ended: ${error instanceof Error ? error.message : String(error)}`));
  }

  /**
   * The race fault: the session keeps writing the shared document (race-writer.ts) while the task
   * reads it with and without the seqlock (workers/entry/race-fault.ts). Resolves once both began;
   * the tally arrives in the task's samples. A process host is refused: it has no shared memory.
   */
  private race(task: TaskId, live: NonNullable<TaskSlot<TaskId>['current']>, fault: Fault): void {
    if (live.host.kind === 'process') throw noSharedMemory('process');
    const document = this.document;
    if (!document) throw Errors.invalidInput('race fault', 'this host keeps no shared document to race on');
    const durationMs = fault.durationMs ?? DEFAULT_RACE_MS;
    this.log(`${live.label} fault injected: race for ${durationMs} ms (the session writes the shared document; the task reads it without the seqlock)`);
    this.races.begin(task, live, document.textBytes() / 2, durationMs);
    document.race(durationMs).then(
      (writes) => this.log(`${live.label} race: the session made ${writes} writes to the shared document`),
      (error: unknown) => this.log(`${live.label} race writer failed: ${String(error)}`),
    );
    live.api
      .injectFault({ kind: 'race', durationMs }, { timeoutMs: MAX_FAULT_MS + 10_000 })
      .catch((error: unknown) => this.log(`${live.label} race fault ended: ${error instanceof Error ? error.message : String(error)}`));
  }

  async updateSettings(settings: TaskSettings): Promise<void> {
    this.settings = settings;
    // New hosts get the settings in their init; running ones are told what they apply live.
    await Promise.all(TASK_IDS.map((task) => tellLiveSettings(this.runner(task), settings)));
  }

  status(): readonly TaskStatus[] {
    return TASK_IDS.map((task) => this.primary(task).status());
  }

  onStatus(handler: (status: TaskStatus) => void): () => void {
    this.statusHandlers.add(handler);
    return () => this.statusHandlers.delete(handler);
  }

  latestMetrics(): MetricsSnapshot | null {
    return this.collector.latest();
  }

  metricsHistory(): readonly MetricsSnapshot[] {
    return this.collector.snapshots();
  }

  onMetrics(handler: (snapshot: MetricsSnapshot) => void): () => void {
    return this.collector.subscribe(handler);
  }

  setProbeInterval(ms: number): void {
    this.collector.setInterval(ms);
  }

  async dispose(): Promise<void> {
    this.collector.dispose();
    await Promise.all(TASK_IDS.map((task) => this.runners[task].dispose()));
    this.eventHandlers.clear();
    this.statusHandlers.clear();
  }

  private runner<T extends TaskId>(task: T): TaskRunner<T> {
    return this.runners[task];
  }

  /** The slot that stands for `task`: its kind, status and current host are the task's. */
  private primary(task: TaskId): TaskSlot<TaskId> {
    return this.runners[task].primary as TaskSlot<TaskId>;
  }

  /** Probe sources of every runner's replicas 1..N-1, one per slot for as long as the slot lives. */
  private replicaSources(now: () => number): TaskProbeSource[] {
    return TASK_IDS.flatMap((task) =>
      (this.runners[task].replicas() as readonly TaskSlot<TaskId>[]).slice(1).map((slot, index) => {
        const known = this.replicaProbeSources.get(slot);
        if (known) return known;
        const source = slotProbeSource(slot, now, { replica: index + 1, assets: this.assets });
        this.replicaProbeSources.set(slot, source);
        return source;
      }),
    );
  }

  private emitStatus(status: TaskStatus): void {
    for (const handler of this.statusHandlers) this.guard(() => handler(status), `a status handler for ${status.task}`);
  }

  private emitEvent(task: TaskId, name: string, payload: unknown): void {
    for (const handler of this.eventHandlers.get(`${task}\u0000${name}`) ?? []) this.guard(() => handler(payload as never), `a ${task} ${name} handler`);
  }

  private guard(run: () => void, what: string): void {
    try {
      run();
    } catch (error) {
      // A subscriber's bug must not break the supervisor's bookkeeping.
      this.log(`[supervisor] ${what} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
