/**
 * Boundary validation (issue 8): the shared malformed-message corpus (boundary-corpus.ts) goes to
 * the web host's real WebSocket and to Electron's IPC port (main/electron/ipc-port.ts, driven
 * through a stand-in for ipcMain), both serving the real host core with the real supervisor and
 * tasks. Every message is refused with a clear error, nothing reaches a task (a spy counts every
 * call into the supervisor), the document is untouched, and the host answers valid calls after.
 *
 * test/host/web-boundary.test.ts runs a smaller list over a fake supervisor; this is the corpus
 * the Electron tests can import as well.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { validateHostRequest } from '../../main/core/boundary/validate-host-request.ts';
import { serveHost } from '../../main/core/host-service/serve-host.ts';
import { createIpcPort, type IpcSender, type MainIpc, type RendererContents } from '../../main/electron/ipc-port.ts';
import { RENDERER_ENTRY_URL } from '../../main/electron/renderer-origin.ts';
import { MAX_FRAME_BYTES, startWebServer, type WebServer } from '../../main/web/web-server.ts';
import { BRIDGE_CHANNELS } from '../../workers/common/bridge.ts';
import { connectHost, type HostConnection } from '../host/web-client.ts';
import { countByCategory, MALFORMED_CALLS, MALFORMED_FRAMES, type MalformedCall } from './boundary-corpus.ts';
import { countingSupervisor, type CallCounts } from './support/counting-supervisor.ts';
import { ranWhole, recordFigures } from './support/figures.ts';
import { startRealCore, until, type RealCore } from './support/real-core.ts';

const startedAt = performance.now();
const CLEAR = /^(INVALID_INPUT|UNKNOWN_METHOD|TOO_LARGE)$/;

let real: RealCore;
let calls: CallCounts;
let server: WebServer;
let host: HostConnection;
const refused = { websocket: 0, ipc: 0, frames: 0, oversizedFrames: 0, untrustedSenders: 0 };
/** Calls into the supervisor while the corpus was sent: must stay 0. */
let reached = 0;

interface Reply {
  readonly type: string;
  readonly id?: number;
  readonly error?: { readonly message: string; readonly code?: string };
}

beforeAll(async () => {
  real = await startRealCore({
    wrapSupervisor: (inner) => {
      const spied = countingSupervisor(inner);
      calls = spied.calls;
      return spied.supervisor;
    },
  });
  await real.core.ready;
  const renderer = join(real.root, 'renderer');
  await mkdir(renderer, { recursive: true });
  await writeFile(join(renderer, 'index.html'), '<!doctype html><title>Forkpad</title>');
  server = await startWebServer({ rendererRoot: renderer, core: real.core, validate: validateHostRequest, log: (line) => real.logs.push(line) });
  host = await connectHost(server.port, server.token);
}, 120_000);

afterAll(async ({}, file) => {
  host.close();
  await server.close();
  if (ranWhole(file)) await recordBoundaryFigures();
  await real.close();
}, 60_000);

/** Sends a raw call frame and resolves with the reply to it. */
function rawCall(socket: WebSocket, id: number, method: string, request: unknown): Promise<Reply> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer) => {
      const reply = JSON.parse(data.toString('utf8')) as Reply;
      if (reply.id !== id || reply.type === 'event') return;
      socket.off('message', onMessage);
      resolve(reply);
    };
    socket.on('message', onMessage);
    socket.send(JSON.stringify({ type: 'call', id, method, request }));
  });
}

function expectClearRefusal(reply: Reply | undefined, call: MalformedCall): void {
  expect(reply?.type, `${call.method} (${call.category}) was answered with ${JSON.stringify(reply).slice(0, 200)}`).toBe('error');
  expect(reply?.error?.code).toMatch(CLEAR);
  expect(reply?.error?.message).toMatch(call.says);
  expect(reply?.error?.message.length).toBeLessThan(1_000);
}

function documentNow() {
  return { uri: real.core.session.uri, version: real.core.session.version, text: real.core.session.text };
}

