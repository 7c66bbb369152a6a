/**
 * Creates Forkpad's one window. Every web preference that matters for security is spelled out,
 * even where it is Electron's default, so a reader (and the tests, and Electronegativity, which
 * reads the literal passed to `new BrowserWindow`) can see it rather than trust a default that
 * may change. The constructor is a parameter so that tests can pass a fake one.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import type { WindowState } from './window-state.ts';

export interface WindowOptionsInput {
  /** Absolute path of the CommonJS preload (out/preload/index.cjs). */
  readonly preloadPath: string;
  /** Restored size and position (see window-state.ts). */
  readonly state: WindowState;
  /** DevTools only in development: a packaged app has no use for them. */
  readonly devTools: boolean;
  /** Painted before the first frame, so a dark theme does not flash white. */
  readonly backgroundColor: string;
}

export const MIN_WINDOW_SIZE = { width: 480, height: 320 } as const;

export type WindowConstructor<W> = new (options: BrowserWindowConstructorOptions) => W;

export function createWindow<W>(BrowserWindow: WindowConstructor<W>, input: WindowOptionsInput): W {
  const { state } = input;
  return new BrowserWindow({
    title: 'Forkpad',
    width: state.width,
    height: state.height,
    ...(state.x === undefined || state.y === undefined ? { center: true } : { x: state.x, y: state.y }),
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    // Shown on 'ready-to-show', once the first frame is painted.
    show: false,
    backgroundColor: input.backgroundColor,
    webPreferences: {
      // Reviewed (Electronegativity asks for it): the preload exposes only one `Port` over one
      // IPC channel pair (preload/bridge-port.ts), no Electron or Node API, and every message
      // it carries is sender-checked and validated in the host (ipc-port.ts, core/boundary).
      preload: input.preloadPath, // eng-disable PRELOAD_JS_CHECK
      // Checklist 2-4: no Node in the page, the preload in its own world, the OS sandbox on.
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      contextIsolation: true,
      sandbox: true,
      // Checklist 6, 8-10: the web platform's own protections stay as they are.
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // Checklist 11-12: no <webview> at all.
      webviewTag: false,
      // A file dropped on the window must not navigate it away from the editor.
      navigateOnDragDrop: false,
      // A middle click on a link must not open anything either.
      disableBlinkFeatures: 'Auxclick',
      // Forkpad's own spellcheck task checks spelling; Chromium's would double the markers.
      spellcheck: false,
      // A page cannot spam alert() to lock the user out.
      safeDialogs: true,
      devTools: input.devTools,
    },
  });
}
