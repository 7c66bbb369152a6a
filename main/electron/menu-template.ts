/**
 * Turns the shared menu model (workers/common/menu-model.ts) into Electron's menu template. Pure:
 * the caller builds it with `Menu.buildFromTemplate` and decides what a dispatched command does.
 * macOS conventions are applied here, not in the model: the app menu holds About and Quit, and
 * Replace moves off Cmd+H (which macOS reserves for Hide).
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { CommandItem, Menu, MenuCommand, MenuItem } from '../../workers/common/menu-model.ts';

export interface MenuTemplateOptions {
  /** `process.platform`. */
  readonly os: string;
  readonly appName: string;
  readonly dispatch: (command: MenuCommand) => void;
}

/** Accelerators macOS users expect instead of the model's. */
const MAC_ACCELERATORS: Readonly<Record<string, string>> = { 'edit.replace': 'Cmd+Alt+F' };
/** Items that live in the macOS app menu instead of File and Help. */
const MAC_APP_MENU_ITEMS = new Set(['help.about', 'app.quit']);

function commandItem(entry: CommandItem, options: MenuTemplateOptions): MenuItemConstructorOptions {
  const accelerator = options.os === 'darwin' ? (MAC_ACCELERATORS[entry.id] ?? entry.accelerator) : entry.accelerator;
  return {
    id: entry.id,
    label: entry.label,
    type: entry.type,
    enabled: entry.enabled,
    ...(entry.checked === undefined ? {} : { checked: entry.checked }),
    ...(accelerator === undefined ? {} : { accelerator }),
    // With a role, Electron performs it natively and does not call `click`.
    ...(entry.role === undefined ? {} : { role: entry.role }),
    click: () => options.dispatch(entry.command),
  };
}

function templateItem(entry: MenuItem, options: MenuTemplateOptions): MenuItemConstructorOptions {
  switch (entry.type) {
    case 'separator':
      return { id: entry.id, type: 'separator' };
    case 'submenu':
      return { id: entry.id, label: entry.label, enabled: entry.enabled, submenu: entry.items.map((child) => templateItem(child, options)) };
    default:
      return commandItem(entry, options);
  }
}

/** Drops separators that would show at an edge or doubled after items moved away. */
function tidySeparators(items: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  const tidy: MenuItemConstructorOptions[] = [];
  for (const entry of items) {
    if (entry.type === 'separator' && (tidy.length === 0 || tidy.at(-1)?.type === 'separator')) continue;
    tidy.push(entry);
  }
  while (tidy.at(-1)?.type === 'separator') tidy.pop();
  return tidy;
}

function macAppMenu(menus: readonly Menu[], options: MenuTemplateOptions): MenuItemConstructorOptions {
  const find = (id: string) => menus.flatMap((menu) => menu.items).find((entry) => entry.id === id);
  const about = find('help.about');
  const quit = find('app.quit');
  return {
    label: options.appName,
    submenu: [
      ...(about ? [templateItem(about, options), { type: 'separator' as const }] : []),
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      ...(quit ? [{ type: 'separator' as const }, templateItem(quit, options)] : []),
    ],
  };
}

export function menuTemplate(menus: readonly Menu[], options: MenuTemplateOptions): MenuItemConstructorOptions[] {
  const mac = options.os === 'darwin';
  const template = menus.map((menu) => ({
    id: menu.id,
    label: menu.label,
    submenu: tidySeparators(
      menu.items.filter((entry) => !(mac && MAC_APP_MENU_ITEMS.has(entry.id))).map((entry) => templateItem(entry, options)),
    ),
  }));
  if (!mac) return template;
  // macOS also expects a Window menu (minimise, zoom, bring all to front).
  const help = template.pop();
  return [macAppMenu(menus, options), ...template, { role: 'windowMenu' }, ...(help ? [help] : [])];
}