describe('over the web host WebSocket', () => {
  const overJson = MALFORMED_CALLS.filter((call) => call.json);

  it(`refuses all ${overJson.length} malformed calls clearly; none reaches a task or the document`, async () => {
    const before = { requested: calls.requested(), document: documentNow() };
    let id = 1_000_000;
    for (const call of overJson) {
      expectClearRefusal(await rawCall(host.socket, (id += 1), call.method, call.request), call);
      refused.websocket += 1;
    }
    reached += calls.requested() - before.requested;
    expect(calls.requested()).toBe(before.requested);
    expect(documentNow()).toEqual(before.document);
    await expect(host.client.api.hello(null)).resolves.toMatchObject({ platform: 'web', document: { version: before.document.version } });
  }, 120_000);

  it(`answers each of ${MALFORMED_FRAMES.length} frames that are not messages with a protocol error, and stays up`, async () => {
    const errors = () => host.events.filter((event) => event.name === 'protocolError').map((event) => (event.payload as { message: string }).message);
    for (const { name, frame, says } of MALFORMED_FRAMES) {
      const count = errors().length;
      host.socket.send(frame, { binary: Buffer.isBuffer(frame) });
      await until(() => errors().length > count, `a protocol error for ${name}`, 10_000);
      expect(errors().at(-1), name).toMatch(says);
      refused.frames += 1;
    }
    await expect(host.client.api.hello(null)).resolves.toMatchObject({ platform: 'web' });
  }, 60_000);

  it(`closes a connection that sends a frame over ${MAX_FRAME_BYTES.toLocaleString('en-US')} bytes, and takes the next one`, async () => {
    const doomed = await connectHost(server.port, server.token);
    const closed = new Promise<number>((resolve) => doomed.socket.once('close', (code) => resolve(code)));
    doomed.socket.send(JSON.stringify({ type: 'call', id: 1, method: 'resync', request: { uri: 'untitled:1', version: 1, text: 'x'.repeat(MAX_FRAME_BYTES) } }));
    expect(await closed).toBe(1009);
    refused.oversizedFrames += 1;
    host = await connectHost(server.port, server.token);
    await expect(host.client.api.hello(null)).resolves.toMatchObject({ platform: 'web' });
  }, 60_000);
});

/** Electron's side: ipcMain and the window's webContents as the IPC port uses them. */
function electronStandIn() {
  const listeners = new Set<(event: IpcSender, message: unknown) => void>();
  const toRenderer: unknown[] = [];
  const ipc: MainIpc = {
    on: (channel, listener) => (channel === BRIDGE_CHANNELS.toHost ? listeners.add(listener) : undefined),
    removeListener: (_channel, listener) => listeners.delete(listener),
  };
  const contents: RendererContents = { id: 1, send: (_channel, message) => toRenderer.push(message), isDestroyed: () => false, getURL: () => RENDERER_ENTRY_URL };
  const trusted: IpcSender = { sender: { id: 1 }, senderFrame: { url: RENDERER_ENTRY_URL, parent: null } };
  const send = (message: unknown, from: IpcSender = trusted) => listeners.forEach((listener) => listener(from, message));
  return { ipc, contents, toRenderer, send };
}

