/**
 * The build the benchmark measures, copied aside before the run. Several people share this
 * checkout, and any of them may run `npm run build` (which empties out/) in the middle of a
 * ten-minute benchmark; a private copy keeps the run on one build from start to end. The copy
 * lives in node_modules/.cache: the bundles still find their packages by walking up, and linters
 * and test runners leave node_modules alone.
 */
import { cp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuild } from './ensure-build.ts';

const REQUIRED = ['main/web-host.js', 'main/task-thread.js', 'main/task-process.js', 'renderer/index.html'];

/** Builds if out/ is stale, copies it aside, and returns the copy's path. */
export async function snapshotBuild(root: string, say: (line: string) => void): Promise<string> {
  ensureBuild(root, say);
  // One folder per run: worktrees that share one node_modules may run benches side by side.
  const snapshot = join(root, `node_modules/.cache/forkpad-bench-${process.pid}`);
  await rm(snapshot, { recursive: true, force: true });
  await cp(join(root, 'out'), snapshot, { recursive: true });
  const missing = REQUIRED.filter((file) => !existsSync(join(snapshot, file)));
  if (missing.length > 0) throw new Error(`the build is incomplete (${missing.join(', ')} missing): was another build running? Try again.`);
  return snapshot;
}

export async function removeSnapshot(snapshot: string): Promise<void> {
  await rm(snapshot, { recursive: true, force: true });
}
