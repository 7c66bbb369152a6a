/**
 * Serves the host core's `HostApi` on one renderer's `Port` (a WebSocket in the web host, the
 * preload bridge's IPC in Electron) and sends it the core's events until it disconnects.
 */
import type { HostEvents } from '../../../workers/common/host-api.ts';
import { serveRpc } from '../../../workers/common/rpc.ts';
import type { Port } from '../../../workers/common/rpc-messages.ts';
import type { HostCore } from './host-core.ts';

export interface HostConnection {
  emit<K extends keyof HostEvents>(name: K, payload: HostEvents[K]): void;
  /** Stops serving: calls still running are aborted, and events go nowhere. */
  close(): void;
}

export interface ServeHostOptions {
  /** Names the connection in logs, e.g. `[web host rpc]`. */
  readonly label: string;
  /** `validateHostRequest` from main/core/boundary: every request is checked before the core sees it. */
  readonly validate: (method: string, request: unknown) => void;
  readonly log: (line: string) => void;
}

export function serveHost(core: Pick<HostCore, 'api' | 'attach'>, port: Port, options: ServeHostOptions): HostConnection {
  const rpc = serveRpc<object, HostEvents>(port, core.api, { label: options.label, validate: options.validate, log: options.log });
  const emit = <K extends keyof HostEvents>(name: K, payload: HostEvents[K]) => rpc.emit(name, payload);
  const detach = core.attach(emit);
  return {
    emit,
    close() {
      detach();
      rpc.close();
    },
  };
}
