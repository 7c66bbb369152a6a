/**
 * One-word edits of a 200 KB document, each checked. Shared by the unit test (which line was
 * re-checked, which issues came back) and the timing test (the CPU each check took), so the two
 * measure the same work and only the timing project asserts on time.
 */
import { cpuTimeOf } from '../../../../test/fixtures/cpu-time.ts';
import type { SpellcheckApi, SpellResult } from '../../../common/task-api.ts';
import { sampleDocument } from '../../text/sample-document.ts';
import { checkOnce, never } from './task-harness.ts';

export interface CheckedEdit {
  readonly replacement: string;
  readonly result: SpellResult;
  readonly cpuMs: number;
}

/** Even edits misspell "people" somewhere; odd ones put it right again. */
export async function checkOneWordEdits(task: SpellcheckApi, uri: string, edits = 40): Promise<{ readonly first: SpellResult; readonly edits: readonly CheckedEdit[] }> {
  let current = sampleDocument(200_000);
  const first = await checkOnce(task, current, uri);
  const checked: CheckedEdit[] = [];
  let offset = 0;
  for (let version = 2; version <= edits + 1; version++) {
    if (version % 2 === 0) offset = current.indexOf(' people ', (version * 7919) % (current.length - 10)) + 1;
    const replacement = version % 2 === 0 ? 'peeple' : 'people';
    const { value: result, cpuMs } = await cpuTimeOf(async () => {
      await task.change({ uri, version, edits: [{ offset, length: 6, text: replacement }] }, never);
      return task.check({ version }, never);
    });
    checked.push({ replacement, result, cpuMs });
    current = current.slice(0, offset) + replacement + current.slice(offset + 6);
  }
  return { first, edits: checked };
}
