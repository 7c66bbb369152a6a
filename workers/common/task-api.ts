/**
 * The typed API of each task. The host-side proxy (`createRpcClient<TaskApi<T>>`) and the
 * task-side dispatcher (`serveRpc`) both derive from these interfaces: this file (with the
 * methods every host shares, in task-control.ts) is the only place a task method is declared.
 */
import type { DocumentChange, DocumentSnapshot, TextRange } from './document.ts';
import type { AssetLoad } from './asset-loads.ts';
import type { Method } from './rpc.ts';
import type { SharedDocumentReader } from './shared-document/document-reader.ts';
import type { TaskId } from './tasks.ts';

import type { ControlApi, TaskInit } from './task-control.ts';

export type { ControlApi, Fault, FaultKind, ReadyInfo, TaskAssets, TaskInit, TaskSettings } from './task-control.ts';

/** Every task mirrors the editor's document through these. */
/** The document a task is primed with; `path` is the file it came from, null while untitled. */
export interface OpenRequest extends DocumentSnapshot {
  readonly path: string | null;
  /**
   * True when `text` itself is unsaved work (it differs from the file at `path`, or is untitled
   * and not empty): the keystroke journal must then report the document as dirty on recovery
   * even if no edit follows. The host re-opens the keystroke task from its last durable text
   * after a restart or move, and sets this for a restored document.
   */
  readonly dirty?: boolean;
}

export interface DocumentSyncApi {
  open: Method<OpenRequest, void>;
  change: Method<DocumentChange, void>;
}

/** A result computed for one version of a document. Stale ones are dropped or re-mapped. */
export interface Versioned {
  readonly uri: string;
  readonly version: number;
}

// ---- keystroke -------------------------------------------------------------------------------

export type KeyKind = 'character' | 'backspace' | 'delete' | 'enter' | 'paste' | 'other';

/** One key event as the renderer saw it. `at` is epoch ms (performance.timeOrigin + now). */
export interface KeyEvent {
  readonly kind: KeyKind;
  readonly at: number;
}

export interface KeystrokeChange extends DocumentChange {
  readonly keys: readonly KeyEvent[];
}

export interface TypingStats {
  readonly keystrokes: number;
  readonly charactersPerMinute: number;
  readonly wordsPerMinute: number;
  /** Keys in the current burst (pauses under 2 s). */
  readonly burst: number;
  readonly backspaceRatio: number;
  /** Keydown to durable acknowledgement, ms. */
  readonly ackLatency: { readonly p50: number; readonly p95: number } | null;
}

/**
 * What typing statistics are computed from, handed from a keystroke host to the one that replaces
 * it in a live move, so that moving the task does not reset the user's figures. Times are epoch ms.
 */
export interface TypingHistory {
  readonly keystrokes: number;
  readonly firstKeyAt: number | null;
  readonly lastKeyAt: number | null;
  readonly burst: number;
  /** The keys inside the rates' sliding window, oldest first. */
  readonly recent: readonly KeyEvent[];
  /** Recent keydown-to-durable latencies, ms, oldest first. */
  readonly latencies: readonly number[];
}

/** A document rebuilt from its journal after a crash. */
export interface RecoveredDocument extends Versioned {
  readonly text: string;
  /** The file it was opened from, if any. */
  readonly path: string | null;
  /** Whether the journal held edits after its base snapshot (i.e. unsaved work). */
  readonly dirty: boolean;
  /** A torn last record that was skipped, if any. */
  readonly tornBytes: number;
  /** Epoch ms of the journal's last record, so the host can restore the newest first. */
  readonly updatedAt?: number;
}

/** Keystroke mirrors the document like the others, but its changes also carry key events. */
export interface KeystrokeApi {
  open: Method<OpenRequest, void>;
  change: Method<KeystrokeChange, void>;
  stats: Method<null, TypingStats>;
  /** The statistics' raw history, for the host that takes over in a live move. */
  typingHistory: Method<null, TypingHistory>;
  /** Adds the history of the host this one replaces (see `typingHistory`). */
  adoptTyping: Method<TypingHistory, void>;
  /** Journals this session holds for documents that were never saved or closed. */
  recover: Method<null, readonly RecoveredDocument[]>;
  /** After a save: the journal restarts from the saved text. */
  compact: Method<OpenRequest, void>;
  /** The document was closed deliberately: its journal is removed. */
  discard: Method<{ readonly uri: string }, void>;
}

export interface KeystrokeEvents {
  /** Everything up to `version` is on disk (fsync'd). */
  durable: Versioned & { readonly at: number };
}

// ---- render ----------------------------------------------------------------------------------

export interface PreviewBlock {
  /** Stable id of the block's source text, so the view patches only what changed. */
  readonly id: string;
  /** 0-based source lines `[startLine, endLine)`: the scroll-sync map. */
  readonly startLine: number;
  readonly endLine: number;
  /** Sanitized HTML. */
  readonly html: string;
}

export interface OutlineEntry {
  readonly level: number;
  readonly text: string;
  readonly line: number;
}

