/**
 * The wire format of Forkpad's RPC, shared by every channel: host ↔ task (MessagePort, worker,
 * child or utility process) and renderer ↔ host (Electron IPC or WebSocket).
 */
import { isSerializedError, type SerializedError } from './errors.ts';

/** How long one job took, measured where it ran. */
export interface JobTiming {
  /** From arrival at the task to the start of its handler. */
  readonly queueMs: number;
  /** Handler wall time, including its awaits. */
  readonly runMs: number;
  /** CPU time of the handler's own thread while it ran synchronously, where the host can measure it. */
  readonly cpuMs?: number;
}

export type RpcMessage =
  | { readonly type: 'call'; readonly id: number; readonly method: string; readonly request: unknown }
  | { readonly type: 'cancel'; readonly id: number; readonly reason?: string }
  | { readonly type: 'result'; readonly id: number; readonly value: unknown; readonly timing?: JobTiming }
  | { readonly type: 'error'; readonly id: number; readonly error: SerializedError; readonly timing?: JobTiming }
  | { readonly type: 'event'; readonly name: string; readonly payload: unknown }
  | { readonly type: 'ping'; readonly id: number }
  | { readonly type: 'pong'; readonly id: number };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isTiming(value: unknown): value is JobTiming {
  return (
    isRecord(value) &&
    typeof value.queueMs === 'number' &&
    typeof value.runMs === 'number' &&
    (value.cpuMs === undefined || typeof value.cpuMs === 'number')
  );
}

/**
 * Checks that `value` is a well-formed RPC message. Returns a reason when it is not, so the
 * receiver can log it and drop it (never throw on a peer's bad message).
 */
export function decodeRpcMessage(value: unknown): RpcMessage | { readonly invalid: string } {
  if (!isRecord(value)) return { invalid: 'message is not an object' };
  const { type } = value;
  switch (type) {
    case 'call':
      if (!isId(value.id)) return { invalid: 'call without a valid id' };
      if (typeof value.method !== 'string' || value.method.length > 64) return { invalid: 'call without a method name' };
      return { type, id: value.id, method: value.method, request: value.request };
    case 'cancel':
      if (!isId(value.id)) return { invalid: 'cancel without a valid id' };
      return { type, id: value.id, ...(typeof value.reason === 'string' ? { reason: value.reason } : {}) };
    case 'result':
      if (!isId(value.id)) return { invalid: 'result without a valid id' };
      return { type, id: value.id, value: value.value, ...(isTiming(value.timing) ? { timing: value.timing } : {}) };
    case 'error':
      if (!isId(value.id) || !isSerializedError(value.error)) return { invalid: 'error without a valid id and error' };
      return { type, id: value.id, error: value.error, ...(isTiming(value.timing) ? { timing: value.timing } : {}) };
    case 'event':
      if (typeof value.name !== 'string') return { invalid: 'event without a name' };
      return { type, name: value.name, payload: value.payload };
    case 'ping':
    case 'pong':
      if (!isId(value.id)) return { invalid: `${type} without a valid id` };
      return { type, id: value.id };
    default:
      return { invalid: `unknown message type ${JSON.stringify(String(type)).slice(0, 40)}` };
  }
}

/**
 * A bidirectional message channel. Every transport (MessagePort, worker, child process,
 * utility process, Electron IPC, WebSocket) is adapted to this, once, in its own module.
 */
export interface Port {
  post(message: RpcMessage): void;
  /** Subscribes to incoming messages; returns the unsubscribe function. */
  listen(handler: (message: unknown) => void): () => void;
}
