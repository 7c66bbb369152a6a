/**
 * What the Electron shell needs from the host core, and the function that builds it. The core
 * itself (EditorSession, TaskSupervisor, host service) is plain Node and shared with the web
 * host; this file adapts it to what main.ts calls, so the shell stays thin.
 */
import { dirname } from 'node:path';
import type { HostState } from '../../workers/common/host-state.ts';
import type { Port } from '../../workers/common/rpc-messages.ts';
import { loadRegisteredTask } from '../../workers/tasks/registry.ts';
import { validateHostRequest } from '../core/boundary/validate-host-request.ts';
import { LocalFiles } from '../core/files/local-files.ts';
import { createHostCore, type SupervisorSetup } from '../core/host-service/host-core.ts';
import { serveHost, type HostConnection } from '../core/host-service/serve-host.ts';
import { resolveLessonEntry } from '../core/lesson/lesson-setup.ts';
import { taskAssets as builtTaskAssets, unpackedAssets } from '../core/task-assets.ts';
import type { EntryPaths } from '../core/hosts/entry-paths.ts';
import type { ProcessSpawner } from '../core/hosts/process-spawner.ts';
import type { ProcessMetricsSource } from '../core/probes/process-metrics.ts';
import type { TaskSupervisor } from '../core/supervisor/supervisor-api.ts';
import { createTaskSupervisor } from '../core/supervisor/task-supervisor.ts';
import { APP_WARM_STANDBY } from '../core/supervisor/supervisor-options.ts';

/** In a packaged app the assets sit outside the asar archive, where every host can read them. */
const taskAssets = unpackedAssets(builtTaskAssets);

export interface ElectronHostCore {
  /**
   * Serves `HostApi` on the window's port, with `validateHostRequest`
   * (main/core/boundary/validate-host-request.ts) as `serveRpc`'s `validate` option.
   */
  connect(port: Port): HostConnection;
  /** The core's snapshot of what the UI shows; the native menu renders from it (`menuStateOf`). */
  state(): HostState;
  /** Calls `handler` with each new snapshot; returns the unsubscribe function. */
  onStateChange(handler: (state: HostState) => void): () => void;
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
  /**
   * Calls `handler` with the path of each document opened or saved, from a native dialog or the
   * page's own picker alike (the shell gives it to `app.addRecentDocument`). Returns the
   * unsubscribe function.
   */
  onDocumentRecorded(handler: (path: string) => void): () => void;
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

/** Electron's `TaskSupervisor`: utility processes and `app.getAppMetrics()`, otherwise the web host's. */
function electronSupervisor(context: ElectronHostContext): (setup: SupervisorSetup) => TaskSupervisor {
  return ({ primer, taskSettings, document }) =>
    createTaskSupervisor({
      entries: context.entries,
      loadInline: loadRegisteredTask,
      primer,
      document,
      dataDir: context.dataDir,
      assets: taskAssets,
      settings: taskSettings,
      spawner: context.spawner,
      processMetrics: context.metrics,
      warmStandby: APP_WARM_STANDBY,
      log: context.log,
    });
}

/**
 * Builds the host core for Electron: the same `createHostCore` as the web host, with unconfined
 * local files (paths come from native dialogs), utility processes and Electron's app metrics.
 */
export async function createElectronHostCore(context: ElectronHostContext): Promise<ElectronHostCore> {
  // The lesson's runners are plain Node children (child_process.fork runs Electron as Node), so
  // its measurements match the web host's.
  const lesson = { entries: context.entries, lessonEntry: resolveLessonEntry(dirname(context.entries.thread)), assets: taskAssets, log: context.log };
  const core = await createHostCore({
    platform: 'electron',
    dataDir: context.dataDir,
    files: new LocalFiles(),
    log: context.log,
    createSupervisor: electronSupervisor(context),
    lesson,
    welcomeOnFirstRun: true,
  });
  const uri = () => core.session.uri;
  return {
    connect: (port) => serveHost(core, port, { label: '[electron host rpc]', validate: validateHostRequest, log: context.log }),
    state: () => core.state(),
    onStateChange: (handler) => core.onStateChange(handler),
    documentPath: () => core.session.document().path,
    hasUnsavedChanges: () => core.session.dirty,
    async openPath(path, options) {
      // The session announces the new document to the renderer ('document' event).
      await core.documents.open({ path, discardUnsaved: options.discardUnsaved });
    },
    async save() {
      await core.documents.save({ uri: uri() });
    },
    async saveAs(path) {
      await core.documents.saveAs({ uri: uri(), path, overwrite: true });
    },
    async discardUnsaved() {
      // Replacing the document discards its journal, so hot exit will not bring the changes back.
      await core.documents.newDocument({ discardUnsaved: true });
    },
    onDocumentRecorded: (handler) => core.onDocumentRecorded(handler),
    dispose: () => core.dispose(),
  };
}
