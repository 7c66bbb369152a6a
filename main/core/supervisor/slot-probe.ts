/** What the probes may see of a task slot: read-only, and nothing of the supervisor's internals. */
import type { TaskId } from '../../../workers/common/tasks.ts';
import { JobMeter } from '../probes/job-meter.ts';
import type { ProbedHost, TaskProbeSource } from '../probes/task-probe.ts';
import type { LiveHost } from './live-host.ts';
import type { AssetTally } from './asset-tally.ts';
import type { RaceTally } from './race-tally.ts';
import type { TaskSlot } from './task-slot.ts';

function probedHost<T extends TaskId>(live: LiveHost<T>): ProbedHost {
  return {
    key: live,
    pid: live.ready?.pid ?? live.host.pid,
    threadId: live.ready?.threadId ?? live.host.threadId,
    spawnToReadyMs: live.readyAt === null ? null : live.readyAt - live.spawnedAt,
    roundTripMs: live.roundTripMs,
    usage: () => live.host.usage(),
  };
}

export interface SlotProbeExtras {
  /** A grammar pool replica's index, 1..N-1. */
  readonly replica?: number;
  readonly races?: RaceTally;
  readonly assets?: AssetTally;
}

export function slotProbeSource<T extends TaskId>(slot: TaskSlot<T>, now: () => number, extras: SlotProbeExtras = {}): TaskProbeSource {
  const { replica, races, assets } = extras;
  return {
    task: slot.task,
    ...(replica === undefined ? {} : { replica }),
    ...(races ? { race: () => races.of(slot.task, slot.current) } : {}),
    // The serving host's own reports: a host that replaced another starts with none.
    ...(assets ? { assets: () => assets.of(slot.current) } : {}),
    meter: slot.meter,
    kind: () => slot.kind,
    state: () => slot.state(),
    restarts: () => slot.restarts,
    lastError: () => slot.lastError,
    restartPolicy: () => slot.policy.state(now()),
    queueDepth: () => (slot.current?.inFlight() ?? 0) + slot.client.queued(),
    copiedBytes: () => slot.copies.take(),
    host() {
      const live = slot.current;
      return live ? probedHost(live) : null;
    },
  };
}

/** The slot's warm spare host, if any: idle by definition, and never restarted. */
export function standbyProbeSource<T extends TaskId>(slot: TaskSlot<T>, now: () => number, assets?: AssetTally): TaskProbeSource {
  const idle = new JobMeter();
  return {
    task: slot.task,
    standby: true,
    ...(assets ? { assets: () => assets.of(slot.standbyHost) } : {}),
    meter: idle,
    kind: () => slot.standbyHost?.host.kind ?? slot.kind,
    state: () => 'ready',
    restarts: () => 0,
    lastError: () => null,
    restartPolicy: () => slot.policy.state(now()),
    queueDepth: () => 0,
    // A spare is primed only when it takes over; what it is sent then counts on the task's own row.
    copiedBytes: () => 0,
    host() {
      const live = slot.standbyHost;
      return live ? probedHost(live) : null;
    },
  };
}
