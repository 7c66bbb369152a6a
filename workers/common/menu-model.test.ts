import { describe, expect, it } from 'vitest';
import {
  BUSY_FAULT_MS,
  MAX_RECENT_IN_MENU,
  buildMenu,
  findByAccelerator,
  findMenuItem,
  walkMenu,
  type CommandItem,
  type MenuItem,
  type MenuState,
} from './menu-model.ts';
import { PRESETS, TASK_IDS, type IsolationModel } from './tasks.ts';

const threads = PRESETS.find((preset) => preset.id === 'threads')?.model as IsolationModel;

const base: MenuState = {
  platform: 'electron',
  model: threads,
  previewVisible: true,
  monitorVisible: false,
  theme: 'system',
  recentFiles: ['/home/ada/notes.md', 'C:\\Users\\ada\\draft.txt'],
  dirty: true,
  hasPath: true,
  taskStates: { keystroke: 'ready', render: 'busy', spellcheck: 'crashed', grammar: 'starting' },
};

function command(state: MenuState, id: string): CommandItem {
  const found = findMenuItem(buildMenu(state), id);
  if (!found || found.type === 'separator' || found.type === 'submenu') throw new Error(`no command item ${id}`);
  return found;
}

function children(state: MenuState, id: string): readonly MenuItem[] {
  const found = findMenuItem(buildMenu(state), id);
  if (found?.type !== 'submenu') throw new Error(`no submenu ${id}`);
  return found.items;
}

