/**
 * Whether out/ holds a build at least as new as every source file of the host and the tasks.
 * Suites that start many hosts use the build then (as the app does, and about twice as fast to
 * start as stripping the TypeScript sources in every new process and thread), and the sources
 * otherwise, so a stale build is never what gets tested.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../..');
export const BUILT_MAIN = join(ROOT, 'out/main');

function newestSource(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

let fresh: boolean | undefined;

/** True when out/main/web-host.js and the task entries exist and are newer than main/ and workers/. */
export function freshBuild(): boolean {
  if (fresh !== undefined) return fresh;
  try {
    const built = Math.min(...['web-host.js', 'task-thread.js', 'task-process.js'].map((name) => statSync(join(BUILT_MAIN, name)).mtimeMs));
    fresh = built >= Math.max(newestSource(join(ROOT, 'main')), newestSource(join(ROOT, 'workers')));
  } catch {
    fresh = false; // No build at all.
  }
  return fresh;
}
