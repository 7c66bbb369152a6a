/**
 * The host's core, transport-agnostic: settings, recent files, the editor session, the task
 * supervisor and hot exit, assembled once. The web host serves `api` over a WebSocket and
 * Electron over IPC; whichever renderer is attached receives the events.
 */
import { mkdir } from 'node:fs/promises';
import type { HostApi, HostEvents, HostHello, HostPlatform, TaskStatusInfo } from '../../../workers/common/host-api.ts';
import type { MenuState } from '../../../workers/common/menu-model.ts';
import type { TaskSettings } from '../../../workers/common/task-api.ts';
import type { FileAccess } from '../files/file-access.ts';
import { RecentFiles } from '../files/recent-files.ts';
import { EditorSession } from '../session/editor-session.ts';
import type { EventSink } from '../session/task-router.ts';
import { SettingsStore } from '../settings/settings-store.ts';
import type { Primer, TaskStatus, TaskSupervisor } from '../supervisor/supervisor-api.ts';
import { DocumentFiles, newDocumentUri } from './document-files.ts';
import { createHostApi } from './host-api-impl.ts';
import { describeRecovery, planRecovery } from './hot-exit.ts';

export interface SupervisorSetup {
  /** Brings each fresh task host up to date with the session's document. */
  readonly primer: Primer;
  /** Settings every task host is started with. */
  readonly taskSettings: TaskSettings;
}

export interface HostCoreOptions {
  readonly platform: HostPlatform;
  /** Settings, recent files, journals and the personal dictionary live here. */
  readonly dataDir: string;
  readonly files: FileAccess;
  /** Creates the task supervisor. Without it the host runs the document mirror alone (`--no-tasks`). */
  readonly createSupervisor?: (setup: SupervisorSetup) => TaskSupervisor;
  readonly log?: (line: string) => void;
  /** How long `hello` waits for hot exit to finish before answering with the document as it is. */
  readonly helloWaitMs?: number;
  /** How long starting the tasks and asking for journals may take before the host goes on without. */
  readonly recoverTimeoutMs?: number;
}

export interface HostCore {
  readonly api: HostApi;
  readonly session: EditorSession;
  readonly documents: DocumentFiles;
  readonly supervisor: TaskSupervisor | undefined;
  /** Sends events to `sink` (the attached renderer) from now on; returns the detach function. */
  attach(sink: EventSink): () => void;
  /** Settles once the tasks have started and hot exit has run (failures become notices). */
  readonly ready: Promise<void>;
  /** What the native menu shows (Electron): model, settings, recent files, dirty state, task states. */
  menuState(): MenuState;
  /** Calls `handler` whenever `menuState()` may have changed; returns the unsubscribe function. */
  onMenuStateChange(handler: () => void): () => void;
  /** The user closes without saving: the open document's journal goes, so nothing is restored next time. */
  discardUnsaved(): Promise<void>;
  /** Stops the tasks gracefully. Journals stay: unsaved work is restored on the next start. */
  dispose(): Promise<void>;
}

/** What the HostApi implementation works with. */
export interface HostRuntime {
  readonly options: HostCoreOptions;
  readonly settings: SettingsStore;
  readonly recent: RecentFiles;
  readonly session: EditorSession;
  readonly documents: DocumentFiles;
  readonly supervisor: TaskSupervisor | undefined;
  readonly emit: EventSink;
  hello(): Promise<HostHello>;
  /** Something the menu shows changed without an event saying so (settings, a switch starting). */
  stateChanged(): void;
  /** An isolation switch is in flight. */
  switching: boolean;
}

function statusInfo(status: TaskStatus): TaskStatusInfo {
  return { task: status.task, kind: status.kind, state: status.state, restarts: status.restarts, lastError: status.lastError };
}

/** Events after which the menu may show something else. */
const MENU_EVENTS = new Set<keyof HostEvents>(['isolation', 'document', 'documentState', 'taskStatus']);

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

