/**
 * The monitor's fault log: one line per recent fault with its blast radius and the restart
 * policy's state, patched in place while the fault is still being watched.
 */
import { formatMs } from './format.ts';
import type { FaultReport } from './fault-tracker.ts';

function list(items: readonly string[]): string {
  return items.length === 0 ? 'none' : items.join(', ');
}

function policyText(report: FaultReport, now: number): string {
  const policy = report.restartPolicy;
  if (!policy) return '';
  if (policy.gaveUp) return ` Restart policy: gave up after ${policy.crashesInWindow} crashes in ${policy.windowMs / 60_000} min; restart it by hand.`;
  const next = policy.nextRestartAt === null ? '' : policy.nextRestartAt > now ? `; next restart in ${formatMs(policy.nextRestartAt - now)}` : '; restarting';
  return ` Restart policy: ${policy.crashesInWindow} of ${policy.maxCrashes} crashes in ${policy.windowMs / 60_000} min${next}.`;
}

export function describeFault(report: FaultReport, now: number = Date.now()): string {
  const what = report.cause === 'crash (observed)' ? `${report.task} (${report.kind}) crashed` : `Injected ${report.cause} into ${report.task} (${report.kind})`;
  const stall = report.mainThreadStallMs >= 300 ? ` The host's main thread was blocked for ${formatMs(report.mainThreadStallMs)}.` : '';
  return `${what}. Went down: ${list(report.wentDown)}. Stalled: ${list(report.stalled)}. Unaffected: ${list(report.unaffected)}.${stall}${policyText(report, now)}${report.watching ? ' (watching…)' : ''}`;
}

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
