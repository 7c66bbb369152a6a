/**
 * Where the host core's events go: to the attached renderer, if any. Notices raised before one
 * attached (a corrupt settings file, a failed recovery) wait for the first. Also says when the
 * host's `hostState` snapshot may have changed, so the core republishes it.
 */
import { HeldQueue } from '../../../workers/common/held-queue.ts';
import type { HostEvents } from '../../../workers/common/host-api.ts';
import type { EventSink } from '../session/task-router.ts';

/** Events after which the `hostState` snapshot may hold something else. */
const STATE_EVENTS = new Set<keyof HostEvents>(['isolation', 'document', 'documentState', 'taskStatus']);
/** Notices kept for a renderer that has not attached yet. */
const MAX_PENDING = 20;

export class EventHub {
  private sink: EventSink | undefined;
  /** Open while a renderer is attached; holds only notices while none is. */
  private readonly outgoing = new HeldQueue<{ name: keyof HostEvents; payload: unknown }>({ limit: MAX_PENDING });
  private readonly stateListeners = new Set<() => void>();

  readonly emit: EventSink = (name, payload) => {
    if (this.sink || name === 'notice') this.outgoing.push({ name, payload });
    if (STATE_EVENTS.has(name)) this.stateChanged();
  };

  get attached(): boolean {
    return this.sink !== undefined;
  }

  /** Sends events to `sink` from now on (replacing any other); returns the detach function. */
  attach(sink: EventSink): () => void {
    this.sink = sink;
    this.outgoing.open(({ name, payload }) => sink(name, payload as never));
    return () => {
      if (this.sink !== sink) return;
      this.sink = undefined;
      this.outgoing.hold();
    };
  }

  onStateChange(handler: () => void): () => void {
    this.stateListeners.add(handler);
    return () => this.stateListeners.delete(handler);
  }

  readonly stateChanged = (): void => {
    for (const listener of this.stateListeners) listener();
  };
}
