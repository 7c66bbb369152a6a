/**
 * The monitor's table. Each row is created once per key and then only its cells' text changes,
 * so a refresh keeps scroll position, selection, focus and an open action menu (the thing users
 * of VS Code's Process Explorer complain about). Rows move in the DOM only when sorting or a
 * task's move to another host changes their place.
 *
 * It is a WAI-ARIA treegrid with row focus: one row is in the tab order (roving tabindex), the
 * arrows move and expand or collapse (tree-navigation.ts), and Enter, Shift+F10 or the context-menu
 * key opens the row's action menu. A refresh never moves focus, and keeps the current row.
 */
import type { TaskId } from '../../../workers/common/tasks.ts';
import { assetList, type AssetList } from './asset-list.ts';
import { assetSummary } from './asset-text.ts';
import { sparkline, taskChart, type Chart } from './charts.ts';
import { COLUMNS, type ColumnContext } from './monitor-columns.ts';
import type { MonitorRow, SortColumn, SortOrder } from './monitor-rows.ts';
import type { SeriesHistory } from './series-history.ts';
import { treeMove, treePositions, visibleRows } from './tree-navigation.ts';

interface RowView {
  readonly element: HTMLTableRowElement;
  readonly cells: Map<string, HTMLTableCellElement>;
  readonly label: HTMLElement;
  readonly spark: Chart;
  readonly kill: HTMLButtonElement;
  readonly actions: HTMLButtonElement;
  row: MonitorRow;
  detail?: { element: HTMLTableRowElement; chart: Chart; assets: AssetList };
}

export interface TableCallbacks {
  /** The row's "⋯" button or a key on the row: open the task's action menu next to `anchor`; closing it focuses `returnFocus`. */
  openActions(task: TaskId, anchor: HTMLElement, returnFocus: HTMLElement): void;
  /** The kill offer on an unresponsive task. */
  kill(task: TaskId): void;
  onSort(order: SortOrder): void;
}

export class MonitorTable {
  readonly element: HTMLTableElement;
  private readonly body: HTMLTableSectionElement;
  private readonly views = new Map<string, RowView>();
  private selected: string | null = null;
  private order: SortOrder = { column: 'label', descending: false };
  private readonly callbacks: TableCallbacks;
  /** The rows last shown, in display order: what the keyboard moves through. */
  private rows: readonly MonitorRow[] = [];
  /** Parent rows the user collapsed; kept across refreshes, like the selection. */
  private readonly collapsed = new Set<string>();

  constructor(callbacks: TableCallbacks) {
    this.callbacks = callbacks;
    this.element = document.createElement('table');
    this.element.className = 'monitor-table';
    this.element.setAttribute('role', 'treegrid');
    this.element.setAttribute('aria-label', 'Tasks and processes');
    this.element.append(this.header());
    this.body = document.createElement('tbody');
    this.element.append(this.body);
    this.body.addEventListener('keydown', (event) => this.onKey(event));
  }

  get selectedKey(): string | null {
    return this.selected;
  }

  /** Shows `rows` (already sorted), patching rows in place. */
  update(rows: readonly MonitorRow[], context: ColumnContext, history: SeriesHistory, nowMs: number): void {
    const seen = new Set<string>();
    let cursor: Element | null = this.body.firstElementChild;
    for (const row of rows) {
      seen.add(row.key);
      const view = this.views.get(row.key) ?? this.create(row);
      this.patch(view, row, context);
      view.spark.update(history.get(row.key), nowMs);
      cursor = this.place(view.element, cursor);
      if (view.detail) {
        view.detail.chart.update(history.get(row.key), nowMs);
        cursor = this.place(view.detail.element, cursor);
      }
    }
    for (const [key, view] of this.views) {
      if (seen.has(key)) continue;
      view.spark.destroy();
      view.detail?.chart.destroy();
      view.detail?.element.remove();
      view.element.remove();
      this.views.delete(key);
    }
    this.rows = rows;
    if (this.selected !== null && !seen.has(this.selected)) this.selected = null;
    this.layoutTree();
  }

