/**
 * The Electron entry (out/main/index.js): app lifecycle, the one window, the native menu and the
 * IPC port, around the host core that the web host shares. Everything that can be pure lives in
 * the modules beside this one, with unit tests; this file only connects them to Electron.
 */
import { BrowserWindow, Menu, app, dialog, ipcMain, nativeTheme, protocol, screen, session, utilityProcess } from 'electron';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_LOG_LIMITS, RotatingLog } from '../core/logging/rotating-log.ts';
import { menuStateOf } from '../../workers/common/host-state.ts';
import { buildMenu } from '../../workers/common/menu-model.ts';
import { builtEntryPaths, checkEntryPaths } from '../core/hosts/entry-paths.ts';
import { electronProcessMetrics } from './app-metrics.ts';
import { filesFromArgv } from './command-line.ts';
import { hardenApp, hardenSession } from './harden.ts';
import { createElectronHostCore, type ElectronHostCore } from './host-core.ts';
import { watchHello } from './hello-watch.ts';
import { createIpcPort } from './ipc-port.ts';
import { dispatchMenuCommand, openPathAsking, saveAs, type MenuDispatchContext } from './menu-dispatch.ts';
import { menuTemplate } from './menu-template.ts';
import { OpenRequests } from './open-requests.ts';
import { RENDERER_ENTRY_URL, RENDERER_SCHEME, RENDERER_SCHEME_PRIVILEGES } from './renderer-origin.ts';
import { serveRendererRequest } from './renderer-protocol.ts';
import { watchRenderer } from './renderer-watch.ts';
import { GoneReports } from './utility-exit.ts';
import { utilityProcessSpawner } from './utility-process-spawner.ts';
import { createWindow } from './window-options.ts';
import { WindowStateStore } from './window-state.ts';

// The same named lines as on the console, also in a rotated file: a packaged app has no console.
const logFile = new RotatingLog({ folder: app.getPath('logs'), name: 'forkpad.log', ...DEFAULT_LOG_LIMITS, onError: (message) => console.error(message) });
const log = (line: string): void => {
  console.log(line);
  logFile.write(line);
};
const outMain = import.meta.dirname;
/** electron-vite's dev server, trusted only in an unpackaged app. */
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const goneReports = new GoneReports();
/** Files to open from the command line, a second instance or macOS's `open-file`. */
const openRequests = new OpenRequests();
const fromArgv = (argv: readonly string[], workingDirectory: string) => filesFromArgv(argv, { defaultApp: process.defaultApp, workingDirectory });

// Before 'ready': every renderer sandboxed, the renderer's scheme privileged, every webContents
// guarded, crash reasons of utility processes collected.
app.enableSandbox();
protocol.registerSchemesAsPrivileged([RENDERER_SCHEME_PRIVILEGES]);
hardenApp(app, { devServerUrl, log });
app.on('child-process-gone', (_event, details) => goneReports.record(details));
app.on('window-all-closed', () => app.quit());
// macOS sends this (also before 'ready', when a document launched the app) instead of argv.
app.on('open-file', (event, path) => {
  event.preventDefault();
  openRequests.request(path);
});
for (const path of fromArgv(process.argv, process.cwd()).slice(0, 1)) openRequests.request(path);

async function openWindow(): Promise<BrowserWindow> {
  const store = new WindowStateStore(join(app.getPath('userData'), 'window-state.json'), log);
  const state = await store.load(screen.getAllDisplays().map((display) => display.workArea));
  const window = createWindow(BrowserWindow, {
    preloadPath: join(outMain, '../preload/index.cjs'),
    state,
    devTools: !app.isPackaged,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1e1e1e' : '#ffffff',
  });
  window.once('ready-to-show', () => {
    if (state.maximized) window.maximize();
    window.show();
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    clearTimeout(timer);
    if (window.isDestroyed()) return;
    const bounds = window.getNormalBounds();
    store.save({ ...bounds, maximized: window.isMaximized() }).catch((error: unknown) => log(`[electron host] could not save the window state: ${String(error)}`));
  };
  const saveSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(save, 500);
  };
  window.on('resize', saveSoon);
  window.on('move', saveSoon);
  window.on('maximize', saveSoon);
  window.on('unmaximize', saveSoon);
  window.on('close', save);
  return window;
}

/** The native menu, rebuilt only when the model's tree changes (task states flip often). */
function installMenu(core: ElectronHostCore, context: MenuDispatchContext): void {
  let shown = '';
  const render = () => {
    const state = menuStateOf(core.state());
    nativeTheme.themeSource = state.theme;
    const menus = buildMenu(state);
    const key = JSON.stringify(menus);
    if (key === shown) return;
    shown = key;
    const template = menuTemplate(menus, { os: process.platform, appName: app.name, dispatch: (command) => dispatchMenuCommand(command, context, log) });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };
  render();
  core.onStateChange(render);
}

