/**
 * Builds one task's sample. CPU comes from outside the task (HostUsage: worker.cpuUsage(),
 * /proc or app metrics, or an inline task's per-job thread CPU), so a task inside one long
 * synchronous job still reports. A rate needs two readings of the same host: until then it is
 * null, "measuring".
 */
import type { HostKind, TaskId } from '../../../workers/common/tasks.ts';
import type { RestartPolicyState, TaskSample, TaskState } from '../../../workers/common/metrics.ts';
import type { RaceCounts } from '../../../workers/common/race-counts.ts';
import type { AssetLoad } from '../../../workers/common/asset-loads.ts';
import type { HostUsage } from '../hosts/task-host.ts';
import type { JobMeter } from './job-meter.ts';

/** The current host of a task, as the probe sees it. */
export interface ProbedHost {
  /** Identity of the host: a reading from another host is never subtracted from this one's. */
  readonly key: object;
  readonly pid: number | null;
  readonly threadId: number | null;
  readonly spawnToReadyMs: number | null;
  readonly roundTripMs: number | null;
  usage(): Promise<HostUsage>;
}

export interface TaskProbeSource {
  readonly task: TaskId;
  /** A grammar pool replica's index, 1..N-1; absent for a task's own slot. */
  readonly replica?: number;
  /** A warm spare host's source: sampled only while the spare exists. */
  readonly standby?: true;
  kind(): HostKind;
  state(): TaskState;
  restarts(): number;
  lastError(): string | null;
  restartPolicy(): RestartPolicyState;
  queueDepth(): number;
  /** Document bytes sent to the task's hosts since the last call. */
  copiedBytes(): number;
  /** The latest race fault's tally for this task, if one ran on its current host. */
  race?(): RaceCounts | null;
  /** The data files the current host reported loading, if it reported any. */
  assets?(): readonly AssetLoad[] | null;
  readonly meter: JobMeter;
  host(): ProbedHost | null;
}

/** A reading that takes longer than this is reported as unknown rather than stalling the poll. */
const USAGE_TIMEOUT_MS = 1_000;

function readUsage(host: ProbedHost): Promise<HostUsage | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), USAGE_TIMEOUT_MS);
  });
  return Promise.race([host.usage(), timeout]).finally(() => clearTimeout(timer));
}

export class TaskProbe {
  private previousCpu: { readonly key: object; readonly cpuTimeMs: number; readonly at: number } | null = null;
  private previousJobs: { readonly count: number; readonly at: number } | null = null;

  async sample(source: TaskProbeSource): Promise<TaskSample> {
    const host = source.host();
    const usage = host ? await readUsage(host) : null;
    const at = performance.now();
    const cpuTimeMs = usage?.cpuTimeMs ?? null;
    const before = this.previousCpu;
    const cpuPercent =
      host && cpuTimeMs !== null && before?.key === host.key && at > before.at && cpuTimeMs >= before.cpuTimeMs
        ? ((cpuTimeMs - before.cpuTimeMs) / (at - before.at)) * 100
        : null;
    this.previousCpu = host && cpuTimeMs !== null ? { key: host.key, cpuTimeMs, at } : null;
    const jobs = source.meter.completedJobs();
    const jobsPerSecond = this.previousJobs && at > this.previousJobs.at ? ((jobs - this.previousJobs.count) * 1000) / (at - this.previousJobs.at) : null;
    this.previousJobs = { count: jobs, at };
    const race = source.race?.() ?? null;
    const assets = source.assets?.() ?? null;
    return {
      task: source.task,
      kind: source.kind(),
      state: source.state(),
      pid: host?.pid ?? null,
      threadId: host?.threadId ?? null,
      cpuPercent,
      cpuTimeMs,
      memory: usage?.memory ?? null,
      latency: source.meter.latency(),
      queueDepth: source.queueDepth(),
      copiedBytes: source.copiedBytes(),
      jobsPerSecond,
      restarts: source.restarts(),
      spawnToReadyMs: host?.spawnToReadyMs ?? null,
      roundTripMs: host?.roundTripMs ?? null,
      lastError: source.lastError(),
      restartPolicy: source.restartPolicy(),
      ...(race ? { race } : {}),
      ...(assets ? { assets } : {}),
      ...(source.replica === undefined ? {} : { replica: source.replica }),
      ...(source.standby ? { standby: true as const } : {}),
    };
  }
}