describe('over Electron IPC', () => {
  it(`refuses all ${MALFORMED_CALLS.length} malformed calls clearly, structured-clone values included`, async () => {
    const electron = electronStandIn();
    const connection = serveHost(real.core, createIpcPort(electron.ipc, electron.contents, { log: () => undefined }), { label: '[electron host]', validate: validateHostRequest, log: () => undefined });
    const before = { requested: calls.requested(), document: documentNow() };
    const reply = (id: number) => electron.toRenderer.find((message) => (message as Reply).id === id) as Reply | undefined;
    try {
      for (const [index, call] of MALFORMED_CALLS.entries()) {
        // What ipcRenderer.send delivers: a structured clone.
        electron.send({ type: 'call', id: index + 1, method: call.method, request: structuredClone(call.request) });
        await until(() => reply(index + 1) !== undefined, `the reply to ${call.method} (${call.category})`, 10_000);
        expectClearRefusal(reply(index + 1), call);
        refused.ipc += 1;
      }
      // A message from any other frame is dropped before it is even decoded. The same call from
      // the trusted frame, sent after it, is answered after any answer to it would have been: no
      // fixed sleep that a loaded machine could outlast.
      electron.send({ type: 'call', id: 99_999, method: 'hello', request: null }, { sender: { id: 1 }, senderFrame: { url: 'https://evil.example/', parent: null } });
      electron.send({ type: 'call', id: 100_000, method: 'hello', request: null });
      await until(() => reply(100_000) !== undefined, 'hello over IPC');
      expect(reply(100_000)?.type).toBe('result');
      expect(reply(99_999)).toBeUndefined();
      refused.untrustedSenders += 1;
      reached += calls.requested() - before.requested;
      expect(calls.requested()).toBe(before.requested);
      expect(documentNow()).toEqual(before.document);
    } finally {
      connection.close();
    }
  }, 120_000);
});

describe('afterwards', () => {
  it('the host is healthy: a valid change reaches every task, and spelling suggestions come from the real task', async () => {
    const again = await connectHost(server.port, server.token);
    try {
      const { document } = await again.client.api.hello(null);
      const before = calls.requested();
      const answer = await again.client.api.change({ uri: document.uri, version: document.version + 1, edits: [{ offset: 0, length: 0, text: 'recieve ' }], keys: [{ kind: 'paste', at: Date.now() }] });
      expect(answer.version).toBe(document.version + 1);
      await until(() => ['keystroke', 'render', 'spellcheck', 'grammar'].every((task) => (calls.counts.get(`${task}.change`) ?? 0) > 0), 'the change at every task');
      expect(calls.requested()).toBeGreaterThanOrEqual(before + 4);
      const suggestions = await again.client.api.suggest({ word: 'recieve' });
      expect(suggestions.suggestions).toContain('receive');
      expect(real.supervisor.status().every((status) => status.state !== 'stopped' && status.restarts === 0)).toBe(true);
    } finally {
      again.close();
      host = await connectHost(server.port, server.token);
    }
  }, 60_000);
});

async function recordBoundaryFigures(): Promise<void> {
  const categories = countByCategory(MALFORMED_CALLS);
  await recordFigures(
    {
      suite: '4-boundary',
      title: 'Boundary validation',
      file: 'test/reliability/boundary.test.ts',
      summary:
        'The malformed-message corpus in test/reliability/boundary-corpus.ts goes, message by message, to the web host\'s real WebSocket and to ' +
        'Electron\'s IPC port (structured-clone values included), both serving the real host core with the real supervisor and tasks. A spy on the ' +
        'supervisor counts every call that could reach a task: it must not move, the document must not change, every refusal must carry ' +
        'INVALID_INPUT, UNKNOWN_METHOD or TOO_LARGE and say what was wrong, and a valid change and a spelling suggestion work afterwards.',
      figures: [
        { label: 'malformed calls refused over the WebSocket', value: refused.websocket, unit: `of ${MALFORMED_CALLS.filter((call) => call.json).length}`, bound: 'all' },
        { label: 'malformed calls refused over Electron IPC', value: refused.ipc, unit: `of ${MALFORMED_CALLS.length}`, bound: 'all' },
        { label: 'broken frames answered with a protocol error', value: refused.frames, unit: `of ${MALFORMED_FRAMES.length}`, bound: 'all' },
        { label: 'oversized frames closed (1009)', value: refused.oversizedFrames, bound: '1' },
        { label: 'messages from an untrusted IPC sender dropped', value: refused.untrustedSenders, bound: '1' },
        { label: 'calls that reached the supervisor or a task while the corpus was sent', value: reached, bound: '0' },
      ],
      tables: [{ title: 'The corpus by category', columns: ['category', 'messages'], rows: [...categories].map(([category, count]) => [category, count]) }],
    },
    startedAt,
  );
}
