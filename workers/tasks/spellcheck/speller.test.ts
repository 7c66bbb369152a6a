import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpeller } from './speller.ts';
import { DICTIONARY_ASSETS } from './test/task-harness.ts';

describe('loadSpeller', () => {
  it('parses the dictionary once per thread: a restarted inline task reuses it', async () => {
    const first = await loadSpeller(DICTIONARY_ASSETS.dictionaryAff, DICTIONARY_ASSETS.dictionaryDic);
    const second = await loadSpeller(DICTIONARY_ASSETS.dictionaryAff, DICTIONARY_ASSETS.dictionaryDic);
    expect(second).toBe(first);
    expect(second.correct('restarted')).toBe(true);
  });

  it('does not keep a failed load: a later load of the same paths tries again', async () => {
    const missing = join(import.meta.dirname, 'no-such.aff');
    await expect(loadSpeller(missing, DICTIONARY_ASSETS.dictionaryDic)).rejects.toThrow(/cannot read the affix file/);
    await expect(loadSpeller(missing, DICTIONARY_ASSETS.dictionaryDic)).rejects.toThrow(/cannot read the affix file/);
  });
});
