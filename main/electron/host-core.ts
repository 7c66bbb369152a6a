/**
 * What the Electron shell needs from the host core, and the one function that builds it. The
 * core itself (EditorSession, TaskSupervisor, host service) is plain Node and shared with the web
 * host; this file only names what main.ts calls, so the shell stays thin.
 */
import type { HostEvents } from '../../workers/common/host-api.ts';
import type { MenuState } from '../../workers/common/menu-model.ts';
import type { Port } from '../../workers/common/rpc-messages.ts';
import type { EntryPaths } from '../core/hosts/entry-paths.ts';
import type { ProcessSpawner } from '../core/hosts/process-spawner.ts';
import type { ProcessMetricsSource } from '../core/probes/process-metrics.ts';

/** A renderer connected to the core: the core serves `HostApi` on its port. */
export interface HostConnection {
  emit<K extends keyof HostEvents>(name: K, payload: HostEvents[K]): void;
  close(): void;
}

export interface ElectronHostCore {
  /**
   * Serves `HostApi` on the window's port, with `validateHostRequest`
   * (main/core/boundary/validate-host-request.ts) as `serveRpc`'s `validate` option.
   */
  connect(port: Port): HostConnection;
  /** What the native menu shows: model, settings, recent files, dirty state, task states. */
  menuState(): MenuState;
  /** Calls `handler` whenever `menuState()` may have changed; returns the unsubscribe function. */
  onMenuStateChange(handler: () => void): () => void;
  /** Display path of the open document (absolute in Electron); null while untitled. */
  documentPath(): string | null;
  hasUnsavedChanges(): boolean;
  /** File → Open… with a path from the native dialog. The core tells the renderer (`document` event). */
  openPath(path: string, options: { readonly discardUnsaved: boolean }): Promise<void>;
  /** Save, to the document's own file. */
  save(): Promise<void>;
  /** Save As…, to a path from the native dialog (which already asked about replacing it). */
  saveAs(path: string): Promise<void>;
  /** The user chose to quit without saving: forget the unsaved changes (no hot-exit restore). */
  discardUnsaved(): Promise<void>;
  /** Stops every task host and flushes what must be durable. */
  dispose(): Promise<void>;
}

/** What the Electron shell supplies to the core. */
export interface ElectronHostContext {
  /** `app.getPath('userData')`: settings, journals, personal dictionary, recent files. */
  readonly dataDir: string;
  /** The built task entries beside out/main/index.js (`builtEntryPaths`). */
  readonly entries: EntryPaths;
  /** `utilityProcessSpawner(…)`: task processes as utility processes. */
  readonly spawner: ProcessSpawner;
  /** `electronProcessMetrics(app.getAppMetrics, …)`: CPU and memory of task processes and the app's others. */
  readonly metrics: ProcessMetricsSource;
  readonly log: (line: string) => void;
}

/**
 * Builds the host core for Electron.
 *
 * LEAD: this is the wiring left to complete once the task supervisor (issue 3) and the host
 * service (issue 5) exist: build the supervisor with `context.spawner`, `context.metrics` and
 * `context.entries`, build the same session/host service the web host builds (with local,
 * unconfined file access and `platform: 'electron'`), and adapt it to `ElectronHostCore`.
 * Until then the app reports clearly that it cannot start, rather than pretending to.
 */
export function createElectronHostCore(context: ElectronHostContext): Promise<ElectronHostCore> {
  context.log('[electron host] the host core is not wired into the Electron shell yet (main/electron/host-core.ts)');
  return Promise.reject(new Error('Forkpad’s host core is not wired into the Electron shell yet: see createElectronHostCore in main/electron/host-core.ts.'));
}
