/**
 * Keyboard shortcuts of the in-page menu: a keydown becomes an Electron-style accelerator string
 * (`CmdOrCtrl+Shift+S`) and runs the menu item that declares it. Edit shortcuts (undo, copy,
 * find…) are left to Monaco, which already handles them where the text is.
 */
import { findByAccelerator, type Menu, type MenuCommand } from '../../../workers/common/menu-model.ts';

export function acceleratorOf(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>, mac: boolean): string | undefined {
  const command = mac ? event.metaKey : event.ctrlKey;
  if (!command) return undefined;
  if (['Control', 'Meta', 'Shift', 'Alt'].includes(event.key)) return undefined;
  const key = event.key.length === 1 ? event.key.toUpperCase() : event.key;
  return ['CmdOrCtrl', event.altKey ? 'Alt' : '', event.shiftKey ? 'Shift' : '', key].filter(Boolean).join('+');
}

/** Binds the menus' accelerators on `target`; returns the unbind function. */
export function bindAccelerators(target: Window, menus: () => readonly Menu[], run: (command: MenuCommand) => void): () => void {
  const mac = /Mac|iPhone|iPad/.test(navigator.platform);
  const onKey = (event: KeyboardEvent) => {
    const accelerator = acceleratorOf(event, mac);
    if (!accelerator) return;
    const item = findByAccelerator(menus(), accelerator);
    if (!item || item.command.command.startsWith('edit.')) return;
    // Ctrl+S, Ctrl+O… would otherwise reach the browser (save page, open file).
    event.preventDefault();
    event.stopPropagation();
    if (item.enabled) run(item.command);
  };
  target.addEventListener('keydown', onKey, { capture: true });
  return () => target.removeEventListener('keydown', onKey, { capture: true });
}