  /** The nesting in ARIA terms; rows inside a collapsed row hidden; one row in the tab order. */
  private layoutTree(): void {
    const positions = treePositions(this.rows);
    const visible = new Set(visibleRows(this.rows, this.collapsed).map((row) => row.key));
    const current = this.selected !== null && visible.has(this.selected) ? this.selected : (this.rows.find((row) => visible.has(row.key))?.key ?? null);
    for (const view of this.views.values()) {
      const { element, row } = view;
      const position = positions.get(row.key);
      if (!position) continue;
      element.setAttribute('aria-level', String(position.level));
      element.setAttribute('aria-setsize', String(position.setSize));
      element.setAttribute('aria-posinset', String(position.posInSet));
      if (position.hasChildren) element.setAttribute('aria-expanded', String(!this.collapsed.has(row.key)));
      else element.removeAttribute('aria-expanded');
      element.hidden = !visible.has(row.key);
      if (view.detail) view.detail.element.hidden = element.hidden;
      element.tabIndex = row.key === current ? 0 : -1;
    }
  }

  /** Destroys every chart (uPlot keeps window listeners until destroyed). */
  dispose(): void {
    for (const view of this.views.values()) {
      view.spark.destroy();
      view.detail?.chart.destroy();
    }
    this.views.clear();
  }

  /** Moves `element` to `cursor`'s place if it is not there already; returns the next place. */
  private place(element: HTMLTableRowElement, cursor: Element | null): Element | null {
    if (element === cursor) return cursor.nextElementSibling;
    this.body.insertBefore(element, cursor);
    return cursor;
  }

  private header(): HTMLTableSectionElement {
    const head = document.createElement('thead');
    const row = document.createElement('tr');
    for (const column of COLUMNS) {
      const cell = document.createElement('th');
      cell.scope = 'col';
      cell.dataset.column = column.id;
      cell.title = column.title;
      if (column.numeric) cell.classList.add('numeric');
      const sort = column.sort;
      if (sort) {
        cell.setAttribute('aria-sort', sort === this.order.column ? (this.order.descending ? 'descending' : 'ascending') : 'none');
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent = column.header;
        button.addEventListener('click', () => this.sortBy(sort));
        cell.append(button);
      } else cell.textContent = column.header;
      row.append(cell);
    }
    head.append(row);
    return head;
  }

  private sortBy(column: SortColumn): void {
    const descending = this.order.column === column ? !this.order.descending : column !== 'label';
    this.order = { column, descending };
    for (const cell of this.element.querySelectorAll<HTMLElement>('thead th')) {
      const id = COLUMNS.find((candidate) => candidate.id === cell.dataset.column)?.sort;
      if (id === column) cell.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
      else if (id) cell.setAttribute('aria-sort', 'none');
    }
    this.callbacks.onSort(this.order);
  }

  private create(row: MonitorRow): RowView {
    const element = document.createElement('tr');
    element.dataset.key = row.key;
    element.setAttribute('role', 'row');
    element.tabIndex = -1;
    element.addEventListener('click', () => this.select(row.key));
    // Tabbing into the grid lands on the roving row: that makes it the current one.
    element.addEventListener('focus', () => {
      if (this.selected !== row.key) this.select(row.key, false);
    });
    const cells = new Map<string, HTMLTableCellElement>();
    for (const column of COLUMNS) {
      const cell = document.createElement('td');
      cell.setAttribute('role', 'gridcell');
      cell.dataset.column = column.id;
      if (column.numeric) cell.classList.add('numeric');
      cells.set(column.id, cell);
      element.append(cell);
    }
    const label = document.createElement('span');
    label.className = 'monitor-label';
    cells.get('label')?.append(label);
    const spark = sparkline(cells.get('spark') ?? element, 80, 18);
    const kill = Object.assign(document.createElement('button'), { type: 'button', className: 'monitor-kill', textContent: 'Kill', hidden: true });
    const actions = Object.assign(document.createElement('button'), { type: 'button', className: 'monitor-actions', textContent: '⋯', hidden: true });
    actions.setAttribute('aria-label', `Actions for ${row.label}`);
    actions.setAttribute('aria-haspopup', 'menu');
    cells.get('actions')?.append(kill, actions);
    const view: RowView = { element, cells, label, spark, kill, actions, row };
    kill.addEventListener('click', (event) => {
      event.stopPropagation();
      if (view.row.task) this.callbacks.kill(view.row.task);
    });
    actions.addEventListener('click', (event) => {
      event.stopPropagation();
      this.select(view.row.key);
      if (view.row.task) this.callbacks.openActions(view.row.task, actions, view.element);
    });
    if (row.kind === 'task') this.addExpander(view);
    this.views.set(row.key, view);
    return view;
  }

