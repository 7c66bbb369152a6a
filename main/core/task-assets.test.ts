import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { taskAssets } from './task-assets.ts';

describe('task assets', () => {
  it('resolves harper’s WASM and the English dictionary to files that exist', () => {
    expect(taskAssets.harperWasm).toMatch(/harper\.js\/dist\/harper_wasm_bg\.wasm$/);
    expect(taskAssets.dictionaryAff).toMatch(/dictionary-en\/index\.aff$/);
    expect(taskAssets.dictionaryDic).toMatch(/dictionary-en\/index\.dic$/);
    expect(statSync(taskAssets.harperWasm).size).toBeGreaterThan(1_000_000);
    expect(statSync(taskAssets.dictionaryAff).size).toBeGreaterThan(1_000);
    expect(statSync(taskAssets.dictionaryDic).size).toBeGreaterThan(100_000);
  });
});
