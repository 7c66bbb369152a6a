/**
 * What a native menu click does in Electron. File commands that need a native dialog run here,
 * in the main process; every other command goes to the renderer (`menuCommand` event), which
 * runs it exactly as if its own menu bar had been used.
 */
import type { BrowserWindow, Dialog } from 'electron';
import type { MenuCommand } from '../../workers/common/menu-model.ts';
import type { HostConnection } from '../core/host-service/serve-host.ts';
import type { ElectronHostCore } from './host-core.ts';

export interface MenuDispatchContext {
  readonly core: ElectronHostCore;
  readonly connection: HostConnection;
  readonly window: BrowserWindow;
  readonly dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog' | 'showMessageBox'>;
  readonly quit: () => void;
}

const TEXT_FILTERS = [
  { name: 'Text and Markdown', extensions: ['md', 'markdown', 'txt', 'text'] },
  { name: 'All Files', extensions: ['*'] },
];

/** Asks before unsaved changes are thrown away; true when they may be. */
async function mayDiscard(context: Pick<MenuDispatchContext, 'core' | 'window' | 'dialog'>): Promise<boolean> {
  if (!context.core.hasUnsavedChanges()) return true;
  const answer = await context.dialog.showMessageBox(context.window, {
    type: 'warning',
    message: 'The document has unsaved changes.',
    detail: 'Opening another file replaces it. Your changes will be lost.',
    buttons: ['Discard Changes', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
  });
  return answer.response === 0;
}

/**
 * Opens `path`, asking first if that would discard unsaved changes: a file from the Open dialog,
 * the command line, a second instance or the OS (`open-file`) alike. False when the user declined.
 */
export async function openPathAsking(context: Pick<MenuDispatchContext, 'core' | 'window' | 'dialog'>, path: string): Promise<boolean> {
  const discard = context.core.hasUnsavedChanges();
  if (discard && !(await mayDiscard(context))) return false;
  await context.core.openPath(path, { discardUnsaved: discard });
  return true;
}

async function openFile(context: MenuDispatchContext): Promise<void> {
  const chosen = await context.dialog.showOpenDialog(context.window, { properties: ['openFile'], filters: TEXT_FILTERS });
  const path = chosen.filePaths[0];
  if (chosen.canceled || path === undefined) return;
  await openPathAsking(context, path);
}

/** Save As…; resolves false when the user cancelled. */
export async function saveAs(context: Pick<MenuDispatchContext, 'core' | 'window' | 'dialog'>): Promise<boolean> {
  const current = context.core.documentPath();
  const chosen = await context.dialog.showSaveDialog(context.window, {
    filters: TEXT_FILTERS,
    ...(current === null ? { defaultPath: 'Untitled.md' } : { defaultPath: current }),
  });
  if (chosen.canceled || chosen.filePath === undefined || chosen.filePath === '') return false;
  await context.core.saveAs(chosen.filePath);
  return true;
}

async function run(command: MenuCommand, context: MenuDispatchContext): Promise<void> {
  switch (command.command) {
    case 'file.open':
      return openFile(context);
    case 'file.saveAs':
      await saveAs(context);
      return;
    case 'file.save':
      if (context.core.documentPath() === null) await saveAs(context);
      else await context.core.save();
      return;
    case 'app.quit':
      context.quit();
      return;
    default:
      context.connection.emit('menuCommand', command);
  }
}

/** Runs a native menu command; a failure is shown to the user as a notice, never thrown. */
export function dispatchMenuCommand(command: MenuCommand, context: MenuDispatchContext, log: (line: string) => void): void {
  run(command, context).catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    log(`[electron host] ${command.command} failed: ${message}`);
    context.connection.emit('notice', { level: 'error', message });
  });
}
