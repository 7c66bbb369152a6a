/**
 * The one "hold until ready" queue. Items go to a target once it is ready; until then they
 * wait, in order; a closed queue drops what it holds and everything after. Every side uses it:
 * the page holds the host's events while the app loads and its frames until the WebSocket
 * opens; a task holds its incoming messages through an inline hang; the host holds notices
 * until a renderer attaches, a warm spare's events until it serves, and calls while no host
 * runs the task.
 *
 * It is synchronous and knows nothing of ports or promises, so a caller that must reject what
 * waited takes it out with `drain` and fails each item with its own error.
 */

export interface HeldQueueOptions<T> {
  /**
   * How many items may wait; later ones are dropped (the oldest are kept). Default: no bound.
   * 0 makes a queue that holds nothing: items reach the target only once it is ready.
   */
  readonly limit?: number;
  /**
   * The order items wait in, ascending by this key, ties in arrival order. Default: arrival.
   * A caller that takes items out and puts some back later (a call sent again after its host
   * died) keeps them ahead of newer ones this way.
   */
  readonly orderBy?: (item: T) => number;
}

export class HeldQueue<T> {
  private readonly items: T[] = [];
  private readonly limit: number;
  private readonly orderBy: ((item: T) => number) | undefined;
  private target: ((item: T) => void) | undefined;
  private closedNow = false;

  constructor(options: HeldQueueOptions<T> = {}) {
    this.limit = options.limit ?? Number.POSITIVE_INFINITY;
    this.orderBy = options.orderBy;
  }

  /** How many items wait. */
  get size(): number {
    return this.items.length;
  }

  get closed(): boolean {
    return this.closedNow;
  }

  /** Gives `item` to the target if it is ready, else holds it; drops it when full or closed. */
  push(item: T): void {
    if (this.closedNow) return;
    if (this.target) {
      // Behind anything still waiting, so that an item pushed while the held ones are being
      // delivered (by the target itself, say) does not overtake them.
      this.items.push(item);
      this.deliver();
    } else if (this.items.length < this.limit) {
      this.insert(item);
    }
  }

  /**
   * The target is ready: gives it the held items in order, then every later item at once.
   * Replaces any earlier target.
   */
  open(target: (item: T) => void): void {
    if (this.closedNow) return;
    this.target = target;
    this.deliver();
  }

  /** The target is not ready any more: later items wait again. */
  hold(): void {
    this.target = undefined;
  }

  /** Takes every held item out, in order, and leaves the queue empty (still open or holding). */
  drain(): T[] {
    return this.items.splice(0);
  }

  /** Takes one held item out (it was settled while it waited); false if it was not held. */
  remove(item: T): boolean {
    const index = this.items.indexOf(item);
    if (index < 0) return false;
    this.items.splice(index, 1);
    return true;
  }

  /** Drops what is held, and every item pushed from now on. */
  close(): void {
    this.closedNow = true;
    this.target = undefined;
    this.items.length = 0;
  }

  private deliver(): void {
    // One at a time from the front, the target checked before each: a target that holds the
    // queue again (a message that starts an inline hang) stops the delivery with the rest still
    // held, in order, and an item it pushes meanwhile joins the back and is delivered after them.
    while (this.target && this.items.length > 0) this.target(this.items.shift() as T);
  }

  private insert(item: T): void {
    const key = this.orderBy;
    if (!key) {
      this.items.push(item);
      return;
    }
    const itemKey = key(item);
    let index = this.items.length;
    while (index > 0 && key(this.items[index - 1] as T) > itemKey) index -= 1;
    this.items.splice(index, 0, item);
  }
}