/** Closing with unsaved changes asks first: Save, Don't Save, or Cancel (which also cancels a quit). */
function guardClose(context: MenuDispatchContext): void {
  let confirmed = false;
  const { core, window } = context;
  const confirm = async (): Promise<boolean> => {
    const answer = await dialog.showMessageBox(window, {
      type: 'warning',
      message: 'Save the changes to this document before closing?',
      detail: 'Your changes will be lost if you don’t save them.',
      buttons: ['Save', 'Don’t Save', 'Cancel'],
      defaultId: 0,
      cancelId: 2,
    });
    if (answer.response === 2) return false;
    if (answer.response === 1) {
      await core.discardUnsaved();
      return true;
    }
    if (core.documentPath() !== null) {
      await core.save();
      return true;
    }
    return saveAs(context);
  };
  // The page's own beforeunload guard is for the browser (web host). Here the dialog above has
  // asked already, and a reload loses nothing (the text lives in the host), so the page's veto is
  // overridden; left alone, it would silently keep the window open after "Don't Save".
  window.webContents.on('will-prevent-unload', (event) => event.preventDefault());
  window.on('close', (event) => {
    if (confirmed || !core.hasUnsavedChanges()) return;
    event.preventDefault();
    confirm()
      .then((close) => {
        if (!close) return;
        confirmed = true;
        window.close();
      })
      .catch((error: unknown) => context.connection.emit('notice', { level: 'error', message: `Could not save: ${String(error)}` }));
  });
}

/** Stops the core's task hosts before the app exits; a second quit goes straight through. */
function disposeOnQuit(core: ElectronHostCore): void {
  let disposed = false;
  app.on('will-quit', (event) => {
    if (disposed) return;
    event.preventDefault();
    core
      .dispose()
      .catch((error: unknown) => log(`[electron host] the host core did not stop cleanly: ${String(error)}`))
      .finally(() => {
        disposed = true;
        void logFile.close().finally(() => app.quit());
      });
  });
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession, { devServerUrl, log });
  protocol.handle(RENDERER_SCHEME, (request) => serveRendererRequest(request.url, join(outMain, '../renderer')));
  const [core, window] = await Promise.all([
    createElectronHostCore({
      dataDir: app.getPath('userData'),
      entries: checkEntryPaths(builtEntryPaths(outMain)),
      spawner: utilityProcessSpawner({
        fork: (modulePath, args, options) => utilityProcess.fork(modulePath, args, options),
        gone: goneReports,
        env: process.env,
        killPid: (pid, signal) => process.kill(pid, signal),
        log,
      }),
      metrics: electronProcessMetrics(() => app.getAppMetrics(), availableParallelism()),
      log,
    }),
    openWindow(),
  ]);
  disposeOnQuit(core);
  // A notice for the next page to say hello: after a reload, why it happened.
  let announcement: string | undefined;
  const ipcPort = createIpcPort(ipcMain, window.webContents, { ...(devServerUrl === undefined ? {} : { devServerUrl }), log });
  const helloPort = watchHello(ipcPort, () => {
    if (announcement !== undefined) connection.emit('notice', { level: 'warning', message: announcement });
    announcement = undefined;
  });
  // Connected before the page loads, so the renderer's first call finds the host listening.
  const connection = core.connect(helloPort);
  window.on('closed', () => connection.close());
  const context: MenuDispatchContext = { core, connection, window, dialog, quit: () => app.quit() };
  installMenu(core, context);
  guardClose(context);
  watchRenderer(window, { dialog, announce: (notice) => (announcement = notice), quit: () => app.quit(), log });
  core.onDocumentRecorded((path) => app.addRecentDocument(path));
  openRequests.ready((path) => {
    if (window.isMinimized()) window.restore();
    window.focus();
    openPathAsking(context, path).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      log(`[electron host] could not open ${path}: ${message}`);
      connection.emit('notice', { level: 'error', message: `Could not open ${path}: ${message}` });
    });
  });
  await window.loadURL(devServerUrl ?? RENDERER_ENTRY_URL);
}

function fail(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  log(`[electron host] could not start: ${message}`);
  dialog.showErrorBox('Forkpad could not start', message);
  app.exit(1);
}

if (app.requestSingleInstanceLock()) {
  // A second launch (`forkpad notes.md` while Forkpad runs) hands its argv here and quits.
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const [window] = BrowserWindow.getAllWindows();
    if (window?.isMinimized()) window.restore();
    window?.focus();
    for (const path of fromArgv(argv, workingDirectory).slice(0, 1)) openRequests.request(path);
  });
  app.whenReady().then(start).catch(fail);
} else {
  // Another Forkpad is running; it was told (second-instance) and takes the focus.
  app.quit();
}
