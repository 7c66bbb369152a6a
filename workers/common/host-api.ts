/**
 * The API the renderer calls on the host, and the events the host pushes to the renderer.
 * Electron's preload bridge and the web host's WebSocket both carry exactly this, through the
 * same RPC; the host validates every request at its boundary.
 */
import type { DocumentStats, TextEdit, TextRange } from './document.ts';
import type { HostState } from './host-state.ts';
import type { LessonProgress, LessonReport, LessonRequest } from './lesson.ts';
import type { MenuCommand } from './menu-model.ts';
import type { MetricsSnapshot, TaskState } from './metrics.ts';
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
  /**
   * Grammar hosts that share each check (issue 7's grammar pool), at least 1; the host clamps it
   * to its cores and runs one under inline. Absent means 1.
   */
  readonly grammarPoolSize?: number;
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
  /** The web host's workspace folder name (files open and save inside it); absent in Electron. */
  readonly workspace?: string;
  /** Where each task runs and how it is doing, as of this hello. */
  readonly tasks?: readonly TaskStatusInfo[];
  /** Whether tasks run at all (the web host's `--no-tasks` runs the document mirror alone). */
  readonly tasksEnabled?: boolean;
  /** The largest grammar pool the host offers (its cores). */
  readonly maxGrammarPool?: number;
  /** What the UI shows as of this hello; `hostState` events bring every later change. */
  readonly state: HostState;
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

/**
 * The editor's whole text at a version: how the renderer gets back into step after the host
 * refused a change (`OUT_OF_SYNC`). `version` must be at least the host's current version (it is
 * in `OpenDocument.version` and in the refusal), so no old change can be mistaken for a new one.
 */
export interface ResyncRequest {
  readonly uri: string;
  readonly version: number;
  readonly text: string;
}

/** Save state of the open document, pushed as `documentState` whenever it changes. */
export interface DocumentState {
  readonly uri: string;
  /** Display path (see `OpenDocument.path`); null while untitled. */
  readonly path: string | null;
  readonly dirty: boolean;
  /** The version last written to disk, or null if never saved in this session. */
  readonly savedVersion: number | null;
}

export interface NewDocumentRequest {
  /** Replace the open document even though it has unsaved changes (they are discarded). */
  readonly discardUnsaved?: boolean;
  /** Open the welcome document (Help → Welcome) instead of an empty one. */
  readonly welcome?: boolean;
}

export interface OpenFileRequest {
  /** Workspace-relative with `/` separators in the web host; absolute in Electron. */
  readonly path: string;
  /** Replace the open document even though it has unsaved changes (they are discarded). */
  readonly discardUnsaved?: boolean;
}

export interface SaveRequest {
  readonly uri: string;
}

export interface SaveAsRequest {
  readonly uri: string;
  /** As in `OpenFileRequest.path`. */
  readonly path: string;
  /** Replace an existing file; without it, saving over an existing file is refused. */
  readonly overwrite?: boolean;
}

export interface WorkspaceEntry {
  readonly name: string;
  /** Path to pass to `open` or `listWorkspace`. */
  readonly path: string;
  readonly kind: 'file' | 'directory';
  /** Bytes, for files. */
  readonly size: number | null;
}

export interface WorkspaceListing {
  /** The folder listed, workspace-relative; '' is the workspace itself. */
  readonly path: string;
  readonly entries: readonly WorkspaceEntry[];
}

/** A task's host and state, pushed as `taskStatus` on every change. */
export interface TaskStatusInfo {
  readonly task: TaskId;
  readonly kind: HostKind;
  readonly state: TaskState;
  readonly restarts: number;
  readonly lastError: string | null;
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
  /** The editor's whole text replaces the mirror; answers like `change`. See `ResyncRequest`. */
  resync: Method<ResyncRequest, ChangeAnswer>;
  /** An empty untitled document replaces the open one. Refused while it is dirty, unless told to discard. */
  newDocument: Method<NewDocumentRequest, OpenDocument>;
  /** Opens a UTF-8 text file (with or without BOM). Binary, non-UTF-8 and oversized files are refused with a clear message. */
  open: Method<OpenFileRequest, OpenDocument>;
  /** As `open`, for an entry of `HostHello.recentFiles`; a file that is gone leaves the list. */
  openRecent: Method<OpenFileRequest, OpenDocument>;
  /** Saves atomically to the document's file, keeping its BOM. Refused for an untitled document: use `saveAs`. */
  save: Method<SaveRequest, DocumentState>;
  saveAs: Method<SaveAsRequest, DocumentState>;
  /** The web host's workspace folder (the web host has no native dialogs). `path` '' or absent: its top. */
  listWorkspace: Method<{ readonly path?: string }, WorkspaceListing>;
  /** Spelling suggestions for a word (capped, cached by the spellcheck task). */
  suggest: Method<{ readonly word: string }, Suggestions>;
  /** Adds a word to the personal dictionary; spelling is re-checked. */
  addToDictionary: Method<{ readonly word: string }, void>;
  /** Ignores a grammar rule (harper rule name) from now on; kept in settings; grammar is re-checked. */
  ignoreRule: Method<{ readonly rule: string }, void>;
  /**
   * Measures the notes' claims live on this machine (The Lesson), in fresh hosts of its own that
   * never touch the running tasks; `lessonProgress` reports each claim as it finishes. One
   * measurement at a time: a second call while one runs is refused. Cancel through the call's signal.
   */
  measureLesson: Method<LessonRequest, LessonReport>;
}

/** The web host's WebSocket path; the page's `token` query parameter (or its cookie) goes with it. */
export const WEB_HOST_RPC_PATH = '/rpc';

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
  /** The host now shows another document (open, new, restore, or a native menu in Electron). */
  document: OpenDocument;
  documentState: DocumentState;
  taskStatus: TaskStatusInfo;
  /** The web host received a frame that is not a valid message; it was dropped. */
  protocolError: { readonly message: string };
  /** Electron's native menu was used: the renderer runs the command as if its own menu bar had. */
  menuCommand: MenuCommand;
  /** How far `measureLesson` has got; each claim's result as soon as it is measured. */
  lessonProgress: LessonProgress;
  /** What the UI shows changed (model, task states, a switch, settings, recent files, document, pool). */
  hostState: HostState;
}

export type { HostState, LessonProgress, LessonReport, LessonRequest, Suggestions };
