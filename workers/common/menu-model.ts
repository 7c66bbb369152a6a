/**
 * Forkpad's menus, defined once. `buildMenu(state)` gives a tree that Electron turns into its
 * native menu (main/electron/menu-template.ts) and the web host's page renders as an in-page
 * menu bar. Both dispatch the same typed `MenuCommand`s; neither decides what an item means.
 */
import type { HostPlatform, Theme } from './host-api.ts';
import type { TaskState } from './metrics.ts';
import type { Fault, FaultKind } from './task-api.ts';
import { HOST_KINDS, PRESETS, TASK_IDS, presetOf, type HostKind, type IsolationModel, type PresetId, type TaskId } from './tasks.ts';

/** What a menu item does. The renderer runs every command (Electron forwards native clicks to it). */
export type MenuCommand =
  | { readonly command: 'file.new' }
  | { readonly command: 'file.open' }
  | { readonly command: 'file.openRecent'; readonly path: string }
  | { readonly command: 'file.save' }
  | { readonly command: 'file.saveAs' }
  | { readonly command: 'app.quit' }
  | { readonly command: 'edit.undo' }
  | { readonly command: 'edit.redo' }
  | { readonly command: 'edit.cut' }
  | { readonly command: 'edit.copy' }
  | { readonly command: 'edit.paste' }
  | { readonly command: 'edit.find' }
  | { readonly command: 'edit.replace' }
  | { readonly command: 'view.preview' }
  | { readonly command: 'view.monitor' }
  | { readonly command: 'view.theme'; readonly theme: Theme }
  | { readonly command: 'isolation.preset'; readonly preset: PresetId }
  | { readonly command: 'isolation.move'; readonly task: TaskId; readonly kind: HostKind }
  | { readonly command: 'isolation.grammarPool'; readonly size: number }
  | { readonly command: 'task.restart'; readonly task: TaskId }
  | { readonly command: 'task.fault'; readonly task: TaskId; readonly fault: Fault }
  | { readonly command: 'help.about' }
  | { readonly command: 'help.lesson' }
  | { readonly command: 'help.welcome' };

export type MenuCommandName = MenuCommand['command'];

/**
 * Electron roles for items the native menu should let Chromium perform: clipboard access from a
 * sandboxed page is limited, while the native cut/copy/paste act on the focused editor directly.
 * The in-page menu ignores roles and dispatches the command.
 */
export type NativeRole = 'cut' | 'copy' | 'paste';

interface ItemBase {
  /** Unique in the whole tree and stable across rebuilds, e.g. `isolation.task.grammar.process`. */
  readonly id: string;
  readonly enabled: boolean;
}

export interface CommandItem extends ItemBase {
  readonly type: 'normal' | 'checkbox' | 'radio';
  readonly label: string;
  readonly command: MenuCommand;
  /** Electron accelerator syntax (`CmdOrCtrl+Shift+S`); the in-page menu shows and binds it. */
  readonly accelerator?: string;
  /** For checkbox and radio items. Radio items are grouped by their enclosing submenu. */
  readonly checked?: boolean;
  readonly role?: NativeRole;
}

export interface SeparatorItem {
  readonly type: 'separator';
  readonly id: string;
}

export interface SubmenuItem extends ItemBase {
  readonly type: 'submenu';
  readonly label: string;
  readonly items: readonly MenuItem[];
}

export type MenuItem = CommandItem | SeparatorItem | SubmenuItem;

/** A top-level menu of the menu bar. */
export interface Menu {
  readonly id: string;
  readonly label: string;
  readonly items: readonly MenuItem[];
}

/** Everything the menus reflect. */
export interface MenuState {
  readonly platform: HostPlatform;
  readonly model: IsolationModel;
  readonly previewVisible: boolean;
  readonly monitorVisible: boolean;
  readonly theme: Theme;
  readonly recentFiles: readonly string[];
  /** The open document has unsaved changes. */
  readonly dirty: boolean;
  /** The open document has a file (Save writes to it); false while untitled. */
  readonly hasPath: boolean;
  /** Missing tasks count as not running (their items are disabled). */
  readonly taskStates: Readonly<Partial<Record<TaskId, TaskState>>>;
  /** A model switch is in flight: isolation items wait for it. */
  readonly switching?: boolean;
  /** Grammar hosts asked for (the setting), and the most the host offers (its cores). Absent: 1 of 1. */
  readonly grammarPool?: { readonly size: number; readonly max: number };
}

export const TASK_LABELS: Readonly<Record<TaskId, string>> = {
  keystroke: 'Keystroke',
  render: 'Render',
  spellcheck: 'Spellcheck',
  grammar: 'Grammar',
};

