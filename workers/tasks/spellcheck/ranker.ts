/**
 * Orders suggestion candidates by how likely each is the word meant: a noisy-channel score, the
 * log of how common the word is (word-frequencies.ts) less the cost of the slip that would turn
 * it into what was typed (error-model.ts), with a bonus when both sound alike (Double Metaphone,
 * as aspell's "soundslike"). No known misspelling is listed anywhere: the score generalises.
 */
import { doubleMetaphone } from 'double-metaphone';
import { slipCost } from './error-model.ts';
import type { WordFrequencies } from './word-frequencies.ts';

/**
 * Weights, tuned on the tuning half of the bench's corpora (bench/spelling: a hash of each typed
 * word picks its half) and reported on the other half only.
 */
export const RANK_WEIGHTS = {
  /** Per unit of edit cost, in natural-log units of frequency: one far-key substitution ≈ 50,000× rarer. */
  slip: 9,
  /** Sounding alike (either Double Metaphone code equal). */
  phonetic: 2,
  /** A personal-dictionary word counts as this common: the user wrote it, so they use it. */
  personalCount: 2_000,
};

export interface Candidate {
  /** As the dictionary spells it (e.g. "Tuesday", "the"). */
  readonly word: string;
  readonly personal?: boolean;
}

function soundsAlike(a: string, b: string): boolean {
  const [primaryA, secondaryA] = doubleMetaphone(a);
  const [primaryB, secondaryB] = doubleMetaphone(b);
  return primaryA === primaryB || primaryA === secondaryB || secondaryA === primaryB;
}

export function score(typed: string, candidate: Candidate, frequencies: WordFrequencies): number {
  const lowerTyped = typed.toLowerCase();
  const lower = candidate.word.toLowerCase();
  const count = candidate.personal ? Math.max(RANK_WEIGHTS.personalCount, frequencies.count(lower)) : frequencies.count(lower);
  const phonetic = soundsAlike(lowerTyped, lower) ? RANK_WEIGHTS.phonetic : 0;
  return Math.log(count + 1) - RANK_WEIGHTS.slip * slipCost(lowerTyped, lower) + phonetic;
}

/**
 * The case the user typed, carried over: "Teh" → "The", "TEH" → "THE"; a word the dictionary
 * capitalises ("Tuesday") keeps its capital.
 */
export function withCaseOf(typed: string, suggestion: string): string {
  const letters = typed.replace(/[^\p{L}]/gu, '');
  if (letters.length > 1 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()) return suggestion.toUpperCase();
  const first = typed.charAt(0);
  if (first !== first.toLowerCase()) return suggestion.charAt(0).toUpperCase() + suggestion.slice(1);
  return suggestion;
}

/** The best `limit` candidates, best first, each once (by lower case), in the typed case. */
export function rank(typed: string, candidates: Iterable<Candidate>, frequencies: WordFrequencies, limit: number): string[] {
  const best = new Map<string, { candidate: Candidate; score: number }>();
  for (const candidate of candidates) {
    const key = candidate.word.toLowerCase();
    if (key === typed.toLowerCase() && candidate.word === typed) continue;
    const scored = score(typed, candidate, frequencies);
    const previous = best.get(key);
    if (!previous || scored > previous.score) best.set(key, { candidate, score: scored });
  }
  const ordered = [...best.values()].sort((a, b) => b.score - a.score || a.candidate.word.localeCompare(b.candidate.word));
  const result: string[] = [];
  for (const { candidate } of ordered) {
    const shown = withCaseOf(typed, candidate.word);
    if (shown !== typed && !result.includes(shown)) result.push(shown);
    if (result.length === limit) break;
  }
  return result;
}
