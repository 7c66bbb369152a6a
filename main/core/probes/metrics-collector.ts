/**
 * Samples the host and every task on the poller's cadence, keeps a history long enough for a
 * two-minute chart, and hands each snapshot to its subscribers.
 */
import type { AppProcessSample, MetricsSnapshot } from '../../../workers/common/metrics.ts';
import { coreCount, HostProbe } from './host-probe.ts';
import { Poller } from './poller.ts';
import type { ProcessMetricsSource } from './process-metrics.ts';
import { TaskProbe, type TaskProbeSource } from './task-probe.ts';

/** At least 120 samples: two minutes at the default 1 s. */
export const HISTORY_SIZE = 150;

export interface CollectorOptions {
  readonly sources: readonly TaskProbeSource[];
  readonly processMetrics: ProcessMetricsSource;
  readonly intervalMs: number;
  readonly log: (line: string) => void;
  readonly historySize?: number;
  /** Sources that come and go (grammar pool replicas), asked for at each sample. */
  readonly replicaSources?: () => readonly TaskProbeSource[];
  /** Warm spare hosts, one source per task; sampled while the source has a host. */
  readonly standbySources?: readonly TaskProbeSource[];
  /** The shared document's size now, if the session has one. */
  readonly document?: () => { readonly textBytes: number; readonly sharedBytes: number };
}

export class MetricsCollector {
  private readonly options: CollectorOptions;
  private readonly hostProbe = new HostProbe();
  private readonly taskProbes = new Map<TaskProbeSource, TaskProbe>();
  /** A probe per replica source, kept while it is listed: CPU % needs the previous reading. */
  private replicaProbes = new Map<TaskProbeSource, TaskProbe>();
  private readonly standbyProbes = new Map<TaskProbeSource, TaskProbe>();
  private readonly poller: Poller;
  private readonly history: MetricsSnapshot[] = [];
  private readonly handlers = new Set<(snapshot: MetricsSnapshot) => void>();
  private lastAt: number | null = null;

  constructor(options: CollectorOptions) {
    this.options = options;
    for (const source of options.sources) this.taskProbes.set(source, new TaskProbe());
    for (const source of options.standbySources ?? []) this.standbyProbes.set(source, new TaskProbe());
    this.poller = new Poller(async (lateMs) => this.publish(await this.sample(lateMs)), options.intervalMs, options.log);
  }

  start(): void {
    this.poller.start();
  }

  setInterval(ms: number): void {
    this.poller.setInterval(ms);
  }

  latest(): MetricsSnapshot | null {
    return this.history.at(-1) ?? null;
  }

  snapshots(): readonly MetricsSnapshot[] {
    return [...this.history];
  }

  subscribe(handler: (snapshot: MetricsSnapshot) => void): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  /** Takes one sample of everything now; the poller passes how late its timer fired. */
  async sample(lateMs = 0): Promise<MetricsSnapshot> {
    const replicaProbes = new Map((this.options.replicaSources?.() ?? []).map((source) => [source, this.replicaProbes.get(source) ?? new TaskProbe()]));
    this.replicaProbes = replicaProbes;
    const [tasks, appProcesses, replicas, standbys] = await Promise.all([
      Promise.all([...this.taskProbes].map(([source, probe]) => probe.sample(source))),
      this.appProcesses(),
      Promise.all([...replicaProbes].map(([source, probe]) => probe.sample(source))),
      Promise.all([...this.standbyProbes].filter(([source]) => source.host() !== null).map(([source, probe]) => probe.sample(source))),
    ]);
    const at = performance.now();
    const intervalMs = this.lastAt === null ? this.poller.interval : at - this.lastAt;
    this.lastAt = at;
    const document = this.options.document?.();
    const processCopies = [...tasks, ...replicas].filter((sample) => sample.kind === 'process').length;
    return {
      at: Date.now(),
      intervalMs,
      cores: coreCount(),
      host: this.hostProbe.sample(lateMs),
      tasks,
      appProcesses,
      ...(replicas.length > 0 ? { replicas } : {}),
      ...(standbys.length > 0 ? { standbys } : {}),
      ...(document ? { document: { ...document, processCopies } } : {}),
    };
  }

  dispose(): void {
    this.poller.stop();
    this.hostProbe.dispose();
    this.handlers.clear();
  }

  private async appProcesses(): Promise<readonly AppProcessSample[]> {
    try {
      return (await this.options.processMetrics.appProcesses?.()) ?? [];
    } catch (error) {
      this.options.log(`[probes] app process metrics failed: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    }
  }

  private publish(snapshot: MetricsSnapshot): void {
    this.history.push(snapshot);
    if (this.history.length > (this.options.historySize ?? HISTORY_SIZE)) this.history.shift();
    for (const handler of this.handlers) {
      try {
        handler(snapshot);
      } catch (error) {
        // A subscriber's bug must not stop the probes.
        this.options.log(`[probes] a metrics subscriber failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
