/**
 * The host's one snapshot of what the UI shows. The host core builds it (main/core/host-service/
 * host-state.ts), sends it in `hello` and as the `hostState` event whenever it changes, and both
 * menus render from it: the page's menu bar and Electron's native menu. Neither side guesses the
 * state from the calls it made, so the two cannot drift apart.
 */
import type { HostPlatform, UiSettings } from './host-api.ts';
import type { MenuState } from './menu-model.ts';
import type { TaskState } from './metrics.ts';
import type { HostKind, IsolationModel, TaskId } from './tasks.ts';

export interface HostState {
  readonly platform: HostPlatform;
  /** The isolation model the supervisor runs (the saved one when tasks are off). */
  readonly model: IsolationModel;
  /** Where each running task is and how it is doing; a task without a host is missing. */
  readonly tasks: Readonly<Partial<Record<TaskId, { readonly kind: HostKind; readonly state: TaskState }>>>;
  /** An isolation switch is in flight: isolation items wait for it. */
  readonly switching: boolean;
  readonly settings: UiSettings;
  readonly recentFiles: readonly string[];
  /** The open document as the menus need it: whether it has a file, and unsaved changes. */
  readonly document: { readonly path: string | null; readonly dirty: boolean };
  /** Grammar hosts asked for (the setting), and the most the host offers (its cores). */
  readonly grammarPool: { readonly size: number; readonly max: number };
}

/** What the menus show, from the snapshot. Both menus call this, so they agree by construction. */
export function menuStateOf(state: HostState): MenuState {
  const { settings } = state;
  return {
    platform: state.platform,
    model: state.model,
    previewVisible: settings.previewVisible,
    monitorVisible: settings.monitorVisible,
    theme: settings.theme,
    recentFiles: state.recentFiles,
    dirty: state.document.dirty,
    hasPath: state.document.path !== null,
    taskStates: Object.fromEntries(Object.entries(state.tasks).map(([task, info]) => [task, info.state])),
    switching: state.switching,
    grammarPool: state.grammarPool,
  };
}
