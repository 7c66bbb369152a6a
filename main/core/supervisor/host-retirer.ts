/**
 * Stops hosts a slot no longer uses (replaced, ended while starting, the spare's leftovers) in
 * the background, and keeps each stop in sight until it has finished, so that dispose can wait
 * for every host to be gone.
 */
import type { TaskId } from '../../../workers/common/tasks.ts';
import type { LiveHost } from './live-host.ts';

export class HostRetirer {
  private readonly retiring = new Set<Promise<void>>();
  private readonly log: (line: string) => void;

  constructor(log: (line: string) => void) {
    this.log = log;
  }

  /** Drains `live` for up to `drainMs`, then asks it to stop, then kills it after `stopMs`. */
  retire<T extends TaskId>(live: LiveHost<T>, reason: string, drainMs: number, stopMs: number): void {
    const done = live
      .stop(reason, drainMs, stopMs)
      .then((outcome) => this.log(`${live.label} ${reason}: ${outcome}`))
      .catch((error: unknown) => this.log(`${live.label} could not be retired: ${String(error)}`));
    this.retiring.add(done);
    void done.finally(() => this.retiring.delete(done));
  }

  /** Resolves once every host retired so far has stopped. */
  async settled(): Promise<void> {
    await Promise.all([...this.retiring]);
  }
}
