/**
 * Runs a task's operations one after another. The RPC server starts every call as it arrives,
 * so without this a `change` could rewrite the document while a long `check` is paused at one of
 * its cooperative yields; queued, each operation sees one consistent version.
 */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();
  #waitingEdits = 0;

  /**
   * Queues `job`. An `edit` (open or change: a new document version) counts as waiting until it
   * starts, so a long job can notice that its result is about to be superseded and stop early.
   */
  run<T>(kind: 'edit' | 'job', job: () => T | Promise<T>): Promise<T> {
    if (kind === 'edit') this.#waitingEdits += 1;
    const result = this.#tail.then(() => {
      if (kind === 'edit') this.#waitingEdits -= 1;
      return job();
    });
    // The chain continues whatever this job did; its caller sees the failure through `result`.
    this.#tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  /** Whether a new document version is queued behind the running job. */
  hasWaitingEdits(): boolean {
    return this.#waitingEdits > 0;
  }
}
