/**
 * Composes the window: menu bar (web host only: Electron has its native menu), editor and
 * preview, status bar and notices, all wired to the host through the one RPC client.
 */
import type { DocumentState, HostHello, HostState, Theme, UiSettings } from '../../workers/common/host-api.ts';
import { menuStateOf } from '../../workers/common/host-state.ts';
import { buildMenu, type Menu, type MenuCommand } from '../../workers/common/menu-model.ts';
import { runCommand, type Workbench } from './commands.ts';
import { showModal } from './dialogs/modal.ts';
import { DocumentController } from './document-controller.ts';
import { EditorView } from './editor/editor-view.ts';
import type { HostLinkClient } from './host/connect.ts';
import { bindAccelerators } from './menu/accelerators.ts';
import { MenuBar } from './menu/menu-bar.ts';
import { MonitorPanel } from './monitor/monitor-panel.ts';
import { Notices } from './notices.ts';
import { PreviewPane } from './preview/preview-pane.ts';
import { ScrollSync } from './preview/scroll-sync.ts';
import { countStats } from './status/background-stats.ts';
import { HostWatchdog } from './status/host-watchdog.ts';
import { StatusBar } from './status/status-bar.ts';
import { StatusController } from './status/status-controller.ts';
import { installTestHook } from './test-hook.ts';
import { ThemeController } from './theme.ts';

export interface App {
  dispose(): void;
}

function element(tag: string, className: string): HTMLElement {
  const created = document.createElement(tag);
  created.className = className;
  return created;
}

