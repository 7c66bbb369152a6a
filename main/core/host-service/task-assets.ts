/**
 * The files tasks load at run time, as paths both hosts pass in `TaskInit.assets`. The `?asset`
 * imports make electron-vite copy each file into the build and resolve its path from the bundle
 * (so the built web host and the Electron app find them beside their code); under vitest the same
 * imports resolve to the files in node_modules (vitest.config.ts). Tasks never import this:
 * Vite-only imports must stay out of modules a worker or child process loads from source.
 */
import harperWasm from '@harper-dist/harper_wasm_bg.wasm?asset';
import dictionaryAff from '@dictionary-en/index.aff?asset';
import dictionaryDic from '@dictionary-en/index.dic?asset';
import type { TaskAssets } from '../../../workers/common/task-api.ts';

export const taskAssets: TaskAssets = { harperWasm, dictionaryAff, dictionaryDic };
