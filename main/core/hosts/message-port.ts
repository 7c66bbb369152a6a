/** Adapts a `worker_threads` MessagePort or Worker to the RPC's Port. */
import type { MessagePort, Worker } from 'node:worker_threads';
import type { Port } from '../../../workers/common/rpc-messages.ts';

export function portOf(target: MessagePort | Worker): Port {
  return {
    post: (message) => target.postMessage(message),
    listen(handler) {
      target.on('message', handler);
      return () => target.off('message', handler);
    },
  };
}
