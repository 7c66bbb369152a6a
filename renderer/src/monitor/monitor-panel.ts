/**
 * The task monitor: a bottom panel with the live tree of host, threads and task processes, and
 * the "The Lesson" tab. It keeps two minutes of history while hidden, so opening it shows the
 * recent past, and it touches the DOM only while visible.
 */
import type { HostPlatform } from '../../../workers/common/host-api.ts';
import type { MetricsSnapshot } from '../../../workers/common/metrics.ts';
import type { TaskId } from '../../../workers/common/tasks.ts';
import { ActionMenu, type RowAction } from './action-menu.ts';
import { FaultList } from './fault-list.ts';
import { FaultTracker } from './fault-tracker.ts';
import { InputLatency } from './input-latency.ts';
import { LessonTab, type Measure } from './lesson-tab.ts';
import type { CpuScale } from './format.ts';
import { documentLabel, totalLabel } from './monitor-columns.ts';
import { buildRows, sortRows, totals, type MonitorRow, type SortOrder } from './monitor-rows.ts';
import { MonitorTable } from './monitor-table.ts';
import { SeriesHistory } from './series-history.ts';
import { createPanelChrome, type PanelChrome, type PanelTab } from './panel-chrome.ts';

export interface MonitorCallbacks {
  act(task: TaskId, action: RowAction): void;
  setRefreshMs(ms: number): void;
  onVisibility(visible: boolean): void;
  /** Measures the Lesson's claims (HostApi `measureLesson`). */
  measureLesson: Measure;
}

export class MonitorPanel {
  readonly element: HTMLElement;
  readonly lesson: LessonTab;
  private readonly chrome: PanelChrome;
  private readonly table: MonitorTable;
  private readonly faults: FaultList;
  private readonly tracker = new FaultTracker();
  private readonly history = new SeriesHistory();
  private readonly actions: ActionMenu;
  private readonly total: HTMLElement;
  private readonly measuring: HTMLElement;
  private readonly callbacks: MonitorCallbacks;
  private readonly hostLabel: string;
  private order: SortOrder = { column: 'label', descending: false };
  private scale: CpuScale = 'core';
  private snapshot: MetricsSnapshot | null = null;
  private rows: MonitorRow[] = [];
  private blockedMs: number | null = null;
  private readonly inputLatency = new InputLatency();

  constructor(parent: HTMLElement, platform: HostPlatform, refreshMs: number, callbacks: MonitorCallbacks) {
    this.callbacks = callbacks;
    this.hostLabel = platform === 'electron' ? 'Forkpad main process' : 'Forkpad web host';
    this.chrome = createPanelChrome(parent, refreshMs, {
      onClose: () => this.setVisible(false),
      onScale: (scale) => {
        this.scale = scale;
        this.render();
      },
      onRefresh: (ms) => callbacks.setRefreshMs(ms),
      onTab: (tab) => {
        if (tab === 'lesson') this.lesson.shown();
        else this.render();
      },
    });
    this.element = this.chrome.element;
    this.lesson = new LessonTab(this.chrome.lessonBody, callbacks.measureLesson);
    const body = this.chrome.tasksBody;
    this.faults = new FaultList(body);
    this.measuring = Object.assign(document.createElement('p'), { className: 'monitor-measuring', textContent: 'measuring… (the first sample has nothing to compare with yet)' });
    const scroller = document.createElement('div');
    scroller.className = 'monitor-scroll';
    this.table = new MonitorTable({
      openActions: (task, anchor, returnFocus) => this.actions.open(task, this.rows.find((row) => row.task === task)?.hostKind, anchor, returnFocus),
      kill: (task) => this.act(task, { action: { task, action: 'kill' } }),
      onSort: (order) => {
        this.order = order;
        this.render();
      },
    });
    scroller.append(this.table.element);
    this.total = Object.assign(document.createElement('p'), { className: 'monitor-total' });
    body.append(this.measuring, scroller, this.total);
    this.actions = new ActionMenu(this.element, (task, action) => this.act(task, action));
  }

  get visible(): boolean {
    return !this.element.hidden;
  }

  setVisible(visible: boolean, tab?: PanelTab): void {
    if (tab) this.chrome.showTab(tab);
    if (visible === this.visible) return;
    this.element.hidden = !visible;
    if (!visible) this.actions.close(false);
    this.callbacks.onVisibility(visible);
    if (visible) this.render();
  }

  update(snapshot: MetricsSnapshot): void {
    this.snapshot = snapshot;
    this.tracker.observe(snapshot, this.blockedMs);
    this.rows = buildRows(snapshot, this.hostLabel);
    for (const row of this.rows) this.history.add(row.key, snapshot.at, row.cpuPercent, row.latency?.p95 ?? null);
    this.history.retain(new Set(this.rows.map((row) => row.key)));
    this.render();
  }

  /** From the page's watchdog: the host has not answered for `ms` (null once it answers). */
  hostBlocked(ms: number | null): void {
    this.blockedMs = ms;
    if (ms !== null) this.tracker.blocked(ms);
    if (this.visible) this.faults.update(this.tracker.reports());
  }

  dispose(): void {
    this.lesson.dispose();
    this.inputLatency.dispose();
    this.table.dispose();
    this.element.remove();
  }

  private act(task: TaskId, action: RowAction): void {
    if ('action' in action && action.action.action === 'fault') {
      const kind = this.rows.find((row) => row.task === task)?.hostKind;
      // A race on a process is refused by the host (no shared memory), and its answer is the notice.
      const refused = action.action.fault.kind === 'race' && kind === 'process';
      if (kind && !refused) this.tracker.injected(task, kind, action.action.fault.kind);
    }
    this.callbacks.act(task, action);
  }

  private render(): void {
    if (!this.visible || this.chrome.tab !== 'tasks') return;
    const snapshot = this.snapshot;
    this.measuring.hidden = snapshot !== null;
    if (!snapshot) return;
    const context = { scale: this.scale, cores: snapshot.cores };
    this.table.update(sortRows(this.rows, this.order), context, this.history, snapshot.at);
    const sums = totals(this.rows);
    const documentFigure = documentLabel(snapshot.document);
    this.total.textContent = `${totalLabel(sums.cpuPercent, sums.rssBytes, context)}; ${this.inputLatency.describe()}${documentFigure ? `. ${documentFigure}` : ''}`;
    this.faults.update(this.tracker.reports());
  }
}
