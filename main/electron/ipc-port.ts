/**
 * The renderer's one IPC channel pair (workers/common/bridge.ts), adapted to the RPC's `Port`.
 * Every incoming message is checked for its sender first (checklist item 17): it must come from
 * the main frame of Forkpad's own window, showing Forkpad's own page. The payload itself is then
 * decoded by the RPC and validated by the host's boundary (main/core/boundary), like every
 * message from the web host's WebSocket.
 */
import { BRIDGE_CHANNELS } from '../../workers/common/bridge.ts';
import type { Port, RpcMessage } from '../../workers/common/rpc-messages.ts';
import { isRendererPage } from './renderer-origin.ts';

/** The parts of an `IpcMainEvent` the sender check reads. */
export interface IpcSender {
  readonly sender: { readonly id: number };
  /** Null once the frame navigated away or was destroyed. */
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

/** The parts of `ipcMain` the port uses. */
export interface MainIpc {
  on(channel: string, listener: (event: IpcSender, message: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: IpcSender, message: unknown) => void): unknown;
}

/** The parts of the window's `webContents` the port uses. */
export interface RendererContents {
  readonly id: number;
  send(channel: string, message: unknown): void;
  isDestroyed(): boolean;
  getURL(): string;
}

export interface IpcPortOptions {
  /** electron-vite's dev server (`ELECTRON_RENDERER_URL`), trusted only in development. */
  readonly devServerUrl?: string;
  readonly log?: (line: string) => void;
}

/**
 * Why `event` does not come from Forkpad's renderer, or undefined when it does: the same
 * webContents, its main frame (not an iframe), showing the renderer page.
 */
export function untrustedSenderReason(event: IpcSender, contentsId: number, devServerUrl?: string): string | undefined {
  if (event.sender.id !== contentsId) return `it came from another webContents (${event.sender.id})`;
  const frame = event.senderFrame;
  if (frame === null) return 'its frame is gone';
  if (frame.parent !== null) return 'it came from a subframe';
  if (!isRendererPage(frame.url, devServerUrl)) return `it came from ${JSON.stringify(frame.url.slice(0, 200))}`;
  return undefined;
}

/**
 * A `Port` to the renderer in `contents`. Messages from any other sender are logged and dropped,
 * and nothing is sent while the window shows anything but the renderer page.
 */
export function createIpcPort(ipc: MainIpc, contents: RendererContents, options: IpcPortOptions = {}): Port {
  const log = options.log ?? ((line: string) => console.warn(line));
  return {
    post(message: RpcMessage): void {
      if (contents.isDestroyed()) return; // The window closed; its RPC is being torn down.
      if (!isRendererPage(contents.getURL(), options.devServerUrl)) {
        log(`[electron ipc] not sending ${message.type}: the window shows ${JSON.stringify(contents.getURL().slice(0, 200))}`);
        return;
      }
      contents.send(BRIDGE_CHANNELS.toRenderer, message);
    },
    listen(handler: (message: unknown) => void): () => void {
      const listener = (event: IpcSender, message: unknown): void => {
        const reason = untrustedSenderReason(event, contents.id, options.devServerUrl);
        if (reason !== undefined) {
          log(`[electron ipc] dropped a message: ${reason}`);
          return;
        }
        handler(message);
      };
      ipc.on(BRIDGE_CHANNELS.toHost, listener);
      return () => {
        ipc.removeListener(BRIDGE_CHANNELS.toHost, listener);
      };
    },
  };
}
