/**
 * The rule for the parallel `unit` project: no test there may assert a timing or CPU bound that
 * another process on the machine can break (vitest.config.ts, README "Tests"). This catches the
 * direct forms in the test files themselves: the CPU-time fixture, a CPU clock, and a clock read
 * inside an expectation. A duration measured into a variable and bounded later is left to review.
 */
import { globSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UNIT_TESTS } from '../../vitest.config.ts';

const root = resolve(import.meta.dirname, '../..');
const SELF = 'test/lint/unit-bounds.test.ts';

interface Rule {
  readonly what: string;
  readonly pattern: RegExp;
  /** A line the rule must report, so that a rule that can never match fails here. */
  readonly example: string;
}

const RULES: readonly Rule[] = [
  {
    what: 'imports the CPU-time fixture (a CPU bound belongs in a *.timing.test.ts file)',
    pattern: /fixtures\/cpu-time\.ts['"]/,
    example: "import { cpuTimeOf } from '../../../test/fixtures/cpu-time.ts';",
  },
  {
    what: 'reads a CPU clock',
    pattern: /\bprocess\.(cpuUsage|threadCpuUsage|hrtime)\b|\.cpuUsage\(/,
    example: 'const before = process.threadCpuUsage();',
  },
  {
    what: 'reads a clock inside an expectation',
    pattern: /\bexpect\([^;]*\b(performance\.now|Date\.now)\(\)/,
    example: 'expect(performance.now() - started).toBeLessThan(200);',
  },
];

function unitTestFiles(): string[] {
  return globSync(UNIT_TESTS.include, { cwd: root, exclude: UNIT_TESTS.exclude }).filter((file) => file !== SELF).sort();
}

describe('unit project bounds', () => {
  it.each(RULES)('reports a line that $what', (rule) => {
    expect(rule.pattern.test(rule.example)).toBe(true);
  });

  it('scans the files the unit project runs, and none of the timing project', () => {
    const files = unitTestFiles();
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain('main/core/hosts/hosts.test.ts');
    expect(files.filter((file) => file.endsWith('.timing.test.ts') || file.endsWith('.browser.test.ts'))).toEqual([]);
    expect(files).not.toContain('workers/tasks/keystroke/keystroke.test.ts');
  });

  it('finds no clock bound in them', () => {
    const found: string[] = [];
    for (const file of unitTestFiles()) {
      readFileSync(join(root, file), 'utf8')
        .split('\n')
        .forEach((line, index) => {
          for (const rule of RULES) if (rule.pattern.test(line)) found.push(`${file}:${index + 1} ${rule.what}: ${line.trim()}`);
        });
    }
    expect(found).toEqual([]);
  });
});
