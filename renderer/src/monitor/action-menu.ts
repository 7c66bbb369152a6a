/**
 * A task row's action menu: move it to another host kind, restart, end, force kill, or inject a
 * fault. It lives outside the table, so a refresh of the rows never closes it.
 */
import type { TaskAction } from '../../../workers/common/host-api.ts';
import { HOST_KIND_LABELS, TASK_LABELS } from '../../../workers/common/menu-model.ts';
import { HOST_KINDS, type HostKind, type TaskId } from '../../../workers/common/tasks.ts';

export type RowAction = { readonly move: HostKind } | { readonly action: TaskAction };

interface Entry {
  readonly label: string;
  readonly run?: () => RowAction;
  readonly disabled?: boolean;
}

const DEFAULT_BUSY_SECONDS = 5;

export class ActionMenu {
  readonly element: HTMLElement;
  private readonly onAction: (task: TaskId, action: RowAction) => void;
  private busySeconds = DEFAULT_BUSY_SECONDS;
  private returnFocus: HTMLElement | null = null;

  constructor(parent: HTMLElement, onAction: (task: TaskId, action: RowAction) => void) {
    this.onAction = onAction;
    this.element = document.createElement('div');
    this.element.className = 'action-menu menu-list';
    this.element.setAttribute('role', 'menu');
    this.element.hidden = true;
    this.element.addEventListener('keydown', (event) => this.onKey(event));
    document.addEventListener('pointerdown', (event) => {
      if (!this.element.hidden && !this.element.contains(event.target as Node)) this.close(false);
    });
    parent.append(this.element);
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  /** Opens beside `anchor`; closing it gives focus to `returnFocus` (the row the keyboard was on). */
  open(task: TaskId, kind: HostKind | undefined, anchor: HTMLElement, returnFocus: HTMLElement = anchor): void {
    this.returnFocus = returnFocus;
    this.element.setAttribute('aria-label', `${TASK_LABELS[task]} actions`);
    const fault = (label: string, kindName: 'crash' | 'hang' | 'leak'): Entry => ({ label, run: () => ({ action: { task, action: 'fault', fault: { kind: kindName } } }) });
    const entries: (Entry | 'separator' | 'busy')[] = [
      ...HOST_KINDS.map((target): Entry => ({ label: `Move to ${HOST_KIND_LABELS[target]}`, disabled: target === kind, run: () => ({ move: target }) })),
      'separator',
      { label: 'Restart', run: () => ({ action: { task, action: 'restart' } }) },
      { label: 'End (graceful)', run: () => ({ action: { task, action: 'end' } }) },
      { label: 'Force kill', run: () => ({ action: { task, action: 'kill' } }) },
      'separator',
      fault('Inject crash', 'crash'),
      fault('Inject hang', 'hang'),
      fault('Inject leak', 'leak'),
      'busy',
      // A process has no shared memory: the host refuses it, and the panel shows its plain answer.
      { label: 'Inject race 5 s (read without the seqlock)', run: () => ({ action: { task, action: 'fault', fault: { kind: 'race', durationMs: 5_000 } } }) },
    ];
    this.element.replaceChildren(...entries.map((entry) => this.render(task, entry)));
    const rect = anchor.getBoundingClientRect();
    this.element.hidden = false;
    const height = this.element.offsetHeight;
    const top = rect.bottom + height > window.innerHeight ? Math.max(4, rect.top - height) : rect.bottom;
    this.element.style.top = `${top}px`;
    this.element.style.left = `${Math.max(4, rect.right - this.element.offsetWidth)}px`;
    this.items()[0]?.focus();
  }

  close(restoreFocus = true): void {
    if (this.element.hidden) return;
    this.element.hidden = true;
    if (restoreFocus) this.returnFocus?.focus();
  }

  private render(task: TaskId, entry: Entry | 'separator' | 'busy'): HTMLElement {
    if (entry === 'separator') {
      const separator = document.createElement('div');
      separator.className = 'menu-separator';
      separator.setAttribute('role', 'separator');
      return separator;
    }
    if (entry === 'busy') return this.renderBusy(task);
    const item = document.createElement('div');
    item.className = 'menu-item';
    item.setAttribute('role', 'menuitem');
    item.tabIndex = -1;
    item.textContent = entry.label;
    item.setAttribute('aria-disabled', String(entry.disabled === true));
    const run = entry.run;
    item.addEventListener('click', () => {
      if (entry.disabled || !run) return;
      this.close();
      this.onAction(task, run());
    });
    item.addEventListener('pointerenter', () => item.focus());
    return item;
  }

  /** "Inject busy N s": N is editable; Enter in the field or a click on the row runs it. */
  private renderBusy(task: TaskId): HTMLElement {
    const item = document.createElement('div');
    item.className = 'menu-item action-busy';
    item.setAttribute('role', 'menuitem');
    item.tabIndex = -1;
    const input = Object.assign(document.createElement('input'), { type: 'number', min: '1', max: '60', value: String(this.busySeconds) });
    input.setAttribute('aria-label', 'Busy seconds');
    const run = () => {
      const seconds = Math.min(60, Math.max(1, Math.round(Number(input.value) || DEFAULT_BUSY_SECONDS)));
      this.busySeconds = seconds;
      this.close();
      this.onAction(task, { action: { task, action: 'fault', fault: { kind: 'busy', durationMs: seconds * 1000 } } });
    };
    item.append('Inject busy ', input, ' s at 100%');
    item.addEventListener('click', (event) => {
      if (event.target !== input) run();
    });
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        run();
      }
      event.stopPropagation();
    });
    return item;
  }

  private items(): HTMLElement[] {
    return [...this.element.querySelectorAll<HTMLElement>(':scope > .menu-item')];
  }

  private onKey(event: KeyboardEvent): void {
    const items = this.items();
    const index = items.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      items[(index + (event.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length]?.focus();
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      (document.activeElement as HTMLElement | null)?.click();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      this.close();
    }
  }
}
