import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { taskAssets, unpackedAssets } from './task-assets.ts';

describe('task assets', () => {
  it('resolves harper’s WASM and the English dictionary to files that exist', () => {
    expect(taskAssets.harperWasm).toMatch(/harper\.js\/dist\/harper_wasm_bg\.wasm$/);
    expect(taskAssets.dictionaryAff).toMatch(/dictionary-en\/index\.aff$/);
    expect(taskAssets.dictionaryDic).toMatch(/dictionary-en\/index\.dic$/);
    expect(statSync(taskAssets.harperWasm).size).toBeGreaterThan(1_000_000);
    expect(statSync(taskAssets.dictionaryAff).size).toBeGreaterThan(1_000);
    expect(statSync(taskAssets.dictionaryDic).size).toBeGreaterThan(100_000);
  });

  it('points a packaged app’s assets out of app.asar into app.asar.unpacked, and leaves other paths alone', () => {
    const packed = {
      harperWasm: '/opt/Forkpad/resources/app.asar/out/main/chunks/harper_wasm_bg-1.wasm',
      dictionaryAff: 'C:\\Program Files\\Forkpad\\resources\\app.asar\\out\\main\\chunks\\index-2.aff',
      dictionaryDic: '/Applications/Forkpad.app/Contents/Resources/app.asar/out/main/chunks/index-3.dic',
      wordFrequencies: '/opt/Forkpad/resources/app.asar/out/main/chunks/index-4.json',
    };
    expect(unpackedAssets(packed)).toEqual({
      harperWasm: '/opt/Forkpad/resources/app.asar.unpacked/out/main/chunks/harper_wasm_bg-1.wasm',
      dictionaryAff: 'C:\\Program Files\\Forkpad\\resources\\app.asar.unpacked\\out\\main\\chunks\\index-2.aff',
      dictionaryDic: '/Applications/Forkpad.app/Contents/Resources/app.asar.unpacked/out/main/chunks/index-3.dic',
      wordFrequencies: '/opt/Forkpad/resources/app.asar.unpacked/out/main/chunks/index-4.json',
    });
    // From sources or an unpacked build there is no archive; a folder merely named like one stays.
    expect(unpackedAssets(taskAssets)).toEqual(taskAssets);
    expect(unpackedAssets({ ...packed, harperWasm: '/home/me/app.asarx/h.wasm' }).harperWasm).toBe('/home/me/app.asarx/h.wasm');
  });
});