describe('menu model', () => {
  it('offers a grammar pool of 1 host up to the host\'s cores, checked as set, off under inline', () => {
    const pooled: MenuState = { ...base, grammarPool: { size: 2, max: 2 } };
    expect(children(pooled, 'isolation.grammarPool').map((entry) => entry.type !== 'separator' && entry.type !== 'submenu' && [entry.label, entry.checked, entry.enabled])).toEqual([
      ['1 Host', false, true],
      ['2 Hosts', true, true],
    ]);
    expect(command(pooled, 'isolation.grammarPool.2').command).toEqual({ command: 'isolation.grammarPool', size: 2 });
    const inline: MenuState = { ...pooled, model: { ...threads, grammar: 'inline' } };
    expect(children(inline, 'isolation.grammarPool').every((entry) => entry.type !== 'separator' && !entry.enabled)).toBe(true);
    // Without the field (an older host), one host is offered and checked.
    expect(children(base, 'isolation.grammarPool').map((entry) => entry.id)).toEqual(['isolation.grammarPool.1']);
  });


  it('has the six menus in order', () => {
    expect(buildMenu(base).map((menu) => menu.label)).toEqual(['File', 'Edit', 'View', 'Isolation', 'Tasks', 'Help']);
  });

  it('gives every item a unique id', () => {
    const ids = [...walkMenu(buildMenu(base))].map((entry) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('binds the standard shortcuts to the right commands, each once', () => {
    const menus = buildMenu(base);
    const expected: Record<string, string> = {
      'CmdOrCtrl+N': 'file.new',
      'CmdOrCtrl+O': 'file.open',
      'CmdOrCtrl+S': 'file.save',
      'CmdOrCtrl+Shift+S': 'file.saveAs',
      'CmdOrCtrl+Z': 'edit.undo',
      'CmdOrCtrl+Shift+Z': 'edit.redo',
      'CmdOrCtrl+X': 'edit.cut',
      'CmdOrCtrl+C': 'edit.copy',
      'CmdOrCtrl+V': 'edit.paste',
      'CmdOrCtrl+F': 'edit.find',
      'CmdOrCtrl+H': 'edit.replace',
      'CmdOrCtrl+Shift+V': 'view.preview',
      'CmdOrCtrl+Shift+M': 'view.monitor',
    };
    for (const [accelerator, name] of Object.entries(expected)) {
      expect(findByAccelerator(menus, accelerator)?.command.command, accelerator).toBe(name);
    }
    const accelerators = [...walkMenu(menus)].flatMap((entry) => ('accelerator' in entry && entry.accelerator ? [entry.accelerator] : []));
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });

  it('gives clipboard items native roles and nothing else', () => {
    const roles = [...walkMenu(buildMenu(base))].flatMap((entry) => ('role' in entry && entry.role ? [[entry.id, entry.role]] : []));
    expect(roles).toEqual([
      ['edit.cut', 'cut'],
      ['edit.copy', 'copy'],
      ['edit.paste', 'paste'],
    ]);
  });

  it('lists recent files with their full path in the command, newest first, capped', () => {
    const recent = children(base, 'file.recent');
    expect(recent.map((entry) => ('label' in entry ? entry.label : ''))).toEqual(['1. notes.md', '2. draft.txt']);
    expect(command(base, 'file.recent.1').command).toEqual({ command: 'file.openRecent', path: 'C:\\Users\\ada\\draft.txt' });
    const many = { ...base, recentFiles: Array.from({ length: 25 }, (_, index) => `/f/${index}.md`) };
    expect(children(many, 'file.recent')).toHaveLength(MAX_RECENT_IN_MENU);
    const none = children({ ...base, recentFiles: [] }, 'file.recent');
    expect(none).toHaveLength(1);
    expect(none[0]).toMatchObject({ label: 'No Recent Files', enabled: false });
  });

  it('enables Save only when there is something to save', () => {
    expect(command(base, 'file.save').enabled).toBe(true);
    expect(command({ ...base, dirty: false }, 'file.save').enabled).toBe(false);
    expect(command({ ...base, dirty: false, hasPath: false }, 'file.save').enabled).toBe(true);
    expect(command({ ...base, dirty: false }, 'file.saveAs').enabled).toBe(true);
  });

  it('offers Quit in Electron only', () => {
    expect(findMenuItem(buildMenu(base), 'app.quit')).toBeDefined();
    expect(findMenuItem(buildMenu({ ...base, platform: 'web' }), 'app.quit')).toBeUndefined();
  });

  it('checks the view toggles and exactly one theme', () => {
    expect(command(base, 'view.preview').checked).toBe(true);
    expect(command(base, 'view.monitor').checked).toBe(false);
    const dark = children({ ...base, theme: 'dark' }, 'view.theme') as CommandItem[];
    expect(dark.filter((entry) => entry.checked).map((entry) => entry.command)).toEqual([{ command: 'view.theme', theme: 'dark' }]);
  });

  it('checks the preset the model equals, and none for a custom model', () => {
    for (const preset of PRESETS) {
      const items = buildMenu({ ...base, model: preset.model })[3]?.items ?? [];
      const checked = items.filter((entry): entry is CommandItem => entry.type === 'radio' && entry.checked === true);
      expect(checked.map((entry) => entry.command)).toEqual([{ command: 'isolation.preset', preset: preset.id }]);
    }
    expect(PRESETS.map((preset) => command(base, `isolation.preset.${preset.id}`).label)).toEqual([
      'Single Thread (All Inline)',
      'Worker Threads',
      'Processes',
      "The Notes' Mix",
    ]);
    const custom = { ...base, model: { ...threads, grammar: 'inline' as const } };
    expect(PRESETS.some((preset) => command(custom, `isolation.preset.${preset.id}`).checked)).toBe(false);
  });

  it('has a radio submenu per task that checks where the task runs', () => {
    const model: IsolationModel = { keystroke: 'inline', render: 'thread', spellcheck: 'process', grammar: 'process' };
    for (const task of TASK_IDS) {
      const kinds = children({ ...base, model }, `isolation.task.${task}`) as CommandItem[];
      expect(kinds.map((entry) => entry.type)).toEqual(['radio', 'radio', 'radio']);
      expect(kinds.filter((entry) => entry.checked).map((entry) => entry.command)).toEqual([{ command: 'isolation.move', task, kind: model[task] }]);
    }
  });

  it('disables isolation items while a switch is in flight', () => {
    const switching = buildMenu({ ...base, switching: true });
    const isolation = [...walkMenu(switching)].filter((entry) => entry.id.startsWith('isolation.') && entry.type === 'radio');
    expect(isolation.length).toBe(PRESETS.length + TASK_IDS.length * 3 + 1); // + the grammar pool of 1 host
    expect(isolation.every((entry) => entry.type !== 'separator' && !entry.enabled)).toBe(true);
  });

  it('offers restart and the four faults per task, enabled by the task state', () => {
    expect(children(base, 'tasks.render').map((entry) => ('label' in entry ? entry.label : '—'))).toEqual([
      'Restart',
      '—',
      'Inject Crash',
      'Inject Hang',
      'Inject Leak',
      'Inject Busy 5 s',
    ]);
    expect(command(base, 'tasks.render.fault.busy').command).toEqual({ command: 'task.fault', task: 'render', fault: { kind: 'busy', durationMs: BUSY_FAULT_MS } });
    expect(command(base, 'tasks.keystroke.fault.crash').enabled).toBe(true);
    expect(command(base, 'tasks.spellcheck.fault.crash').enabled).toBe(false);
    expect(command(base, 'tasks.spellcheck.restart').enabled).toBe(true);
    expect(command(base, 'tasks.grammar.restart').enabled).toBe(false);
    expect(command(base, 'tasks.grammar.fault.hang').enabled).toBe(false);
    expect(command({ ...base, taskStates: {} }, 'tasks.render.restart').enabled).toBe(false);
  });

  it('ends with Help: The Lesson and About', () => {
    expect(buildMenu(base)[5]?.items.map((entry) => ('command' in entry ? entry.command.command : ''))).toEqual(['help.welcome', 'help.lesson', 'help.about']);
  });

  it('is pure: equal states give equal trees', () => {
    expect(buildMenu({ ...base })).toEqual(buildMenu(base));
  });
});
