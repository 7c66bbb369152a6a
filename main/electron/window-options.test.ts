import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { MIN_WINDOW_SIZE, createWindow, type WindowOptionsInput } from './window-options.ts';

/** Stands in for Electron's BrowserWindow: keeps the options it was constructed with. */
class FakeWindow {
  readonly options: BrowserWindowConstructorOptions;
  constructor(options: BrowserWindowConstructorOptions) {
    this.options = options;
  }
}

const windowOptions = (input: WindowOptionsInput) => createWindow(FakeWindow, input).options;

const input = { preloadPath: '/app/out/preload/index.cjs', state: { width: 1000, height: 700, maximized: false }, devTools: false, backgroundColor: '#1e1e1e' };

describe('window options', () => {
  it('isolates and sandboxes the page, with the preload as its only bridge', () => {
    const preferences = windowOptions(input).webPreferences;
    expect(preferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      devTools: false,
    });
    expect(preferences).not.toHaveProperty('enableBlinkFeatures');
    expect(preferences).not.toHaveProperty('additionalArguments');
  });

  it('centres a window without a saved position and places one with it', () => {
    expect(windowOptions(input)).toMatchObject({ width: 1000, height: 700, center: true, show: false });
    const placed = windowOptions({ ...input, state: { x: 40, y: 60, width: 900, height: 600, maximized: false } });
    expect(placed).toMatchObject({ x: 40, y: 60, width: 900, height: 600 });
    expect(placed).not.toHaveProperty('center');
  });

  it('keeps a minimum size and allows DevTools only when asked', () => {
    expect(windowOptions(input)).toMatchObject({ minWidth: MIN_WINDOW_SIZE.width, minHeight: MIN_WINDOW_SIZE.height });
    expect(windowOptions({ ...input, devTools: true }).webPreferences?.devTools).toBe(true);
  });
});