  private addExpander(view: RowView): void {
    const toggle = Object.assign(document.createElement('button'), { type: 'button', className: 'monitor-expand', textContent: '▸' });
    toggle.setAttribute('aria-label', `Details for ${view.row.label}: chart and data files`);
    toggle.setAttribute('aria-expanded', 'false');
    toggle.addEventListener('click', (event) => {
      event.stopPropagation();
      if (view.detail) {
        view.detail.chart.destroy();
        view.detail.element.remove();
        view.detail = undefined;
      } else {
        const element = document.createElement('tr');
        element.className = 'monitor-detail';
        element.setAttribute('role', 'row');
        const cell = document.createElement('td');
        cell.setAttribute('role', 'gridcell');
        cell.colSpan = COLUMNS.length;
        element.append(cell);
        view.element.after(element);
        const width = Math.max(320, Math.min(900, this.element.clientWidth - 40));
        const chart = taskChart(cell, `${view.row.label}: CPU and p95 latency, last 2 minutes`, width);
        const assets = assetList(view.row.label);
        assets.update(view.row.assets);
        cell.append(assets.element);
        view.detail = { element, chart, assets };
      }
      toggle.textContent = view.detail ? '▾' : '▸';
      toggle.setAttribute('aria-expanded', String(view.detail !== undefined));
    });
    view.cells.get('label')?.prepend(toggle);
  }

  private patch(view: RowView, row: MonitorRow, context: ColumnContext): void {
    view.row = row;
    const { element } = view;
    element.dataset.state = row.state;
    element.dataset.kind = row.kind;
    element.classList.toggle('unresponsive', row.state === 'unresponsive');
    element.classList.toggle('down', row.state === 'crashed' || row.state === 'stopped');
    view.cells.get('label')?.style.setProperty('--depth', String(row.depth));
    setText(view.label, row.label);
    const summary = assetSummary(row.assets);
    if (view.label.title !== summary) view.label.title = summary;
    view.detail?.assets.update(row.assets);
    for (const column of COLUMNS) {
      if (!column.text) continue;
      const cell = view.cells.get(column.id);
      if (cell) setText(cell, column.text(row, context));
    }
    const stateCell = view.cells.get('state');
    if (stateCell) stateCell.title = row.lastError ?? '';
    view.kill.hidden = !(row.task && row.state === 'unresponsive');
    view.actions.hidden = row.task === undefined;
  }

  /** Makes `key` the current row: selected, the one in the tab order, and focused unless told not to. */
  private select(key: string, focus = true): void {
    this.selected = key;
    for (const view of this.views.values()) {
      const selected = view.row.key === key;
      view.element.classList.toggle('selected', selected);
      view.element.setAttribute('aria-selected', String(selected));
      view.element.tabIndex = selected ? 0 : -1;
      if (selected && focus) {
        view.element.focus({ preventScroll: true });
        view.element.scrollIntoView({ block: 'nearest' });
      }
    }
  }

  private onKey(event: KeyboardEvent): void {
    const target = event.target as HTMLElement;
    const onRow = target instanceof HTMLTableRowElement && target.dataset.key !== undefined;
    const menuKey = event.key === 'Enter' || event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey);
    if (menuKey) {
      // Enter on the row's own buttons (chart, ⋯, Kill) is theirs.
      const view = onRow && target.dataset.key ? this.views.get(target.dataset.key) : undefined;
      if (!view?.row.task) return;
      event.preventDefault();
      event.stopPropagation();
      this.callbacks.openActions(view.row.task, view.actions, view.element);
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const move = treeMove(this.rows, this.collapsed, this.selected, event.key);
    if (!move) return;
    event.preventDefault();
    if ('focus' in move) this.select(move.focus);
    else {
      if ('expand' in move) this.collapsed.delete(move.expand);
      else this.collapsed.add(move.collapse);
      this.layoutTree();
    }
  }
}

function setText(element: HTMLElement, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}
