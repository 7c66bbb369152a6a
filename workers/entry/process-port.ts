/**
 * The port adapter of a task process. The same entry runs as a Node `child_process.fork` child
 * (`process.send` and 'message', advanced serialization) and as an Electron utility process
 * (`process.parentPort`, whose 'message' events carry `{ data }`). Which one is detected at run
 * time, so this module never imports `electron`.
 */
import type { Port } from '../common/rpc-messages.ts';
import type { EntryRuntime } from './host-control.ts';

/** The part of Electron's `process.parentPort` (a utility process) that this adapter uses. */
interface UtilityParentPort {
  on(event: 'message', listener: (event: { readonly data: unknown }) => void): unknown;
  removeListener(event: 'message', listener: (event: { readonly data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
}

function utilityParentPort(): UtilityParentPort | undefined {
  const candidate: unknown = (process as unknown as { parentPort?: unknown }).parentPort;
  if (typeof candidate !== 'object' || candidate === null) return undefined;
  const { on, removeListener, postMessage } = candidate as Record<string, unknown>;
  return typeof on === 'function' && typeof removeListener === 'function' && typeof postMessage === 'function'
    ? (candidate as UtilityParentPort)
    : undefined;
}

function utilityPort(parent: UtilityParentPort): Port {
  return {
    post: (message) => parent.postMessage(message),
    listen(handler) {
      const listener = (event: { readonly data: unknown }) => handler(event.data);
      parent.on('message', listener);
      return () => parent.removeListener('message', listener);
    },
  };
}

function forkPort(): Port {
  return {
    post(message) {
      if (!process.connected) return; // The host is gone; 'disconnect' ends this process.
      process.send?.(message, undefined, undefined, (error: Error | null) => {
        // A send can fail only while the channel closes; 'disconnect' follows and ends us.
        if (error) process.stderr.write(`task process ${process.pid}: IPC send failed: ${error.message}\n`);
      });
    },
    listen(handler) {
      process.on('message', handler);
      return () => process.off('message', handler);
    },
  };
}

export function processParentPort(): Port {
  const utility = utilityParentPort();
  if (utility) return utilityPort(utility);
  if (typeof process.send === 'function') return forkPort();
  throw new Error('A task process entry must be started by child_process.fork (with IPC) or utilityProcess.fork.');
}

export function processRuntime(startedAt: number): EntryRuntime {
  // A host that goes away (IPC closed) or asks politely (SIGTERM) ends this process cleanly.
  // A hung process runs neither handler, which is why the supervisor follows up with SIGKILL.
  process.on('disconnect', () => process.exit(0));
  process.on('SIGTERM', () => process.exit(0));
  return {
    kind: 'process',
    startedAt,
    exit: () => process.exit(0),
    crash(error) {
      // stderr is synchronous for pipes on Linux, so the host sees why before the exit.
      process.stderr.write(`${error.name}: ${error.message}\n`);
      process.exit(1);
    },
  };
}
