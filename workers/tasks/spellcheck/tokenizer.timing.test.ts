/**
 * That the tokenizer stays linear on hostile lines (no regular expression backtracks on them). A
 * CPU bound, so it runs in the `timing` project: even this thread's CPU time stretches when
 * another process shares its core's caches. tokenizer.test.ts checks what it finds on them.
 */
import { describe, expect, it } from 'vitest';
import { cpuTimeOf } from '../../../test/fixtures/cpu-time.ts';
import { HOSTILE_UNITS, hostileLine } from './test/hostile-lines.ts';
import { proseWords } from './tokenizer.ts';

describe('prose tokenizer speed', () => {
  it('stays linear on hostile lines', async () => {
    for (const unit of HOSTILE_UNITS) {
      const line = hostileLine(unit);
      const { cpuMs } = await cpuTimeOf(() => proseWords(line));
      console.info(`[spellcheck test] proseWords on ${line.length} characters of ${JSON.stringify(unit)}: ${cpuMs.toFixed(1)} ms of CPU`);
      expect(cpuMs, unit).toBeLessThan(500);
    }
  });
});
