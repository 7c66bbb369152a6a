/**
 * Proves the lint's import directions (eslint.config.js) on snippets linted as if they sat at
 * the given paths: each deliberately wrong import is reported, and the allowed ones are clean.
 */
import { dirname, join, relative, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

/** The import specifier from a fixture at `fromFile` (repo-relative) to `toFile` (absolute). */
function specifier(fromFile: string, toFile: string): string {
  const path = relative(dirname(join(root, fromFile)), toFile).replaceAll('\\', '/');
  return path.startsWith('.') ? path : `./${path}`;
}

// Relative imports resolve lexically (see eslint.config.js), so these need not exist.
const mainFile = join(root, 'main/core/supervisor/supervisor-api.ts');
const commonFile = join(root, 'workers/common/tasks.ts');
const preloadFile = join(root, 'preload/index.ts');
const rendererFile = join(root, 'renderer/src/main.ts');
const taskSideFile = join(root, 'workers/tasks/spellcheck.ts');
const entryFile = join(root, 'workers/entry/serve-task.ts');
const nodeFile = join(root, 'workers/node/atomic-write.ts');

const RESTRICTED_PATH = 'import-x/no-restricted-paths';
const RESTRICTED_IMPORT = 'no-restricted-imports';

interface Case {
  readonly at: string;
  readonly imports: string;
  /** Rule ids expected among the errors; empty for an import that must lint clean. */
  readonly expect: readonly string[];
  /** Imports as `import type` instead of a side-effect import. */
  readonly typeOnly?: boolean;
}

const cases: readonly Case[] = [
  // renderer/
  { at: 'renderer/src/lint-fixture.ts', imports: mainFile, expect: [RESTRICTED_PATH], typeOnly: true },
  { at: 'renderer/src/lint-fixture.ts', imports: preloadFile, expect: [RESTRICTED_PATH] },
  { at: 'renderer/src/lint-fixture.ts', imports: taskSideFile, expect: [RESTRICTED_PATH] },
  { at: 'renderer/src/lint-fixture.ts', imports: 'electron', expect: [RESTRICTED_IMPORT] },
  { at: 'renderer/src/lint-fixture.ts', imports: 'node:fs', expect: [RESTRICTED_IMPORT] },
  { at: 'renderer/src/lint-fixture.ts', imports: commonFile, expect: [] },
  // workers/ (task side)
  { at: 'workers/tasks/lint-fixture.ts', imports: mainFile, expect: [RESTRICTED_PATH], typeOnly: true },
  { at: 'workers/tasks/lint-fixture.ts', imports: preloadFile, expect: [RESTRICTED_PATH] },
  { at: 'workers/tasks/lint-fixture.ts', imports: rendererFile, expect: [RESTRICTED_PATH] },
  { at: 'workers/tasks/lint-fixture.ts', imports: 'electron', expect: [RESTRICTED_IMPORT], typeOnly: true },
  { at: 'workers/tasks/lint-fixture.ts', imports: commonFile, expect: [] },
  { at: 'workers/tasks/lint-fixture.ts', imports: 'node:fs', expect: [] },
  // workers/common/
  { at: 'workers/common/lint-fixture.ts', imports: 'node:fs', expect: [RESTRICTED_IMPORT] },
  { at: 'workers/common/lint-fixture.ts', imports: 'valibot', expect: [RESTRICTED_IMPORT, RESTRICTED_PATH] },
  { at: 'workers/common/lint-fixture.ts', imports: 'electron', expect: [RESTRICTED_IMPORT, RESTRICTED_PATH], typeOnly: true },
  { at: 'workers/common/lint-fixture.ts', imports: mainFile, expect: [RESTRICTED_PATH], typeOnly: true },
  { at: 'workers/common/lint-fixture.ts', imports: commonFile, expect: [] },
  // workers/node/ (shared by the host and the tasks)
  { at: 'workers/node/lint-fixture.ts', imports: mainFile, expect: [RESTRICTED_PATH], typeOnly: true },
  { at: 'workers/node/lint-fixture.ts', imports: taskSideFile, expect: [RESTRICTED_PATH] },
  { at: 'workers/node/lint-fixture.ts', imports: entryFile, expect: [RESTRICTED_PATH] },
  { at: 'workers/node/lint-fixture.ts', imports: rendererFile, expect: [RESTRICTED_PATH] },
  { at: 'workers/node/lint-fixture.ts', imports: 'electron', expect: [RESTRICTED_IMPORT] },
  { at: 'workers/node/lint-fixture.ts', imports: commonFile, expect: [] },
  { at: 'workers/node/lint-fixture.ts', imports: 'node:fs', expect: [] },
  { at: 'workers/tasks/lint-fixture.ts', imports: nodeFile, expect: [] },
  { at: 'workers/entry/lint-fixture.ts', imports: nodeFile, expect: [] },
  { at: 'main/core/lint-fixture.ts', imports: nodeFile, expect: [] },
  { at: 'workers/common/lint-fixture.ts', imports: nodeFile, expect: [RESTRICTED_PATH] },
  { at: 'renderer/src/lint-fixture.ts', imports: nodeFile, expect: [RESTRICTED_PATH] },
  // main/ core and glue
  { at: 'main/core/lint-fixture.ts', imports: 'electron', expect: [RESTRICTED_IMPORT] },
  { at: 'main/core/lint-fixture.ts', imports: 'electron', expect: [RESTRICTED_IMPORT], typeOnly: true },
  { at: 'main/web/lint-fixture.ts', imports: 'electron/main', expect: [RESTRICTED_IMPORT] },
  { at: 'main/core/lint-fixture.ts', imports: rendererFile, expect: [RESTRICTED_PATH] },
  { at: 'main/core/lint-fixture.ts', imports: preloadFile, expect: [RESTRICTED_PATH] },
  { at: 'main/core/lint-fixture.ts', imports: commonFile, expect: [] },
  { at: 'main/core/lint-fixture.ts', imports: taskSideFile, expect: [] },
  { at: 'main/electron/lint-fixture.ts', imports: 'electron', expect: [] },
  // preload/
  { at: 'preload/lint-fixture.ts', imports: 'electron', expect: [] },
  { at: 'preload/lint-fixture.ts', imports: commonFile, expect: [] },
  { at: 'preload/lint-fixture.ts', imports: mainFile, expect: [RESTRICTED_PATH] },
];

function source(testCase: Case): string {
  const target = testCase.imports.startsWith('/') ? specifier(testCase.at, testCase.imports) : testCase.imports;
  // A type-only import needs a name; `export type *` re-exports one without an unused variable.
  return testCase.typeOnly ? `export type * as Fixture from '${target}';\n` : `import '${target}';\n`;
}

let eslint: ESLint;

beforeAll(() => {
  const fixtures = [...new Set(cases.map((testCase) => testCase.at))];
  eslint = new ESLint({
    cwd: root,
    // The fixtures do not exist on disk, so no tsconfig's project holds them: the project
    // service types them in its default project instead. Everything else is the real config.
    overrideConfig: {
      languageOptions: {
        parserOptions: {
          projectService: {
            allowDefaultProject: fixtures,
            defaultProject: 'tsconfig.node.json',
            // More fixture paths than typescript-eslint's default cap of 8 default-project files.
            maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: fixtures.length,
          },
        },
      },
    },
  });
});

async function lint(at: string, code: string): Promise<ESLint.LintResult> {
  const [result] = await eslint.lintText(code, { filePath: join(root, at) });
  if (!result) throw new Error(`ESLint returned no result for ${at}`);
  return result;
}

describe('import directions', () => {
  it.each(cases.map((testCase) => [`${testCase.at} ← ${relative(root, testCase.imports) || testCase.imports}${testCase.typeOnly ? ' (type)' : ''}`, testCase] as const))(
    '%s',
    async (_name, testCase) => {
      const result = await lint(testCase.at, source(testCase));
      const rules = [...new Set(result.messages.map((message) => message.ruleId ?? message.message))].sort();
      expect(rules).toEqual([...testCase.expect].sort());
    },
  );
});

describe('type-aware rules', () => {
  it('reports a floating promise and an explicit any', async () => {
    const code = ['async function later(): Promise<number> {', '  return 1;', '}', 'later();', 'export const loose: any = later;', ''].join('\n');
    const result = await lint('main/core/lint-fixture.ts', code);
    const rules = result.messages.map((message) => message.ruleId);
    expect(rules).toContain('@typescript-eslint/no-floating-promises');
    expect(rules).toContain('@typescript-eslint/no-explicit-any');
  });

  it('reports a catch block that swallows an error without saying why', async () => {
    const silent = await lint('main/core/lint-fixture.ts', 'try {\n  JSON.parse("x");\n} catch {}\n');
    expect(silent.messages.map((message) => message.ruleId)).toEqual(['no-empty']);
    const explained = await lint('main/core/lint-fixture.ts', 'try {\n  JSON.parse("x");\n} catch {\n  // Malformed input is expected here.\n}\n');
    expect(explained.messages).toEqual([]);
  });
});
