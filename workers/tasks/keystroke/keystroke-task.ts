/**
 * The keystroke task: every edit with its key events goes into the document's journal, and each
 * group commit acknowledges the highest durable version to the host. Typing statistics come from
 * the same key events, including how long a keydown took to become durable.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Errors } from '../../common/errors.ts';
import type { SharedDocumentReader } from '../../common/shared-document/document-reader.ts';
import type { KeystrokeApi, KeystrokeEvents, OpenRequest } from '../../common/task-api.ts';
import type { OpenNotice } from '../text/requests.ts';
import { JournalStore } from './journal-store.ts';
import { parseKeystrokeChange, parseOpenRequest, parseTypingHistory, parseUriRequest } from './requests.ts';
import { TypingStatsTracker, type TypingStatsOptions } from './typing-stats.ts';

export interface KeystrokeTaskOptions {
  /** The app's data folder; journals live in its `journals/` subfolder. */
  readonly dataDir: string;
  readonly emitDurable: (payload: KeystrokeEvents['durable']) => void;
  readonly log: (line: string) => void;
  /** Epoch ms, the clock of the renderer's key events. */
  readonly now?: () => number;
  readonly compactAtBytes?: number;
  readonly stats?: TypingStatsOptions;
  /** The host's document, when the task runs in a thread or inline host (see `baseOf`). */
  readonly shared?: SharedDocumentReader;
}

/** Versions a base read from the shared document was ahead of the open that asked for it. */
interface AheadOfOpen {
  readonly uri: string;
  readonly from: number;
  readonly to: number;
}

/** The task's API plus the parts tests and benches look into. */
export interface KeystrokeService {
  readonly api: KeystrokeApi;
  readonly store: JournalStore;
  readonly stats: TypingStatsTracker;
}

interface AwaitingAck {
  readonly uri: string;
  readonly version: number;
  readonly keyTimes: readonly number[];
}

/** Versions whose key events wait for their acknowledgement; beyond this the oldest are dropped. */
const MAX_AWAITING = 10_000;

export async function createKeystrokeService(options: KeystrokeTaskOptions): Promise<KeystrokeService> {
  const now = options.now ?? Date.now;
  const directory = join(options.dataDir, 'journals');
  await mkdir(directory, { recursive: true });
  const stats = new TypingStatsTracker(options.stats);
  const awaiting: AwaitingAck[] = [];

  const onDurable = (uri: string, version: number): void => {
    const at = now();
    for (let index = 0; index < awaiting.length; ) {
      const entry = awaiting[index];
      if (entry && entry.uri === uri && entry.version <= version) {
        for (const keyAt of entry.keyTimes) stats.recordAckLatency(at - keyAt);
        awaiting.splice(index, 1);
      } else index += 1;
    }
    options.emitDurable({ uri, version, at });
  };

  let ahead: AheadOfOpen | undefined;

  /**
   * The journal's base. A process host is sent the text. A thread or inline host is not: the
   * journal must hold the whole text, so it is read once from the shared document, which may be
   * some versions ahead of the open (typing went on): the base then takes that version, is unsaved
   * work by definition, and the changes up to it, which arrive next, are repeats whose keys still
   * count (for an open: a compact's journal had those changes already, keys and all).
   */
  const baseOf = (request: OpenNotice, kind: 'open' | 'compact'): OpenRequest => {
    if (request.text !== undefined) {
      if (kind === 'open') ahead = undefined;
      return { ...request, text: request.text };
    }
    const { shared } = options;
    if (!shared) throw Errors.invalidInput('open', 'no text was sent, and this host has no shared document to read it from');
    const base = shared.read((view) => {
      if (view.uri !== request.uri || view.version < request.version) throw Errors.cancelled('open', `superseded: the shared document now holds ${view.uri} v${view.version}`);
      return { version: view.version, text: view.text() };
    });
    if (kind === 'open') ahead = base.version > request.version ? { uri: request.uri, from: request.version, to: base.version } : undefined;
    return { ...request, ...base, dirty: request.dirty === true || base.version > request.version };
  };

  const store = new JournalStore({ directory, log: options.log, onDurable, ...(options.compactAtBytes ? { compactAtBytes: options.compactAtBytes } : {}) });

  const api: KeystrokeApi = {
    open: (request) => store.open(baseOf(parseOpenRequest(request), 'open')),
    change: (request) => {
      const change = parseKeystrokeChange(request);
      const inBase = ahead !== undefined && change.uri === ahead.uri && change.version > ahead.from && change.version <= ahead.to;
      if (!store.change(change) && !inBase) return;
      stats.recordKeys(change.keys);
      if (change.keys.length > 0) {
        awaiting.push({ uri: change.uri, version: change.version, keyTimes: change.keys.map((key) => key.at) });
        if (awaiting.length > MAX_AWAITING) awaiting.shift();
      }
    },
    stats: () => stats.snapshot(now()),
    typingHistory: () => stats.history(),
    adoptTyping: (history) => stats.adopt(parseTypingHistory(history)),
    recover: () => store.recover(),
    compact: (request) => store.compact(baseOf(parseOpenRequest(request, 'compact request'), 'compact')),
    discard: (request) => store.discard(parseUriRequest(request, 'discard request').uri),
  };
  return { api, store, stats };
}
