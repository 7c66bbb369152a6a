/**
 * Builds the host's `HostState` snapshot (workers/common/host-state.ts) from the parts that own
 * each piece, and publishes it: as the `hostState` event to the attached renderer and to local
 * listeners (Electron's native menu), only when it differs from the last one, because the
 * triggers (a task turning busy and ready, every dirty flip) fire far more often than the
 * snapshot changes.
 */
import type { HostPlatform } from '../../../workers/common/host-api.ts';
import type { HostState } from '../../../workers/common/host-state.ts';
import type { RecentFiles } from '../files/recent-files.ts';
import type { EditorSession } from '../session/editor-session.ts';
import type { EventSink } from '../session/task-router.ts';
import type { SettingsStore } from '../settings/settings-store.ts';
import type { TaskSupervisor } from '../supervisor/supervisor-api.ts';

/** The owners of what the snapshot holds. */
export interface HostStateSources {
  readonly platform: HostPlatform;
  readonly settings: SettingsStore;
  readonly recent: RecentFiles;
  readonly session: EditorSession;
  readonly supervisor: TaskSupervisor | undefined;
  /** An isolation switch is in flight. */
  switching(): boolean;
}

export function hostStateOf(sources: HostStateSources): HostState {
  const { settings, supervisor, session, recent } = sources;
  const { ui } = settings.current;
  const document = session.state();
  return {
    platform: sources.platform,
    model: supervisor?.model ?? settings.current.model,
    tasks: Object.fromEntries((supervisor?.status() ?? []).map((status) => [status.task, { kind: status.kind, state: status.state }])),
    switching: sources.switching(),
    settings: ui,
    recentFiles: recent.list,
    document: { path: document.path, dirty: document.dirty },
    grammarPool: { size: ui.grammarPoolSize ?? 1, max: supervisor?.grammarPool().maxSize ?? 1 },
  };
}

export class HostStatePublisher {
  private readonly build: () => HostState;
  private readonly emit: EventSink;
  private last: HostState;
  private lastKey: string;
  private readonly listeners = new Set<(state: HostState) => void>();

  constructor(build: () => HostState, emit: EventSink) {
    this.build = build;
    this.emit = emit;
    this.last = build();
    this.lastKey = JSON.stringify(this.last);
  }

  get current(): HostState {
    return this.last;
  }

  /** Something the snapshot holds may have changed: rebuild it, and publish it if it did. */
  readonly refresh = (): void => {
    const next = this.build();
    const key = JSON.stringify(next);
    if (key === this.lastKey) return;
    this.last = next;
    this.lastKey = key;
    this.emit('hostState', next);
    for (const listener of this.listeners) listener(next);
  };

  /** Calls `handler` with each new snapshot; returns the unsubscribe function. */
  onChange(handler: (state: HostState) => void): () => void {
    this.listeners.add(handler);
    return () => this.listeners.delete(handler);
  }
}
