/**
 * Injects faults into a real host core the way a user and the OS would: a crash or hang through
 * the task monitor's actions, a SIGKILL from outside to a task's process, a leak, a kill of a
 * hung task, a live move to another host kind. Each fault is one episode per task; the driver
 * times every crash from the supervisor's "crashed" status to the task's next "ready".
 */
import type { TaskStatus } from '../../../main/core/supervisor/supervisor-api.ts';
import { HOST_KINDS, TASK_IDS, type HostKind, type TaskId } from '../../../workers/common/tasks.ts';
import { NEVER, type RealCore } from './real-core.ts';

export type StormFault = 'crash' | 'sigkill' | 'kill' | 'hang' | 'leak' | 'switch';

export interface Episode {
  readonly task: TaskId;
  /** The host kind the fault hit (for a switch, the kind it left). */
  readonly kind: HostKind;
  readonly fault: StormFault;
  /** For a switch: where the task went. */
  readonly to?: HostKind;
  readonly startedAt: number;
  /** When the supervisor reported the task crashed (crash-type faults only). */
  crashedAt?: number;
  /** When it was running again (ready or busy) after the crash, or when the switch finished. */
  readyAt?: number;
  error?: string;
}

interface TimedStatus extends TaskStatus {
  readonly at: number;
}

const RUNNING = new Set(['ready', 'busy']);
/** Threads and processes of these tasks get a small heap in the storm, so a leak ends in an out-of-memory crash quickly. */
export const LEAK_TO_OOM: ReadonlySet<TaskId> = new Set(['keystroke', 'render']);
const FAULT_WEIGHTS: readonly (readonly [StormFault, number])[] = [
  ['switch', 0.2],
  ['crash', 0.25],
  ['sigkill', 0.15],
  ['kill', 0.15],
  ['hang', 0.15],
  ['leak', 0.1],
];
const TASK_WEIGHTS: readonly (readonly [TaskId, number])[] = [
  ['keystroke', 0.3],
  ['render', 0.3],
  ['spellcheck', 0.25],
  ['grammar', 0.15],
];

function weighted<T>(choices: readonly (readonly [T, number])[], random: () => number): T {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [choice, weight] of choices) {
    roll -= weight;
    if (roll <= 0) return choice;
  }
  return choices[choices.length - 1]![0];
}

export class FaultDriver {
  readonly episodes: Episode[] = [];
  private readonly real: RealCore;
  private readonly random: () => number;
  /** Crash-type episodes allowed per `task kind` (grammar threads each keep ~300 MB of RSS: see STACK-NOTES). */
  private readonly quotas: ReadonlyMap<string, number>;
  private readonly timeline: TimedStatus[] = [];
  private readonly active = new Map<TaskId, Promise<void>>();
  private readonly stopWatching: () => void;
  /** Whether a task's recovery is in place (e.g. its warm spare is loaded): only then is it hit. */
  private readonly armed: (task: TaskId) => boolean;

  constructor(real: RealCore, random: () => number, quotas: ReadonlyMap<string, number> = new Map(), armed: (task: TaskId) => boolean = () => true) {
    this.real = real;
    this.random = random;
    this.quotas = quotas;
    this.armed = armed;
    this.stopWatching = real.supervisor.onStatus((status) => this.timeline.push({ ...status, at: performance.now() }));
  }

  /** A task free for a fault: no episode running, its host serving, and its recovery armed. */
  pick(): TaskId | undefined {
    const status = new Map(this.real.supervisor.status().map((entry) => [entry.task, entry]));
    const free = TASK_WEIGHTS.filter(([task]) => !this.active.has(task) && RUNNING.has(status.get(task)?.state ?? '') && this.armed(task));
    return free.length === 0 ? undefined : weighted(free, this.random);
  }

  /** Starts one fault on `task`; the episode runs in the background until the task serves again. */
  start(task: TaskId): void {
    const kind = this.real.supervisor.model[task];
    let fault = weighted(FAULT_WEIGHTS.filter(([candidate]) => candidate !== 'sigkill' || kind === 'process'), this.random);
    // Every task must meet a crash in every kind: once this kind has had one, go where none has been.
    const unvisited = HOST_KINDS.some((other) => other !== kind && this.crashes(task, other) === 0);
    if (fault !== 'switch' && this.crashes(task, kind) > 0 && unvisited) fault = 'switch';
    if (fault !== 'switch' && this.crashes(task, kind) >= (this.quotas.get(`${task} ${kind}`) ?? Number.POSITIVE_INFINITY)) fault = 'switch';
    const episode: Episode = { task, kind, fault, startedAt: performance.now(), ...(fault === 'switch' ? { to: this.switchTarget(task, kind) } : {}) };
    this.episodes.push(episode);
    const running = this.run(episode)
      .catch((error: unknown) => {
        episode.error = error instanceof Error ? error.message : String(error);
      })
      .finally(() => this.active.delete(task));
    this.active.set(task, running);
  }

