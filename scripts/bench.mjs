#!/usr/bin/env node
/**
 * `npm run bench [-- --quick] [-- --check]`: Forkpad's benchmark (bench/run.ts, run from its
 * TypeScript source by Node 24's type stripping). Needs Node 24, as the app does.
 *
 * The build is copied aside first and the whole run measures that copy: FORKPAD_OUT_DIR points
 * the browser-test harness and the task entries at it, so a rebuild of out/ by someone else
 * during the run changes nothing.
 */
const major = Number(process.versions.node.split('.')[0]);
if (major !== 24) {
  console.error(`The benchmark needs Node 24 (this is ${process.version}): run it through npm, \`npm run bench\`.`);
  process.exit(1);
}
const wantsHelp = process.argv.slice(2).some((arg) => arg === '--help' || arg === '-h');
const { snapshotBuild, removeSnapshot } = await import('../bench/build-snapshot.ts');
const root = new URL('..', import.meta.url).pathname;
const snapshot = wantsHelp ? undefined : await snapshotBuild(root, (line) => console.error(line));
if (snapshot) process.env.FORKPAD_OUT_DIR = snapshot;
try {
  await import('../bench/run.ts');
} finally {
  if (snapshot) await removeSnapshot(snapshot);
}
