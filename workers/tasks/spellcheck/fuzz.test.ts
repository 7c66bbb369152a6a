import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyEdits } from '../../common/document.ts';
import type { SpellcheckApi } from '../../common/task-api.ts';
import { hostileDocument, hostileEdit, placeEdit } from '../text/test-arbitraries.ts';
import { checkOnce, never, newSpellcheckTask } from './test/task-harness.ts';

let task: SpellcheckApi;
let scratch: SpellcheckApi;
beforeAll(async () => {
  [task, scratch] = await Promise.all([newSpellcheckTask(), newSpellcheckTask()]);
});

describe('spellcheck task under arbitrary input', () => {
  it('reports in-range, ordered issues on the exact text, as a check from scratch would', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(hostileDocument, fc.array(hostileEdit, { maxLength: 4 }), async (initial, edits) => {
        const uri = `untitled:fuzz-${++run}`;
        let text = initial;
        await task.open({ uri, version: 1, text, path: null }, never);
        await task.check({ version: 1 }, never);
        for (const [index, edit] of edits.entries()) {
          const placed = placeEdit(text, edit);
          await task.change({ uri, version: index + 2, edits: [placed] }, never);
          text = applyEdits(text, [placed]);
        }
        const result = await task.check({ version: edits.length + 1 }, never);
        let previousEnd = 0;
        for (const issue of result.issues) {
          expect(issue.start).toBeGreaterThanOrEqual(previousEnd);
          expect(issue.end).toBeGreaterThan(issue.start);
          expect(issue.end).toBeLessThanOrEqual(text.length);
          expect(text.slice(issue.start, issue.end)).toBe(issue.word);
          previousEnd = issue.end;
        }
        expect(result.issues).toEqual((await checkOnce(scratch, text, uri)).issues);
      }),
      { numRuns: 1500 },
    );
  });

  it('refuses malformed requests with INVALID_INPUT and keeps its document', async () => {
    await task.open({ uri: 'untitled:x', version: 1, text: 'keep tomorow', path: null }, never);
    const bad: unknown[] = [
      null, 'change', {}, { uri: 'untitled:x', version: 2, edits: [{ offset: 0, length: 99, text: '' }] },
      { uri: 'untitled:x', version: 2, edits: [{ offset: 0, length: 0, text: null }] }, { uri: 'untitled:other', version: 2, edits: [] },
    ];
    for (const request of bad) await expect(task.change(request as never, never)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    for (const request of [null, { word: 3 }, { word: 'a\nb' }, { word: '\u202e' }]) await expect(task.suggest(request as never, never)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect((await task.check({ version: 1 }, never)).issues.map((issue) => issue.word)).toEqual(['tomorow']);
  });
});
