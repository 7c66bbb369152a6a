/**
 * Runs lifecycle operations one at a time, in the order they were asked for. An operation that
 * fails rejects its own caller only: the queue goes on with the next one.
 */
export class SerialQueue {
  private tail: Promise<void> = Promise.resolve();

  run<R>(operation: () => Promise<R>): Promise<R> {
    const result = this.tail.then(operation);
    this.tail = result.then(
      () => undefined,
      () => undefined, // The caller gets the error; the queue goes on.
    );
    return result;
  }

  /** Resolves once every operation queued so far has settled. */
  idle(): Promise<void> {
    return this.tail;
  }
}
