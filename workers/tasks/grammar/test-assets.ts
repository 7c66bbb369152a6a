/**
 * Where tests run from source find harper's WASM: in node_modules, as the host's asset resolver
 * does without a build. (Built bundles get the path from the host's `init.assets`.)
 */
import { SOURCE_TASK_ASSETS } from '../../node/source-assets.ts';

export const HARPER_WASM = SOURCE_TASK_ASSETS.harperWasm;
