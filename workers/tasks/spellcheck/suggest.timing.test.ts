/**
 * How closely a suggestion search keeps to its wall-clock budget. The search reads the clock every
 * 32 candidates, so it may overrun by one batch; on a shared machine the batch itself can take
 * longer than usual, so this runs in the `timing` project, alone.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { cpuTimeOf } from '../../../test/fixtures/cpu-time.ts';
import { loadSpeller, type Speller } from './speller.ts';
import { suggestWithin } from './suggest.ts';
import { DICTIONARY_ASSETS } from './test/task-harness.ts';

let speller: Speller;

beforeAll(async () => {
  speller = await loadSpeller(DICTIONARY_ASSETS.dictionaryAff, DICTIONARY_ASSETS.dictionaryDic);
});

describe('a suggestion search on its budget', () => {
  it('spends at most its 50 ms and one batch more', async () => {
    const started = performance.now();
    const { value: outcome, cpuMs } = await cpuTimeOf(() => suggestWithin(speller, 'xqzjvk', { budgetMs: 50, limit: 5 }));
    const wallMs = performance.now() - started;
    expect(outcome.truncated).toBe(true);
    expect(cpuMs).toBeLessThan(50 + 25);
    expect(wallMs).toBeLessThan(50 + 25);
  });
});
