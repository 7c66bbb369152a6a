// @ts-check
/**
 * Forkpad's lint: typescript-eslint's type-aware rules, plus the import directions of
 * ../shared/DESIGN.md ("Imports point one way"), enforced here rather than in review:
 *
 *   renderer/        → workers/common only (never main/, preload/, other workers/)
 *   preload/         → workers/common and `electron` only
 *   workers/         → never main/, preload/, renderer/
 *   workers/common/  → nothing outside itself: no node:, no packages
 *   workers/node/    → workers/common, Node built-ins and packages; never the tasks, their
 *                      entries or main/ (both main/ and the tasks import it: VS Code's base/node)
 *   main/            → never renderer/ or preload/
 *   `electron`       → only main/electron/ and preload/ (the core runs in plain Node)
 *
 * test/lint/import-rules.test.ts proves each direction with deliberately wrong imports.
 */
import { dirname, resolve } from 'node:path';
import importX from 'eslint-plugin-import-x';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

const root = import.meta.dirname;

const nodeResolver = importX.createNodeResolver({ extensions: ['.ts', '.js', '.mjs', '.json'] });

/**
 * Resolves relative imports lexically, so the direction rule judges the path as written even
 * when the file does not exist (yet): a missing file is tsc's to report, not a way past the
 * layering. Packages resolve through node_modules as usual.
 *
 * @type {import('eslint-plugin-import-x').NewResolver}
 */
const lexicalResolver = {
  interfaceVersion: 3,
  name: 'forkpad-lexical',
  resolve(modulePath, sourceFile) {
    if (modulePath.startsWith('./') || modulePath.startsWith('../')) {
      return { found: true, path: resolve(dirname(sourceFile), modulePath) };
    }
    return nodeResolver.resolve(modulePath, sourceFile);
  },
};

/** Forbids `electron` everywhere but the two folders that run inside Electron. */
const noElectron = {
  name: 'electron',
  message: 'Only main/electron/ and preload/ may import electron: the core must run in plain Node (web host, tests).',
};
const noElectronSubpaths = { group: ['electron/*'], message: noElectron.message };

/** `no-restricted-paths` zones: from which folders each folder may not import. */
const zones = [
  { target: './renderer', from: './main', message: 'The renderer talks to the host only through the RPC in workers/common.' },
  { target: './renderer', from: './preload', message: 'The renderer reaches the preload only through window.forkpad (workers/common/bridge.ts).' },
  { target: './renderer', from: './workers', except: ['./common'], message: 'The renderer may import only workers/common.' },
  { target: './preload', from: './main', message: 'The preload is a sandboxed bridge; it shares only workers/common.' },
  { target: './preload', from: './renderer', message: 'The preload is a sandboxed bridge; it shares only workers/common.' },
  { target: './preload', from: './workers', except: ['./common'], message: 'The preload may import only workers/common.' },
  { target: './workers', from: './main', message: 'Tasks never import the host.' },
  { target: './workers', from: './preload', message: 'Tasks never import the preload.' },
  { target: './workers', from: './renderer', message: 'Tasks never import the renderer.' },
  {
    target: './workers/node',
    from: './workers',
    except: ['./common', './node'],
    message: 'workers/node is shared by the host and the tasks: it imports only workers/common and itself.',
  },
  { target: './main', from: './renderer', message: 'The host never imports the renderer.' },
  { target: './main', from: './preload', message: 'The host never imports the preload.' },
];

/** workers/common imports nothing outside itself (its tests may import test tooling). */
const commonZone = { target: './workers/common', from: '.', except: ['./workers/common'], message: 'workers/common imports nothing but itself.' };

export default defineConfig(
  globalIgnores(['out/**', 'dist/**', 'bench/results/**', 'test-results/**', 'coverage/**']),

  {
    name: 'forkpad/typescript',
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    plugins: { 'import-x': importX },
    languageOptions: {
      parserOptions: {
        // Each file is typed by the tsconfig that includes it (tsconfig.node.json or
        // tsconfig.web.json, referenced from tsconfig.json).
        projectService: true,
        tsconfigRootDir: root,
      },
    },
    settings: {
      'import-x/resolver-next': [lexicalResolver],
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // A `catch {}` must say why it swallows: a comment inside makes the block non-empty.
      'no-empty': ['error', { allowEmptyCatch: false }],
      eqeqeq: ['error', 'always'],
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [noElectronSubpaths] }],
      'import-x/no-restricted-paths': ['error', { basePath: root, zones }],
    },
  },

  {
    name: 'forkpad/electron-glue',
    files: ['main/electron/**/*.ts', 'preload/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },

  {
    name: 'forkpad/renderer',
    files: ['renderer/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [noElectronSubpaths, { regex: '^node:', message: 'The renderer is a sandboxed web page: no Node built-ins.' }],
        },
      ],
    },
  },

  {
    name: 'forkpad/workers-common',
    files: ['workers/common/**/*.ts'],
    ignores: ['workers/common/**/*.test.ts'],
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: root, zones: [...zones, commonZone] }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!\\.{1,2}/)',
              message: 'workers/common is the shared contract: it imports nothing but itself (no node:, no packages, no electron).',
            },
          ],
        },
      ],
    },
  },

  {
    // Tests may import test tooling (vitest, fast-check, node:) beside the code they test.
    name: 'forkpad/workers-common-tests',
    files: ['workers/common/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [noElectronSubpaths] }],
    },
  },

  {
    name: 'forkpad/scripts',
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.recommended],
    languageOptions: {
      globals: { console: 'readonly', process: 'readonly', performance: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly' },
    },
    rules: {
      'no-empty': ['error', { allowEmptyCatch: false }],
      eqeqeq: ['error', 'always'],
      'no-undef': 'error',
    },
  },
);
