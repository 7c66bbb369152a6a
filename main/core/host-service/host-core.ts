/**
 * The host's core, transport-agnostic: settings, recent files, the editor session, the task
 * supervisor and hot exit, assembled once. The web host serves `api` over a WebSocket and
 * Electron over IPC; whichever renderer is attached receives the events.
 */
import { mkdir } from 'node:fs/promises';
import type { HostApi, HostHello, HostPlatform, TaskStatusInfo } from '../../../workers/common/host-api.ts';
import type { HostState } from '../../../workers/common/host-state.ts';
import type { TaskSettings } from '../../../workers/common/task-api.ts';
import type { FileAccess } from '../files/file-access.ts';
import { RecentFiles } from '../files/recent-files.ts';
import { LessonService } from '../lesson/lesson-service.ts';
import type { LessonSetup } from '../lesson/lesson-setup.ts';
import { EditorSession } from '../session/editor-session.ts';
import type { EventSink } from '../session/task-router.ts';
import { SettingsStore } from '../settings/settings-store.ts';
import type { Primer, SharedDocumentHandle, TaskStatus, TaskSupervisor } from '../supervisor/supervisor-api.ts';
import { DocumentFiles, newDocumentUri } from './document-files.ts';
import { WELCOME_TEXT } from './welcome.ts';
import { LatestResults } from './latest-results.ts';
import { EventHub } from './event-hub.ts';
import { createHostApi } from './host-api-impl.ts';
import { hostStateOf, HostStatePublisher } from './host-state.ts';
import { restoreUnsaved, startTasks } from './startup.ts';

export interface SupervisorSetup {
  /** Brings each fresh task host up to date with the session's document. */
  readonly primer: Primer;
  /** Settings every task host is started with. */
  readonly taskSettings: TaskSettings;
  /** The session's document in shared memory: thread and inline hosts read it in place. */
  readonly document: SharedDocumentHandle;
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
  /** Where the lesson's measurements find their entries; without it `measureLesson` is refused. */
  readonly lesson?: LessonSetup;
  /**
   * The app's own hosts (web and Electron) greet a first launch: the welcome document, with the
   * task monitor open. Off by default, so a test's fresh data folder starts on an empty document.
   */
  readonly welcomeOnFirstRun?: boolean;
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
  /** What the UI shows, as last published (the `hostState` event carries each change). */
  state(): HostState;
  /** Calls `handler` with each new snapshot (Electron's native menu); returns the unsubscribe function. */
  onStateChange(handler: (state: HostState) => void): () => void;
  /** Calls `handler` with the path of each document opened or saved (Electron tells the OS); returns the unsubscribe function. */
  onDocumentRecorded(handler: (path: string) => void): () => void;
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
  /** The lesson's measurements, when the host was given their setup. */
  readonly lesson: LessonService | undefined;
  readonly emit: EventSink;
  hello(): Promise<HostHello>;
  /** Something the `hostState` snapshot holds changed without an event saying so (settings, a switch starting). */
  stateChanged(): void;
  /** An isolation switch is in flight. */
  switching: boolean;
}

