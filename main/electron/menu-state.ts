/**
 * Keeps the native menu's `MenuState` current. The host core owns every piece of that state; this
 * only watches it: the supervisor's model and task states and the session's document are read
 * live, while the UI settings and recent files are taken from the answers of the host API calls
 * that change them (and from the files at start-up), so the core needs no menu-specific hooks.
 */
import type { HostApi, HostEvents, UiSettings } from '../../workers/common/host-api.ts';
import type { MenuState } from '../../workers/common/menu-model.ts';
import type { TaskState } from '../../workers/common/metrics.ts';
import type { IsolationModel, TaskId } from '../../workers/common/tasks.ts';

/** Live views of the core's state. */
export interface MenuStateSources {
  model(): IsolationModel;
  taskStates(): Readonly<Partial<Record<TaskId, TaskState>>>;
  document(): { readonly path: string | null; readonly dirty: boolean };
  /** Re-reads the recent-files list the core keeps on disk. */
  readRecent(): Promise<readonly string[]>;
  /** The largest grammar pool the supervisor offers (its cores). */
  maxGrammarPool(): number;
}

/** Host API methods after which the recent-files list may have changed. */
const RECENT_CHANGERS = new Set<keyof HostApi>(['open', 'openRecent', 'save', 'saveAs', 'newDocument']);
/** Events after which the menu may look different. */
const MENU_EVENTS = new Set<keyof HostEvents>(['isolation', 'document', 'documentState', 'taskStatus']);

export class MenuStateTracker {
  private readonly sources: MenuStateSources;
  private ui: UiSettings;
  private recent: readonly string[];
  private switches = 0;
  private readonly listeners = new Set<() => void>();

  constructor(sources: MenuStateSources, initial: { readonly ui: UiSettings; readonly recent: readonly string[] }) {
    this.sources = sources;
    this.ui = initial.ui;
    this.recent = initial.recent;
  }

  state(): MenuState {
    const document = this.sources.document();
    return {
      platform: 'electron',
      model: this.sources.model(),
      previewVisible: this.ui.previewVisible,
      monitorVisible: this.ui.monitorVisible,
      theme: this.ui.theme,
      recentFiles: this.recent,
      dirty: document.dirty,
      hasPath: document.path !== null,
      taskStates: this.sources.taskStates(),
      switching: this.switches > 0,
      grammarPool: { size: this.ui.grammarPoolSize ?? 1, max: this.sources.maxGrammarPool() },
    };
  }

  onChange(handler: () => void): () => void {
    this.listeners.add(handler);
    return () => this.listeners.delete(handler);
  }

  /** Pass every event the core sends to the renderer. */
  observeEvent(name: keyof HostEvents): void {
    if (MENU_EVENTS.has(name)) this.changed();
  }

  /**
   * `api` with each method reporting to this tracker: a switch in flight disables the isolation
   * items, and settings and recent files are refreshed from what the calls answered.
   */
  watch(api: HostApi): HostApi {
    const watched: Partial<Record<keyof HostApi, unknown>> = {};
    for (const method of Object.keys(api) as (keyof HostApi)[]) {
      const original = api[method] as (request: unknown, signal: AbortSignal) => unknown;
      watched[method] = async (request: unknown, signal: AbortSignal) => {
        if (method === 'setIsolation') this.begin();
        try {
          const result = await original.call(api, request, signal);
          await this.after(method, result);
          return result;
        } finally {
          if (method === 'setIsolation') this.end();
        }
      };
    }
    return watched as HostApi;
  }

  /** Refreshes the recent-files list (after a native dialog opened or saved a file). Never throws. */
  async refreshRecent(): Promise<void> {
    try {
      this.recent = await this.sources.readRecent();
    } catch {
      return; // The menu keeps the list it had; the core reports its own file errors.
    }
    this.changed();
  }

  private async after(method: keyof HostApi, result: unknown): Promise<void> {
    if (method === 'hello') {
      const hello = result as Awaited<ReturnType<HostApi['hello']>>;
      this.ui = hello.settings;
      this.recent = hello.recentFiles;
      this.changed();
    } else if (method === 'setSettings') {
      this.ui = result as UiSettings;
      this.changed();
    } else if (RECENT_CHANGERS.has(method)) {
      await this.refreshRecent();
    } else if (method === 'taskAction') {
      this.changed();
    }
  }

  private begin(): void {
    this.switches += 1;
    if (this.switches === 1) this.changed();
  }

  private end(): void {
    this.switches -= 1;
    if (this.switches === 0) this.changed();
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
