import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdits, type TextEdit } from '../../../workers/common/document.ts';
import type { SpellResult } from '../../../workers/common/task-api.ts';
import { EditHistory } from '../editor/edit-history.ts';
import { ProblemStore } from './problem-store.ts';

function spelling(text: string, version: number, words: readonly string[]): SpellResult {
  const issues = words.flatMap((word) => {
    const start = text.indexOf(word);
    return start === -1 ? [] : [{ start, end: start + word.length, word }];
  });
  return { uri: 'u', version, issues, checkedLines: 1 };
}

describe('ProblemStore', () => {
  it('places a late result through the edits made since, and drops issues an edit touched', () => {
    const v1 = 'teh cat and the wrod';
    const history = new EditHistory('u', 1);
    const store = new ProblemStore();
    const edits: TextEdit[] = [{ offset: 0, length: 0, text: 'So ' }];
    history.record(2, edits);
    store.applyChange(edits);
    const v2 = applyEdits(v1, edits);
    const touch: TextEdit[] = [{ offset: 3, length: 0, text: 'x' }];
    history.record(3, touch);
    store.applyChange(touch);
    const v3 = applyEdits(v2, touch);

    expect(store.setSpelling(spelling(v1, 1, ['teh', 'wrod']), history)).toBe(true);
    const placed = store.problems('spelling');
    expect(placed.map((problem) => v3.slice(problem.range.start, problem.range.end))).toEqual(['wrod']);
    expect(store.droppedCount).toBe(1);
  });

  it('ignores a result older than the one it holds', () => {
    const history = new EditHistory('u', 5);
    const store = new ProblemStore();
    expect(store.setSpelling(spelling('wrod', 5, ['wrod']), history)).toBe(true);
    expect(store.setSpelling(spelling('wrod', 4, []), history)).toBe(false);
    expect(store.counts()).toEqual({ spelling: 1, grammar: 0 });
  });

  it('forgets a word added to the dictionary and a rule ignored', () => {
    const history = new EditHistory('u', 1);
    const store = new ProblemStore();
    store.setSpelling(spelling('wrod teh', 1, ['wrod', 'teh']), history);
    store.setGrammar(
      { uri: 'u', version: 1, issues: [{ start: 0, end: 2, message: 'm', kind: 'k', rule: 'AnA', suggestions: [] }], paragraphs: { total: 1, linted: 1, cached: 0 } },
      history,
    );
    store.forgetWord('wrod');
    store.forgetRule('AnA');
    expect(store.problems('spelling').map((problem) => problem.owner === 'spelling' && problem.issue.word)).toEqual(['teh']);
    expect(store.counts()).toEqual({ spelling: 1, grammar: 0 });
  });

  it('never points an issue at other text, whatever edits happen before or after the result arrives', () => {
    const editArbitrary = (length: number) =>
      fc.record({ offset: fc.nat({ max: length }), length: fc.nat({ max: 4 }), text: fc.string({ maxLength: 4 }) }).map((edit) => ({
        ...edit,
        length: Math.min(edit.length, length - edit.offset),
      }));
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 6 })), { maxLength: 5 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.integer({ min: 0, max: 8 }),
        (text, spans, seeds, arrival) => {
          const history = new EditHistory('u', 0);
          const store = new ProblemStore();
          const issues = spans.map(([start, span]) => {
            const from = start % text.length;
            const to = Math.min(text.length, from + span);
            return { start: from, end: to, word: text.slice(from, to) };
          });
          let current = text;
          let version = 0;
          const deliver = () => store.setSpelling({ uri: 'u', version: 0, issues, checkedLines: 1 }, history);
          for (const [index, seed] of seeds.entries()) {
            if (index === arrival) deliver();
            const edit = fc.sample(editArbitrary(current.length), { seed, numRuns: 1 })[0];
            if (!edit) continue;
            current = applyEdits(current, [edit]);
            version += 1;
            history.record(version, [edit]);
            store.applyChange([edit]);
          }
          if (arrival >= seeds.length) deliver();
          for (const problem of store.problems('spelling')) {
            if (problem.owner !== 'spelling') continue;
            expect(current.slice(problem.range.start, problem.range.end)).toBe(problem.issue.word);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