export const HOST_KIND_LABELS: Readonly<Record<HostKind, string>> = {
  inline: 'Inline (Main Thread)',
  thread: 'Worker Thread',
  process: 'Process',
};

const THEME_LABELS: Readonly<Record<Theme, string>> = { system: 'System', light: 'Light', dark: 'Dark' };

/** How long an injected `busy` fault holds one core. */
export const BUSY_FAULT_MS = 5_000;

const FAULT_ITEMS: readonly { readonly kind: FaultKind; readonly label: string; readonly fault: Fault }[] = [
  { kind: 'crash', label: 'Inject Crash', fault: { kind: 'crash' } },
  { kind: 'hang', label: 'Inject Hang', fault: { kind: 'hang' } },
  { kind: 'leak', label: 'Inject Leak', fault: { kind: 'leak' } },
  { kind: 'busy', label: `Inject Busy ${BUSY_FAULT_MS / 1000} s`, fault: { kind: 'busy', durationMs: BUSY_FAULT_MS } },
];

/** Shown in Open Recent; older entries stay in the host's list but not in the menu. */
export const MAX_RECENT_IN_MENU = 10;

function item(id: string, label: string, command: MenuCommand, extra: Partial<CommandItem> = {}): CommandItem {
  return { type: 'normal', id, label, command, enabled: true, ...extra };
}

function separator(id: string): SeparatorItem {
  return { type: 'separator', id };
}

function submenu(id: string, label: string, items: readonly MenuItem[], enabled = true): SubmenuItem {
  return { type: 'submenu', id, label, items, enabled };
}

/** The last path segment, for a menu label that fits; the full path stays in the command. */
function recentLabel(path: string, index: number): string {
  const name = path.split(/[\\/]/).filter(Boolean).pop() ?? path;
  return `${index + 1}. ${name}`;
}

function fileMenu(state: MenuState): Menu {
  const recent = state.recentFiles.slice(0, MAX_RECENT_IN_MENU);
  const recentItems: MenuItem[] =
    recent.length > 0
      ? recent.map((path, index) => item(`file.recent.${index}`, recentLabel(path, index), { command: 'file.openRecent', path }))
      : [item('file.recent.none', 'No Recent Files', { command: 'file.open' }, { enabled: false })];
  const items: MenuItem[] = [
    item('file.new', 'New', { command: 'file.new' }, { accelerator: 'CmdOrCtrl+N' }),
    item('file.open', 'Open…', { command: 'file.open' }, { accelerator: 'CmdOrCtrl+O' }),
    submenu('file.recent', 'Open Recent', recentItems),
    separator('file.separator.save'),
    item('file.save', 'Save', { command: 'file.save' }, { accelerator: 'CmdOrCtrl+S', enabled: state.dirty || !state.hasPath }),
    item('file.saveAs', 'Save As…', { command: 'file.saveAs' }, { accelerator: 'CmdOrCtrl+Shift+S' }),
  ];
  // A browser tab is closed by the browser, not by the page.
  if (state.platform === 'electron') {
    items.push(separator('file.separator.quit'), item('app.quit', 'Quit', { command: 'app.quit' }, { accelerator: 'CmdOrCtrl+Q' }));
  }
  return { id: 'file', label: 'File', items };
}

function editMenu(): Menu {
  return {
    id: 'edit',
    label: 'Edit',
    items: [
      item('edit.undo', 'Undo', { command: 'edit.undo' }, { accelerator: 'CmdOrCtrl+Z' }),
      item('edit.redo', 'Redo', { command: 'edit.redo' }, { accelerator: 'CmdOrCtrl+Shift+Z' }),
      separator('edit.separator.clipboard'),
      item('edit.cut', 'Cut', { command: 'edit.cut' }, { accelerator: 'CmdOrCtrl+X', role: 'cut' }),
      item('edit.copy', 'Copy', { command: 'edit.copy' }, { accelerator: 'CmdOrCtrl+C', role: 'copy' }),
      item('edit.paste', 'Paste', { command: 'edit.paste' }, { accelerator: 'CmdOrCtrl+V', role: 'paste' }),
      separator('edit.separator.find'),
      item('edit.find', 'Find', { command: 'edit.find' }, { accelerator: 'CmdOrCtrl+F' }),
      item('edit.replace', 'Replace', { command: 'edit.replace' }, { accelerator: 'CmdOrCtrl+H' }),
    ],
  };
}

function viewMenu(state: MenuState): Menu {
  const themes = (['system', 'light', 'dark'] as const).map((theme) =>
    item(`view.theme.${theme}`, THEME_LABELS[theme], { command: 'view.theme', theme }, { type: 'radio', checked: state.theme === theme }),
  );
  return {
    id: 'view',
    label: 'View',
    items: [
      item('view.preview', 'Preview', { command: 'view.preview' }, { type: 'checkbox', checked: state.previewVisible, accelerator: 'CmdOrCtrl+Shift+V' }),
      item('view.monitor', 'Task Monitor', { command: 'view.monitor' }, { type: 'checkbox', checked: state.monitorVisible, accelerator: 'CmdOrCtrl+Shift+M' }),
      separator('view.separator.theme'),
      submenu('view.theme', 'Theme', themes),
    ],
  };
}

