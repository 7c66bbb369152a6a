/**
 * A typed RPC over any `Port`, derived from one API interface (as antfu/birpc does). The
 * caller's proxy and the callee's dispatcher both come from the same `Api` type, so no method
 * is written twice. Every call has an id, a timeout and cancellation; closing rejects what is
 * still pending.
 */
import { deserializeError, Errors, serializeError, type ForkpadError } from './errors.ts';
import { decodeRpcMessage, type JobTiming, type Port, type RpcMessage } from './rpc-messages.ts';
import { proxyClient } from './proxy-client.ts';

/** A method of an API: one request object in, one result out. The signal aborts superseded work. */
export type Method<Request = never, Result = unknown> = (request: Request, signal: AbortSignal) => Result | Promise<Result>;


export type RequestOf<M> = M extends (request: infer R, signal: AbortSignal) => unknown ? R : never;
export type ResultOf<M> = M extends (...args: never[]) => infer R ? Awaited<R> : never;

export interface CallOptions {
  /** Milliseconds before the call is rejected and cancelled remotely. Default: the client's. */
  readonly timeoutMs?: number;
  /** Aborting it cancels the call here and at the callee. */
  readonly signal?: AbortSignal;
}

/** What a caller holds: one async function per API method. */
export type Client<A> = {
  readonly [K in keyof A]: (request: RequestOf<A[K]>, options?: CallOptions) => Promise<ResultOf<A[K]>>;
};

/** Event payloads a callee may emit, by event name. */
export type EventMap = object;

export interface CallRecord {
  readonly id: number;
  readonly method: string;
  readonly request: unknown;
  readonly sentAt: number;
}

export interface ClientOptions {
  /** Names the far side in errors and logs, e.g. `[grammar thread tid=7]`. */
  readonly label: string;
  readonly defaultTimeoutMs?: number;
  readonly now?: () => number;
  /** Called once per settled call, with the callee's own timing when it sent one. */
  readonly onSettled?: (call: CallRecord, outcome: { ok: boolean; roundTripMs: number; timing?: JobTiming }) => void;
  /**
   * Called for every event the callee emits, whatever its name, after the handlers `on` added.
   * A receiver that routes all events itself uses this instead of listening to the port a second
   * time, which would decode every message (results included) twice.
   */
  readonly onEvent?: (name: string, payload: unknown) => void;
  readonly log?: (line: string) => void;
}

export interface RpcClient<A, E extends EventMap> {
  readonly api: Client<A>;
  /** Subscribes to a named event from the callee; returns the unsubscribe function. */
  on<K extends keyof E & string>(name: K, handler: (payload: E[K]) => void): () => void;
  /** Resolves with the round-trip time of a heartbeat, in ms. */
  ping(timeoutMs: number): Promise<number>;
  /** Calls that have been sent and not yet settled. */
  pending(): readonly CallRecord[];
  /** How many calls are pending: `pending().length` without copying them. */
  pendingCount(): number;
  /** Rejects every pending call with `error` and stops listening. */
  close(error?: ForkpadError): void;
}

interface PendingCall extends CallRecord {
  resolve(value: unknown): void;
  reject(error: Error): void;
  cleanup(): void;
}

export function createRpcClient<A, E extends EventMap = Record<never, never>>(
  port: Port,
  options: ClientOptions,
): RpcClient<A, E> {
  const now = options.now ?? (() => performance.now());
  const log = options.log ?? ((line: string) => console.warn(line));
  const defaultTimeout = options.defaultTimeoutMs ?? 30_000;
  const calls = new Map<number, PendingCall>();
  const pings = new Map<number, (value: number) => void>();
  const listeners = new Map<string, Set<(payload: never) => void>>();
  let nextId = 1;
  let closedWith: ForkpadError | undefined;

  function settle(id: number, ok: boolean, value: unknown, timing?: JobTiming): void {
    const call = calls.get(id);
    if (!call) return; // Cancelled or timed out here already; the late answer is expected.
    calls.delete(id);
    call.cleanup();
    options.onSettled?.(call, { ok, roundTripMs: now() - call.sentAt, ...(timing ? { timing } : {}) });
    if (ok) call.resolve(value);
    else call.reject(value as Error);
  }

  const unlisten = port.listen((raw) => {
    const message = decodeRpcMessage(raw);
    if ('invalid' in message) return log(`${options.label} dropped a malformed message: ${message.invalid}`);
    switch (message.type) {
      case 'result':
        return settle(message.id, true, message.value, message.timing);
      case 'error':
        return settle(message.id, false, deserializeError(message.error), message.timing);
      case 'event':
        for (const handler of listeners.get(message.name) ?? []) handler(message.payload as never);
        options.onEvent?.(message.name, message.payload);
        return;
      case 'pong':
        pings.get(message.id)?.(now());
        return;
      default:
        return log(`${options.label} dropped an unexpected ${message.type} message`);
    }
  });

  function call(method: string, request: unknown, callOptions: CallOptions = {}): Promise<unknown> {
    if (closedWith) return Promise.reject(closedWith);
    const { signal } = callOptions;
    if (signal?.aborted) return Promise.reject(Errors.cancelled(method, String(signal.reason ?? '')));
    const id = nextId++;
    const timeoutMs = callOptions.timeoutMs ?? defaultTimeout;
    return new Promise((resolve, reject) => {
      const cancel = (error: ForkpadError) => {
        if (!calls.has(id)) return;
        port.post({ type: 'cancel', id, reason: error.message });
        settle(id, false, error);
      };
      const timer = setTimeout(() => cancel(Errors.timeout(`${options.label} ${method}`, timeoutMs)), timeoutMs);
      const onAbort = () => cancel(Errors.cancelled(method, String(signal?.reason ?? '')));
      signal?.addEventListener('abort', onAbort, { once: true });
      const cleanup = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      calls.set(id, { id, method, request, sentAt: now(), resolve, reject, cleanup });
      try {
        port.post({ type: 'call', id, method, request });
      } catch (error) {
        settle(id, false, Errors.invalidInput(`${method} request`, serializeError(error).message));
      }
    });
  }

  const api = proxyClient<A>(call);

  return {
    api,
    on(name, handler) {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      set.add(handler);
      return () => set.delete(handler);
    },
    ping(timeoutMs) {
      if (closedWith) return Promise.reject(closedWith);
      const id = nextId++;
      const sentAt = now();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pings.delete(id);
          reject(Errors.timeout(`${options.label} heartbeat`, timeoutMs));
        }, timeoutMs);
        pings.set(id, (receivedAt) => {
          clearTimeout(timer);
          pings.delete(id);
          resolve(receivedAt - sentAt);
        });
        port.post({ type: 'ping', id });
      });
    },
    pending: () => [...calls.values()].map(({ id, method, request, sentAt }) => ({ id, method, request, sentAt })),
    pendingCount: () => calls.size,
    close(error = Errors.closed(options.label)) {
      if (closedWith) return;
      closedWith = error;
      unlisten();
      for (const id of [...calls.keys()]) settle(id, false, error);
    },
  };
}

