/**
 * The API the renderer calls on the host, and the events the host pushes to the renderer.
 * Electron's preload bridge and the web host's WebSocket both carry exactly this, through the
 * same RPC; the host validates every request at its boundary.
 */
import type { DocumentStats, TextEdit, TextRange } from './document.ts';
import type { MetricsSnapshot } from './metrics.ts';
import type { Method } from './rpc.ts';
import type {
  Fault,
  GrammarEvents,
  GrammarResult,
  KeyEvent,
  RenderResult,
  SpellResult,
  Suggestions,
  TypingStats,
  Versioned,
} from './task-api.ts';
import type { HostKind, IsolationModel, PresetId, TaskId } from './tasks.ts';

export type HostPlatform = 'electron' | 'web';
export type Theme = 'system' | 'light' | 'dark';

/** Settings kept across restarts. */
export interface UiSettings {
  readonly previewVisible: boolean;
  readonly monitorVisible: boolean;
  readonly theme: Theme;
  /** Task monitor refresh, 250..5000 ms. */
  readonly refreshMs: number;
}

export interface OpenDocument {
  readonly uri: string;
  readonly version: number;
  readonly text: string;
  /** Display path: workspace-relative in the web host, absolute in Electron; null if untitled. */
  readonly path: string | null;
  readonly dirty: boolean;
  /** Set when the document opened degraded (read-only or reduced checking), saying why. */
  readonly degraded?: string;
}

export interface HostHello {
  readonly platform: HostPlatform;
  readonly model: IsolationModel;
  readonly settings: UiSettings;
  readonly document: OpenDocument;
  readonly recentFiles: readonly string[];
  /** Said once after a crash: what hot exit restored. */
  readonly restored?: string;
}

export interface ChangeRequest {
  readonly uri: string;
  readonly version: number;
  readonly edits: readonly TextEdit[];
  readonly keys: readonly KeyEvent[];
}

export interface ChangeAnswer {
  readonly uri: string;
  readonly version: number;
  readonly stats: DocumentStats;
}

export type IsolationRequest = { readonly preset: PresetId } | { readonly task: TaskId; readonly kind: HostKind };

export type TaskAction =
  | { readonly task: TaskId; readonly action: 'restart' | 'end' | 'kill' }
  | { readonly task: TaskId; readonly action: 'fault'; readonly fault: Fault };

export interface HostApi {
  /** First call of a session: the state to show. */
  hello: Method<null, HostHello>;
  /** One edit event from Monaco. Answers with the mirror's stats for that version. */
  change: Method<ChangeRequest, ChangeAnswer>;
  /** The editor's visible range, so grammar checks it first. */
  setVisibleRange: Method<Versioned & { readonly range: TextRange }, void>;
  setIsolation: Method<IsolationRequest, IsolationModel>;
  taskAction: Method<TaskAction, void>;
  setSettings: Method<Partial<UiSettings>, UiSettings>;
}

export interface HostEvents {
  typing: TypingStats;
  durable: Versioned;
  spelling: SpellResult;
  grammar: GrammarResult;
  grammarProgress: GrammarEvents['progress'];
  preview: RenderResult;
  metrics: MetricsSnapshot;
  isolation: IsolationModel;
  notice: { readonly level: 'info' | 'warning' | 'error'; readonly message: string };
}

export type { Suggestions };
