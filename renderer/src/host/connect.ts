/**
 * Picks the transport to the host and wraps it in the one typed RPC client. In Electron the
 * preload exposes a bridge; in a browser the page reaches the web host that served it over a
 * WebSocket. Both carry the same `HostApi`, declared once in workers/common/host-api.ts.
 */
import { findBridge } from '../../../workers/common/bridge.ts';
import { Errors } from '../../../workers/common/errors.ts';
import type { HostApi, HostEvents } from '../../../workers/common/host-api.ts';
import { createRpcClient, type Port, type RpcClient } from '../../../workers/common/rpc.ts';
import { gateEvents } from './event-gate.ts';
import { connectWebSocket, webSocketUrl, type HostLink } from './websocket-port.ts';

export type HostClient = RpcClient<HostApi, HostEvents>;

/** The renderer's side of its link to the host: the RPC client, the transport, and the event hold while the app loads. */
export interface HostLinkClient {
  readonly client: HostClient;
  readonly link: HostLink;
  /** Queues the host's events until `releaseEvents` (while the app that takes them loads). */
  holdEvents(): void;
  releaseEvents(): void;
}

/** Long enough for a host busy with inline grammar on a large document; shorter calls set their own. */
const DEFAULT_TIMEOUT_MS = 60_000;

/** Electron's preload bridge as a link: IPC has no close of its own; the window closes with the host. */
function bridgeLink(port: Port): HostLink {
  return { port, onClose: () => () => undefined, close: () => undefined };
}

export function connectHost(): HostLinkClient {
  const bridge = findBridge(window);
  const link = bridge ? bridgeLink(bridge) : connectWebSocket(webSocketUrl(window.location));
  const gate = gateEvents(link.port);
  const client: HostClient = createRpcClient<HostApi, HostEvents>(gate.port, {
    label: '[host]',
    defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
    log: (line) => console.warn(`[renderer] ${line}`),
  });
  link.onClose((reason) => client.close(Errors.hostGone('The host', reason)));
  return { client, link, holdEvents: () => gate.hold(), releaseEvents: () => gate.release() };
}
