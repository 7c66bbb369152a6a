/**
 * The web host's in-page menu bar, drawn from the shared menu model (workers/common/menu-model.ts)
 * that Electron turns into its native menu. It follows the WAI-ARIA menubar pattern: F10 or Alt
 * focuses it; arrows move; Enter or Space runs an item; Escape closes. A state change patches
 * labels, checks and enabled flags in place, so an open menu stays open while tasks change.
 */
import type { CommandItem, Menu, MenuCommand, MenuItem } from '../../../workers/common/menu-model.ts';
import { AltTap } from './alt-tap.ts';
import { renderItem, setItemState, type ItemElements } from './menu-items.ts';

export class MenuBar {
  readonly element: HTMLElement;
  private menus: readonly Menu[] = [];
  private structure = '';
  private readonly items = new Map<string, ItemElements>();
  private readonly run: (command: MenuCommand) => void;
  private openTop: HTMLElement | null = null;
  /** What had focus before the menu bar took it (the editor): it gets focus back afterwards. */
  private returnFocus: HTMLElement | null = null;

  constructor(parent: HTMLElement, run: (command: MenuCommand) => void) {
    this.run = run;
    this.element = document.createElement('nav');
    this.element.className = 'menu-bar';
    this.element.setAttribute('role', 'menubar');
    this.element.setAttribute('aria-label', 'Application menu');
    this.element.addEventListener('keydown', (event) => this.onKey(event));
    this.element.addEventListener('focusin', (event) => {
      const from = event.relatedTarget;
      if (from instanceof HTMLElement && !this.element.contains(from)) this.returnFocus = from;
    });
    document.addEventListener('pointerdown', (event) => {
      if (this.openTop && !this.element.contains(event.target as Node)) this.close();
    });
    this.listenForAltTap();
    parent.prepend(this.element);
  }

  /**
   * Alt alone focuses the menu bar, or leaves it when it has focus (as F10 does, in app.ts).
   * Capture phase, so Monaco cannot swallow the keyup; Alt combinations are not a tap (AltTap).
   */
  private listenForAltTap(): void {
    const tap = new AltTap();
    const onKey = (event: KeyboardEvent) => {
      if (!tap.feed({ type: event.type === 'keyup' ? 'keyup' : 'keydown', key: event.key, ctrlKey: event.ctrlKey, metaKey: event.metaKey, shiftKey: event.shiftKey })) return;
      event.preventDefault();
      if (this.element.contains(document.activeElement)) {
        this.close(false);
        this.leave();
      } else this.focus();
    };
    window.addEventListener('keydown', onKey, { capture: true });
    window.addEventListener('keyup', onKey, { capture: true });
    window.addEventListener('pointerdown', () => tap.feed({ type: 'pointerdown' }), { capture: true });
    window.addEventListener('blur', () => tap.feed({ type: 'blur' }));
  }

  /** Shows `menus`; rebuilds only when the tree's shape changed, else patches items in place. */
  update(menus: readonly Menu[]): void {
    this.menus = menus;
    const structure = JSON.stringify(menus.map((menu) => [menu.id, [...idsOf(menu.items)]]));
    if (structure !== this.structure) {
      this.structure = structure;
      this.rebuild();
      return;
    }
    for (const menu of menus) patch(menu.items, this.items);
  }

  /** Focuses the first top-level menu (F10 / Alt). */
  focus(): void {
    this.topButtons()[0]?.focus();
  }

  /** Opens the top-level menu `id` with its first item focused (e.g. from the status bar). */
  openMenu(id: string): void {
    const top = this.element.querySelector<HTMLElement>(`:scope > .menu-top[data-menu="${CSS.escape(id)}"]`);
    if (top) this.open(top, true);
  }

  get isOpen(): boolean {
    return this.openTop !== null;
  }

  private rebuild(): void {
    const wasOpen = this.openTop?.dataset.menu;
    this.items.clear();
    this.openTop = null;
    const tops = this.menus.map((menu, index) => {
      const wrapper = document.createElement('div');
      wrapper.className = 'menu-top';
      wrapper.dataset.menu = menu.id;
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'menu-top-button';
      button.textContent = menu.label;
      button.setAttribute('role', 'menuitem');
      button.setAttribute('aria-haspopup', 'menu');
      button.setAttribute('aria-expanded', 'false');
      button.tabIndex = index === 0 ? 0 : -1;
      button.addEventListener('click', () => (this.openTop === wrapper ? this.close() : this.open(wrapper, false)));
      button.addEventListener('pointerenter', () => {
        if (this.openTop && this.openTop !== wrapper) this.open(wrapper, false);
      });
      const list = this.renderList(menu.items, menu.label);
      wrapper.append(button, list);
      return wrapper;
    });
    this.element.replaceChildren(...tops);
    const reopen = tops.find((top) => top.dataset.menu === wasOpen);
    if (reopen) this.open(reopen, false);
  }

  private renderList(items: readonly MenuItem[], label: string): HTMLElement {
    const list = document.createElement('div');
    list.className = 'menu-list';
    list.setAttribute('role', 'menu');
    list.setAttribute('aria-label', label);
    list.hidden = true;
    for (const item of items) {
      const rendered = renderItem(item, (command) => this.activate(command), (child, childLabel) => this.renderList(child, childLabel));
      if (item.type !== 'separator') this.items.set(item.id, rendered);
      list.append(rendered.element);
    }
    return list;
  }

