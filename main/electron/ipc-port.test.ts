import { describe, expect, it } from 'vitest';
import { BRIDGE_CHANNELS } from '../../workers/common/bridge.ts';
import type { HostApi } from '../../workers/common/host-api.ts';
import { createRpcClient, serveRpc, type Port } from '../../workers/common/rpc.ts';
import { validateHostRequest } from '../core/boundary/validate-host-request.ts';
import { createIpcPort, untrustedSenderReason, type IpcSender, type MainIpc, type RendererContents } from './ipc-port.ts';
import { RENDERER_ENTRY_URL } from './renderer-origin.ts';

type Listener = (event: IpcSender, message: unknown) => void;

function fakeElectron(url = RENDERER_ENTRY_URL) {
  const listeners = new Map<string, Set<Listener>>();
  const sent: unknown[] = [];
  const ipc: MainIpc = {
    on: (channel, listener) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener)),
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
  };
  const contents: RendererContents & { url: string; destroyed: boolean } = {
    id: 7,
    url,
    destroyed: false,
    send: (channel, message) => sent.push({ channel, message }),
    isDestroyed() {
      return this.destroyed;
    },
    getURL() {
      return this.url;
    },
  };
  const fromRenderer = (message: unknown, event: IpcSender = { sender: { id: 7 }, senderFrame: { url: contents.url, parent: null } }) => {
    for (const listener of listeners.get(BRIDGE_CHANNELS.toHost) ?? []) listener(event, message);
  };
  return { ipc, contents, sent, listeners, fromRenderer };
}

describe('IPC sender check', () => {
  const frame = (url: string, parent: unknown = null) => ({ url, parent });
  it.each([
    ['the renderer page', { sender: { id: 7 }, senderFrame: frame(RENDERER_ENTRY_URL) }, undefined],
    ['another window', { sender: { id: 8 }, senderFrame: frame(RENDERER_ENTRY_URL) }, 'another webContents'],
    ['a destroyed frame', { sender: { id: 7 }, senderFrame: null }, 'frame is gone'],
    ['a subframe', { sender: { id: 7 }, senderFrame: frame(RENDERER_ENTRY_URL, {}) }, 'subframe'],
    ['a remote page', { sender: { id: 7 }, senderFrame: frame('https://evil.example/') }, 'evil.example'],
    ['a file:// page', { sender: { id: 7 }, senderFrame: frame('file:///tmp/index.html') }, 'file:///tmp'],
    ['a renderer asset', { sender: { id: 7 }, senderFrame: frame('forkpad://app/assets/x.html') }, 'assets'],
    ['the dev server when not in dev', { sender: { id: 7 }, senderFrame: frame('http://localhost:5173/') }, 'localhost'],
  ] as const)('%s', (_name, event, expected) => {
    const reason = untrustedSenderReason(event, 7);
    if (expected === undefined) expect(reason).toBeUndefined();
    else expect(reason).toContain(expected);
  });

  it('trusts the dev server only when it is the configured one', () => {
    const event = { sender: { id: 7 }, senderFrame: frame('http://localhost:5173/') };
    expect(untrustedSenderReason(event, 7, 'http://localhost:5173')).toBeUndefined();
  });
});

describe('IPC port', () => {
  it('passes trusted messages to the handler and drops others with a log line', () => {
    const electron = fakeElectron();
    const logged: string[] = [];
    const received: unknown[] = [];
    const stop = createIpcPort(electron.ipc, electron.contents, { log: (line) => logged.push(line) }).listen((message) => received.push(message));
    electron.fromRenderer({ type: 'ping', id: 1 });
    electron.fromRenderer({ type: 'ping', id: 2 }, { sender: { id: 7 }, senderFrame: { url: 'https://evil.example/', parent: null } });
    expect(received).toEqual([{ type: 'ping', id: 1 }]);
    expect(logged).toEqual([expect.stringContaining('dropped a message: it came from "https://evil.example/"')]);
    stop();
    expect(electron.listeners.get(BRIDGE_CHANNELS.toHost)?.size).toBe(0);
  });

  it('sends only to the renderer page of a live window', () => {
    const electron = fakeElectron();
    const logged: string[] = [];
    const port = createIpcPort(electron.ipc, electron.contents, { log: (line) => logged.push(line) });
    port.post({ type: 'pong', id: 1 });
    electron.contents.url = 'https://evil.example/';
    port.post({ type: 'pong', id: 2 });
    electron.contents.url = RENDERER_ENTRY_URL;
    electron.contents.destroyed = true;
    port.post({ type: 'pong', id: 3 });
    expect(electron.sent).toEqual([{ channel: BRIDGE_CHANNELS.toRenderer, message: { type: 'pong', id: 1 } }]);
    expect(logged).toHaveLength(1);
  });

  it('carries the host API end to end, validating every request at the boundary', async () => {
    const electron = fakeElectron();
    const calls: unknown[] = [];
    const server = serveRpc(
      createIpcPort(electron.ipc, electron.contents, { log: () => undefined }),
      { setIsolation: (request: unknown) => (calls.push(request), { keystroke: 'thread', render: 'thread', spellcheck: 'thread', grammar: 'thread' }) },
      { label: '[electron host]', validate: validateHostRequest, log: () => undefined },
    );
    // The renderer side: its port posts into ipcMain and hears what the host sends.
    const rendererHandlers = new Set<(message: unknown) => void>();
    electron.contents.send = (_channel, message) => rendererHandlers.forEach((handler) => handler(message));
    const rendererPort: Port = {
      post: (message) => electron.fromRenderer(message),
      listen: (handler) => (rendererHandlers.add(handler), () => rendererHandlers.delete(handler)),
    };
    const client = createRpcClient<HostApi>(rendererPort, { label: '[host]', defaultTimeoutMs: 10_000 });
    await expect(client.api.setIsolation({ preset: 'threads' })).resolves.toMatchObject({ grammar: 'thread' });
    await expect(client.api.setIsolation({ preset: 'warp' } as never)).rejects.toThrow('Invalid setIsolation request');
    expect(calls).toEqual([{ preset: 'threads' }]);
    client.close();
    server.close();
  });
});
