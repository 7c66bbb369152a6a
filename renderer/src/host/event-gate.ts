/**
 * Holds the host's events back while nobody can take them yet. The page asks the host for
 * `hello` while the app's code (Monaco, megabytes) is still loading, so the answer may come well
 * before the app subscribes to anything; events sent in between would otherwise find no listener
 * and be lost. While held, events queue in order; answers to calls pass at once.
 */
import { HeldQueue } from '../../../workers/common/held-queue.ts';
import type { Port, RpcMessage } from '../../../workers/common/rpc-messages.ts';

export interface EventGate {
  readonly port: Port;
  /** From now on events wait in a queue. */
  hold(): void;
  /** Delivers the queued events in order, and every later one at once. */
  release(): void;
}

function isEvent(message: unknown): boolean {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'event';
}

export function gateEvents(inner: Port): EventGate {
  const handlers = new Set<(message: unknown) => void>();
  const deliver = (message: unknown) => {
    for (const handler of handlers) handler(message);
  };
  const events = new HeldQueue<unknown>();
  events.open(deliver);
  inner.listen((message) => {
    if (isEvent(message)) events.push(message);
    else deliver(message);
  });
  return {
    port: {
      post: (message: RpcMessage) => inner.post(message),
      listen(handler) {
        handlers.add(handler);
        return () => handlers.delete(handler);
      },
    },
    hold: () => events.hold(),
    release: () => events.open(deliver),
  };
}
