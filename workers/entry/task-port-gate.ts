/**
 * The port a task server listens on, with two gates the task side needs and the RPC does not
 * know about: calls to the task's own methods before `start` get a clear error, and an inline
 * hang can hold every incoming message, as a blocked thread would, so heartbeats go unanswered.
 */
import { ForkpadError, serializeError } from '../common/errors.ts';
import { HeldQueue } from '../common/held-queue.ts';
import { decodeRpcMessage, type Port } from '../common/rpc-messages.ts';
import { controlMethods } from './host-control.ts';

export interface GatedPort {
  readonly port: Port;
  /** Marks the task started: its own methods may now be called. */
  open(): void;
  /** Holds incoming messages until `release` (an inline hang). */
  hold(): void;
  /** Delivers what was held, in order, and delivers directly again. */
  release(): void;
  /** Drops what is held and delivers nothing more. */
  close(): void;
}

/** Methods the task server answers before `start`. */
const CONTROL_METHODS = controlMethods();

export function notStarted(label: string, method: string): ForkpadError {
  return new ForkpadError('NotStartedError', 'NOT_STARTED', `${label} cannot answer ${method}: the task has not started (call start first)`);
}

export function gatePort(inner: Port, label: () => string): GatedPort {
  let started = false;
  let deliver: ((message: unknown) => void) | null = null;

  /** Hands a message to the task server, answering calls to the task's own methods before `start`. */
  function pass(message: unknown): void {
    if (!deliver) return;
    if (!started) {
      const decoded = decodeRpcMessage(message);
      if (!('invalid' in decoded) && decoded.type === 'call' && !CONTROL_METHODS.has(decoded.method)) {
        inner.post({ type: 'error', id: decoded.id, error: serializeError(notStarted(label(), decoded.method)) });
        return;
      }
    }
    deliver(message);
  }

  const incoming = new HeldQueue<unknown>();
  incoming.open(pass);
  const unlisten = inner.listen((message) => {
    if (deliver) incoming.push(message);
  });
  return {
    port: {
      post: (message) => {
        if (!incoming.closed) inner.post(message);
      },
      listen(handler) {
        deliver = handler;
        return () => {
          deliver = null;
        };
      },
    },
    open() {
      started = true;
    },
    hold: () => incoming.hold(),
    release: () => incoming.open(pass),
    close() {
      incoming.close();
      unlisten();
    },
  };
}