function statusInfo(status: TaskStatus): TaskStatusInfo {
  return { task: status.task, kind: status.kind, state: status.state, restarts: status.restarts, lastError: status.lastError };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function helloOf(runtime: HostRuntime, state: HostState, restored: string | undefined): HostHello {
  const { options, settings, supervisor, session, recent } = runtime;
  return {
    platform: options.platform,
    model: supervisor?.model ?? settings.current.model,
    settings: settings.current.ui,
    document: session.document(),
    recentFiles: recent.list,
    ...(restored ? { restored } : {}),
    ...(options.files.workspaceName === undefined ? {} : { workspace: options.files.workspaceName }),
    tasks: supervisor?.status().map(statusInfo) ?? [],
    tasksEnabled: supervisor !== undefined,
    maxGrammarPool: supervisor?.grammarPool().maxSize ?? 1,
    state,
  };
}

function connectSupervisor(supervisor: TaskSupervisor, session: EditorSession, hub: EventHub, refreshMs: number): (() => void)[] {
  session.connect(supervisor);
  supervisor.setProbeInterval(refreshMs);
  return [supervisor.onStatus((status) => hub.emit('taskStatus', statusInfo(status))), supervisor.onMetrics((snapshot) => hub.emit('metrics', snapshot))];
}

/** Settings, recent files, events, session, files and supervisor, built in dependency order. */
async function assemble(options: HostCoreOptions, log: (line: string) => void) {
  await mkdir(options.dataDir, { recursive: true });
  const { store: settings, notice: settingsNotice } = await SettingsStore.load(options.dataDir);
  const recent = await RecentFiles.load(options.dataDir, log);
  const hub = new EventHub();
  const latest = new LatestResults();
  recent.onChange(hub.stateChanged);
  if (settingsNotice) {
    log(`[host] ${settingsNotice}`);
    hub.emit('notice', { level: 'warning', message: settingsNotice });
  }
  const firstRun = options.welcomeOnFirstRun === true && !settings.current.welcomed;
  if (firstRun) {
    // Not awaited: `settings.current` changes at once, and a data folder that cannot be written must not stop the start.
    settings.update({ welcomed: true, ui: { ...settings.current.ui, monitorVisible: true } }).catch((error: unknown) => log(`[host] first-run settings were not kept: ${String(error)}`));
  }
  const session = new EditorSession({
    document: { snapshot: { uri: newDocumentUri(), version: 0, text: firstRun ? WELCOME_TEXT : '' }, path: null, dirty: false },
    emit: latest.recording(hub.emit),
    log,
    ignoredRules: () => settings.current.ignoredRules,
  });
  const documents = new DocumentFiles(session, options.files, recent, hub.emit);
  const supervisor = options.createSupervisor?.({ primer: session.primer, taskSettings: { ignoredRules: settings.current.ignoredRules }, document: session.sharedDocument });
  return { settings, recent, hub, latest, session, documents, supervisor };
}

export async function createHostCore(options: HostCoreOptions): Promise<HostCore> {
  const log = options.log ?? ((line: string) => console.warn(line));
  const { settings, recent, hub, latest, session, documents, supervisor } = await assemble(options, log);
  const unsubscribe = supervisor ? connectSupervisor(supervisor, session, hub, settings.current.ui.refreshMs) : [];
  const started = supervisor ? startTasks(supervisor, settings.current.model, hub, log, settings.current.ui.grammarPoolSize) : Promise.resolve();
  const recovered = supervisor
    ? restoreUnsaved({ supervisor, session, documents, hub, log, timeoutMs: options.recoverTimeoutMs ?? 60_000 })
    : Promise.resolve(undefined);
  let restored: string | undefined;
  void recovered.then((message) => (restored = message));
  const lesson = options.lesson ? new LessonService(options.lesson, (progress) => hub.emit('lessonProgress', progress)) : undefined;

  const runtime: HostRuntime = {
    options,
    settings,
    recent,
    session,
    documents,
    supervisor,
    lesson,
    emit: hub.emit,
    stateChanged: hub.stateChanged,
    switching: false,
    async hello() {
      await Promise.race([recovered, delay(options.helloWaitMs ?? 10_000)]);
      published.refresh();
      const hello = helloOf(runtime, published.current, restored);
      restored = undefined; // Said once.
      // After the answer is posted (a timer runs after the RPC's microtasks): the page holds the
      // events that follow its hello for the app, and drops any that come before.
      setTimeout(() => latest.replay(hub.emit), 0);
      return hello;
    },
  };

  const sources = { platform: options.platform, settings, recent, session, supervisor, switching: () => runtime.switching };
  const published = new HostStatePublisher(() => hostStateOf(sources), hub.emit);
  hub.onStateChange(published.refresh);

  return {
    api: createHostApi(runtime),
    session,
    documents,
    supervisor,
    ready: Promise.all([started, recovered]).then(() => undefined),
    attach: (sink) => hub.attach(sink),
    state: () => published.current,
    onStateChange: (handler) => published.onChange(handler),
    onDocumentRecorded: (handler) => recent.onAdd(handler),
    async discardUnsaved() {
      if (supervisor) await supervisor.client('keystroke').discard({ uri: session.uri });
    },
    async dispose() {
      for (const off of unsubscribe.splice(0)) off();
      const lessonStopped = lesson?.dispose();
      session.dispose();
      await Promise.all([supervisor?.dispose(), lessonStopped]);
    },
  };
}