function isolationMenu(state: MenuState): Menu {
  const enabled = !state.switching;
  const current = presetOf(state.model);
  const presets = PRESETS.map((preset) =>
    item(`isolation.preset.${preset.id}`, preset.label, { command: 'isolation.preset', preset: preset.id }, { type: 'radio', checked: current === preset.id, enabled }),
  );
  const perTask = TASK_IDS.map((task) =>
    submenu(
      `isolation.task.${task}`,
      TASK_LABELS[task],
      HOST_KINDS.map((kind) =>
        item(`isolation.task.${task}.${kind}`, HOST_KIND_LABELS[kind], { command: 'isolation.move', task, kind }, { type: 'radio', checked: state.model[task] === kind, enabled }),
      ),
    ),
  );
  return { id: 'isolation', label: 'Isolation', items: [...presets, separator('isolation.separator.tasks'), ...perTask, separator('isolation.separator.pool'), grammarPoolMenu(state)] };
}

/** How many grammar hosts share a check: one per core at most, and one under inline. */
function grammarPoolMenu(state: MenuState): SubmenuItem {
  const { size, max } = state.grammarPool ?? { size: 1, max: 1 };
  const enabled = !state.switching && state.model.grammar !== 'inline';
  const sizes = Array.from({ length: Math.max(1, max) }, (_, index) => index + 1);
  return submenu(
    'isolation.grammarPool',
    'Grammar Pool',
    sizes.map((count) =>
      item(`isolation.grammarPool.${count}`, count === 1 ? '1 Host' : `${count} Hosts`, { command: 'isolation.grammarPool', size: count }, { type: 'radio', checked: count === Math.min(size, Math.max(1, max)), enabled }),
    ),
  );
}

/** A task can take a fault or a restart only while it is up (or, for restart, down for good). */
function taskItems(task: TaskId, state: TaskState | undefined): MenuItem[] {
  const running = state === 'ready' || state === 'busy' || state === 'unresponsive';
  const restartable = running || state === 'crashed' || state === 'stopped';
  return [
    item(`tasks.${task}.restart`, 'Restart', { command: 'task.restart', task }, { enabled: restartable }),
    separator(`tasks.${task}.separator.faults`),
    ...FAULT_ITEMS.map(({ kind, label, fault }) =>
      item(`tasks.${task}.fault.${kind}`, label, { command: 'task.fault', task, fault }, { enabled: running }),
    ),
  ];
}

function tasksMenu(state: MenuState): Menu {
  return {
    id: 'tasks',
    label: 'Tasks',
    items: TASK_IDS.map((task) => submenu(`tasks.${task}`, TASK_LABELS[task], taskItems(task, state.taskStates[task]))),
  };
}

function helpMenu(): Menu {
  return {
    id: 'help',
    label: 'Help',
    items: [
      item('help.welcome', 'Welcome', { command: 'help.welcome' }),
      item('help.lesson', 'The Lesson', { command: 'help.lesson' }),
      item('help.about', 'About Forkpad', { command: 'help.about' }),
    ],
  };
}

/** The whole menu bar for `state`. Pure: the same state always gives an equal tree. */
export function buildMenu(state: MenuState): readonly Menu[] {
  return [fileMenu(state), editMenu(), viewMenu(state), isolationMenu(state), tasksMenu(state), helpMenu()];
}

/** Every item of the tree, depth first, submenus before their children. */
export function* walkMenu(menus: readonly Menu[]): Generator<MenuItem> {
  const stack: MenuItem[] = menus.flatMap((menu) => menu.items).reverse();
  while (stack.length > 0) {
    const current = stack.pop() as MenuItem;
    yield current;
    if (current.type === 'submenu') stack.push(...[...current.items].reverse());
  }
}

/** The item with `id`, or undefined. */
export function findMenuItem(menus: readonly Menu[], id: string): MenuItem | undefined {
  for (const candidate of walkMenu(menus)) if (candidate.id === id) return candidate;
  return undefined;
}

/** The item whose accelerator is `accelerator`, for the in-page menu's key bindings. */
export function findByAccelerator(menus: readonly Menu[], accelerator: string): CommandItem | undefined {
  for (const candidate of walkMenu(menus)) {
    if (candidate.type !== 'separator' && candidate.type !== 'submenu' && candidate.accelerator === accelerator) return candidate;
  }
  return undefined;
}
