/**
 * The benchmark child of scenario 10, spelling suggestions: the report half of each corpus,
 * asked of Forkpad's spellcheck task in a thread host (its `suggest` over RPC, as the editor's
 * quick fix asks it), of raw nspell and of harper.js, one after the other in this process.
 */
import { childParams, runChild, toParent } from '../child-protocol.ts';
import { BENCH_ASSETS, fileLog } from '../host/bench-host.ts';
import { SOURCE_MODULES_DIR } from '../../workers/node/source-assets.ts';
import { startTask } from '../host/task-client.ts';
import type { Measurement } from '../results.ts';
import { halfOf, realMisspellings, typingSlips, type Corpus, type SpellingPair } from './corpora.ts';
import { harperSpelling, rawNspell } from './controls.ts';
import { measureQuality, type Quality, type Suggester } from './quality.ts';

export interface SpellingRunParams {
  readonly logFile: string;
  /** Most pairs asked per corpus (a deterministic prefix of the report half); all when absent. */
  readonly maxPairs?: number;
  /** Frequent words the typing slips are made from. */
  readonly slipWords: number;
}

export const SPELLING_SCENARIO = 10;
const params = childParams<SpellingRunParams>();

function rows(corpus: string, checker: string, quality: Quality): Measurement[] {
  const row = (what: string, value: number, unit: Measurement['unit'], summary?: Measurement['summary']): Measurement => ({
    scenario: SPELLING_SCENARIO, row: `${corpus}: ${what}`, column: checker, value, unit, ...(summary ? { summary } : {}),
  });
  return [
    row('top-1', quality.top1, '%'),
    row('top-5', quality.top5, '%'),
    row('no suggestion', quality.none, '%'),
    row('ms per suggestion, p50', quality.time.p50, 'ms'),
    row('ms per suggestion, p95', quality.time.p95, 'ms'),
    row('ms per suggestion, max', quality.time.max, 'ms', quality.time),
  ];
}

function reported(corpus: Corpus): SpellingPair[] {
  const pairs = corpus.pairs.filter((pair) => halfOf(pair) === 'report');
  return params.maxPairs === undefined ? pairs : pairs.slice(0, params.maxPairs);
}

runChild(async () => {
  const log = fileLog(params.logFile);
  const modules = SOURCE_MODULES_DIR;
  const nspell = await rawNspell(BENCH_ASSETS);
  const corpora = [await realMisspellings(modules, nspell.isWord), await typingSlips(modules, nspell.isWord, params.slipWords)];
  const forkpad = await startTask('spellcheck', 'thread', log);
  const harper = await harperSpelling(BENCH_ASSETS);
  try {
    // The first request waits for the frequency list to load; that wait is start-up, not a suggestion.
    await forkpad.api.suggest({ word: 'warmup' });
    const checkers: [string, Suggester][] = [
      ['Forkpad', async (word) => (await forkpad.api.suggest({ word })).suggestions],
      ['raw nspell', nspell.suggest],
      ['harper.js', harper.suggest],
    ];
    let done = 0;
    for (const corpus of corpora) {
      const pairs = reported(corpus);
      toParent({ type: 'note', text: `Spelling, ${corpus.name}: ${pairs.length} pairs of the report half (${corpus.note}).` });
      for (const [checker, suggest] of checkers) {
        toParent({ type: 'progress', fraction: done / (corpora.length * checkers.length), label: `${corpus.name} · ${checker}` });
        toParent({ type: 'measurements', items: rows(corpus.name, checker, await measureQuality(pairs, suggest)) });
        done += 1;
      }
    }
  } finally {
    await harper.close();
    await forkpad.stop();
  }
});