export async function createHostCore(options: HostCoreOptions): Promise<HostCore> {
  const log = options.log ?? ((line: string) => console.warn(line));
  await mkdir(options.dataDir, { recursive: true });
  const { store: settings, notice: settingsNotice } = await SettingsStore.load(options.dataDir);
  const recent = await RecentFiles.load(options.dataDir, log);

  let sink: EventSink | undefined;
  const pending: { name: keyof HostEvents; payload: unknown }[] = [];
  const stateListeners = new Set<() => void>();
  const stateChanged = () => {
    for (const listener of stateListeners) listener();
  };
  // Notices raised before any renderer attached (a corrupt settings file) wait for the first one.
  const emit: EventSink = (name, payload) => {
    if (sink) sink(name, payload);
    else if (name === 'notice' && pending.length < 20) pending.push({ name, payload });
    if (MENU_EVENTS.has(name)) stateChanged();
  };
  recent.onChange(stateChanged);
  if (settingsNotice) {
    log(`[host] ${settingsNotice}`);
    emit('notice', { level: 'warning', message: settingsNotice });
  }

  const session = new EditorSession({
    document: { snapshot: { uri: newDocumentUri(), version: 0, text: '' }, path: null, dirty: false },
    emit,
    log,
    ignoredRules: () => settings.current.ignoredRules,
  });
  const documents = new DocumentFiles(session, options.files, recent, emit);
  const supervisor = options.createSupervisor?.({ primer: session.primer, taskSettings: { ignoredRules: settings.current.ignoredRules } });
  let restored: string | undefined;

  const unsubscribe: (() => void)[] = [];
  if (supervisor) {
    session.connect(supervisor);
    supervisor.setProbeInterval(settings.current.ui.refreshMs);
    unsubscribe.push(
      supervisor.onStatus((status) => emit('taskStatus', statusInfo(status))),
      supervisor.onMetrics((snapshot) => emit('metrics', snapshot)),
    );
  }

  const started = (async () => {
    if (!supervisor) return;
    try {
      await supervisor.start(settings.current.model);
    } catch (error) {
      log(`[host] not every task started: ${String(error)}`);
      emit('notice', { level: 'error', message: `Not every task started: ${(error as Error).message}` });
    }
  })();

  // Hot exit needs only the keystroke task: its client queues the call until that host is up,
  // so the restored document does not wait for the slower tasks (harper loads for a second).
  const recovered = (async () => {
    if (!supervisor) return;
    try {
      const journals = await supervisor.client('keystroke').recover(null, { timeoutMs: options.recoverTimeoutMs ?? 60_000 });
      const plan = planRecovery(journals, session.uri);
      if (!plan.restore) return;
      if (session.dirty) {
        emit('notice', { level: 'info', message: `Unsaved changes from the last session are kept in the journal: ${describeRecovery(plan) ?? ''}` });
        return;
      }
      const { uri, version, text, path } = plan.restore;
      documents.adoptRestored({ snapshot: { uri, version, text }, path, dirty: true });
      restored = describeRecovery(plan);
      log(`[host] ${restored ?? ''}`);
      if (sink && restored) emit('notice', { level: 'info', message: restored });
    } catch (error) {
      log(`[host] hot exit could not read the journals: ${String(error)}`);
      emit('notice', { level: 'error', message: `Unsaved work from the last session could not be recovered: ${(error as Error).message}` });
    }
  })();
  const ready = Promise.all([started, recovered]).then(() => undefined);

  const runtime: HostRuntime = {
    options,
    settings,
    recent,
    session,
    documents,
    supervisor,
    emit,
    async hello() {
      await Promise.race([recovered, delay(options.helloWaitMs ?? 10_000)]);
      const hello: HostHello = {
        platform: options.platform,
        model: supervisor?.model ?? settings.current.model,
        settings: settings.current.ui,
        document: session.document(),
        recentFiles: recent.list,
        ...(restored ? { restored } : {}),
        ...(options.files.workspaceName === undefined ? {} : { workspace: options.files.workspaceName }),
        tasks: supervisor?.status().map(statusInfo) ?? [],
        tasksEnabled: supervisor !== undefined,
      };
      restored = undefined; // Said once.
      return hello;
    },
    stateChanged,
    switching: false,
  };

  return {
    api: createHostApi(runtime),
    session,
    documents,
    supervisor,
    ready,
    attach(next) {
      sink = next;
      for (const { name, payload } of pending.splice(0)) next(name, payload as never);
      return () => {
        if (sink === next) sink = undefined;
      };
    },
    menuState() {
      const { ui } = settings.current;
      return {
        platform: options.platform,
        model: supervisor?.model ?? settings.current.model,
        previewVisible: ui.previewVisible,
        monitorVisible: ui.monitorVisible,
        theme: ui.theme,
        recentFiles: recent.list,
        dirty: session.dirty,
        hasPath: session.state().path !== null,
        taskStates: Object.fromEntries((supervisor?.status() ?? []).map((status) => [status.task, status.state])),
        ...(runtime.switching ? { switching: true } : {}),
      };
    },
    onMenuStateChange(handler) {
      stateListeners.add(handler);
      return () => stateListeners.delete(handler);
    },
    async discardUnsaved() {
      if (!supervisor) return;
      await supervisor.client('keystroke').discard({ uri: session.uri });
    },
    async dispose() {
      for (const off of unsubscribe.splice(0)) off();
      session.dispose();
      await supervisor?.dispose();
    },
  };
}
