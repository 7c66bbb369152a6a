/**
 * One entry of the in-page menu: a command (plain, checkbox or radio), a submenu or a separator,
 * with ARIA roles and states. `setItemState` patches an entry in place when the state changes.
 */
import type { CommandItem, MenuItem, SubmenuItem } from '../../../workers/common/menu-model.ts';

export interface ItemElements {
  readonly element: HTMLElement;
  /** The focusable row (absent for separators). */
  readonly row?: HTMLElement;
  /** The newest model of this item: handlers read it, so a patched item acts on its new state. */
  item: MenuItem;
}

/** `CmdOrCtrl+Shift+S` as this platform writes it. */
export function acceleratorLabel(accelerator: string): string {
  const mac = /Mac|iPhone|iPad/.test(navigator.platform);
  return accelerator.replace('CmdOrCtrl', mac ? '⌘' : 'Ctrl').replaceAll('+', mac ? '' : '+');
}

function roleOf(item: CommandItem | SubmenuItem): string {
  if (item.type === 'checkbox') return 'menuitemcheckbox';
  if (item.type === 'radio') return 'menuitemradio';
  return 'menuitem';
}

export function setItemState(rendered: ItemElements, item: MenuItem): void {
  rendered.item = item;
  const row = rendered.row;
  if (!row || item.type === 'separator') return;
  const label = row.querySelector('.menu-label');
  if (label && label.textContent !== item.label) label.textContent = item.label;
  row.setAttribute('aria-disabled', String(!item.enabled));
  if (item.type === 'checkbox' || item.type === 'radio') row.setAttribute('aria-checked', String(item.checked === true));
}

export function renderItem(
  item: MenuItem,
  activate: (item: CommandItem) => void,
  renderList: (items: readonly MenuItem[], label: string) => HTMLElement,
): ItemElements {
  const entry = document.createElement('div');
  if (item.type === 'separator') {
    entry.className = 'menu-entry menu-separator';
    entry.setAttribute('role', 'separator');
    return { element: entry, item };
  }
  entry.className = 'menu-entry';
  entry.setAttribute('role', 'none');
  const row = document.createElement('div');
  row.className = 'menu-item';
  row.tabIndex = -1;
  row.dataset.id = item.id;
  row.setAttribute('role', roleOf(item));
  const check = document.createElement('span');
  check.className = 'menu-check';
  check.setAttribute('aria-hidden', 'true');
  const label = document.createElement('span');
  label.className = 'menu-label';
  const hint = document.createElement('span');
  hint.className = 'menu-accelerator';
  if (item.type !== 'submenu' && item.accelerator) hint.textContent = acceleratorLabel(item.accelerator);
  if (item.type === 'submenu') hint.textContent = '›';
  row.append(check, label, hint);
  entry.append(row);
  const rendered: ItemElements = { element: entry, row, item };
  setItemState(rendered, item);

  if (item.type === 'submenu') {
    row.setAttribute('aria-haspopup', 'menu');
    row.setAttribute('aria-expanded', 'false');
    const submenu = renderList(item.items, item.label);
    submenu.classList.add('menu-submenu');
    entry.append(submenu);
    const show = (focusFirst: boolean) => {
      if (rendered.item.type === 'separator' || !rendered.item.enabled) return;
      for (const sibling of entry.parentElement?.querySelectorAll<HTMLElement>(':scope > .menu-entry > .menu-submenu') ?? []) {
        if (sibling !== submenu) hideSubmenu(sibling);
      }
      row.setAttribute('aria-expanded', 'true');
      submenu.hidden = false;
      if (focusFirst) submenu.querySelector<HTMLElement>(':scope > .menu-entry > .menu-item')?.focus();
    };
    row.addEventListener('click', () => show(true));
    row.addEventListener('pointerenter', () => show(false));
  } else {
    row.addEventListener('click', () => {
      const current = rendered.item;
      if (current.type !== 'separator' && current.type !== 'submenu') activate(current);
    });
    row.addEventListener('pointerenter', () => {
      for (const sibling of entry.parentElement?.querySelectorAll<HTMLElement>(':scope > .menu-entry > .menu-submenu') ?? []) hideSubmenu(sibling);
    });
  }
  row.addEventListener('pointerenter', () => row.focus());
  return rendered;
}

function hideSubmenu(submenu: HTMLElement): void {
  submenu.hidden = true;
  for (const nested of submenu.querySelectorAll<HTMLElement>('.menu-submenu')) nested.hidden = true;
  submenu.parentElement?.querySelector(':scope > .menu-item')?.setAttribute('aria-expanded', 'false');
}
