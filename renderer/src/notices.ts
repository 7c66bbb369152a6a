/**
 * Notices to the user: short-lived toasts for information, banners that stay until dismissed for
 * warnings and errors (a refused binary file, a lost host connection, a hot-exit restore).
 */
export type NoticeLevel = 'info' | 'warning' | 'error';

const INFO_MS = 6000;
const MAX_VISIBLE = 4;

export class Notices {
  readonly element: HTMLElement;

  constructor(parent: HTMLElement) {
    this.element = document.createElement('div');
    this.element.className = 'notices';
    this.element.setAttribute('aria-live', 'polite');
    parent.append(this.element);
  }

  /** Info notices fade after a few seconds unless `sticky`; warnings and errors stay until dismissed. */
  show(level: NoticeLevel, message: string, options: { sticky?: boolean } = {}): HTMLElement {
    const notice = document.createElement('div');
    notice.className = 'notice';
    notice.dataset.level = level;
    notice.setAttribute('role', level === 'info' ? 'status' : 'alert');
    const text = document.createElement('span');
    text.className = 'notice-text';
    text.textContent = message;
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'notice-close';
    close.textContent = '×';
    close.setAttribute('aria-label', 'Dismiss');
    close.addEventListener('click', () => notice.remove());
    notice.append(text, close);
    this.element.append(notice);
    while (this.element.childElementCount > MAX_VISIBLE) this.element.firstElementChild?.remove();
    if (level === 'info' && !options.sticky) setTimeout(() => notice.remove(), INFO_MS);
    return notice;
  }
}
