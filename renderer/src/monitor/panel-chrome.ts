/**
 * The monitor panel's frame: a drag handle to resize it, the Tasks / The Lesson tabs, the CPU
 * scale toggle, the refresh interval and a close button.
 */
import type { CpuScale } from './format.ts';

export type PanelTab = 'tasks' | 'lesson';

export interface PanelChrome {
  readonly element: HTMLElement;
  readonly tasksBody: HTMLElement;
  readonly lessonBody: HTMLElement;
  readonly tab: PanelTab;
  showTab(tab: PanelTab): void;
}

export interface ChromeCallbacks {
  onClose(): void;
  onScale(scale: CpuScale): void;
  onRefresh(ms: number): void;
  onTab(tab: PanelTab): void;
}

const REFRESH_CHOICES = [250, 500, 1000, 2000, 5000];
const MIN_HEIGHT = 120;

function button(text: string, className: string): HTMLButtonElement {
  return Object.assign(document.createElement('button'), { type: 'button', textContent: text, className });
}

function resizeHandle(panel: HTMLElement): HTMLElement {
  const handle = document.createElement('div');
  handle.className = 'monitor-resize';
  handle.setAttribute('role', 'separator');
  handle.setAttribute('aria-orientation', 'horizontal');
  handle.setAttribute('aria-label', 'Resize the task monitor');
  handle.addEventListener('pointerdown', (event) => {
    const startY = event.clientY;
    const startHeight = panel.offsetHeight;
    handle.setPointerCapture(event.pointerId);
    const move = (moveEvent: PointerEvent) => {
      const height = Math.max(MIN_HEIGHT, Math.min(window.innerHeight - 120, startHeight + startY - moveEvent.clientY));
      panel.style.height = `${height}px`;
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', () => handle.removeEventListener('pointermove', move), { once: true });
  });
  return handle;
}

export function createPanelChrome(parent: HTMLElement, refreshMs: number, callbacks: ChromeCallbacks): PanelChrome {
  const element = document.createElement('section');
  element.className = 'monitor-panel';
  element.setAttribute('aria-label', 'Task monitor');
  element.hidden = true;
  const header = document.createElement('header');
  header.className = 'monitor-header';
  const tabs = document.createElement('div');
  tabs.setAttribute('role', 'tablist');
  tabs.className = 'monitor-tabs';
  const tasksTab = button('Tasks', 'monitor-tab');
  const lessonTab = button('The Lesson', 'monitor-tab');
  const tasksBody = Object.assign(document.createElement('div'), { className: 'monitor-body', id: 'monitor-tasks' });
  const lessonBody = Object.assign(document.createElement('div'), { className: 'monitor-body lesson', id: 'monitor-lesson', hidden: true });
  for (const [tab, body] of [[tasksTab, tasksBody], [lessonTab, lessonBody]] as const) {
    tab.setAttribute('role', 'tab');
    tab.setAttribute('aria-controls', body.id);
    body.setAttribute('role', 'tabpanel');
  }
  tabs.append(tasksTab, lessonTab);

  const scale = button('CPU: % of one core', 'monitor-scale');
  scale.title = 'Toggle between percent of one core (can exceed 100% for a process) and percent of the whole machine';
  let currentScale: CpuScale = 'core';
  scale.addEventListener('click', () => {
    currentScale = currentScale === 'core' ? 'machine' : 'core';
    scale.textContent = currentScale === 'core' ? 'CPU: % of one core' : 'CPU: % of the machine';
    callbacks.onScale(currentScale);
  });
  const refreshLabel = Object.assign(document.createElement('label'), { className: 'monitor-refresh', textContent: 'Refresh ' });
  const refresh = document.createElement('select');
  for (const ms of REFRESH_CHOICES) refresh.append(new Option(`${ms / 1000} s`, String(ms), false, ms === refreshMs));
  refresh.addEventListener('change', () => callbacks.onRefresh(Number(refresh.value)));
  refreshLabel.append(refresh);
  const close = button('×', 'monitor-close');
  close.setAttribute('aria-label', 'Close the task monitor');
  close.addEventListener('click', () => callbacks.onClose());
  const tools = document.createElement('div');
  tools.className = 'monitor-tools';
  tools.append(scale, refreshLabel, close);
  header.append(tabs, tools);
  element.append(resizeHandle(element), header, tasksBody, lessonBody);
  parent.append(element);

  let current: PanelTab = 'tasks';
  const showTab = (tab: PanelTab, notify = true) => {
    current = tab;
    tasksTab.setAttribute('aria-selected', String(tab === 'tasks'));
    lessonTab.setAttribute('aria-selected', String(tab === 'lesson'));
    tasksTab.tabIndex = tab === 'tasks' ? 0 : -1;
    lessonTab.tabIndex = tab === 'lesson' ? 0 : -1;
    tasksBody.hidden = tab !== 'tasks';
    lessonBody.hidden = tab !== 'lesson';
    scale.hidden = tab !== 'tasks';
    refreshLabel.hidden = tab !== 'tasks';
    if (notify) callbacks.onTab(tab);
  };
  tasksTab.addEventListener('click', () => showTab('tasks'));
  lessonTab.addEventListener('click', () => showTab('lesson'));
  tabs.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    const next = current === 'tasks' ? 'lesson' : 'tasks';
    showTab(next);
    (next === 'tasks' ? tasksTab : lessonTab).focus();
  });
  showTab('tasks', false);
  return {
    element,
    tasksBody,
    lessonBody,
    get tab() {
      return current;
    },
    showTab,
  };
}
