/**
 * The client the rest of the host keeps for a task. It outlives every host of the task: each call
 * goes to whichever host is current, waits while none is (starting, restarting, priming), and a
 * call that a dying host left unanswered is sent again to the next one. Re-sending is safe
 * because a task ignores a document change it already applied (`VersionedDocument.apply`).
 * Every call settles exactly once.
 */
import { Errors, type ForkpadError } from '../../../workers/common/errors.ts';
import { HeldQueue } from '../../../workers/common/held-queue.ts';
import type { CallOptions, Client } from '../../../workers/common/rpc.ts';
import type { TaskApi } from '../../../workers/common/task-api.ts';
import type { TaskId } from '../../../workers/common/tasks.ts';
import { proxyClient } from '../../../workers/common/proxy-client.ts';
import { controlMethods } from '../../../workers/entry/host-control.ts';
import { CONTROL_METHODS, type LiveHost } from './live-host.ts';

/** Where a call goes now: a host, nowhere yet ('wait'), or nowhere ever (the error to fail with). */
export type Route<T extends TaskId> = LiveHost<T> | 'wait' | Error;

export interface StableClientOptions<T extends TaskId> {
  readonly task: T;
  readonly route: () => Route<T>;
  readonly defaultTimeoutMs: number;
  /**
   * How many hosts may crash under one call before it fails with their error. A call that
   * crashes every host it meets (a poison pill) must not crash them forever.
   */
  readonly maxCrashResends: number;
}

interface StableCall {
  readonly seq: number;
  readonly method: string;
  readonly request: unknown;
  readonly deadline: number;
  readonly controller: AbortController;
  crashLosses: number;
  settled: boolean;
  succeed(value: unknown): void;
  fail(error: Error): void;
}

type RemoteMethod = (request: unknown, options: CallOptions) => Promise<unknown>;

/** Methods the supervisor calls itself; a user of the task may not. */
const MANAGED_METHODS = controlMethods((role) => role.managed);

export class StableClient<T extends TaskId> {
  readonly api: Client<TaskApi<T>>;
  private readonly options: StableClientOptions<T>;
  /** Calls waiting for a host, in the order they were made, so a re-sent change precedes newer ones. */
  private readonly queue = new HeldQueue<StableCall>({ orderBy: (call) => call.seq });
  private nextSeq = 1;

  constructor(options: StableClientOptions<T>) {
    this.options = options;
    this.api = proxyClient<TaskApi<T>>((method, request, callOptions) => this.call(method, request, callOptions));
  }

  call(method: string, request: unknown, callOptions: CallOptions = {}): Promise<unknown> {
    const { task, defaultTimeoutMs } = this.options;
    if (MANAGED_METHODS.has(method)) return Promise.reject(Errors.invalidInput('call', `${task} ${method} is managed by the supervisor`));
    const { signal } = callOptions;
    if (signal?.aborted) return Promise.reject(Errors.cancelled(method, String(signal.reason ?? '')));
    const timeoutMs = callOptions.timeoutMs ?? defaultTimeoutMs;
    return new Promise((resolve, reject) => {
      const controller = new AbortController();
      const onAbort = () => call.fail(Errors.cancelled(`${task} ${method}`, String(signal?.reason ?? '')));
      const timer = setTimeout(() => call.fail(Errors.timeout(`${task} ${method}`, timeoutMs)), timeoutMs);
      const call: StableCall = {
        seq: this.nextSeq++,
        method,
        request,
        deadline: performance.now() + timeoutMs,
        controller,
        crashLosses: 0,
        settled: false,
        succeed: (value) => {
          if (settle()) resolve(value);
        },
        fail: (error) => {
          if (!settle()) return;
          // Cancels the call where it runs, if it still does.
          controller.abort(error.message);
          reject(error);
        },
      };
      /** Marks the call settled; false if it already was. */
      const settle = () => {
        if (call.settled) return false;
        call.settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.queue.remove(call);
        return true;
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.dispatch(call);
    });
  }

  /** Sends waiting calls, oldest first, to wherever they route now. */
  flush(): void {
    for (const call of this.queue.drain()) this.dispatch(call);
  }

  /** Fails every waiting call with `error`: the task stopped. */
  failQueued(error: ForkpadError): void {
    for (const call of this.queue.drain()) call.fail(error);
  }

  queued(): number {
    return this.queue.size;
  }

  private dispatch(call: StableCall): void {
    if (call.settled) return;
    const route = this.options.route();
    if (route instanceof Error) return call.fail(route);
    if (route === 'wait') return this.queue.push(call);
    this.send(call, route);
  }

  private send(call: StableCall, live: LiveHost<T>): void {
    const remote = (live.api as unknown as Record<string, RemoteMethod>)[call.method];
    if (!remote) return call.fail(Errors.unknownMethod(call.method));
    // The host's own timeout is a backstop: this call's timer decides, across every attempt.
    const timeoutMs = Math.max(1, call.deadline - performance.now()) + 1_000;
    remote(call.request, { signal: call.controller.signal, timeoutMs }).then(
      (value) => call.succeed(value),
      (error: unknown) => this.lost(call, live, error),
    );
  }

  private lost(call: StableCall, live: LiveHost<T>, error: unknown): void {
    const hostGone = live.exit !== null && (error as { code?: unknown }).code === 'HOST_GONE';
    if (hostGone && !CONTROL_METHODS.has(call.method)) {
      if (live.crashed) call.crashLosses += 1;
      if (call.crashLosses <= this.options.maxCrashResends) return this.dispatch(call);
    }
    call.fail(error instanceof Error ? error : new Error(String(error)));
  }
}
