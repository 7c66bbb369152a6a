/**
 * The keystroke task: every edit with its key events goes into the document's journal, and each
 * group commit acknowledges the highest durable version to the host. Typing statistics come from
 * the same key events, including how long a keydown took to become durable.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { KeystrokeApi, KeystrokeEvents } from '../../common/task-api.ts';
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

  const store = new JournalStore({ directory, log: options.log, onDurable, ...(options.compactAtBytes ? { compactAtBytes: options.compactAtBytes } : {}) });

  const api: KeystrokeApi = {
    open: (request) => store.open(parseOpenRequest(request)),
    change: (request) => {
      const change = parseKeystrokeChange(request);
      if (!store.change(change)) return;
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
    compact: (request) => store.compact(parseOpenRequest(request, 'compact request')),
    discard: (request) => store.discard(parseUriRequest(request, 'discard request').uri),
  };
  return { api, store, stats };
}
