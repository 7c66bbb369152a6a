import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { Method } from './rpc.ts';
import { createRpcClient, serveRpc } from './rpc.ts';
import type { Port, RpcMessage } from './rpc-messages.ts';

interface CalcApi {
  add: Method<{ a: number; b: number }, number>;
  fail: Method<null, never>;
  slow: Method<{ ms: number }, string>;
}

function toPort(port: MessagePort): Port {
  return {
    post: (message: RpcMessage) => port.postMessage(message),
    listen(handler) {
      port.on('message', handler);
      return () => port.off('message', handler);
    },
  };
}

const opened: MessagePort[] = [];
function pair() {
  const { port1, port2 } = new MessageChannel();
  opened.push(port1, port2);
  return { callerPort: toPort(port1), calleePort: toPort(port2), raw: port1 };
}
afterEach(() => {
  for (const port of opened.splice(0)) port.close();
});

const calc: CalcApi = {
  add: ({ a, b }) => a + b,
  fail: () => {
    throw new RangeError('nope');
  },
  slow: ({ ms }, signal) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => resolve('done'), ms);
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(new Error('aborted'));
      });
    }),
};

describe('rpc over a real MessageChannel', () => {
  it('calls, returns results and real errors', async () => {
    const { callerPort, calleePort } = pair();
    serveRpc(calleePort, calc, { label: 'calc' });
    const client = createRpcClient<CalcApi>(callerPort, { label: 'calc' });
    await expect(client.api.add({ a: 2, b: 3 })).resolves.toBe(5);
    const error = await client.api.fail(null).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'RangeError', message: 'nope' });
  });

  it('times out, cancels at the callee, and rejects pending calls on close', async () => {
    const { callerPort, calleePort } = pair();
    const server = serveRpc(calleePort, calc, { label: 'calc' });
    const client = createRpcClient<CalcApi>(callerPort, { label: 'calc' });
    await expect(client.api.slow({ ms: 5_000 }, { timeoutMs: 50 })).rejects.toMatchObject({ code: 'TIMEOUT' });
    await expect.poll(() => server.inFlight()).toBe(0);
    const pending = client.api.slow({ ms: 5_000 });
    client.close();
    await expect(pending).rejects.toMatchObject({ code: 'CLOSED' });
  });

  it('refuses prototype methods and drops malformed messages', async () => {
    const { callerPort, calleePort, raw } = pair();
    const logged: string[] = [];
    serveRpc(calleePort, calc, { label: 'calc', log: (line) => logged.push(line) });
    const client = createRpcClient<CalcApi & { toString: Method<null, string> }>(callerPort, { label: 'calc' });
    await expect(client.api.toString(null)).rejects.toMatchObject({ code: 'UNKNOWN_METHOD' });
    raw.postMessage({ type: 'call', id: -1 });
    raw.postMessage('garbage');
    await expect(client.api.add({ a: 1, b: 1 })).resolves.toBe(2);
    expect(logged).toHaveLength(2);
  });

  it('hands every event to onEvent, after the handlers named for it, and counts pending calls', async () => {
    const { callerPort, calleePort } = pair();
    const server = serveRpc<CalcApi, { tick: number; tock: string }>(calleePort, calc, { label: 'calc' });
    const seen: string[] = [];
    const client = createRpcClient<CalcApi, { tick: number; tock: string }>(callerPort, {
      label: 'calc',
      onEvent: (name, payload) => seen.push(`any ${name} ${String(payload)}`),
    });
    client.on('tick', (payload) => seen.push(`tick ${payload}`));
    const slow = client.api.slow({ ms: 30 });
    expect(client.pendingCount()).toBe(1);
    server.emit('tick', 1);
    server.emit('tock', 'x');
    await expect(slow).resolves.toBe('done');
    expect(client.pendingCount()).toBe(0);
    expect(seen).toEqual(['tick 1', 'any tick 1', 'any tock x']);
  });

  it('answers heartbeats', async () => {
    const { callerPort, calleePort } = pair();
    serveRpc(calleePort, calc, { label: 'calc' });
    const client = createRpcClient<CalcApi>(callerPort, { label: 'calc' });
    expect(await client.ping(1_000)).toBeGreaterThanOrEqual(0);
  });
});
