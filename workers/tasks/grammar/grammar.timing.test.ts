/**
 * How fast grammar gives up on a 5 MB single line with no visible range. A CPU bound, so it runs
 * in the `timing` project; grammar.test.ts proves that harper is handed none of it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { cpuTimeOf } from '../../../test/fixtures/cpu-time.ts';
import { GrammarChecker } from './grammar-checker.ts';
import { loadHarper, type ParagraphLinter } from './harper-linter.ts';
import { HARPER_WASM } from './test-assets.ts';

let linter: ParagraphLinter;

beforeAll(async () => {
  linter = await loadHarper(HARPER_WASM, () => undefined);
}, 60_000);

describe('grammar speed', () => {
  it('limits a 5 MB single line in well under 5 s of CPU', async () => {
    const text = 'This is an test of a very long line. '.repeat(Math.ceil((5 * 1024 * 1024) / 37));
    const checker = new GrammarChecker({ linter, ignoredRules: [], emitProgress: () => undefined, log: () => undefined });
    // harper runs on this thread (WebAssembly, called directly), so its CPU time is counted.
    const { value: result, cpuMs } = await cpuTimeOf(() => {
      checker.open({ uri: 'file:///timing.md', version: 1, text, path: null });
      return checker.check({ version: 1 }, new AbortController().signal);
    });
    console.info(`[grammar test] 5 MB single line, nothing visible: ${cpuMs.toFixed(0)} ms of CPU`);
    expect(result.degraded).toMatch(/Grammar is limited/);
    expect(cpuMs).toBeLessThan(5_000);
  });
});
