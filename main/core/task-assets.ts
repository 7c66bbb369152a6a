/**
 * The files tasks load at run time, resolved by the host from its build. `?asset` makes
 * electron-vite copy each file into the build and yields its path there; under vitest the same
 * import yields the file's path in node_modules (see vitest.config.ts). Task modules never import
 * this: worker and child entries run without Vite, so the paths reach them in `TaskInit.assets`.
 */
import dictionaryAff from '@dictionary-en/index.aff?asset';
import dictionaryDic from '@dictionary-en/index.dic?asset';
import harperWasm from '@harper-dist/harper_wasm_bg.wasm?asset';
import wordFrequencies from '@subtlex/index.json?asset';
import type { TaskAssets } from '../../workers/common/task-api.ts';

export const taskAssets: TaskAssets = { harperWasm, dictionaryAff, dictionaryDic, wordFrequencies };

const ASAR_SEGMENT = /([\\/])app\.asar(?=[\\/])/;

/**
 * The same assets where a packaged app really keeps them. electron-builder's `asarUnpack`
 * (package.json "build") leaves them beside the archive in `app.asar.unpacked/`, but the paths
 * Vite computed point into `app.asar/`. Only Electron's patched `fs` reads through that; a task in
 * a worker thread or another process is given the real file's path instead.
 */
export function unpackedAssets(assets: TaskAssets): TaskAssets {
  const unpacked = (path: string) => path.replace(ASAR_SEGMENT, '$1app.asar.unpacked');
  return {
    harperWasm: unpacked(assets.harperWasm),
    dictionaryAff: unpacked(assets.dictionaryAff),
    dictionaryDic: unpacked(assets.dictionaryDic),
    ...(assets.wordFrequencies === undefined ? {} : { wordFrequencies: unpacked(assets.wordFrequencies) }),
  };
}
