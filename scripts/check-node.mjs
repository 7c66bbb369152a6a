#!/usr/bin/env node
/**
 * Fails unless this is Node 24, the Node inside Electron 45. `npm test` runs it first, so a
 * suite never passes on a Node the app does not ship with.
 *
 * Through npm (`npm test`, `npm run …`, `npx …`) the node@24 devDependency's
 * node_modules/.bin/node comes first on PATH, whatever Node the shell has.
 */
const REQUIRED_MAJOR = 24;
const major = Number(process.versions.node.split('.')[0]);

if (major !== REQUIRED_MAJOR) {
  console.error(
    [
      `Forkpad needs Node ${REQUIRED_MAJOR} (the Node inside Electron 45), but this is Node ${process.version} (${process.execPath}).`,
      'Run it through npm, which uses the node@24 devDependency: `npm install`, then `npm test` or `npm run <script>`.',
      'Running a tool from node_modules/.bin directly uses the shell\'s Node instead.',
    ].join('\n'),
  );
  process.exit(1);
}
