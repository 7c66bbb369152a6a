import { MessageChannel, Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { portOf } from './message-port.ts';

const channels: MessageChannel[] = [];
afterEach(() => {
  for (const channel of channels.splice(0)) channel.port1.close();
});

function received(port: ReturnType<typeof portOf>): Promise<unknown> {
  return new Promise((resolve) => {
    const stop = port.listen((message) => {
      stop();
      resolve(message);
    });
  });
}

describe('portOf', () => {
  it('posts and receives structured messages over a MessageChannel, in both directions', async () => {
    const channel = new MessageChannel();
    channels.push(channel);
    const [a, b] = [portOf(channel.port1), portOf(channel.port2)];
    const atB = received(b);
    a.post({ type: 'call', id: 1, method: 'check', request: { bytes: new Uint8Array([1, 2]) } });
    expect(await atB).toEqual({ type: 'call', id: 1, method: 'check', request: { bytes: new Uint8Array([1, 2]) } });
    const atA = received(a);
    b.post({ type: 'pong', id: 1 });
    expect(await atA).toEqual({ type: 'pong', id: 1 });
  });

  it('stops delivering to a handler once it is unsubscribed', async () => {
    const channel = new MessageChannel();
    channels.push(channel);
    const [a, b] = [portOf(channel.port1), portOf(channel.port2)];
    const late: unknown[] = [];
    const stop = b.listen((message) => late.push(message));
    stop();
    const next = received(b);
    a.post({ type: 'ping', id: 2 });
    expect(await next).toEqual({ type: 'ping', id: 2 });
    expect(late).toEqual([]);
  });

  it('adapts a Worker from the host side', async () => {
    const worker = new Worker('require("node:worker_threads").parentPort.on("message", (m) => require("node:worker_threads").parentPort.postMessage({ type: "pong", id: m.id * 2 }))', { eval: true });
    try {
      const port = portOf(worker);
      const answer = received(port);
      port.post({ type: 'ping', id: 21 });
      expect(await answer).toEqual({ type: 'pong', id: 42 });
    } finally {
      await worker.terminate();
    }
  });
});
