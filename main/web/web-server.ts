/**
 * The web host's server: one HTTP listener on 127.0.0.1 that serves the built renderer and
 * upgrades `/rpc` to a WebSocket carrying `HostApi`. Every request is authorized (web-auth.ts).
 *
 * One editing session per host process, and one page attached to it: a page that connects takes
 * the session over, and the page it replaces is disconnected with close code 4001 and a reason it
 * can show. Sharing one document between two editors would need operational transforms; refusing
 * the newcomer would lock the user out after a reload whose old socket has not closed yet.
 */
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { WEB_HOST_RPC_PATH } from '../../workers/common/host-api.ts';
import type { HostCore } from '../core/host-service/host-core.ts';
import { serveHost } from '../core/host-service/serve-host.ts';
import { authorizeRequest, authorizeUpgrade, cookieHeader, createToken, type Gate } from './web-auth.ts';
import { sendText, serveStatic, warmStaticFiles } from './static-files.ts';
import { webSocketPort } from './websocket-port.ts';

/** Largest frame the host accepts: a whole 32 Mi-unit document as JSON (a resync) plus slack. */
export const MAX_FRAME_BYTES = 40 * 1024 * 1024;
export const TAKEN_OVER_CODE = 4001;

export interface WebServerOptions {
  /** The built renderer folder (a real path). */
  readonly rendererRoot: string;
  readonly core: Pick<HostCore, 'api' | 'attach'>;
  /** `serveRpc`'s boundary validator (main/core/boundary). */
  readonly validate: (method: string, request: unknown) => void;
  readonly log: (line: string) => void;
  readonly port?: number;
  /** A fixed token for tests; a random one by default. */
  readonly token?: string;
}

export interface WebServer {
  readonly port: number;
  readonly token: string;
  /** The URL to open, token included. */
  readonly url: string;
  /** Stops accepting, disconnects the page (1001 going away), and resolves once the listener closed. */
  close(): Promise<void>;
}

function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  const body = `${reason}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Refused'}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

function requestUrl(request: IncomingMessage): URL | undefined {
  try {
    return new URL(request.url ?? '/', 'http://127.0.0.1');
  } catch {
    return undefined; // Not a URL at all: answered as a bad request by the caller.
  }
}

/** Answers a plain HTTP request: authorized GET or HEAD of a renderer file, or a clear refusal. */
function handleRequest(gate: Gate, options: WebServerOptions) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    const url = requestUrl(request);
    if (!url) return sendText(response, 400, 'Bad request: the request target is not a path.');
    const auth = authorizeRequest(gate, request, url);
    if (!auth.ok) return sendText(response, auth.status, auth.reason);
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendText(response, 405, 'Method not allowed.', { Allow: 'GET, HEAD' });
    if (url.pathname === WEB_HOST_RPC_PATH) return sendText(response, 426, 'This address takes a WebSocket.', { Upgrade: 'websocket' });
    const cookie: Record<string, string> = auth.tokenInUrl ? { 'Set-Cookie': cookieHeader(gate.port, gate.token) } : {};
    // The raw path, not `url.pathname`: the URL parser would quietly resolve `..` and turn `\` into `/`.
    const rawPath = (request.url ?? '/').split('?')[0] ?? '/';
    serveStatic(options.rendererRoot, request, response, rawPath, cookie).catch((error: unknown) => {
      options.log(`[web host] serving ${url.pathname} failed: ${String(error)}`);
      if (!response.headersSent) sendText(response, 500, 'Internal error.');
      else response.destroy();
    });
  };
}

/** The one page attached to the session: a newcomer takes over, the one it replaces is told why. */
class Attachment {
  private current: WebSocket | undefined;
  private readonly options: WebServerOptions;

  constructor(options: WebServerOptions) {
    this.options = options;
  }

  take(webSocket: WebSocket): void {
    this.current?.close(TAKEN_OVER_CODE, 'Forkpad was opened in another tab or window; this one is disconnected.');
    this.current = webSocket;
    const label = '[web host rpc]';
    const { log, validate, core } = this.options;
    const connection = serveHost(core, webSocketPort(webSocket, { label, log }), { label, validate, log });
    webSocket.on('error', (error) => log(`${label} socket error: ${error.message}`));
    webSocket.on('close', (code) => {
      connection.close();
      if (this.current === webSocket) this.current = undefined;
      if (code === 1009) log(`${label} closed a connection that sent a frame over ${MAX_FRAME_BYTES} bytes`);
    });
  }
}

/** Upgrades an authorized request for the RPC path to a WebSocket; refuses anything else with a status. */
function handleUpgrade(gate: Gate, sockets: WebSocketServer, attachment: Attachment, log: (line: string) => void) {
  return (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const url = requestUrl(request);
    if (!url || url.pathname !== WEB_HOST_RPC_PATH) return refuseUpgrade(socket, 404, `Not found: the WebSocket is at ${WEB_HOST_RPC_PATH}.`);
    const auth = authorizeUpgrade(gate, request, url);
    if (!auth.ok) {
      log(`[web host] refused a WebSocket: ${auth.reason}`);
      return refuseUpgrade(socket, auth.status, auth.reason);
    }
    sockets.handleUpgrade(request, socket, head, (webSocket) => attachment.take(webSocket));
  };
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const gate: Gate = { token: options.token ?? createToken(), port: 0 };
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });
  const server: Server = createServer(handleRequest(gate, options));
  server.on('upgrade', handleUpgrade(gate, sockets, new Attachment(options), options.log));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  gate.port = (server.address() as AddressInfo).port;
  void warmStaticFiles(options.rendererRoot, options.log);
  return {
    port: gate.port,
    token: gate.token,
    url: `http://127.0.0.1:${gate.port}/?token=${gate.token}`,
    async close() {
      for (const client of sockets.clients) client.close(1001, 'The Forkpad web host is shutting down.');
      sockets.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
