import { describe, expect, it } from 'vitest';
import type { Port, RpcMessage } from '../../workers/common/rpc-messages.ts';
import { watchHello } from './hello-watch.ts';

function fakePort(): { port: Port; posted: RpcMessage[]; receive: (message: unknown) => void } {
  const posted: RpcMessage[] = [];
  let handler: (message: unknown) => void = () => undefined;
  return {
    posted,
    receive: (message) => handler(message),
    port: {
      post: (message) => void posted.push(message),
      listen: (listener) => {
        handler = listener;
        return () => undefined;
      },
    },
  };
}

describe('watching for the page’s hello', () => {
  it('calls back after the answer to hello is posted, once per hello', () => {
    const { port, posted, receive } = fakePort();
    const order: string[] = [];
    const watched = watchHello(port, () => order.push(`answered after ${posted.length} posts`));
    const received: unknown[] = [];
    watched.listen((message) => received.push(message));
    receive({ type: 'call', id: 1, method: 'hello', request: null });
    receive({ type: 'call', id: 2, method: 'stats', request: null });
    expect(received).toHaveLength(2); // Everything still reaches the server.
    watched.post({ type: 'result', id: 2, value: null });
    expect(order).toEqual([]);
    watched.post({ type: 'result', id: 1, value: {} });
    expect(order).toEqual(['answered after 2 posts']);
    watched.post({ type: 'result', id: 1, value: {} });
    expect(order).toHaveLength(1);
    // A reloaded page says hello again.
    receive({ type: 'call', id: 1, method: 'hello', request: null });
    watched.post({ type: 'result', id: 1, value: {} });
    expect(order).toHaveLength(2);
  });

  it('does not call back for a hello that failed', () => {
    const { port, receive } = fakePort();
    let answered = 0;
    const watched = watchHello(port, () => (answered += 1));
    watched.listen(() => undefined);
    receive({ type: 'call', id: 5, method: 'hello', request: null });
    watched.post({ type: 'error', id: 5, error: { name: 'Error', message: 'no' } });
    watched.post({ type: 'result', id: 5, value: {} });
    expect(answered).toBe(0);
  });
});
