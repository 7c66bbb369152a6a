/**
 * Long work inside a task gives the event loop a turn every few milliseconds. That is what lets
 * a cancel message (or, in an inline host, everything else on the host's thread) get through:
 * a synchronous loop would never see `signal.aborted` change.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Errors } from '../../common/errors.ts';

/** How long a task computes before it lets the event loop run. */
export const SLICE_MS = 8;

export interface Pacer {
  /** Throws if the work was cancelled; every `SLICE_MS` also yields to the event loop first. */
  checkpoint(): Promise<void>;
}

/**
 * A pacer for one call. `superseded` says whether newer input has made the result useless
 * (e.g. a document change is queued), so the call stops and keeps what it has cached.
 */
export function createPacer(method: string, signal: AbortSignal, superseded: () => boolean = () => false): Pacer {
  let sliceStart = performance.now();
  const stopIfUnwanted = (): void => {
    if (signal.aborted) throw Errors.cancelled(method, String(signal.reason ?? 'aborted'));
    if (superseded()) throw Errors.cancelled(method, 'superseded by a newer document version');
  };
  return {
    async checkpoint() {
      stopIfUnwanted();
      if (performance.now() - sliceStart < SLICE_MS) return;
      await nextTurn();
      sliceStart = performance.now();
      stopIfUnwanted();
    },
  };
}
