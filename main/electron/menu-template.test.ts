import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { buildMenu, walkMenu, type MenuCommand, type MenuState } from '../../workers/common/menu-model.ts';
import { menuTemplate } from './menu-template.ts';

const state: MenuState = {
  platform: 'electron',
  model: { keystroke: 'thread', render: 'thread', spellcheck: 'process', grammar: 'process' },
  previewVisible: false,
  monitorVisible: true,
  theme: 'dark',
  recentFiles: ['/home/ada/notes.md'],
  dirty: true,
  hasPath: true,
  taskStates: { keystroke: 'ready', render: 'ready', spellcheck: 'ready', grammar: 'ready' },
};

function build(os: string) {
  const dispatched: MenuCommand[] = [];
  const template = menuTemplate(buildMenu(state), { os, appName: 'Forkpad', dispatch: (command) => dispatched.push(command) });
  return { template, dispatched };
}

function* walk(items: readonly MenuItemConstructorOptions[]): Generator<MenuItemConstructorOptions> {
  for (const entry of items) {
    yield entry;
    if (Array.isArray(entry.submenu)) yield* walk(entry.submenu);
  }
}

function byId(items: readonly MenuItemConstructorOptions[], id: string): MenuItemConstructorOptions {
  const found = [...walk(items)].find((entry) => entry.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
}

function click(entry: MenuItemConstructorOptions): void {
  (entry.click as (() => void) | undefined)?.();
}

describe('native menu template', () => {
  it('has the model’s menus, labels and item count on Linux and Windows', () => {
    const { template } = build('linux');
    expect(template.map((menu) => menu.label)).toEqual(['File', 'Edit', 'View', 'Isolation', 'Tasks', 'Help']);
    const modelIds = [...walkMenu(buildMenu(state))].map((entry) => entry.id);
    const templateIds = [...walk(template)].flatMap((entry) => (entry.id && !['file', 'edit', 'view', 'isolation', 'tasks', 'help'].includes(entry.id) ? [entry.id] : []));
    expect(templateIds).toEqual(modelIds);
  });

  it('dispatches each item’s command when clicked', () => {
    const { template, dispatched } = build('win32');
    click(byId(template, 'isolation.preset.inline'));
    click(byId(template, 'isolation.task.grammar.thread'));
    click(byId(template, 'tasks.spellcheck.fault.busy'));
    click(byId(template, 'file.recent.0'));
    click(byId(template, 'view.theme.light'));
    expect(dispatched).toEqual([
      { command: 'isolation.preset', preset: 'inline' },
      { command: 'isolation.move', task: 'grammar', kind: 'thread' },
      { command: 'task.fault', task: 'spellcheck', fault: { kind: 'busy', durationMs: 5000 } },
      { command: 'file.openRecent', path: '/home/ada/notes.md' },
      { command: 'view.theme', theme: 'light' },
    ]);
  });

  it('carries types, checks, enabled states, accelerators and roles', () => {
    const { template } = build('linux');
    expect(byId(template, 'isolation.preset.mix')).toMatchObject({ type: 'radio', checked: true });
    expect(byId(template, 'isolation.preset.threads')).toMatchObject({ type: 'radio', checked: false });
    expect(byId(template, 'isolation.task.spellcheck.process')).toMatchObject({ type: 'radio', checked: true });
    expect(byId(template, 'view.monitor')).toMatchObject({ type: 'checkbox', checked: true, accelerator: 'CmdOrCtrl+Shift+M' });
    expect(byId(template, 'view.theme.dark')).toMatchObject({ type: 'radio', checked: true });
    expect(byId(template, 'file.saveAs')).toMatchObject({ accelerator: 'CmdOrCtrl+Shift+S', enabled: true });
    expect(byId(template, 'edit.paste')).toMatchObject({ role: 'paste', accelerator: 'CmdOrCtrl+V' });
    expect(byId(template, 'edit.undo')).not.toHaveProperty('role');
    expect(byId(template, 'edit.replace').accelerator).toBe('CmdOrCtrl+H');
    expect(byId(template, 'file.separator.save').type).toBe('separator');
  });

  it('follows macOS conventions: app menu with About and Quit, Window menu, Replace off Cmd+H', () => {
    const { template, dispatched } = build('darwin');
    expect(template.map((menu) => menu.label ?? menu.role)).toEqual(['Forkpad', 'File', 'Edit', 'View', 'Isolation', 'Tasks', 'windowMenu', 'Help']);
    const appMenu = template[0]?.submenu as MenuItemConstructorOptions[];
    expect(appMenu.map((entry) => entry.id ?? entry.role ?? entry.type)).toEqual(['help.about', 'separator', 'services', 'separator', 'hide', 'hideOthers', 'unhide', 'separator', 'app.quit']);
    const file = template[1]?.submenu as MenuItemConstructorOptions[];
    expect(file.some((entry) => entry.id === 'app.quit')).toBe(false);
    expect(file.at(-1)?.type).not.toBe('separator');
    const help = template.at(-1)?.submenu as MenuItemConstructorOptions[];
    expect(help.map((entry) => entry.id)).toEqual(['help.welcome', 'help.lesson']);
    expect(byId(template, 'edit.replace').accelerator).toBe('Cmd+Alt+F');
    click(byId(template, 'app.quit'));
    expect(dispatched).toEqual([{ command: 'app.quit' }]);
  });
});
