/**
 * The monitor's fault log: one line per recent fault with its blast radius and the restart
 * policy's state, patched in place while the fault is still being watched.
 */
import { describeFault } from './fault-text.ts';
import type { FaultReport } from './fault-tracker.ts';

export class FaultList {
  readonly element: HTMLElement;
  private readonly items = new Map<number, HTMLElement>();

  constructor(parent: HTMLElement) {
    this.element = document.createElement('ul');
    this.element.className = 'fault-list';
    this.element.setAttribute('aria-label', 'Recent faults and their blast radius');
    this.element.hidden = true;
    parent.append(this.element);
  }

  update(reports: readonly FaultReport[]): void {
    const keep = new Set(reports.map((report) => report.id));
    for (const [id, item] of this.items) {
      if (!keep.has(id)) {
        item.remove();
        this.items.delete(id);
      }
    }
    let cursor = this.element.firstElementChild;
    for (const report of reports) {
      let item = this.items.get(report.id);
      if (!item) {
        item = document.createElement('li');
        item.dataset.task = report.task;
        this.items.set(report.id, item);
      }
      const text = describeFault(report);
      if (item.textContent !== text) item.textContent = text;
      item.dataset.watching = String(report.watching);
      if (item !== cursor) this.element.insertBefore(item, cursor);
      else cursor = cursor.nextElementSibling;
    }
    this.element.hidden = reports.length === 0;
  }
}
