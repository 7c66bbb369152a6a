#!/usr/bin/env node
/**
 * `npm run bench [-- --quick] [-- --check]`: Forkpad's benchmark (bench/run.ts, run from its
 * TypeScript source by Node 24's type stripping). Needs Node 24, as the app does.
 */
const major = Number(process.versions.node.split('.')[0]);
if (major !== 24) {
  console.error(`The benchmark needs Node 24 (this is ${process.version}): run it through npm, \`npm run bench\`.`);
  process.exit(1);
}
await import('../bench/run.ts');
