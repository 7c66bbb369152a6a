/**
 * The Electron preload bridge, as the renderer sees it. The preload exposes exactly a `Port`
 * over one IPC channel pair; the renderer wraps it with `createRpcClient<HostApi>`, just as it
 * wraps the web host's WebSocket. Nothing of the host API is written here a second time.
 */
import type { Port } from './rpc-messages.ts';

/** The property of `window` under which the preload exposes the bridge: `window.forkpad`. */
export const BRIDGE_GLOBAL = 'forkpad';

/** The two IPC channels that carry `RpcMessage`s between the renderer and the Electron host. */
export const BRIDGE_CHANNELS = {
  /** Renderer → host (`ipcRenderer.send`, received by `ipcMain.on`). */
  toHost: 'forkpad:rpc:to-host',
  /** Host → renderer (`webContents.send`, received by `ipcRenderer.on`). */
  toRenderer: 'forkpad:rpc:to-renderer',
} as const;

/** What the preload puts on `window[BRIDGE_GLOBAL]`: a `Port`, nothing more. */
export type BridgePort = Port;

/** The shape of a window that has the bridge (the Electron renderer). */
export type BridgeWindow = { readonly [BRIDGE_GLOBAL]?: BridgePort };

/**
 * The bridge on `globalObject` (the renderer's `window`), or undefined when the page does not
 * run under Electron's preload (the web host's page). Checks the shape rather than trusting it,
 * because anything on `window` could have been put there by page script.
 */
export function findBridge(globalObject: unknown): BridgePort | undefined {
  if (typeof globalObject !== 'object' || globalObject === null) return undefined;
  const candidate: unknown = (globalObject as Record<string, unknown>)[BRIDGE_GLOBAL];
  if (typeof candidate !== 'object' || candidate === null) return undefined;
  const { post, listen } = candidate as Record<string, unknown>;
  if (typeof post !== 'function' || typeof listen !== 'function') return undefined;
  return candidate as BridgePort;
}
