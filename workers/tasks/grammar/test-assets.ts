/**
 * Where tests run from source find harper's WASM: in node_modules, as the host's asset resolver
 * does without a build. (Built bundles get the path from the host's `init.assets`.)
 */
import { resolve } from 'node:path';

export const HARPER_WASM = resolve(import.meta.dirname, '../../../node_modules/harper.js/dist/harper_wasm_bg.wasm');
