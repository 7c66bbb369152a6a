/**
 * nspell with the Hunspell dictionary the host points at (dictionary-en's index.aff/index.dic,
 * copied next to the build output), read by path so that every kind of host finds it.
 */
import { readFile } from 'node:fs/promises';
import nspell from 'nspell';
import { Errors } from '../../common/errors.ts';
import { measureHeap, type LoadFigures } from '../asset-meter.ts';

/** What suggestion needs from the dictionary beyond nspell's public API. */
export interface SuggestionTables {
  /** Letters to insert or substitute (the affix file's TRY, lower case). */
  readonly tryCharacters: readonly string[];
  /** Groups of neighbouring keys (KEY). */
  readonly keyboardGroups: readonly string[];
  /** Common misspellings (REP): [from, to]. */
  readonly replacements: readonly (readonly [string, string])[];
}

export interface Speller {
  correct(word: string): boolean;
  /** Correct and allowed as a suggestion (Hunspell's NOSUGGEST marks words never offered). */
  suggestible(word: string): boolean;
  readonly tables: SuggestionTables;
  /** What parsing the two files cost, for the monitor. */
  readonly load: LoadFigures;
}

interface NspellInternals {
  readonly data: Record<string, unknown>;
  readonly flags: Record<string, unknown>;
  readonly replacementTable: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * nspell keeps the affix tables and each word's flags on the instance without typing them; they
 * are read here once and checked, so a change in nspell fails loudly at load, not subtly later.
 * (nspell is pinned to 2.1.5.)
 */
function readInternals(spell: unknown): { tables: SuggestionTables; noSuggest: ReadonlySet<string> } {
  const candidate = spell as Partial<NspellInternals>;
  const { data, flags, replacementTable } = candidate;
  if (!isRecord(data) || !isRecord(flags) || !Array.isArray(replacementTable)) {
    throw new Error('nspell does not expose its tables as expected (data, flags, replacementTable)');
  }
  const tryCharacters = Array.isArray(flags.TRY) ? flags.TRY.filter((each): each is string => typeof each === 'string') : [];
  const keyboardGroups = Array.isArray(flags.KEY) ? flags.KEY.filter((each): each is string => typeof each === 'string') : [];
  const replacements = replacementTable.filter(
    (pair): pair is [string, string] => Array.isArray(pair) && typeof pair[0] === 'string' && typeof pair[1] === 'string' && pair[0] !== '',
  );
  const noSuggestFlag = typeof flags.NOSUGGEST === 'string' ? flags.NOSUGGEST : undefined;
  const noSuggest = new Set<string>();
  if (noSuggestFlag !== undefined) {
    for (const [word, codes] of Object.entries(data)) if (Array.isArray(codes) && codes.includes(noSuggestFlag)) noSuggest.add(word);
  }
  return { tables: { tryCharacters, keyboardGroups, replacements }, noSuggest };
}

async function readDictionaryFile(path: string, what: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw Errors.invalidInput('dictionary', `cannot read the ${what} file ${path}: ${(error as Error).message}`);
  }
}

/**
 * One parsed dictionary per pair of files and thread. A Speller is read-only (personal words are
 * kept apart, in PersonalDictionary), so tasks of one thread share it: an inline task restarted
 * after a crash does not parse the dictionary again on the host's main thread (~0.3 s).
 */
const spellers = new Map<string, Promise<Speller>>();

/** Loads the dictionary from its two files, or returns this thread's copy of it. */
export function loadSpeller(affPath: string, dicPath: string): Promise<Speller> {
  const key = `${affPath}\u0000${dicPath}`;
  let speller = spellers.get(key);
  if (!speller) {
    speller = parseSpeller(affPath, dicPath);
    spellers.set(key, speller);
    // A failed load may succeed later (e.g. once the file is there): do not keep the failure.
    speller.catch(() => spellers.delete(key));
  }
  return speller;
}

async function parseSpeller(affPath: string, dicPath: string): Promise<Speller> {
  const startedAt = performance.now();
  const [aff, dic] = await Promise.all([readDictionaryFile(affPath, 'affix'), readDictionaryFile(dicPath, 'word list')]);
  const {
    value: { spell, tables, noSuggest },
    memory,
  } = measureHeap(() => {
    const parsed = nspell({ aff, dic });
    return { spell: parsed, ...readInternals(parsed) };
  });
  const load: LoadFigures = { startedAt, loadMs: performance.now() - startedAt, fileBytes: aff.byteLength + dic.byteLength, memory };
  // nspell finds the dictionary form of a word as its `form` does: as written, then sentence
  // case for an all-caps word, then lower case. NOSUGGEST is checked on that form.
  const formsOf = (word: string): string[] => [word, word.charAt(0) + word.slice(1).toLowerCase(), word.toLowerCase()];
  return {
    correct: (word) => spell.correct(word),
    suggestible: (word) => spell.correct(word) && !formsOf(word).some((form) => noSuggest.has(form)),
    tables,
    load,
  };
}
