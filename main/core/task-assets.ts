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
