/**
 * The ranker's tuning loop, run by hand (`node bench/spelling/tune.ts`): Forkpad's suggest,
 * called in this process, on the tuning half of each corpus only. The bench reports the other half.
 */
import { BENCH_ASSETS } from '../host/bench-host.ts';
import { SOURCE_MODULES_DIR } from '../../workers/node/source-assets.ts';
import { loadSpeller } from '../../workers/tasks/spellcheck/speller.ts';
import { suggestWithin } from '../../workers/tasks/spellcheck/suggest.ts';
import { loadWordFrequencies } from '../../workers/tasks/spellcheck/word-frequencies.ts';
import { halfOf, realMisspellings, typingSlips } from './corpora.ts';
import { measureQuality } from './quality.ts';

const modules = SOURCE_MODULES_DIR;
const speller = await loadSpeller(BENCH_ASSETS.dictionaryAff, BENCH_ASSETS.dictionaryDic);
const frequencies = await loadWordFrequencies(BENCH_ASSETS.wordFrequencies ?? '');
const isWord = (word: string) => speller.correct(word);
const half = process.argv[2] === 'report' ? 'report' : 'tune';
for (const corpus of [await realMisspellings(modules, isWord), await typingSlips(modules, isWord, 1000)]) {
  const pairs = corpus.pairs.filter((pair) => halfOf(pair) === half);
  const misses: string[] = [];
  const quality = await measureQuality(pairs, (word) => {
    const { suggestions } = suggestWithin(speller, word, { budgetMs: Number(process.env.BUDGET ?? 50), limit: 5, frequencies });
    const pair = pairs.find((each) => each.typed === word);
    if (pair && suggestions[0]?.toLowerCase() !== pair.intended.toLowerCase() && misses.length < 40) misses.push(`${word}→${pair.intended}: ${suggestions.join(',')}`);
    return suggestions;
  });
  console.log(corpus.name, half, JSON.stringify({ ...quality, time: { p50: quality.time.p50, p95: quality.time.p95, max: quality.time.max } }));
  if (process.argv.includes('--misses')) console.log(misses.join('\n'));
}
