/**
 * The port adapter of a task thread: `worker_threads.parentPort`, and how a thread ends and
 * crashes.
 */
import { parentPort } from 'node:worker_threads';
import type { Port } from '../common/rpc-messages.ts';
import { portOf } from '../node/message-port.ts';
import type { EntryRuntime } from './host-control.ts';

export function threadParentPort(): Port {
  const port = parentPort;
  if (!port) throw new Error('A task thread entry must run inside a worker thread (parentPort is null).');
  return portOf(port);
}

export function threadRuntime(startedAt: number): EntryRuntime {
  return {
    kind: 'thread',
    startedAt,
    // In a worker, process.exit ends only this thread, with the given code.
    exit: () => process.exit(0),
    crash(error) {
      // Thrown on a later turn so nothing catches it: a genuine uncaught exception, which
      // ends the thread and reaches the host as the Worker's 'error' event.
      setImmediate(() => {
        throw error;
      });
    },
  };
}
