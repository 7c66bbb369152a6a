/**
 * The word-frequency list, loaded lazily: on the first suggestion, or a while after start,
 * whichever comes first. Each step is reported to the monitor: pending until then (never a zero),
 * then its load time and memory, or why it failed.
 */
import type { AssetLoad } from '../../common/asset-loads.ts';
import { reportedLoad } from '../asset-meter.ts';
import { loadWordFrequencies, NO_FREQUENCIES, type WordFrequencies } from './word-frequencies.ts';

/**
 * How long after start the task parses the frequency list unasked. Parsing takes ~0.2 s of this
 * task's thread; done at start it delayed the first check after every restart (the crash-storm
 * suite measured a restarted process serving in 1.2 s against a 1 s bound), so it waits until the
 * host has settled, or until the first suggestion needs it, whichever comes first.
 */
export const FREQUENCY_IDLE_LOAD_MS = 5_000;

/** The monitor's name for the list. */
export const FREQUENCY_ASSET = 'word frequencies (SUBTLEX-US)';

export interface LazyFrequencyOptions {
  readonly log: (line: string) => void;
  readonly report: (load: AssetLoad) => void;
  /** When the task began loading (performance.now()): tells a fresh load from this thread's earlier one. */
  readonly taskStartedAt: number;
  /** Tests set a longer wait, to see the list pending until the first suggestion. */
  readonly idleLoadMs?: number;
}

/** The list, loaded once, on first use or after `idleLoadMs`. */
export function lazyFrequencies(file: string | undefined, options: LazyFrequencyOptions): () => Promise<WordFrequencies> {
  if (file === undefined) return () => Promise.resolve(NO_FREQUENCIES);
  const { log, report, taskStartedAt, idleLoadMs = FREQUENCY_IDLE_LOAD_MS } = options;
  report({ name: FREQUENCY_ASSET, state: 'pending', when: `loads on first suggestion, or ${idleLoadMs / 1000} s after start` });
  let pending: Promise<WordFrequencies> | undefined;
  const load = (): Promise<WordFrequencies> =>
    (pending ??= reportedLoad(FREQUENCY_ASSET, report, taskStartedAt, () => loadWordFrequencies(file), (loaded) => loaded.load).then(
      (loaded): WordFrequencies => {
        log(`word frequencies loaded in ${Math.round(loaded.load.loadMs)} ms, ${loaded.words.length} words`);
        return loaded;
      },
      (error: unknown) => {
        log(`word frequencies not loaded, suggestions rank by the error model alone: ${(error as Error).message}`);
        return NO_FREQUENCIES;
      },
    ));
  // unref: a pending warm-up never keeps a host alive that is shutting down.
  setTimeout(() => void load(), idleLoadMs).unref();
  return load;
}
