import { describe, expect, it } from 'vitest';
import { BRIDGE_CHANNELS, findBridge } from '../workers/common/bridge.ts';
import { createBridgePort, type RendererIpc } from './bridge-port.ts';

type Listener = (event: unknown, message: unknown) => void;

function fakeIpc() {
  const sent: { channel: string; message: unknown }[] = [];
  const listeners = new Map<string, Set<Listener>>();
  const ipc: RendererIpc = {
    send: (channel, message) => sent.push({ channel, message }),
    on: (channel, listener) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener)),
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
  };
  const deliver = (channel: string, message: unknown) => {
    for (const listener of listeners.get(channel) ?? []) listener({ sender: 'the ipc event' }, message);
  };
  return { ipc, sent, listeners, deliver };
}

describe('preload bridge port', () => {
  it('posts on the to-host channel', () => {
    const { ipc, sent } = fakeIpc();
    createBridgePort(ipc).post({ type: 'ping', id: 1 });
    expect(sent).toEqual([{ channel: BRIDGE_CHANNELS.toHost, message: { type: 'ping', id: 1 } }]);
  });

  it('hands the renderer only the message, never the IPC event, and unsubscribes', () => {
    const { ipc, deliver, listeners } = fakeIpc();
    const received: unknown[][] = [];
    const stop = createBridgePort(ipc).listen((...args: unknown[]) => received.push(args));
    deliver(BRIDGE_CHANNELS.toRenderer, { type: 'pong', id: 1 });
    deliver(BRIDGE_CHANNELS.toHost, { type: 'pong', id: 2 });
    expect(received).toEqual([[{ type: 'pong', id: 1 }]]);
    stop();
    expect(listeners.get(BRIDGE_CHANNELS.toRenderer)?.size).toBe(0);
    deliver(BRIDGE_CHANNELS.toRenderer, { type: 'pong', id: 3 });
    expect(received).toHaveLength(1);
  });

  it('is what the renderer finds on window.forkpad, and nothing else is', () => {
    const port = createBridgePort(fakeIpc().ipc);
    expect(findBridge({ forkpad: port })).toBe(port);
    expect(findBridge({})).toBeUndefined();
    expect(findBridge({ forkpad: { post: 'not a function', listen: () => undefined } })).toBeUndefined();
    expect(findBridge(null)).toBeUndefined();
  });
});
