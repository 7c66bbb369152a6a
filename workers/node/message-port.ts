/**
 * Adapts a `worker_threads` MessagePort or Worker (either side of a thread: the host's `Worker`,
 * the thread's `parentPort`, or one end of an in-process `MessageChannel`) to the RPC's Port.
 */
import type { MessagePort, Worker } from 'node:worker_threads';
import type { Port } from '../common/rpc-messages.ts';

export function portOf(target: MessagePort | Worker): Port {
  return {
    post: (message) => target.postMessage(message),
    listen(handler) {
      target.on('message', handler);
      return () => target.off('message', handler);
    },
  };
}
