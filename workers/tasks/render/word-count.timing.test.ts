/**
 * How fast a word of millions of letters is counted in a text beyond Latin-1. A CPU bound, so it
 * runs in the `timing` project; word-count.test.ts checks the count.
 */
import { describe, expect, it } from 'vitest';
import { cpuTimeOf } from '../../../test/fixtures/cpu-time.ts';
import { countWordsAndCharacters } from './word-count.ts';

describe('countWordsAndCharacters speed', () => {
  it('counts a word of millions of letters in a text beyond Latin-1 in well under 1 s of CPU', async () => {
    const text = `€ ${'a'.repeat(4_300_000)} 𝒜𝒜`;
    const { value, cpuMs } = await cpuTimeOf(() => countWordsAndCharacters(text));
    console.info(`[render test] word count of 4.3 M characters: ${cpuMs.toFixed(0)} ms of CPU`);
    expect(value).toEqual({ words: 2, characters: 4_300_005 });
    expect(cpuMs).toBeLessThan(1_000);
  });
});