  private activate(command: CommandItem): void {
    if (!command.enabled) return;
    this.close(false);
    this.leave();
    this.run(command.command);
  }

  /** Gives focus back to where it was before the menu bar (the editor, usually). */
  private leave(): void {
    const target = this.returnFocus;
    this.returnFocus = null;
    if (target?.isConnected) target.focus();
  }

  private open(top: HTMLElement, focusFirst: boolean): void {
    if (this.openTop && this.openTop !== top) this.close(false);
    this.openTop = top;
    const button = top.querySelector<HTMLElement>('.menu-top-button');
    const list = top.querySelector<HTMLElement>(':scope > .menu-list');
    if (!button || !list) return;
    button.setAttribute('aria-expanded', 'true');
    list.hidden = false;
    if (focusFirst) focusable(list)[0]?.focus();
    else button.focus();
  }

  private close(restoreFocus = true): void {
    const top = this.openTop;
    if (!top) return;
    this.openTop = null;
    for (const list of top.querySelectorAll<HTMLElement>('.menu-list')) list.hidden = true;
    for (const expanded of top.querySelectorAll('[aria-expanded="true"]')) expanded.setAttribute('aria-expanded', 'false');
    if (restoreFocus && top.contains(document.activeElement)) top.querySelector<HTMLElement>('.menu-top-button')?.focus();
  }

  private topButtons(): HTMLElement[] {
    return [...this.element.querySelectorAll<HTMLElement>(':scope > .menu-top > .menu-top-button')];
  }

  private onKey(event: KeyboardEvent): void {
    const target = event.target as HTMLElement;
    const tops = this.topButtons();
    const topIndex = tops.findIndex((button) => button.parentElement?.contains(target));
    const inTopButton = target.classList.contains('menu-top-button');
    const list = target.closest<HTMLElement>('.menu-list');
    const handled = inTopButton ? this.onTopKey(event.key, tops, topIndex) : list ? this.onListKey(event.key, target, list, tops, topIndex) : false;
    if (handled) {
      event.preventDefault();
      event.stopPropagation();
    }
  }

  private onTopKey(key: string, tops: HTMLElement[], index: number): boolean {
    const move = (delta: number) => {
      const next = tops[(index + delta + tops.length) % tops.length];
      if (!next) return;
      for (const button of tops) button.tabIndex = button === next ? 0 : -1;
      if (this.openTop && next.parentElement) this.open(next.parentElement, false);
      else next.focus();
    };
    const top = tops[index]?.parentElement;
    switch (key) {
      case 'ArrowRight':
        move(1);
        return true;
      case 'ArrowLeft':
        move(-1);
        return true;
      case 'ArrowDown':
      case 'Enter':
      case ' ':
        if (top) this.open(top, true);
        return true;
      case 'Escape':
        if (this.openTop) this.close();
        else this.leave();
        return true;
      default:
        return false;
    }
  }

  private onListKey(key: string, target: HTMLElement, list: HTMLElement, tops: HTMLElement[], topIndex: number): boolean {
    const entries = focusable(list);
    const index = entries.indexOf(target);
    const submenu = target.parentElement?.querySelector<HTMLElement>(':scope > .menu-list');
    const parentList = list.parentElement?.closest<HTMLElement>('.menu-list');
    switch (key) {
      case 'ArrowDown':
        entries[(index + 1) % entries.length]?.focus();
        return true;
      case 'ArrowUp':
        entries[(index - 1 + entries.length) % entries.length]?.focus();
        return true;
      case 'Home':
        entries[0]?.focus();
        return true;
      case 'End':
        entries.at(-1)?.focus();
        return true;
      case 'ArrowRight':
        if (submenu && target.getAttribute('aria-disabled') !== 'true') openSubmenu(target, submenu);
        else this.moveTop(tops, topIndex + 1);
        return true;
      case 'ArrowLeft':
        if (parentList) closeSubmenu(list);
        else this.moveTop(tops, topIndex - 1);
        return true;
      case 'Enter':
      case ' ':
        target.click();
        return true;
      case 'Escape':
        if (parentList) closeSubmenu(list);
        else this.close();
        return true;
      default:
        return false;
    }
  }

  private moveTop(tops: HTMLElement[], index: number): void {
    const next = tops[(index + tops.length) % tops.length]?.parentElement;
    if (next) this.open(next, true);
  }
}

function* idsOf(items: readonly MenuItem[]): Generator<string> {
  for (const item of items) {
    yield item.id;
    if (item.type === 'submenu') yield* idsOf(item.items);
  }
}

function patch(items: readonly MenuItem[], elements: ReadonlyMap<string, ItemElements>): void {
  for (const item of items) {
    const rendered = elements.get(item.id);
    if (rendered && item.type !== 'separator') setItemState(rendered, item);
    if (item.type === 'submenu') patch(item.items, elements);
  }
}

function focusable(list: HTMLElement): HTMLElement[] {
  return [...list.querySelectorAll<HTMLElement>(':scope > .menu-entry > .menu-item')];
}

export function openSubmenu(trigger: HTMLElement, submenu: HTMLElement): void {
  trigger.setAttribute('aria-expanded', 'true');
  submenu.hidden = false;
  focusable(submenu)[0]?.focus();
}

function closeSubmenu(list: HTMLElement): void {
  list.hidden = true;
  const trigger = list.parentElement?.querySelector<HTMLElement>(':scope > .menu-item');
  trigger?.setAttribute('aria-expanded', 'false');
  trigger?.focus();
}
