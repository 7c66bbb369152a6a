import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { SOURCE_TASK_ASSETS, taskAssetsIn } from './source-assets.ts';

describe('source task assets', () => {
  it('finds every asset file the tasks load', async () => {
    const { harperWasm, dictionaryAff, dictionaryDic } = SOURCE_TASK_ASSETS;
    for (const path of [harperWasm, dictionaryAff, dictionaryDic]) expect(existsSync(path), path).toBe(true);
    const wasm = await readFile(SOURCE_TASK_ASSETS.harperWasm);
    expect([...wasm.subarray(0, 4)]).toEqual([0x00, 0x61, 0x73, 0x6d]); // "\0asm"
    expect(await readFile(SOURCE_TASK_ASSETS.dictionaryAff, 'utf8')).toMatch(/^SET UTF-8/m);
  });

  it('resolves inside another node_modules folder', () => {
    expect(taskAssetsIn('/opt/m').dictionaryDic).toBe('/opt/m/dictionary-en/index.dic');
  });
});