export function startApp(root: HTMLElement, connection: HostLinkClient, hello: HostHello): App {
  const { client, link } = connection;
  const cleanups: (() => void)[] = [];
  root.replaceChildren();
  const workbenchElement = element('main', 'workbench');
  const editorPane = element('div', 'editor-pane');
  workbenchElement.append(editorPane);
  root.append(workbenchElement);
  const statusBar = new StatusBar(root);
  const status = new StatusController(statusBar);
  const notices = new Notices(root);
  const theme = new ThemeController(hello.settings.theme);
  const view = new EditorView(editorPane, hello.document, theme.current);
  cleanups.push(theme.onChange((resolved) => view.setTheme(resolved)));
  const preview = new PreviewPane(workbenchElement);
  const scrollSync = new ScrollSync(view, preview);
  const monitor = new MonitorPanel(root, hello.platform, hello.settings.refreshMs, {
    act: (task, action) => void ('move' in action ? workbench.setIsolation({ task, kind: action.move }) : workbench.taskAction(action.action)),
    setRefreshMs: (refreshMs) => void saveSettings({ refreshMs }),
    onVisibility: (monitorVisible) => {
      if (monitorVisible !== settings.monitorVisible) void saveSettings({ monitorVisible });
    },
    // Measuring spawns hosts and runs grammar over a large document: minutes on a busy machine.
    measureLesson: (request, signal) => client.api.measureLesson(request, { signal, timeoutMs: 15 * 60_000 }),
  });
  root.append(statusBar.element);

  let settings: UiSettings = hello.settings;
  /** What the menus show: the host's snapshot, never pieced together here. */
  let hostState: HostState = hello.state;
  let durableVersion: number | null = null;
  const workspaceLabel = hello.workspace ?? 'Workspace';

  const menuBar = hello.platform === 'web' ? new MenuBar(root, (command) => run(command)) : undefined;
  let menus: readonly Menu[] = [];
  const showState = (state: DocumentState) => {
    document.title = `${state.dirty ? '● ' : ''}${state.path?.split('/').at(-1) ?? 'Untitled'} — Forkpad`;
    status.save(state, durableVersion);
  };
  const documents = new DocumentController(view, client, notices, {
    onState: showState,
    onDocument: (opened) => {
      preview.clear();
      durableVersion = null;
      showInitialStats(opened.text, opened.uri, opened.version);
    },
    onProblems: (counts) => status.problems(counts),
    onStats: (version, stats) => status.stats(stats, version),
  }, hello);

  /** Counts until the host's first answer for this document; a later answer wins. */
  function showInitialStats(text: string, uri: string, version: number): void {
    void countStats(text).then((stats) => {
      if (documents.sync.uri === uri && documents.sync.lastAnswer === null) status.stats(stats, version);
    });
  }

  function refreshMenu(): void {
    menus = buildMenu(menuStateOf(hostState));
    menuBar?.update(menus);
  }

  async function saveSettings(change: Partial<UiSettings>): Promise<void> {
    settings = { ...settings, ...change };
    try {
      settings = await client.api.setSettings(change);
    } catch (error) {
      notices.show('warning', `Settings were not kept: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  const workbench: Workbench = {
    newDocument: () => documents.newDocument(),
    open: (path) => documents.open(workspaceLabel, path),
    openRecent: (path) => documents.openRecent(path),
    save: () => documents.save(workspaceLabel),
    saveAs: () => documents.saveAs(workspaceLabel),
    quit: () => window.close(),
    editorAction: (id) => {
      view.focus();
      view.editor.trigger('menu', id, null);
    },
    togglePreview: () => {
      preview.visible = !preview.visible;
      scrollSync.follow();
      void saveSettings({ previewVisible: preview.visible });
    },
    toggleMonitor: () => monitor.setVisible(!monitor.visible),
    setTheme: (choice: Theme) => {
      theme.set(choice);
      void saveSettings({ theme: choice });
    },
    setIsolation: async (request) => {
      try {
        status.isolation(await client.api.setIsolation(request));
      } catch (error) {
        notices.show('error', `Switching isolation failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    setGrammarPool: (size) => saveSettings({ grammarPoolSize: size }),
    taskAction: async (action) => {
      try {
        await client.api.taskAction(action);
      } catch (error) {
        notices.show('error', `${action.task}: ${action.action} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    about: () => void showModal({ title: 'About Forkpad', body: aboutText(hello), buttons: [{ label: 'Close', value: true, primary: true }] }),
    lesson: () => monitor.setVisible(true, 'lesson'),
    welcome: () => documents.newDocument({ welcome: true }),
  };
  function run(command: MenuCommand): void {
    void runCommand(workbench, command);
  }

  preview.visible = settings.previewVisible;
  monitor.setVisible(settings.monitorVisible);
  if (menuBar) cleanups.push(bindAccelerators(window, () => menus, run));
  const onF10 = (event: KeyboardEvent) => {
    if (menuBar && event.key === 'F10' && !event.shiftKey) {
      event.preventDefault();
      menuBar.focus();
    }
  };
  window.addEventListener('keydown', onF10, { capture: true });
  cleanups.push(() => window.removeEventListener('keydown', onF10, { capture: true }));

  cleanups.push(
    client.on('isolation', (next) => status.isolation(next)),
    client.on('hostState', (next) => {
      hostState = next;
      refreshMenu();
    }),
    client.on('typing', (stats) => status.typing(stats)),
    client.on('metrics', (snapshot) => {
      status.hostMetrics(snapshot);
      monitor.update(snapshot);
    }),
    client.on('grammarProgress', (progress) => status.grammarProgress(progress)),
    client.on('grammar', (result) => status.degraded(result.degraded)),
    client.on('preview', (result) => {
      if (result.uri !== documents.sync.uri) return;
      preview.update(result);
    }),
    client.on('notice', (notice) => void notices.show(notice.level, notice.message)),
    client.on('durable', (versioned) => {
      if (versioned.uri !== documents.sync.uri) return;
      durableVersion = versioned.version;
      status.save(documents.documentState, durableVersion);
    }),
    client.on('menuCommand', (command) => run(command)),
    client.on('lessonProgress', (progress) => monitor.lesson.progress(progress)),
    link.onClose((reason) => {
      status.connectionLost(reason);
      notices.show('error', `Lost the connection to the host (${reason}). Your text stays in the editor; reload once the host is back.`);
    }),
  );

  const watchdog = new HostWatchdog(
    (timeoutMs) => client.ping(timeoutMs),
    (reading) => {
      status.watchdog(reading);
      monitor.hostBlocked(reading.blocked ? reading.waitedMs : null);
    },
  );
  watchdog.start();
  cleanups.push(() => watchdog.stop());
  statusBar.onClick('problems', () => workbench.editorAction('editor.action.marker.nextInFiles'));
  statusBar.onClick('lag', () => monitor.setVisible(true, 'tasks'));
  if (menuBar) statusBar.onClick('isolation', () => menuBar.openMenu('isolation'));

  showInitialStats(hello.document.text, hello.document.uri, hello.document.version);
  status.isolation(hello.model);
  refreshMenu();
  status.problems({ spelling: 0, grammar: 0 });
  showState(documents.documentState);
  if (hello.restored) notices.show('info', hello.restored, { sticky: true });
  if (hello.document.degraded) notices.show('warning', hello.document.degraded);

  installTestHook({
    modelText: () => view.current.getValue(),
    version: () => documents.sync.version,
    lastAnswer: () => documents.sync.lastAnswer,
    staleAnswers: () => documents.sync.staleAnswerCount,
    markers: () => view.markers(),
    durableVersion: () => durableVersion,
    previewPatch: () => preview.patchCounts,
  });
  root.removeAttribute('aria-busy');
  view.focus();

  return {
    dispose() {
      for (const cleanup of cleanups) cleanup();
      scrollSync.dispose();
      monitor.dispose();
      documents.dispose();
      theme.dispose();
      view.dispose();
    },
  };
}

function aboutText(hello: HostHello): string {
  const where = hello.platform === 'web' ? `the web host (workspace: ${hello.workspace ?? 'unknown'})` : 'Electron';
  return `Forkpad: a text editor whose four tasks (keystroke, render, spellcheck, grammar) can each run inline, in a worker thread or in a process. Running in ${where}.`;
}
