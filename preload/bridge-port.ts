/**
 * The preload's bridge: a `Port` over one IPC channel pair. Kept apart from `index.ts` (which
 * needs Electron) so that it is unit-tested in plain Node with a fake `ipcRenderer`.
 */
import { BRIDGE_CHANNELS, type BridgePort } from '../workers/common/bridge.ts';
import type { RpcMessage } from '../workers/common/rpc-messages.ts';

/** The part of Electron's `ipcRenderer` the bridge uses. */
export interface RendererIpc {
  send(channel: string, message: unknown): void;
  on(channel: string, listener: (event: unknown, message: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, message: unknown) => void): unknown;
}

/**
 * Builds the object the preload exposes as `window.forkpad`. The renderer's handler receives
 * only the message, never Electron's event object (whose `sender` would hand page script an
 * Electron API: checklist item 20).
 */
export function createBridgePort(ipc: RendererIpc): BridgePort {
  return {
    post(message: RpcMessage): void {
      ipc.send(BRIDGE_CHANNELS.toHost, message);
    },
    listen(handler: (message: unknown) => void): () => void {
      const listener = (_event: unknown, message: unknown): void => handler(message);
      ipc.on(BRIDGE_CHANNELS.toRenderer, listener);
      return () => {
        ipc.removeListener(BRIDGE_CHANNELS.toRenderer, listener);
      };
    },
  };
}
