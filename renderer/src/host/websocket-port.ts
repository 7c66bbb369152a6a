/**
 * The web host's transport: the shared RPC's `Port` over one WebSocket carrying JSON text
 * frames. Messages posted before the socket opens are queued, so the first call can be made at
 * once; a closed socket is reported once, with its close code, and further posts throw.
 */
import { HeldQueue } from '../../../workers/common/held-queue.ts';
import type { Port, RpcMessage } from '../../../workers/common/rpc-messages.ts';

export interface HostLink {
  readonly port: Port;
  /** Runs once when the link to the host is lost; returns the unsubscribe function. */
  onClose(handler: (reason: string) => void): () => void;
  close(): void;
}

/** Largest frame the page accepts from the host (a 32 MB document as JSON plus slack). */
const MAX_FRAME_CHARS = 80 * 1024 * 1024;

export function connectWebSocket(url: string): HostLink {
  const socket = new WebSocket(url);
  /** Frames posted before the socket opened; dropped if it closes first. */
  const outgoing = new HeldQueue<string>();
  const listeners = new Set<(message: unknown) => void>();
  const closeHandlers = new Set<(reason: string) => void>();
  let closedReason: string | undefined;

  socket.addEventListener('open', () => outgoing.open((frame) => socket.send(frame)));
  socket.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (typeof event.data !== 'string' || event.data.length > MAX_FRAME_CHARS) {
      console.warn('[renderer websocket] dropped a non-text or oversized frame from the host');
      return;
    }
    let message: unknown;
    try {
      message = JSON.parse(event.data);
    } catch (error) {
      console.warn(`[renderer websocket] dropped a frame that is not JSON: ${String(error)}`);
      return;
    }
    // The RPC layer validates the shape (decodeRpcMessage); here it only has to be parsed.
    for (const listener of listeners) listener(message);
  });
  socket.addEventListener('close', (event) => {
    closedReason = event.reason || `the connection closed (code ${event.code})`;
    outgoing.close();
    for (const handler of closeHandlers) handler(closedReason);
    closeHandlers.clear();
  });

  const port: Port = {
    post(message: RpcMessage) {
      if (closedReason !== undefined) throw new Error(`Host connection lost: ${closedReason}`);
      outgoing.push(JSON.stringify(message));
    },
    listen(handler) {
      listeners.add(handler);
      return () => listeners.delete(handler);
    },
  };

  return {
    port,
    onClose(handler) {
      if (closedReason !== undefined) {
        handler(closedReason);
        return () => undefined;
      }
      closeHandlers.add(handler);
      return () => closeHandlers.delete(handler);
    },
    close: () => socket.close(1000, 'page closed'),
  };
}

/** The WebSocket address of the web host that served this page, carrying the page's token. */
export function webSocketUrl(location: Location): string {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/rpc?token=${encodeURIComponent(token)}`;
}
