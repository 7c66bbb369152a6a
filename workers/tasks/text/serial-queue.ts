/**
 * Runs a task's operations one after another. The RPC server starts every call as it arrives,
 * so without this a `change` could rewrite the document while a long `check` is paused at one of
 * its cooperative yields; queued, each operation sees one consistent version.
 */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();
  #waitingWrites = 0;

  /**
   * Queues `job`. A `write` (open, change, dictionary edit) counts as waiting until it starts,
   * so long reads can notice that their result is about to be superseded and stop early.
   */
  run<T>(kind: 'read' | 'write', job: () => T | Promise<T>): Promise<T> {
    if (kind === 'write') this.#waitingWrites += 1;
    const result = this.#tail.then(() => {
      if (kind === 'write') this.#waitingWrites -= 1;
      return job();
    });
    // The chain continues whatever this job did; its caller sees the failure through `result`.
    this.#tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  /** Whether a write is queued behind the running job. */
  hasWaitingWrites(): boolean {
    return this.#waitingWrites > 0;
  }
}
