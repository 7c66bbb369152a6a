/**
 * How a task slot hears from its hosts: the hooks every `LiveHost` of the slot is given (answered
 * calls for the task's meter, heartbeats for its responsiveness, events, exits), and the warm
 * spare, which is warmed from the same hooks once the task is ready and quiet.
 */
import type { TaskId } from '../../../workers/common/tasks.ts';
import type { HostExit } from '../hosts/task-host.ts';
import type { JobMeter } from '../probes/job-meter.ts';
import { launchSilentHost, type SlotOptions } from './host-launcher.ts';
import { CONTROL_METHODS, type LiveHost, type LiveHostEvents } from './live-host.ts';
import { Standby } from './standby.ts';

/**
 * A task counts as idle for warming its spare once no call has been in flight for this long:
 * typing sends every task a call per key, so this means the user paused too.
 */
const QUIET_MS = 1_000;

export interface SlotHooks<T extends TaskId> {
  /** Times the task's own calls (control calls are the supervisor's, not the task's work). */
  readonly meter: JobMeter;
  /** Whether `live` is the host that serves the task now. */
  readonly serves: (live: LiveHost<T>) => boolean;
  readonly isReady: () => boolean;
  readonly statusChanged: () => void;
  readonly retire: (live: LiveHost<T>, reason: string) => void;
  readonly onExit: (live: LiveHost<T>, exit: HostExit) => void;
}

export function wireSlot<T extends TaskId>(options: SlotOptions<T>, hooks: SlotHooks<T>): { events: LiveHostEvents<T>; standby: Standby<T> | null } {
  /** When the task's last call was answered (performance.now()). */
  let lastAnswerAt = 0;
  const events: LiveHostEvents<T> = {
    onSettled: (_live, call, outcome) => {
      lastAnswerAt = performance.now();
      if (CONTROL_METHODS.has(call.method)) return;
      hooks.meter.record(outcome.timing ? outcome.timing.queueMs + outcome.timing.runMs : outcome.roundTripMs);
    },
    onEvent: options.onEvent,
    onAsset: (live, payload) => options.onAsset?.(live, payload),
    onBeat: (live, beat) => {
      if (beat.ok) live.roundTripMs = beat.roundTripMs;
      // Only the serving host's answers decide the task's state; a replaced one is on its way out.
      if (!hooks.serves(live) || live.responsive === beat.ok) return;
      live.responsive = beat.ok;
      options.log(beat.ok ? `${live.label} answers again` : `${live.label} is unresponsive: no heartbeat answer within ${options.timings.heartbeat.timeoutMs} ms`);
      hooks.statusChanged();
    },
    onExit: hooks.onExit,
  };
  const delayMs = options.standbyDelayMs ?? null;
  const standby =
    delayMs === null
      ? null
      : new Standby<T>({
          launch: (kind) => launchSilentHost(options, events, kind),
          retire: hooks.retire,
          isIdle: () => hooks.isReady() && performance.now() - lastAnswerAt >= QUIET_MS,
          log: options.log,
          delayMs,
        });
  return { events, standby };
}