  /** Resolves when every episode has ended. */
  async settled(): Promise<void> {
    while (this.active.size > 0) await Promise.all([...this.active.values()]);
  }

  dispose(): void {
    this.stopWatching();
  }

  private crashes(task: TaskId, kind: HostKind): number {
    return this.episodes.filter((episode) => episode.task === task && episode.kind === kind && episode.fault !== 'switch').length;
  }

  /** The kind this task has been crashed in least, so every task meets every kind. */
  private switchTarget(task: TaskId, from: HostKind): HostKind {
    const others = HOST_KINDS.filter((kind) => kind !== from && this.crashes(task, kind) < (this.quotas.get(`${task} ${kind}`) ?? Number.POSITIVE_INFINITY));
    const candidates = others.length > 0 ? others : HOST_KINDS.filter((kind) => kind !== from);
    return [...candidates].sort((a, b) => this.crashes(task, a) - this.crashes(task, b) || this.random() - 0.5)[0] ?? 'inline';
  }

  private async run(episode: Episode): Promise<void> {
    const { core } = this.real;
    const { task } = episode;
    if (episode.fault === 'switch') {
      await core.api.setIsolation({ task, kind: episode.to ?? 'inline' }, NEVER);
      episode.readyAt = performance.now();
      return;
    }
    const from = this.timeline.length;
    await this.inflict(episode);
    const crashed = await this.waitFor(task, from, (status) => status.state === 'crashed', 60_000);
    episode.crashedAt = crashed.at;
    episode.readyAt = (await this.waitFor(task, this.timeline.indexOf(crashed) + 1, (status) => RUNNING.has(status.state), 60_000)).at;
  }

  private async inflict(episode: Episode): Promise<void> {
    const { core } = this.real;
    const { task, kind } = episode;
    const fault = (faultKind: 'crash' | 'hang' | 'leak') => core.api.taskAction({ task, action: 'fault', fault: { kind: faultKind } }, NEVER);
    const kill = () => core.api.taskAction({ task, action: 'kill' }, NEVER);
    switch (episode.fault) {
      case 'crash':
        return fault('crash');
      case 'kill':
        return kill();
      case 'sigkill': {
        const pid = await this.real.processPid(task);
        if (pid === undefined) throw new Error(`no process runs ${task} to SIGKILL`);
        process.kill(pid, 'SIGKILL');
        return;
      }
      case 'hang': {
        const from = this.timeline.length;
        await fault('hang');
        // As a user would: the monitor says "unresponsive", the user kills it.
        await this.waitFor(task, from, (status) => status.state === 'unresponsive', 15_000);
        return kill();
      }
      case 'leak':
        await fault('leak');
        if (kind !== 'inline' && LEAK_TO_OOM.has(task)) return; // Its heap limit ends it.
        await new Promise((resolve) => setTimeout(resolve, 200));
        return kill();
      case 'switch':
        return;
    }
  }

  /** The first status of `task` at or after `from` in the timeline that passes `test`. */
  private async waitFor(task: TaskId, from: number, test: (status: TimedStatus) => boolean, timeoutMs: number): Promise<TimedStatus> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const found = this.timeline.find((status, index) => index >= from && status.task === task && test(status));
      if (found) return found;
      const stopped = this.timeline.find((status, index) => index >= from && status.task === task && status.state === 'stopped');
      if (stopped) throw new Error(`${task} stopped instead: ${stopped.lastError ?? 'no reason'}`);
      if (performance.now() > deadline) throw new Error(`${task}: no matching status within ${timeoutMs} ms (last: ${this.lastState(task)})`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  private lastState(task: TaskId): string {
    return this.timeline.findLast((status) => status.task === task)?.state ?? 'none';
  }
}

/** Ready-again latencies of crash episodes, grouped as "task kind". */
export function readyLatencies(episodes: readonly Episode[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (const task of TASK_IDS) for (const kind of HOST_KINDS) groups.set(`${task} ${kind}`, []);
  for (const episode of episodes) {
    if (episode.fault === 'switch' || episode.crashedAt === undefined || episode.readyAt === undefined) continue;
    groups.get(`${episode.task} ${episode.kind}`)?.push(episode.readyAt - episode.crashedAt);
  }
  return groups;
}
