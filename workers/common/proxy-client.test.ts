import { describe, expect, it } from 'vitest';
import { proxyClient } from './proxy-client.ts';
import type { CallOptions } from './rpc.ts';

interface EchoApi {
  echo(request: { text: string }): string;
}

describe('proxyClient', () => {
  it('sends every method to one call, with its request and options', async () => {
    const sent: [string, unknown, CallOptions | undefined][] = [];
    const client = proxyClient<EchoApi>((method, request, options) => {
      sent.push([method, request, options]);
      return Promise.resolve(`${method}:${(request as { text: string }).text}`);
    });
    const options = { timeoutMs: 5 };
    await expect(client.echo({ text: 'a' }, options)).resolves.toBe('echo:a');
    expect(sent).toEqual([['echo', { text: 'a' }, options]]);
  });

  it('is no promise: awaiting it gives the client back and sends nothing', async () => {
    let sends = 0;
    const client = proxyClient<EchoApi>(() => Promise.resolve((sends += 1)));
    // A thenable would be called here; the client must come back as it is.
    expect(await Promise.resolve(client)).toBe(client);
    expect((client as unknown as Record<symbol, unknown>)[Symbol.iterator]).toBeUndefined();
    expect(sends).toBe(0);
  });
});
