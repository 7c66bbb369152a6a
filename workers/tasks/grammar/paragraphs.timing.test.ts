/**
 * How fast a 5 MB single line is cut into units. A CPU bound, so it runs in the `timing` project;
 * paragraphs.test.ts proves the split reads each character a bounded number of times.
 */
import { describe, expect, it } from 'vitest';
import { cpuTimeOf } from '../../../test/fixtures/cpu-time.ts';
import { splitUnits } from './paragraphs.ts';

describe('splitUnits speed', () => {
  it('splits a 5 MB single line in well under 2 s of CPU', async () => {
    const line = 'word '.repeat(1024 * 1024);
    const { value: units, cpuMs } = await cpuTimeOf(() => splitUnits(line));
    console.info(`[grammar test] splitUnits of a 5 MB single line: ${cpuMs.toFixed(0)} ms of CPU`);
    expect(units.length).toBeGreaterThan(1_000);
    expect(cpuMs).toBeLessThan(2_000);
  });
});
