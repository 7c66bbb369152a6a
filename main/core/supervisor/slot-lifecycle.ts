/**
 * A task slot's lifecycle as one union: each phase carries exactly what is true in it (the host
 * that serves, the pending restart, the reason for stopping), so no flag can disagree with the
 * phase beside it.
 */
import { Errors } from '../../../workers/common/errors.ts';
import type { TaskState } from '../../../workers/common/metrics.ts';
import type { TaskId } from '../../../workers/common/tasks.ts';
import type { LiveHost } from './live-host.ts';
import type { Route } from './stable-client.ts';

export type SlotLifecycle<T extends TaskId> =
  /** Constructed; no start asked for yet. */
  | { readonly phase: 'idle' }
  /** A host is being launched and primed where there was none. */
  | { readonly phase: 'starting' | 'restarting' }
  /** `host` takes the task's calls. */
  | { readonly phase: 'running'; readonly host: LiveHost<T> }
  /**
   * A live switch: `host` still answers the calls it has, while its successor is primed. New
   * calls wait, so the primer's snapshot precedes every change the successor is sent.
   */
  | { readonly phase: 'switching'; readonly host: LiveHost<T> }
  /** The host crashed; `restart` brings a new one up after the restart policy's backoff. */
  | { readonly phase: 'crashed'; readonly restart: NodeJS.Timeout }
  /** Ended, exited by itself, or given up on; a restart of the task leaves this phase. */
  | { readonly phase: 'stopped'; readonly reason: string }
  /** The supervisor was disposed: no phase follows this one. */
  | { readonly phase: 'disposed'; readonly reason: string };

/** The host that serves the task, in the phases that have one. */
export function servingHost<T extends TaskId>(life: SlotLifecycle<T>): LiveHost<T> | null {
  return life.phase === 'running' || life.phase === 'switching' ? life.host : null;
}

/** Stopped for now or for good: a host that comes up in these phases is not swapped in. */
export function isClosed<T extends TaskId>(life: SlotLifecycle<T>): life is Extract<SlotLifecycle<T>, { phase: 'stopped' | 'disposed' }> {
  return life.phase === 'stopped' || life.phase === 'disposed';
}

/** The state the monitor shows; `queued` counts calls waiting in the task's stable client. */
export function taskStateOf<T extends TaskId>(life: SlotLifecycle<T>, queued: number): TaskState {
  switch (life.phase) {
    case 'idle':
    case 'starting':
      return 'starting';
    case 'running':
    case 'switching':
      if (!life.host.responsive) return 'unresponsive';
      return life.host.inFlight() + queued > 0 ? 'busy' : 'ready';
    case 'disposed':
      return 'stopped';
    default:
      return life.phase;
  }
}

/** Where the stable client sends a call now. */
export function routeOf<T extends TaskId>(task: T, life: SlotLifecycle<T>): Route<T> {
  if (isClosed(life)) return Errors.stopped(task, life.reason);
  return life.phase === 'running' ? life.host : 'wait';
}