export interface ServeOptions {
  readonly label: string;
  readonly now?: () => number;
  /** CPU ms of the current thread, for per-job CPU (process.threadCpuUsage on Node). */
  readonly threadCpuMs?: () => number;
  /** Validates a request before the handler sees it; throw to reject the call. */
  readonly validate?: (method: string, request: unknown) => void;
  readonly log?: (line: string) => void;
  /** Observes each job as it starts and ends (queue depth, latency). */
  readonly onJob?: (event: { phase: 'start' | 'end'; method: string; timing?: JobTiming }) => void;
}

export interface RpcServer<E extends EventMap> {
  emit<K extends keyof E & string>(name: K, payload: E[K]): void;
  /** Calls received and not yet answered. */
  inFlight(): number;
  close(): void;
}

/**
 * The handler named `method`, looked up on the object and its class prototypes but never on
 * `Object.prototype`, so a peer cannot call `constructor`, `toString` or `__proto__`.
 */
function findMethod(implementation: object, method: string): Method<unknown, unknown> | undefined {
  if (method === 'constructor') return undefined;
  for (let owner: object | null = implementation; owner && owner !== Object.prototype; owner = Object.getPrototypeOf(owner) as object | null) {
    if (Object.hasOwn(owner, method)) {
      const candidate: unknown = (owner as Record<string, unknown>)[method];
      return typeof candidate === 'function' ? (candidate as Method<unknown, unknown>) : undefined;
    }
  }
  return undefined;
}

/** Serves `implementation` on `port`: the callee side of `createRpcClient`. */
export function serveRpc<A extends object, E extends EventMap = Record<never, never>>(
  port: Port,
  implementation: A,
  options: ServeOptions,
): RpcServer<E> {
  const now = options.now ?? (() => performance.now());
  const log = options.log ?? ((line: string) => console.warn(line));
  const running = new Map<number, AbortController>();

  async function run(id: number, method: string, request: unknown, receivedAt: number): Promise<void> {
    const controller = new AbortController();
    running.set(id, controller);
    const startedAt = now();
    const cpuStart = options.threadCpuMs?.();
    options.onJob?.({ phase: 'start', method });
    let cpuMs: number | undefined;
    try {
      const handler = findMethod(implementation, method);
      if (!handler) throw Errors.unknownMethod(method);
      options.validate?.(method, request);
      const pendingResult = handler.call(implementation, request, controller.signal);
      // CPU is taken around the synchronous part: on a shared (inline) thread, time spent while
      // awaiting belongs to whoever ran then, not to this job.
      cpuMs = cpuStart === undefined ? undefined : (options.threadCpuMs?.() ?? cpuStart) - cpuStart;
      const value = await pendingResult;
      const timing = { queueMs: startedAt - receivedAt, runMs: now() - startedAt, ...(cpuMs === undefined ? {} : { cpuMs }) };
      options.onJob?.({ phase: 'end', method, timing });
      if (!controller.signal.aborted) port.post({ type: 'result', id, value, timing });
    } catch (error) {
      if (cpuMs === undefined && cpuStart !== undefined) cpuMs = (options.threadCpuMs?.() ?? cpuStart) - cpuStart;
      const timing = { queueMs: startedAt - receivedAt, runMs: now() - startedAt, ...(cpuMs === undefined ? {} : { cpuMs }) };
      options.onJob?.({ phase: 'end', method, timing });
      if (!controller.signal.aborted) port.post({ type: 'error', id, error: serializeError(error), timing });
    } finally {
      running.delete(id);
    }
  }

  const unlisten = port.listen((raw) => {
    const message = decodeRpcMessage(raw);
    if ('invalid' in message) return log(`${options.label} dropped a malformed message: ${message.invalid}`);
    switch (message.type) {
      case 'call':
        void run(message.id, message.method, message.request, now());
        return;
      case 'cancel':
        running.get(message.id)?.abort(message.reason ?? 'cancelled');
        return;
      case 'ping':
        port.post({ type: 'pong', id: message.id });
        return;
      default:
        return log(`${options.label} dropped an unexpected ${message.type} message`);
    }
  });

  return {
    emit(name, payload) {
      port.post({ type: 'event', name, payload });
    },
    inFlight: () => running.size,
    close() {
      unlisten();
      for (const controller of running.values()) controller.abort('server closed');
    },
  };
}

export type { Port, RpcMessage, JobTiming };
