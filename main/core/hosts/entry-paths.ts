/**
 * Where the task entry points are. Tests and the source-run web host start the TypeScript
 * entries directly (Node 24 strips types); the app starts the bundles electron-vite built
 * beside its main module (see the inputs `task-thread` and `task-process` in
 * electron.vite.config.ts).
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface EntryPaths {
  /** Module a worker thread runs: `new Worker(thread, { name: task })`. */
  readonly thread: string;
  /** Module a task process runs: `fork(process)` or `utilityProcess.fork(process)`. */
  readonly process: string;
}

/** This checkout's root, found from this file's place in the source tree (main/core/hosts). */
function sourceRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
}

/** The TypeScript entries in the source tree. */
export function sourceEntryPaths(root: string = sourceRoot()): EntryPaths {
  return { thread: join(root, 'workers/entry/thread.ts'), process: join(root, 'workers/entry/process.ts') };
}

/** The built entries, beside the main bundle: pass `import.meta.dirname` of out/main/index.js. */
export function builtEntryPaths(outMainDir: string): EntryPaths {
  return { thread: join(outMainDir, 'task-thread.js'), process: join(outMainDir, 'task-process.js') };
}

/**
 * The built entries if `outMainDir` holds them, else the source ones: one call for a host that
 * may run from the build or from source.
 */
export function resolveEntryPaths(outMainDir: string): EntryPaths {
  const built = builtEntryPaths(outMainDir);
  return existsSync(built.thread) && existsSync(built.process) ? built : sourceEntryPaths();
}

/** Throws a clear error naming any entry that does not exist. */
export function checkEntryPaths(paths: EntryPaths): EntryPaths {
  for (const [kind, path] of [['thread', paths.thread], ['process', paths.process]] as const) {
    if (!existsSync(path)) throw new Error(`The ${kind} task entry ${path} does not exist (run the build, or use sourceEntryPaths()).`);
  }
  return paths;
}
