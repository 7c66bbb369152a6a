import type { BrowserWindow, Dialog } from 'electron';
import { describe, expect, it } from 'vitest';
import type { MenuCommand } from '../../workers/common/menu-model.ts';
import type { ElectronHostCore } from './host-core.ts';
import { dispatchMenuCommand, openPathAsking, type MenuDispatchContext } from './menu-dispatch.ts';

function setup(options: { path?: string | null; dirty?: boolean; open?: string[]; save?: string; response?: number; failOpen?: boolean } = {}) {
  const calls: string[] = [];
  const emitted: unknown[] = [];
  const core = {
    documentPath: () => options.path ?? null,
    hasUnsavedChanges: () => options.dirty ?? false,
    openPath: (path: string, how: { discardUnsaved: boolean }) => {
      calls.push(`open ${path} discard=${how.discardUnsaved}`);
      return options.failOpen ? Promise.reject(new Error('notes.md is a binary file')) : Promise.resolve();
    },
    save: () => (calls.push('save'), Promise.resolve()),
    saveAs: (path: string) => (calls.push(`saveAs ${path}`), Promise.resolve()),
  } as unknown as ElectronHostCore;
  const dialog = {
    showOpenDialog: () => Promise.resolve({ canceled: options.open === undefined, filePaths: options.open ?? [] }),
    showSaveDialog: () => Promise.resolve({ canceled: options.save === undefined, ...(options.save === undefined ? {} : { filePath: options.save }) }),
    showMessageBox: () => Promise.resolve({ response: options.response ?? 1, checkboxChecked: false }),
  } as unknown as Pick<Dialog, 'showOpenDialog' | 'showSaveDialog' | 'showMessageBox'>;
  const context: MenuDispatchContext = {
    core,
    connection: { emit: (name, payload) => emitted.push({ name, payload }), close: () => undefined },
    window: {} as BrowserWindow,
    dialog,
    quit: () => calls.push('quit'),
  };
  const run = async (command: MenuCommand) => {
    dispatchMenuCommand(command, context, () => undefined);
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { calls, emitted, run, context };
}

describe('native menu dispatch', () => {
  it('sends editor, view, isolation and task commands to the renderer', async () => {
    const { calls, emitted, run } = setup();
    await run({ command: 'edit.find' });
    await run({ command: 'isolation.preset', preset: 'mix' });
    expect(emitted).toEqual([
      { name: 'menuCommand', payload: { command: 'edit.find' } },
      { name: 'menuCommand', payload: { command: 'isolation.preset', preset: 'mix' } },
    ]);
    expect(calls).toEqual([]);
  });

  it('opens a file chosen in the native dialog, asking before discarding changes', async () => {
    const clean = setup({ open: ['/home/ada/a.md'] });
    await clean.run({ command: 'file.open' });
    expect(clean.calls).toEqual(['open /home/ada/a.md discard=false']);
    const keep = setup({ open: ['/home/ada/a.md'], dirty: true, response: 1 });
    await keep.run({ command: 'file.open' });
    expect(keep.calls).toEqual([]);
    const discard = setup({ open: ['/home/ada/a.md'], dirty: true, response: 0 });
    await discard.run({ command: 'file.open' });
    expect(discard.calls).toEqual(['open /home/ada/a.md discard=true']);
    const cancelled = setup();
    await cancelled.run({ command: 'file.open' });
    expect(cancelled.calls).toEqual([]);
  });

  it('opens a path from the command line or the OS the same way, asking before discarding changes', async () => {
    const clean = setup();
    await expect(openPathAsking(clean.context, '/home/ada/b.md')).resolves.toBe(true);
    expect(clean.calls).toEqual(['open /home/ada/b.md discard=false']);
    const keep = setup({ dirty: true, response: 1 });
    await expect(openPathAsking(keep.context, '/home/ada/b.md')).resolves.toBe(false);
    expect(keep.calls).toEqual([]);
    const discard = setup({ dirty: true, response: 0 });
    await expect(openPathAsking(discard.context, '/home/ada/b.md')).resolves.toBe(true);
    expect(discard.calls).toEqual(['open /home/ada/b.md discard=true']);
  });

  it('saves to the file, or asks where for an untitled document', async () => {
    const titled = setup({ path: '/home/ada/a.md' });
    await titled.run({ command: 'file.save' });
    expect(titled.calls).toEqual(['save']);
    const untitled = setup({ save: '/home/ada/new.md' });
    await untitled.run({ command: 'file.save' });
    await untitled.run({ command: 'file.saveAs' });
    expect(untitled.calls).toEqual(['saveAs /home/ada/new.md', 'saveAs /home/ada/new.md']);
  });

  it('quits through the app, so the close guard runs', async () => {
    const { calls, run } = setup();
    await run({ command: 'app.quit' });
    expect(calls).toEqual(['quit']);
  });

  it('shows a failure as an error notice instead of throwing', async () => {
    const { emitted, run } = setup({ open: ['/home/ada/notes.md'], failOpen: true });
    await run({ command: 'file.open' });
    expect(emitted).toEqual([{ name: 'notice', payload: { level: 'error', message: 'notes.md is a binary file' } }]);
  });
});
