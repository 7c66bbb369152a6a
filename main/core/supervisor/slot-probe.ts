/** What the probes may see of a task slot: read-only, and nothing of the supervisor's internals. */
import type { TaskId } from '../../../workers/common/tasks.ts';
import type { TaskProbeSource } from '../probes/task-probe.ts';
import type { TaskSlot } from './task-slot.ts';

export function slotProbeSource<T extends TaskId>(slot: TaskSlot<T>, now: () => number, replica?: number): TaskProbeSource {
  return {
    task: slot.task,
    ...(replica === undefined ? {} : { replica }),
    meter: slot.meter,
    kind: () => slot.kind,
    state: () => slot.state(),
    restarts: () => slot.restarts,
    lastError: () => slot.lastError,
    restartPolicy: () => slot.policy.state(now()),
    queueDepth: () => (slot.current?.inFlight() ?? 0) + slot.client.queued(),
    host() {
      const live = slot.current;
      if (!live) return null;
      return {
        key: live,
        pid: live.ready?.pid ?? live.host.pid,
        threadId: live.ready?.threadId ?? live.host.threadId,
        spawnToReadyMs: live.readyAt === null ? null : live.readyAt - live.spawnedAt,
        roundTripMs: live.roundTripMs,
        usage: () => live.host.usage(),
      };
    },
  };
}
