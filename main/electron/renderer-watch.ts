/**
 * Glue between the window's page and `RendererRecovery` (renderer-recovery.ts, where the
 * decisions are made and tested): a dead or hung page is reloaded, and the notice saying so is
 * handed to `announce`, which shows it once the new page has said hello (hello-watch.ts).
 */
import type { BrowserWindow, Dialog } from 'electron';
import { RendererRecovery, type RecoveryAction } from './renderer-recovery.ts';

export interface RendererWatchOptions {
  readonly dialog: Pick<Dialog, 'showMessageBox'>;
  /** Keeps `notice` for the next page's hello. */
  readonly announce: (notice: string) => void;
  readonly quit: () => void;
  readonly log: (line: string) => void;
}

export function watchRenderer(window: BrowserWindow, options: RendererWatchOptions): void {
  const recovery = new RendererRecovery();
  const contents = window.webContents;
  const act = (action: RecoveryAction): void => {
    if (window.isDestroyed()) return;
    switch (action.action) {
      case 'ignore':
        return;
      case 'crash-and-reload':
        options.log('[electron host] the page stopped responding; crashing it and reloading');
        options.announce(action.notice);
        contents.forcefullyCrashRenderer();
        contents.reload();
        return;
      case 'reload':
        options.announce(action.notice);
        contents.reload();
        return;
      case 'give-up':
        options.log(`[electron host] ${action.message}`);
        options.dialog
          .showMessageBox(window, { type: 'error', message: 'The editor keeps failing', detail: action.message, buttons: ['Try Again', 'Quit'], defaultId: 0, cancelId: 1 })
          .then(({ response }) => {
            if (response === 1) return options.quit();
            recovery.reset();
            // A dead page can just be reloaded; a hung one must be crashed first, as for a hang.
            act(contents.isCrashed() ? recovery.gone('crashed', Date.now()) : recovery.unresponsive(Date.now()));
          })
          .catch((error: unknown) => options.log(`[electron host] could not ask about the failing page: ${String(error)}`));
    }
  };
  contents.on('render-process-gone', (_event, details) => {
    options.log(`[electron host] the page's process is gone: ${details.reason} (exit code ${details.exitCode})`);
    act(recovery.gone(details.reason, Date.now()));
  });
  window.on('unresponsive', () => act(recovery.unresponsive(Date.now())));
}
