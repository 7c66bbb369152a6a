/**
 * Blast radius: after a fault (injected here, or a crash seen in the metrics), watches for a few
 * seconds what else went down or stalled with the task, and what stayed up. The host's main
 * thread counts as stalled when the page's ping watchdog saw it blocked or its event-loop delay
 * spiked; every inline task shares that thread, so they stall with it.
 */
import type { MetricsSnapshot, RestartPolicyState, TaskSample } from '../../../workers/common/metrics.ts';
import type { RaceCounts } from '../../../workers/common/race-counts.ts';
import type { FaultKind } from '../../../workers/common/task-api.ts';
import { TASK_IDS, type HostKind, type TaskId } from '../../../workers/common/tasks.ts';

/** How long after a fault other tasks are watched. */
export const OBSERVE_MS = 6000;
/** An event-loop delay above this during the window means the main thread stalled (as the status bar's red lag). */
export const STALL_DELAY_MS = 200;

export interface FaultReport {
  readonly id: number;
  readonly task: TaskId;
  readonly kind: HostKind;
  readonly cause: FaultKind | 'crash (observed)';
  readonly startedAt: number;
  /** Tasks seen crashed, restarting or stopped during the window (the faulted one included). */
  readonly wentDown: readonly TaskId[];
  /** Tasks seen unresponsive, or inline while the main thread stalled; plus the main thread. */
  readonly stalled: readonly string[];
  /** The other tasks that stayed up and responsive. */
  readonly unaffected: readonly TaskId[];
  readonly restartPolicy: RestartPolicyState | null;
  /** Longest main-thread stall seen, ms. */
  readonly mainThreadStallMs: number;
  readonly watching: boolean;
  /** For a race: the task's live tally of torn and locked reads. */
  readonly race: RaceCounts | null;
}

interface Observation {
  id: number;
  task: TaskId;
  kind: HostKind;
  cause: FaultReport['cause'];
  startedAt: number;
  down: Set<TaskId>;
  unresponsive: Set<TaskId>;
  inline: Set<TaskId>;
  stallMs: number;
  policy: RestartPolicyState | null;
  race: RaceCounts | null;
}

const DOWN = new Set(['crashed', 'restarting', 'stopped']);

export class FaultTracker {
  private readonly observations: Observation[] = [];
  private previous = new Map<TaskId, TaskSample>();
  private nextId = 1;
  private readonly now: () => number;

  constructor(now: () => number = () => Date.now()) {
    this.now = now;
  }

  /** A fault was injected from the UI into `task`, which runs on `kind`. */
  injected(task: TaskId, kind: HostKind, cause: FaultKind): void {
    this.start(task, kind, cause);
  }

  /** Takes a metrics sample; `blockedMs` is how long the watchdog has waited for the host, if it is blocked. */
  observe(snapshot: MetricsSnapshot, blockedMs: number | null = null): void {
    for (const sample of snapshot.tasks) {
      const before = this.previous.get(sample.task);
      const crashedNow = before && sample.restarts > before.restarts && !this.watching(sample.task);
      if (crashedNow) this.start(sample.task, before.kind, 'crash (observed)');
    }
    const stall = Math.max(snapshot.host.eventLoopDelay.max >= STALL_DELAY_MS ? snapshot.host.eventLoopDelay.max : 0, blockedMs ?? 0);
    for (const observation of this.active()) this.record(observation, snapshot.tasks, stall);
    this.previous = new Map(snapshot.tasks.map((sample) => [sample.task, sample]));
  }

  /** The watchdog saw the host blocked (no metrics arrive while it is). */
  blocked(ms: number): void {
    for (const observation of this.active()) observation.stallMs = Math.max(observation.stallMs, ms);
  }

  /** Newest first. */
  reports(): FaultReport[] {
    return [...this.observations].reverse().map((observation) => this.report(observation));
  }

  private start(task: TaskId, kind: HostKind, cause: FaultReport['cause']): void {
    const inline = new Set(TASK_IDS.filter((id) => this.previous.get(id)?.kind === 'inline'));
    if (kind === 'inline') inline.add(task);
    this.observations.push({ id: this.nextId++, task, kind, cause, startedAt: this.now(), down: new Set(), unresponsive: new Set(), inline, stallMs: 0, policy: null, race: null });
    if (this.observations.length > 5) this.observations.shift();
  }

  private watching(task: TaskId): boolean {
    return this.active().some((observation) => observation.task === task);
  }

  private active(): Observation[] {
    const now = this.now();
    return this.observations.filter((observation) => now - observation.startedAt <= OBSERVE_MS || observation.race?.running === true);
  }

  private record(observation: Observation, samples: readonly TaskSample[], stallMs: number): void {
    observation.stallMs = Math.max(observation.stallMs, stallMs);
    for (const sample of samples) {
      if (DOWN.has(sample.state)) observation.down.add(sample.task);
      if (sample.state === 'unresponsive') observation.unresponsive.add(sample.task);
      if (sample.task === observation.task) observation.policy = sample.restartPolicy;
      if (sample.task === observation.task && observation.cause === 'race' && sample.race) observation.race = sample.race;
    }
  }

  private report(observation: Observation): FaultReport {
    const stalledThread = observation.stallMs >= STALL_DELAY_MS;
    const stalled = new Set<string>(observation.unresponsive);
    if (stalledThread) for (const task of observation.inline) stalled.add(task);
    for (const task of observation.down) stalled.delete(task);
    const affected = new Set<string>([...observation.down, ...stalled]);
    return {
      id: observation.id,
      task: observation.task,
      kind: observation.kind,
      cause: observation.cause,
      startedAt: observation.startedAt,
      wentDown: [...observation.down],
      stalled: [...(stalledThread ? ['host main thread'] : []), ...stalled],
      unaffected: TASK_IDS.filter((task) => task !== observation.task && !affected.has(task)),
      restartPolicy: observation.policy,
      mainThreadStallMs: observation.stallMs,
      // A race is watched while it lasts, then for the usual window.
      watching: this.now() - observation.startedAt <= OBSERVE_MS || observation.race?.running === true,
      race: observation.race,
    };
  }
}
