/**
 * The one way a `Client` is made: a Proxy whose every method forwards to a single `call`. The
 * RPC's own client, the supervisor's stable client and the grammar pool each route calls their
 * own way, and share this so that they agree on what a method is.
 */
import type { CallOptions, Client } from './rpc.ts';

/** Sends one call: `method` of the API, its request, and the caller's options. */
export type CallSender = (method: string, request: unknown, options?: CallOptions) => Promise<unknown>;

/**
 * A client of API `A` whose methods all go to `send`. `then` is never a method: answering it
 * would make the client look like a promise, so `await client` would call it.
 */
export function proxyClient<A>(send: CallSender): Client<A> {
  return new Proxy({} as Client<A>, {
    get: (_target, method) =>
      typeof method === 'string' && method !== 'then' ? (request: unknown, options?: CallOptions) => send(method, request, options) : undefined,
  });
}
