/**
 * Test helpers for the web host: raw HTTP requests (so paths are sent exactly as written, not
 * normalised by a URL parser) and an RPC client over a real `ws` WebSocket.
 */
import { request as httpRequest } from 'node:http';
import WebSocket from 'ws';
import type { HostApi, HostEvents } from '../../workers/common/host-api.ts';
import { createRpcClient, type RpcClient } from '../../workers/common/rpc.ts';
import type { Port } from '../../workers/common/rpc-messages.ts';

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

export function rawGet(port: number, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port, path, method, headers: { host: `127.0.0.1:${port}`, ...headers } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

/** Opens a WebSocket; resolves with it once open, or rejects with the refusal's status code. */
export function openSocket(url: string, headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => reject(Object.assign(new Error(`refused: ${response.statusCode} ${body.trim()}`), { status: response.statusCode })));
    });
    socket.once('error', reject);
  });
}

function textOf(data: WebSocket.RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  return Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data).toString('utf8');
}

export function socketPort(socket: WebSocket): Port {
  return {
    post: (message) => socket.send(JSON.stringify(message)),
    listen(handler) {
      const onMessage = (data: WebSocket.RawData) => handler(JSON.parse(textOf(data)));
      socket.on('message', onMessage);
      return () => socket.off('message', onMessage);
    },
  };
}

export interface HostConnection {
  readonly socket: WebSocket;
  readonly client: RpcClient<HostApi, HostEvents>;
  /** Events received so far, by name. */
  readonly events: { name: string; payload: unknown }[];
  close(): void;
}

export async function connectHost(port: number, token: string): Promise<HostConnection> {
  const socket = await openSocket(`ws://127.0.0.1:${port}/rpc?token=${token}`, { origin: `http://127.0.0.1:${port}` });
  const events: { name: string; payload: unknown }[] = [];
  socket.on('message', (data) => {
    const message = JSON.parse(textOf(data)) as { type?: string; name?: string; payload?: unknown };
    if (message.type === 'event' && typeof message.name === 'string') events.push({ name: message.name, payload: message.payload });
  });
  const client = createRpcClient<HostApi, HostEvents>(socketPort(socket), { label: '[test client]', defaultTimeoutMs: 10_000 });
  return {
    socket,
    client,
    events,
    close() {
      client.close();
      socket.close();
    },
  };
}

/** Resolves once `check` passes, polling; rejects after `timeoutMs`. */
export async function waitFor(check: () => boolean, timeoutMs = 5_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
