import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { assetAliases } from './electron.vite.config.ts';

/**
 * electron-vite turns `x?asset` into the path of a copied file. Tests run the sources, so here
 * the same import yields the file's path in node_modules.
 */
function assetPaths(): Plugin {
  return {
    name: 'forkpad-asset-paths',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!source.endsWith('?asset')) return null;
      const resolved = await this.resolve(source.slice(0, -'?asset'.length), importer, { skipSelf: true });
      // A virtual id with no ':' or '/', so vitest neither externalizes it nor reads it as a URL.
      return resolved ? `\0forkpad-asset-${Buffer.from(resolved.id).toString('hex')}` : null;
    },
    load(id) {
      const prefix = '\0forkpad-asset-';
      return id.startsWith(prefix) ? `export default ${JSON.stringify(Buffer.from(id.slice(prefix.length), 'hex').toString())};` : null;
    },
  };
}

/**
 * Tests whose assertions are about time or CPU. None of these may run in the parallel `unit`
 * project, where another test file or another user of the machine can stretch any wall clock and
 * even a thread's own CPU time: unit tests bound work by what they count (reads, calls, items),
 * wait for events rather than for fixed sleeps, and keep their correctness checks beside a
 * `*.timing.test.ts` file that holds the speed claim. `npm test` runs these on their own, one
 * file at a time, after the unit project and before the browser project.
 */
const TIMING_TESTS = [
  // A timing claim split off from a unit test of the same code, which keeps the logic.
  '{main,workers,test}/**/*.timing.test.ts',
  'main/core/probes/cpu-accuracy.test.ts',
  'main/core/supervisor/hangs-and-leaks.test.ts',
  'workers/tasks/keystroke/keystroke.test.ts',
  'test/reliability/host-kill.test.ts',
  'test/reliability/crash-storm.test.ts',
  'test/reliability/resource-bounds.test.ts',
  'test/reliability/fuzz.test.ts',
  // Keystroke cost in a 10 MB document and a 5 MB line (wall-clock median and slowest).
  'test/host/large-documents.test.ts',
  'main/core/session/document-mirror.test.ts',
  // A cancelled lesson measurement ends within 5 s, and the measurements themselves take cores.
  'main/core/lesson/lesson-service.test.ts',
];

/** What the parallel `unit` project runs (test/lint/unit-bounds.test.ts scans the same files). */
export const UNIT_TESTS = {
  include: ['{main,workers,preload,renderer,test}/**/*.test.ts'],
  exclude: ['**/*.browser.test.ts', 'node_modules/**', ...TIMING_TESTS],
};

export default defineConfig({
  resolve: { alias: assetAliases },
  plugins: [assetPaths()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: UNIT_TESTS.include,
          exclude: UNIT_TESTS.exclude,
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'timing',
          include: [...TIMING_TESTS],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 60_000,
          // Alone on the machine: these assert CPU readings, latencies and loss windows, which
          // other test files running beside them on two cores would distort.
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.browser.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One Chromium and one web host at a time: two cores, and tests measure timing.
          fileParallelism: false,
        },
      },
    ],
  },
});
