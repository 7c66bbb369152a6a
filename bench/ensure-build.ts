/**
 * The browser scenarios run the built web host and the host-side ones the built task entries,
 * so the benchmark builds first when out/ is missing or older than the sources (as `npm run web`
 * does), and measures exactly the code in the checkout.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCE_FOLDERS = ['main', 'preload', 'renderer', 'workers'];
const SOURCE_FILES = ['electron.vite.config.ts', 'package.json', 'package-lock.json', 'tsconfig.base.json', 'tsconfig.node.json', 'tsconfig.web.json'];
const OUTPUTS = ['out/main/web-host.js', 'out/main/task-thread.js', 'out/main/task-process.js', 'out/renderer/index.html'];

function newestSourceMs(root: string): number {
  let newest = 0;
  for (const file of SOURCE_FILES) if (existsSync(join(root, file))) newest = Math.max(newest, statSync(join(root, file)).mtimeMs);
  for (const folder of SOURCE_FOLDERS) {
    if (!existsSync(join(root, folder))) continue;
    for (const entry of readdirSync(join(root, folder), { recursive: true, withFileTypes: true })) {
      // Tests are not part of the build.
      if (entry.isFile() && !entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

/** Why a build is needed, or null when out/ is current. */
export function staleReason(root: string): string | null {
  const missing = OUTPUTS.filter((output) => !existsSync(join(root, output)));
  if (missing.length > 0) return `${missing.join(', ')} missing`;
  const oldest = Math.min(...OUTPUTS.map((output) => statSync(join(root, output)).mtimeMs));
  return newestSourceMs(root) > oldest ? 'sources changed since the last build' : null;
}

/** Builds when needed; throws with the build's exit status when it fails. */
export function ensureBuild(root: string, say: (line: string) => void): void {
  const reason = staleReason(root);
  if (!reason) return;
  say(`[bench] building (${reason})…`);
  const started = performance.now();
  const cli = realpathSync(join(root, 'node_modules/.bin/electron-vite'));
  const result = spawnSync(process.execPath, [cli, 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error(`the build failed (${result.signal ?? `exit code ${result.status}`})`);
  say(`[bench] built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
