/**
 * How well a checker's suggestions match what was meant, and how long each took: the figures
 * every checker of the spelling scenario is measured by, on the same pairs.
 */
import { summarize, type Summary } from '../stats.ts';
import type { SpellingPair } from './corpora.ts';

export interface Quality {
  readonly pairs: number;
  /** Share of pairs whose first suggestion is the intended word, %. */
  readonly top1: number;
  /** Share of pairs with the intended word among the first five, %. */
  readonly top5: number;
  /** Share of pairs with no suggestion at all, %. */
  readonly none: number;
  /** ms per suggestion request. */
  readonly time: Summary;
}

export type Suggester = (word: string) => Promise<readonly string[]> | readonly string[];

const percent = (count: number, total: number) => (total === 0 ? Number.NaN : (100 * count) / total);

/** Asks `suggest` for each pair in turn and scores it; case is ignored, as checkers differ in it. */
export async function measureQuality(pairs: readonly SpellingPair[], suggest: Suggester): Promise<Quality> {
  let top1 = 0;
  let top5 = 0;
  let none = 0;
  const times: number[] = [];
  for (const { typed, intended } of pairs) {
    const started = performance.now();
    const suggestions = await suggest(typed);
    times.push(performance.now() - started);
    const position = suggestions.slice(0, 5).findIndex((suggestion) => suggestion.toLowerCase() === intended.toLowerCase());
    if (position === 0) top1 += 1;
    if (position >= 0) top5 += 1;
    if (suggestions.length === 0) none += 1;
  }
  return { pairs: pairs.length, top1: percent(top1, pairs.length), top5: percent(top5, pairs.length), none: percent(none, pairs.length), time: summarize(times) };
}
