/**
 * App-wide and session-wide guards, applied before any window exists. Each one answers an item
 * of Electron's security checklist (docs/security.md maps them).
 */
import type { App, Session, WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../core/boundary/content-security-policy.ts';
import { isAllowedNavigation, isRendererOrigin } from './renderer-origin.ts';

export interface HardenOptions {
  /** electron-vite's dev server in development; undefined when packaged. */
  readonly devServerUrl?: string;
  readonly log: (line: string) => void;
}

/** Every webContents: no new windows (14), no navigation away (13), no <webview> (12). */
function guardContents(contents: WebContents, options: HardenOptions): void {
  contents.setWindowOpenHandler(({ url }) => {
    options.log(`[electron host] refused to open a window for ${url.slice(0, 200)}`);
    return { action: 'deny' };
  });
  const refuseNavigation = (event: { url: string; preventDefault(): void }, what: string) => {
    if (isAllowedNavigation(event.url, options.devServerUrl)) return;
    event.preventDefault();
    options.log(`[electron host] refused ${what} to ${event.url.slice(0, 200)}`);
  };
  contents.on('will-navigate', (event) => refuseNavigation(event, 'navigation'));
  contents.on('will-redirect', (event) => refuseNavigation(event, 'a redirect'));
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) refuseNavigation(event, 'a frame navigation');
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    options.log('[electron host] refused to attach a <webview>');
  });
}

export function hardenApp(app: App, options: HardenOptions): void {
  app.on('web-contents-created', (_event, contents) => guardContents(contents, options));
}

/**
 * The session of Forkpad's window: every permission (camera, notifications, HID…) denied (5),
 * and in development the dev server's responses get the same CSP as the packaged protocol.
 */
export function hardenSession(session: Session, options: HardenOptions): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    options.log(`[electron host] denied the permission ${permission}`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  const { devServerUrl } = options;
  if (devServerUrl !== undefined) {
    session.webRequest.onHeadersReceived((details, callback) => {
      if (!isRendererOrigin(details.url, devServerUrl)) return callback({});
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
    });
  }
}