export interface RenderResult extends Versioned {
  readonly blocks: readonly PreviewBlock[];
  readonly outline: readonly OutlineEntry[];
  readonly words: number;
  readonly characters: number;
  readonly paragraphs: number;
  readonly readingMinutes: number;
  /** Blocks rendered afresh for this version (the rest came from the cache). */
  readonly renderedBlocks: number;
  /** Set when the preview was limited, saying how (e.g. a block too long to format). */
  readonly degraded?: string;
}

export interface RenderApi extends DocumentSyncApi {
  render: Method<{ readonly version: number }, RenderResult>;
}

// ---- spellcheck ------------------------------------------------------------------------------

export interface SpellingIssue extends TextRange {
  readonly word: string;
}

export interface SpellResult extends Versioned {
  readonly issues: readonly SpellingIssue[];
  /** Lines checked afresh for this version. */
  readonly checkedLines: number;
  /** Set when checking was limited, saying how (e.g. a line too long to check). */
  readonly degraded?: string;
}

export interface Suggestions {
  readonly word: string;
  readonly suggestions: readonly string[];
  /** True when the time budget ran out before all candidates were tried. */
  readonly truncated: boolean;
}

export interface SpellcheckApi extends DocumentSyncApi {
  check: Method<{ readonly version: number }, SpellResult>;
  suggest: Method<{ readonly word: string }, Suggestions>;
  addWord: Method<{ readonly word: string }, void>;
  removeWord: Method<{ readonly word: string }, void>;
  personalWords: Method<null, readonly string[]>;
}

// ---- grammar ---------------------------------------------------------------------------------

export interface GrammarSuggestion {
  readonly kind: 'replace' | 'remove' | 'insert-after';
  readonly text: string;
}

export interface GrammarIssue extends TextRange {
  readonly message: string;
  /** Harper's lint kind, e.g. "Miscellaneous", "Capitalization". */
  readonly kind: string;
  /** Harper's rule name, the key of a per-rule ignore. */
  readonly rule: string;
  readonly suggestions: readonly GrammarSuggestion[];
}

export interface GrammarResult extends Versioned {
  readonly issues: readonly GrammarIssue[];
  readonly paragraphs: { readonly total: number; readonly linted: number; readonly cached: number };
  readonly degraded?: string;
}

/**
 * One replica's share of a pooled grammar check: the check's units are cut, in document order,
 * into `count` contiguous runs of about equal text length, and the replica lints run `index`
 * (workers/tasks/grammar/shard.ts). A small edit moves a run's border only a little, so most
 * paragraphs stay with the replica whose lint cache already holds them.
 */
export interface GrammarShard {
  readonly index: number;
  readonly count: number;
}

export interface GrammarApi extends DocumentSyncApi {
  /** Lints changed paragraphs, those in `visible` first; with `shard`, only that share of them. */
  check: Method<{ readonly version: number; readonly visible?: TextRange; readonly shard?: GrammarShard }, GrammarResult>;
  setIgnoredRules: Method<{ readonly rules: readonly string[] }, void>;
  /**
   * Lints a built-in text once, between checks, so that the host's first real checks do not pay
   * harper's warm-up (workers/tasks/grammar/warm-up.ts); a second call answers the first's report.
   */
  warmUp: Method<null, GrammarWarmUpReport>;
}

/** What a grammar host's warm-up did: nothing (0 paragraphs) when real text had warmed it already. */
export interface GrammarWarmUpReport {
  readonly paragraphs: number;
  /** UTF-16 units of warm-up text linted. */
  readonly units: number;
  /** Wall-clock ms from the call to the end, pauses for checks included. */
  readonly ms: number;
}

export interface GrammarEvents {
  progress: Versioned & { readonly phase: 'loading' | 'checking'; readonly done: number; readonly total: number };
}

// ---- by task id ------------------------------------------------------------------------------

export interface TaskApis {
  keystroke: KeystrokeApi;
  render: RenderApi;
  spellcheck: SpellcheckApi;
  grammar: GrammarApi;
}

export interface TaskEventMaps {
  keystroke: KeystrokeEvents;
  render: Record<never, never>;
  spellcheck: Record<never, never>;
  grammar: GrammarEvents;
}

/** The full API a host of task `T` answers. */
export type TaskApi<T extends TaskId> = ControlApi & TaskApis[T];

/** What a task module exports: a factory given its init and an event emitter. */
export interface TaskContext<T extends TaskId> {
  readonly init: TaskInit;
  emit<K extends keyof TaskEventMaps[T] & string>(name: K, payload: TaskEventMaps[T][K]): void;
  log(line: string): void;
  /** The host's shared document (from `init.document`), if the task runs where memory is shared. */
  readonly document?: SharedDocumentReader;
  /**
   * Registers work to run once the task's host stops serving it (shutdown, kill, a move away),
   * e.g. closing files: an inline host has no thread or process exit that closes them for the
   * task. Optional, so that contexts built outside a task server (tests, benches) need not offer it.
   */
  onStop?(dispose: () => Promise<void>): void;
  /**
   * Tells the task monitor how loading one of the task's data files went (asset-loads.ts): call
   * it when a load starts to wait, ends or fails. Optional for the same reason as `onStop`.
   */
  reportAsset?(load: AssetLoad): void;
}

export type TaskFactory<T extends TaskId> = (context: TaskContext<T>) => Promise<TaskApis[T]>;
